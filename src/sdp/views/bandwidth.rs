//! `b=<bwtype>:<bandwidth>` (RFC 8866 §5.8, RFC 3890 for TIAS).

use super::parse_u64;
use crate::sdp::error::SdpError;

/// The bandwidth modifier of a `b=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "unknown modifiers are kept in the catch-all variant"
)]
pub enum BandwidthType<'a> {
    /// `AS`: application specific maximum, kilobits per second.
    As,
    /// `CT`: conference total, kilobits per second.
    Ct,
    /// `TIAS`: transport-independent application specific maximum, bits per second (RFC 3890).
    Tias,
    /// `RS`/`RR`: RTCP sender/receiver bandwidth, bits per second (RFC 3556).
    Rtcp(&'a str),
    /// Any other modifier, as written.
    Other(&'a str),
}

/// A typed `b=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bandwidth<'a> {
    /// The modifier.
    pub bw_type: BandwidthType<'a>,
    /// The value in the modifier's unit (see [`BandwidthType`]).
    pub value: u64,
}

impl<'a> Bandwidth<'a> {
    /// Parses `AS:64`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when there is no `:`, no modifier before it,
    /// or the value is not a number.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        let (kind, v) = value
            .split_once(':')
            .filter(|(kind, _)| !kind.is_empty())
            .ok_or(SdpError::invalid(
                line,
                "b= line",
                "expected <bwtype>:<bandwidth>",
            ))?;
        let value = parse_u64(v.trim()).ok_or(SdpError::invalid(
            line,
            "b= line",
            "bandwidth is not a number",
        ))?;
        let bw_type = if kind.eq_ignore_ascii_case("AS") {
            BandwidthType::As
        } else if kind.eq_ignore_ascii_case("CT") {
            BandwidthType::Ct
        } else if kind.eq_ignore_ascii_case("TIAS") {
            BandwidthType::Tias
        } else if kind.eq_ignore_ascii_case("RS") || kind.eq_ignore_ascii_case("RR") {
            BandwidthType::Rtcp(kind)
        } else {
            BandwidthType::Other(kind)
        };
        Ok(Bandwidth { bw_type, value })
    }

    /// The value in kilobits per second for `AS`, `CT` and `TIAS` (rounded up); `None` otherwise.
    pub fn kbps(&self) -> Option<u64> {
        match self.bw_type {
            BandwidthType::As | BandwidthType::Ct => Some(self.value),
            BandwidthType::Tias => Some(self.value.div_ceil(1000)),
            _ => None,
        }
    }
}
