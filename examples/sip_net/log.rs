//! What the UA prints: the SIP ladder, one line per message (`→` sent,
//! `←` received, `↻` retransmitted), Call events, and the negotiated
//! session. tests/interop/run.sh reads these lines.

use std::time::Instant;

use ezk_sip_types::print::AppendCtx;
use sdp_offer_answer::negotiation::{NegotiatedSession, StreamState};
use sdp_offer_answer::testing::describe_body;

use super::mapping::sip_headers;
use super::message::Message;

/// Prints lines stamped with the seconds since start.
#[derive(Debug, Clone, Copy)]
pub struct Log {
    start: Instant,
}

impl Log {
    /// A log whose clock starts at `start`.
    pub fn new(start: Instant) -> Self {
        Log { start }
    }

    /// Prints `line`, stamped with `now`.
    pub fn line(&self, now: Instant, line: &str) {
        let t = now.saturating_duration_since(self.start).as_secs_f64();
        println!("[{t:7.3}] {line}");
    }

    /// A message sent (`→`) or received (`←`).
    pub fn message(&self, now: Instant, sent: bool, message: &Message) {
        let arrow = if sent { "→" } else { "←" };
        self.line(now, &format!("{arrow} {}", ladder_line(message)));
    }
}

/// `INVITE sip:…  [multipart/mixed: application/sdp (…), application/x-custom]  Accept: …`
/// or `415 Unsupported Media Type (INVITE)  Accept: application/sdp`.
pub fn ladder_line(message: &Message) -> String {
    let mut out = match (message.method(), message.request_uri()) {
        (Some(method), Some(uri)) => format!("{method} {}", uri.default_print_ctx()),
        _ => {
            let status = message.status().unwrap_or(0);
            let method = message.cseq().map(|(_, m)| m).unwrap_or_default();
            format!(
                "{status} {} ({method})",
                sdp_offer_answer::call::reason_phrase(status)
            )
        }
    };
    let headers = sip_headers(message);
    if !message.body.is_empty() {
        let parts = describe_body(&headers, &message.body);
        let content_type = headers.content_type.as_deref().unwrap_or("application/sdp");
        let essence = content_type.split(';').next().unwrap_or("").trim();
        match parts.strip_prefix('[') {
            Some(rest) if essence.starts_with("multipart/") => {
                out.push_str(&format!("  [{essence}: {rest}"));
            }
            _ => out.push_str(&format!("  {parts}")),
        }
    }
    if let Some(v) = &headers.accept {
        out.push_str(&format!("  Accept: {v}"));
    }
    if !headers.require.is_empty() {
        out.push_str(&format!("  Require: {}", headers.require.join(", ")));
    }
    if let Some(w) = &headers.warning {
        out.push_str(&format!("  Warning: {}", w.header_value()));
    }
    if let Some(v) = headers.retry_after {
        out.push_str(&format!("  Retry-After: {v}"));
    }
    if let Some(v) = headers.rseq {
        out.push_str(&format!("  RSeq: {v}"));
    }
    out
}

/// One line per m-line of the negotiated session, e.g.
/// `session: m0 audio active sendrecv codec=PCMU/8000 pt=0 te=101 remote=127.0.0.1:6000 local-port=40000`.
pub fn session_lines(session: &NegotiatedSession) -> Vec<String> {
    session
        .streams
        .iter()
        .map(|s| {
            let mut line = format!("session: m{} {}", s.index, s.media);
            match s.state {
                StreamState::Active => {
                    line.push_str(&format!(" active {}", s.direction));
                    if let Some(c) = s.codec() {
                        line.push_str(&format!(
                            " codec={}/{} pt={}",
                            c.encoding_name, c.clock_rate, c.send_payload_type
                        ));
                    }
                    if let Some(te) = s.telephone_event() {
                        line.push_str(&format!(" te={}", te.send_payload_type));
                    }
                    if let Some(r) = &s.remote_rtp {
                        line.push_str(&format!(" remote={}:{}", r.address, r.port));
                    }
                    line.push_str(&format!(" local-port={}", s.local_port));
                    if s.sdes.is_some() {
                        line.push_str(" srtp=sdes");
                    }
                }
                StreamState::Rejected(reason) => line.push_str(&format!(" rejected ({reason:?})")),
                StreamState::RejectedByRemote => line.push_str(" rejected-by-remote"),
                StreamState::Disabled => line.push_str(" disabled"),
                other => line.push_str(&format!(" {other:?}")),
            }
            line
        })
        .collect()
}
