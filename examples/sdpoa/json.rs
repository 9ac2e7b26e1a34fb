//! The `--json` schema, one for every subcommand (`"sdpoa": 1`): one JSON
//! object on stdout, whatever the outcome, with the exit code unchanged.
//!
//! ```text
//! common    "sdpoa": 1, "command": "answer" | "check" | "validate" | "explain" | "pcap"
//! input     { "source": "offer.sip", "message": "INVITE" | null }
//! error     { "message": "...", "line": 7 | null }          (exit 1: malformed input)
//! stream    { "index", "media", "state": "accepted" | "rejected" | "disabled" | "rejected-by-remote",
//!             "codec": codec | null, "telephone_event": codec | null, "direction",
//!             "remote_rtp": "192.0.2.1:4000" | null, "rtcp_mux", "bundle",
//!             "srtp": "sdes AES_CM_128_HMAC_SHA1_80" | "dtls" | null, "ice",
//!             "reason": "no common format" | null, "warning": 305 | null }
//! codec     { "name", "clock_rate", "channels", "send_pt", "recv_pt" }
//! problem   { "line", "severity": "error" | "warning", "kind", "rule", "message" }
//! answer    + "offer": input, "answer": "v=0\r\n..." | null, "streams": [stream],
//!             "decline": { "reason", "detail", "sip_response" } | null, "error"
//! check     + "input", "problems": [problem], "errors", "warnings", "error"
//! validate  + "offer", "answer": input, "valid", "violations": [problem] (kind
//!             "answer-..." for RFC 3264 faults, check kinds for RFC 8866 ones),
//!             "streams": [stream] (what was agreed, when valid), "error"
//! explain   + "offer": input, "m_lines": [{ "index", "line", "media", "outcome",
//!             "reason", "items": [{ "line", "what", "value", "taken", "why" }] }], "error"
//! ```

use serde::Serialize;

use sdp_offer_answer::negotiation::{
    NegotiatedCodec, NegotiatedSession, NegotiatedStream, RemoteAddress, StreamState,
};
use sdp_offer_answer::sdp::check::Problem as CheckProblem;

use crate::input::{InputError, Loaded};

/// The schema version.
pub const SCHEMA: u32 = 1;

/// Where an SDP came from.
#[derive(Serialize, Debug, Clone)]
pub struct Input {
    pub source: String,
    pub message: Option<String>,
}

impl From<&Loaded> for Input {
    fn from(l: &Loaded) -> Self {
        Input {
            source: l.source.clone(),
            message: l.message.clone(),
        }
    }
}

/// A malformed input (exit 1).
#[derive(Serialize, Debug, Clone)]
pub struct Error {
    pub message: String,
    pub line: Option<usize>,
}

impl From<&InputError> for Error {
    fn from(e: &InputError) -> Self {
        Error {
            message: e.to_string(),
            line: e.line(),
        }
    }
}

impl Error {
    pub fn message(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            line: None,
        }
    }
}

#[derive(Serialize, Debug, Clone)]
pub struct Codec {
    pub name: String,
    pub clock_rate: u32,
    pub channels: u16,
    pub send_pt: u8,
    pub recv_pt: u8,
}

impl From<&NegotiatedCodec> for Codec {
    fn from(c: &NegotiatedCodec) -> Self {
        Codec {
            name: c.encoding_name.to_string(),
            clock_rate: c.clock_rate,
            channels: c.channels,
            send_pt: c.send_payload_type,
            recv_pt: c.recv_payload_type,
        }
    }
}

#[derive(Serialize, Debug, Clone)]
pub struct Stream {
    pub index: usize,
    pub media: String,
    pub state: &'static str,
    pub codec: Option<Codec>,
    pub telephone_event: Option<Codec>,
    pub direction: String,
    pub remote_rtp: Option<String>,
    pub rtcp_mux: bool,
    pub bundle: bool,
    pub srtp: Option<String>,
    pub ice: bool,
    pub reason: Option<String>,
    pub warning: Option<u16>,
}

/// The streams of a negotiated session, in m-line order.
pub fn streams(session: &NegotiatedSession) -> Vec<Stream> {
    session
        .streams
        .iter()
        .map(|s| stream(s, session.bundle_group.contains(&s.index)))
        .collect()
}

fn stream(s: &NegotiatedStream, bundle: bool) -> Stream {
    let (state, reason, warning) = match s.state {
        StreamState::Active => ("accepted", None, None),
        StreamState::Rejected(r) => (
            "rejected",
            Some(r.to_string()),
            r.warning().map(|w| w.code()),
        ),
        StreamState::Disabled => ("disabled", Some("port 0 in the offer".into()), None),
        StreamState::RejectedByRemote => ("rejected-by-remote", None, None),
        other => ("other", Some(format!("{other:?}")), None),
    };
    let srtp = match (&s.sdes, &s.dtls) {
        (Some(sdes), _) => Some(format!("sdes {}", sdes.suite)),
        (None, Some(_)) => Some("dtls".into()),
        _ => None,
    };
    Stream {
        index: s.index,
        media: s.media.to_string(),
        state,
        codec: s.codec().map(Codec::from),
        telephone_event: s.telephone_event().map(Codec::from),
        direction: s.direction.to_string(),
        remote_rtp: s.remote_rtp.as_ref().map(|t| match &t.address {
            RemoteAddress::Ip(ip) if ip.is_ipv6() => format!("[{ip}]:{}", t.port),
            a => format!("{a}:{}", t.port),
        }),
        rtcp_mux: s.rtcp_mux,
        bundle,
        srtp,
        ice: s.ice.is_some(),
        reason,
        warning,
    }
}

/// A problem of `check`, or a violation of `validate`.
#[derive(Serialize, Debug, Clone)]
pub struct Problem {
    pub line: usize,
    pub severity: &'static str,
    pub kind: String,
    pub rule: Option<String>,
    pub message: String,
}

impl Problem {
    /// A check problem, its line made the input's.
    pub fn from_check(p: &CheckProblem, input: &Loaded) -> Self {
        Problem {
            line: input.line(p.line),
            severity: if p.is_error() { "error" } else { "warning" },
            kind: p.kind.to_string(),
            rule: p.kind.rule().map(str::to_owned),
            message: p.message.clone(),
        }
    }
}

/// Prints `value` as one line of JSON on stdout.
pub fn print(value: &impl Serialize) -> Result<(), String> {
    let mut text = serde_json::to_string(value).map_err(|e| format!("JSON: {e}"))?;
    text.push('\n');
    crate::write_stdout(text.as_bytes())
}
