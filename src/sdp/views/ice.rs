//! `a=candidate` (RFC 8839 §5.1), kept raw and typed on demand.

use super::{parse_u64, split_token};
use crate::sdp::error::SdpError;

/// An ICE candidate line value. The text is kept raw, so MS-ICE (Lync
/// `x-candidate-ipv6`, `TCP-ACT`/`TCP-PASS` transports) and other
/// non-RFC forms survive; [`Candidate::to_webrtc`] types the RFC 8839 form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// `<foundation>`.
    pub foundation: &'a str,
    /// `<component-id>`: 1 RTP, 2 RTCP.
    pub component: u32,
    /// `<transport>` as written (`udp`, `UDP`, `tcp`, `TCP-ACT`, ...).
    pub transport: &'a str,
    /// `<priority>`.
    pub priority: u64,
    /// `<connection-address>` as written.
    pub address: &'a str,
    /// `<port>`.
    pub port: u16,
    /// The candidate type after `typ` (`host`, `srflx`, `prflx`, `relay`).
    pub kind: &'a str,
    /// Everything after the type (raddr, rport, extensions), as written.
    pub extensions: &'a str,
    /// The whole value as written.
    pub raw: &'a str,
}

impl<'a> Candidate<'a> {
    /// Parses `1 1 UDP 2130706431 192.0.2.1 27100 typ host ...`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when a mandatory field is missing or not a number.
    pub fn parse(raw: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "a=candidate";
        let (foundation, rest) = split_token(raw);
        let (component, rest) = split_token(rest);
        let (transport, rest) = split_token(rest);
        let (priority, rest) = split_token(rest);
        let (address, rest) = split_token(rest);
        let (port, rest) = split_token(rest);
        let (typ, rest) = split_token(rest);
        let (kind, extensions) = split_token(rest);
        if foundation.is_empty()
            || transport.is_empty()
            || address.is_empty()
            || kind.is_empty()
            || typ != "typ"
        {
            return Err(SdpError::invalid(
                line,
                F,
                "expected <foundation> <component> <transport> <priority> <address> <port> typ <type>",
            ));
        }
        let component = parse_u64(component)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or(SdpError::invalid(line, F, "component is not a number"))?;
        let priority =
            parse_u64(priority).ok_or(SdpError::invalid(line, F, "priority is not a number"))?;
        let port = parse_u64(port)
            .and_then(|v| u16::try_from(v).ok())
            .ok_or(SdpError::invalid(line, F, "port is not 0..=65535"))?;
        Ok(Candidate {
            foundation,
            component,
            transport,
            priority,
            address,
            port,
            kind,
            extensions: extensions.trim_end(),
            raw,
        })
    }

    /// Types the candidate with webrtc-sdp's parser (RFC 8839 form only).
    ///
    /// # Errors
    /// [`SdpError::WebRtcSdp`] when webrtc-sdp refuses it (MS-ICE forms, `TCP-ACT`, ...).
    pub fn to_webrtc(
        &self,
        line: usize,
    ) -> Result<webrtc_sdp::attribute_type::SdpAttributeCandidate, SdpError> {
        use webrtc_sdp::attribute_type::SdpAttribute;
        match format!("candidate:{}", self.raw).parse::<SdpAttribute>() {
            Ok(SdpAttribute::Candidate(c)) => Ok(c),
            Ok(_) => Err(SdpError::WebRtcSdp {
                line,
                message: "not a candidate".into(),
            }),
            Err(e) => Err(SdpError::WebRtcSdp {
                line,
                message: e.to_string(),
            }),
        }
    }
}
