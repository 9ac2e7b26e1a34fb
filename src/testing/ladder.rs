//! One-line summaries of SIP messages and bodies, for ladders.

use std::fmt::Write as _;

use crate::body::{BodyLimits, Handling, MimePart, PartContent, parse_body};
use crate::call::{SipHeaders, Transmit};
use crate::sdp::{ParseLimits, SessionDescription};

/// A one-line summary of a body: the leaf parts in brackets, multiparts
/// nested as `subtype(...)`, optional parts marked, each SDP with its
/// address type and `media:port` per m-line, e.g.
/// `[application/sdp (IP4 audio:49170), application/x-custom (optional)]`.
/// Empty for no body; `[unreadable: <error>]` when it does not parse.
pub fn describe_body(headers: &SipHeaders, body: &[u8]) -> String {
    if body.is_empty() {
        return String::new();
    }
    let content_type = headers.content_type.as_deref().unwrap_or("application/sdp");
    let limits = BodyLimits {
        max_size: usize::MAX,
        ..BodyLimits::DEFAULT
    };
    match parse_body(content_type, body, &limits) {
        Ok(root) => {
            let mut out = String::from("[");
            match root.content() {
                PartContent::Multipart(children) => list(children, &mut out),
                PartContent::Single(_) => part(&root, &mut out),
            }
            out.push(']');
            out
        }
        Err(e) => format!("[unreadable: {e}]"),
    }
}

fn list(children: &[MimePart], out: &mut String) {
    for (i, c) in children.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        part(c, out);
    }
}

fn part(p: &MimePart, out: &mut String) {
    match p.content() {
        PartContent::Multipart(children) => {
            out.push_str(p.content_type().subtype().as_str());
            out.push('(');
            list(children, out);
            out.push(')');
        }
        PartContent::Single(bytes) => {
            out.push_str(p.content_type().essence_str());
            if p.content_type().subtype() == "sdp" {
                sdp_summary(bytes, out);
            }
        }
    }
    if p.handling() == Handling::Optional {
        out.push_str(" (optional)");
    }
}

fn sdp_summary(bytes: &[u8], out: &mut String) {
    let Ok(sdp) = SessionDescription::parse_bytes(bytes, &ParseLimits::DEFAULT) else {
        out.push_str(" (not SDP)");
        return;
    };
    out.push_str(" (");
    let family = sdp
        .connection()
        .ok()
        .flatten()
        .or_else(|| sdp.media(0)?.effective_connection().ok().flatten())
        .map_or("-", |c| c.address_type.as_str());
    out.push_str(family);
    for m in sdp.media_descriptions() {
        if let Ok(line) = m.media_line() {
            let _ = write!(out, " {}:{}", line.media, line.port);
            if line.proto != "RTP/AVP" {
                let _ = write!(out, "/{}", line.proto);
            }
        }
    }
    out.push(')');
}

/// The key headers of a message, `Name: value` joined by two spaces.
pub(crate) fn key_headers(headers: &SipHeaders) -> String {
    let mut out = String::new();
    let mut add = |name: &str, value: &str| {
        if !out.is_empty() {
            out.push_str("  ");
        }
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
    };
    if let Some(v) = &headers.content_type {
        add("Content-Type", v);
    }
    if let Some(v) = &headers.accept {
        add("Accept", v);
    }
    if !headers.supported.is_empty() {
        add("Supported", &headers.supported.join(", "));
    }
    if !headers.require.is_empty() {
        add("Require", &headers.require.join(", "));
    }
    if let Some(v) = headers.rseq {
        add("RSeq", &v.to_string());
    }
    if let Some(v) = headers.rack {
        add("RAck", &v.to_string());
    }
    if let Some(w) = &headers.warning {
        add("Warning", &w.header_value());
    }
    if let Some(v) = headers.retry_after {
        add("Retry-After", &v.to_string());
    }
    out
}

/// `INVITE` or `415 Unsupported Media Type`.
pub(crate) fn first_line(transmit: &Transmit) -> String {
    match transmit {
        Transmit::Request(r) => r.method.to_string(),
        Transmit::Response(r) => format!("{} {}", r.status, r.reason_phrase()),
    }
}
