//! `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]` (RFC 8866 §6.6).

use super::{parse_u64, split_token};
use crate::sdp::error::SdpError;

/// A typed `a=rtpmap` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtpMap<'a> {
    /// RTP payload type, 0..=127.
    pub payload_type: u8,
    /// Encoding name as written (compare case-insensitively: RFC 4855 §3).
    pub encoding_name: &'a str,
    /// RTP clock rate in Hz.
    pub clock_rate: u32,
    /// Encoding parameters (audio: channel count), when given.
    pub channels: Option<u16>,
}

impl<'a> RtpMap<'a> {
    /// Parses `111 opus/48000/2`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the payload type is not 0..=127, the
    /// name is empty, or the clock rate or channels are not numbers.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "a=rtpmap";
        let (pt, rest) = split_token(value);
        let payload_type =
            parse_pt(pt).ok_or(SdpError::invalid(line, F, "payload type is not 0..=127"))?;
        let rest = crate::sdp::text::trim_ws_end(rest);
        let (encoding_name, rest) = crate::sdp::text::split_once_byte(rest, b'/');
        if encoding_name.is_empty() || encoding_name.bytes().any(|b| b == b' ' || b == b'\t') {
            return Err(SdpError::invalid(line, F, "missing encoding name"));
        }
        let (clock, channels) = crate::sdp::text::split_once_byte(rest.unwrap_or(""), b'/');
        let clock_rate = parse_u64(clock)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or(SdpError::invalid(line, F, "clock rate is not a number"))?;
        let channels = match channels {
            None => None,
            Some(c) if c.contains('/') => {
                return Err(SdpError::invalid(line, F, "too many / fields"));
            }
            Some(c) => Some(
                parse_u64(c)
                    .and_then(|v| u16::try_from(v).ok())
                    .ok_or(SdpError::invalid(line, F, "channels is not a number"))?,
            ),
        };
        Ok(RtpMap {
            payload_type,
            encoding_name,
            clock_rate,
            channels,
        })
    }

    /// Channels with the RFC 8866 §6.6 default of 1.
    pub fn channel_count(&self) -> u16 {
        self.channels.unwrap_or(1)
    }
}

/// Reads an RTP payload type token (0..=127).
pub(crate) fn parse_pt(s: &str) -> Option<u8> {
    parse_u64(s).filter(|&v| v <= 127).map(|v| v as u8)
}
