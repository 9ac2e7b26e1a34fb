//! `m=<media> <port>[/<number of ports>] <proto> <fmt> ...` (RFC 8866 §5.14).

use super::{parse_u64, tokens};
use crate::sdp::error::SdpError;

/// The `<media>` field of an m-line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MediaType {
    /// `audio`.
    Audio,
    /// `video`.
    Video,
    /// `text` (RFC 4103 real-time text).
    Text,
    /// `application` (BFCP, WebRTC data channels, ...).
    Application,
    /// `message` (MSRP, SIP `message` sessions).
    Message,
    /// `image` (T.38 fax).
    Image,
    /// Anything else: kept and rejected in answers, never dropped.
    Other,
}

impl MediaType {
    /// Reads the media token (case-insensitive).
    pub fn parse(s: &str) -> Self {
        const TABLE: [(&str, MediaType); 6] = [
            ("audio", MediaType::Audio),
            ("video", MediaType::Video),
            ("text", MediaType::Text),
            ("application", MediaType::Application),
            ("message", MediaType::Message),
            ("image", MediaType::Image),
        ];
        TABLE
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
            .map_or(MediaType::Other, |&(_, t)| t)
    }

    /// The token as written in SDP (`"other"` for [`MediaType::Other`]).
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Audio => "audio",
            MediaType::Video => "video",
            MediaType::Text => "text",
            MediaType::Application => "application",
            MediaType::Message => "message",
            MediaType::Image => "image",
            MediaType::Other => "other",
        }
    }
}

impl std::fmt::Display for MediaType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `<proto>` field of an m-line, classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportProtocol {
    /// `RTP/AVP` (RFC 3551).
    RtpAvp,
    /// `RTP/AVPF` (RFC 4585).
    RtpAvpf,
    /// `RTP/SAVP` (RFC 3711), keyed by SDES `a=crypto` (RFC 4568).
    RtpSavp,
    /// `RTP/SAVPF` (RFC 5124).
    RtpSavpf,
    /// `UDP/TLS/RTP/SAVP` (RFC 5764, DTLS-SRTP).
    UdpTlsRtpSavp,
    /// `UDP/TLS/RTP/SAVPF` (RFC 5764, DTLS-SRTP with feedback: WebRTC).
    UdpTlsRtpSavpf,
    /// `TCP/TLS/RTP/SAVP(F)`, `TCP/RTP/AVP`, ... : RTP over TCP (RFC 4571).
    RtpOverTcp,
    /// `UDP/DTLS/SCTP` or `TCP/DTLS/SCTP` (RFC 8841, WebRTC data channels).
    DtlsSctp,
    /// `udptl` (T.38 fax, ITU-T T.38 Annex D).
    Udptl,
    /// `TCP/BFCP`, `TCP/TLS/BFCP`, ... (RFC 8856).
    Bfcp,
    /// `TCP/MSRP`, `TCP/TLS/MSRP` (RFC 4975).
    Msrp,
    /// Any other protocol, kept as written.
    Other,
}

impl TransportProtocol {
    /// Classifies a proto token (case-insensitive).
    pub fn parse(s: &str) -> Self {
        let eq = |t: &str| s.eq_ignore_ascii_case(t);
        if eq("RTP/AVP") {
            TransportProtocol::RtpAvp
        } else if eq("RTP/AVPF") {
            TransportProtocol::RtpAvpf
        } else if eq("RTP/SAVP") {
            TransportProtocol::RtpSavp
        } else if eq("RTP/SAVPF") {
            TransportProtocol::RtpSavpf
        } else if eq("UDP/TLS/RTP/SAVP") {
            TransportProtocol::UdpTlsRtpSavp
        } else if eq("UDP/TLS/RTP/SAVPF") {
            TransportProtocol::UdpTlsRtpSavpf
        } else if eq("UDP/DTLS/SCTP") || eq("TCP/DTLS/SCTP") || eq("DTLS/SCTP") {
            TransportProtocol::DtlsSctp
        } else if eq("udptl") {
            TransportProtocol::Udptl
        } else if ends_with_ci(s, "/BFCP") {
            TransportProtocol::Bfcp
        } else if ends_with_ci(s, "/MSRP") {
            TransportProtocol::Msrp
        } else if starts_with_ci(s, "TCP/") && contains_ci(s, "/RTP/") {
            TransportProtocol::RtpOverTcp
        } else {
            TransportProtocol::Other
        }
    }

    /// `true` for RTP over UDP profiles (AVP, AVPF, SAVP, SAVPF, UDP/TLS/...).
    pub fn is_rtp(self) -> bool {
        matches!(
            self,
            TransportProtocol::RtpAvp
                | TransportProtocol::RtpAvpf
                | TransportProtocol::RtpSavp
                | TransportProtocol::RtpSavpf
                | TransportProtocol::UdpTlsRtpSavp
                | TransportProtocol::UdpTlsRtpSavpf
        )
    }

    /// `true` for the SRTP profiles keyed by SDES (`RTP/SAVP`, `RTP/SAVPF`).
    pub fn is_sdes_srtp(self) -> bool {
        matches!(
            self,
            TransportProtocol::RtpSavp | TransportProtocol::RtpSavpf
        )
    }

    /// `true` for the DTLS-SRTP profiles (`UDP/TLS/RTP/SAVP(F)`).
    pub fn is_dtls_srtp(self) -> bool {
        matches!(
            self,
            TransportProtocol::UdpTlsRtpSavp | TransportProtocol::UdpTlsRtpSavpf
        )
    }

    /// `true` for the feedback profiles (AVPF, SAVPF, UDP/TLS/RTP/SAVPF).
    pub fn has_feedback(self) -> bool {
        matches!(
            self,
            TransportProtocol::RtpAvpf
                | TransportProtocol::RtpSavpf
                | TransportProtocol::UdpTlsRtpSavpf
        )
    }
}

fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn contains_ci(s: &str, needle: &str) -> bool {
    s.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A typed m-line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MediaLine<'a> {
    /// The media token as written (`audio`, `image`, ...).
    pub media: &'a str,
    /// The transport port; 0 means the stream is disabled/rejected (RFC 3264 §5.1, §6).
    pub port: u16,
    /// The number of ports after `/`, when given.
    pub port_count: Option<u16>,
    /// The proto token as written.
    pub proto: &'a str,
    /// The format list as written (space separated).
    pub formats: &'a str,
}

impl<'a> MediaLine<'a> {
    /// Parses `audio 49170 RTP/AVP 0 8 97`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the media, port or proto is missing or
    /// the port (or port count) is not a 16-bit number.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "m= line";
        let ([media, port_text, proto], formats) = tokens(value);
        if media.is_empty() || port_text.is_empty() || proto.is_empty() {
            return Err(SdpError::invalid(
                line,
                F,
                "expected <media> <port> <proto> <fmt>...",
            ));
        }
        let (port, count) = crate::sdp::text::split_once_byte(port_text, b'/');
        let port = parse_u64(port)
            .and_then(|p| u16::try_from(p).ok())
            .ok_or(SdpError::invalid(line, F, "port is not 0..=65535"))?;
        let port_count = match count {
            None => None,
            Some(c) => Some(
                parse_u64(c)
                    .and_then(|p| u16::try_from(p).ok())
                    .ok_or(SdpError::invalid(line, F, "port count is not a number"))?,
            ),
        };
        Ok(MediaLine {
            media,
            port,
            port_count,
            proto,
            formats: formats.trim_end(),
        })
    }

    /// The media type.
    pub fn media_type(&self) -> MediaType {
        MediaType::parse(self.media)
    }

    /// The transport protocol.
    pub fn transport(&self) -> TransportProtocol {
        TransportProtocol::parse(self.proto)
    }

    /// The formats, in order (payload type numbers for RTP).
    pub fn formats(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.formats.split_ascii_whitespace()
    }
}
