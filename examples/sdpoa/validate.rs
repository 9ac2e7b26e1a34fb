//! `sdpoa validate OFFER ANSWER`: is ANSWER a correct answer to OFFER?
//!
//! Lists every violation, one `line N: error: message (RFC ...)` per line
//! on stdout (lines are the answer input's): the answer's own RFC 8866
//! errors (`sdp::check`), then every RFC 3264 / RFC 4568 / RFC 5763 fault
//! against the offer (`negotiation::answer_violations`, the library's
//! answer validation). A valid answer prints what the two agreed, seen
//! from the offerer, one line per stream.

use std::process::ExitCode;

use serde::Serialize;

use sdp_offer_answer::negotiation::{AnswerError, answer_violations, validate_answer};
use sdp_offer_answer::sdp::SessionDescription;
use sdp_offer_answer::sdp::check::check;

use crate::input::Source;
use crate::{EXIT_MALFORMED, EXIT_PROBLEMS, json, plural, summary, write_stdout};

#[derive(Serialize)]
struct ValidateJson {
    sdpoa: u32,
    command: &'static str,
    offer: Option<json::Input>,
    answer: Option<json::Input>,
    valid: bool,
    violations: Vec<json::Problem>,
    streams: Vec<json::Stream>,
    error: Option<json::Error>,
}

/// Runs `sdpoa validate`.
pub fn run(offer: &Source, answer: &Source, as_json: bool) -> Result<ExitCode, String> {
    let mut out = ValidateJson {
        sdpoa: json::SCHEMA,
        command: "validate",
        offer: None,
        answer: None,
        valid: false,
        violations: Vec::new(),
        streams: Vec::new(),
        error: None,
    };
    let load = |s: &Source| s.load().and_then(|l| Ok((l.parse()?, l)));
    let ((offer_sdp, offer), (answer_sdp, answer)) =
        match load(offer).and_then(|o| Ok((o, load(answer)?))) {
            Ok(both) => both,
            Err(e) => {
                if as_json {
                    out.error = Some(json::Error::from(&e));
                    json::print(&out)?;
                    return Ok(ExitCode::from(EXIT_MALFORMED));
                }
                return Err(e.to_string());
            }
        };
    out.offer = Some(json::Input::from(&offer));
    out.answer = Some(json::Input::from(&answer));

    let mut violations: Vec<json::Problem> = check(&answer_sdp)
        .iter()
        .filter(|p| p.is_error())
        .map(|p| json::Problem::from_check(p, &answer))
        .collect();
    violations.extend(
        answer_violations(&offer_sdp, &answer_sdp)
            .iter()
            .map(|e| violation_at(e, &answer_sdp, answer.line_offset)),
    );
    // In answer order; at one line, the RFC 8866 problem first.
    violations.sort_by_key(|v| v.line);
    let session = validate_answer(&offer_sdp, &answer_sdp).ok();
    out.valid = violations.is_empty();
    if as_json {
        if let Some(session) = &session {
            out.streams = json::streams(session);
        }
        out.violations = violations;
        let clean = out.valid;
        json::print(&out)?;
        return Ok(exit(clean));
    }
    let mut text = String::new();
    for v in &violations {
        text.push_str(&format!("line {}: error: {}\n", v.line, v.message));
    }
    if let (true, Some(session)) = (violations.is_empty(), &session) {
        for line in summary::lines(&answer_sdp, &answer_sdp, session) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    write_stdout(text.as_bytes())?;
    if violations.is_empty() {
        eprintln!(
            "{}: a valid answer to {}",
            answer.describe(),
            offer.describe()
        );
    } else {
        eprintln!(
            "{}: {} against {}",
            answer.describe(),
            plural(violations.len(), "violation"),
            offer.describe()
        );
    }
    Ok(exit(violations.is_empty()))
}

fn exit(clean: bool) -> ExitCode {
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    }
}

/// An answer fault as a problem: its kind, the rule it breaks and the
/// answer line that shows it (`offset` added, as `Loaded::line` does).
pub fn violation_at(e: &AnswerError, sdp: &SessionDescription, offset: usize) -> json::Problem {
    use AnswerError as E;
    let m_line = |i: usize| sdp.media(i).map_or(0, |m| m.m_line().number());
    // The first attribute of m-line `i` (or, failing that, of the session)
    // named `name`, else the m= line.
    let attr = |i: usize, names: &[&str]| {
        let media = sdp.media(i).and_then(|m| {
            m.attributes()
                .find(|a| names.contains(&a.name()))
                .map(|a| a.line())
        });
        let session = || {
            sdp.attributes()
                .find(|a| names.contains(&a.name()))
                .map(|a| a.line())
        };
        media.or_else(session).unwrap_or_else(|| m_line(i))
    };
    let (kind, rule, line) = match e {
        E::MediaCountMismatch { offered, answered } => (
            "answer-media-count",
            "RFC 3264 §6",
            if answered > offered {
                m_line(*offered)
            } else {
                0
            },
        ),
        E::MediaTypeMismatch { index } => ("answer-media-type", "RFC 3264 §6", m_line(*index)),
        E::ProtocolMismatch { index } => ("answer-protocol", "RFC 3264 §6", m_line(*index)),
        E::AcceptedDisabledStream { index } => (
            "answer-accepts-disabled-stream",
            "RFC 3264 §6",
            m_line(*index),
        ),
        E::NoFormat { index } => ("answer-no-format", "RFC 3264 §6.1", m_line(*index)),
        E::FormatNotOffered { index, .. } => {
            ("answer-format-not-offered", "RFC 3264 §6.1", m_line(*index))
        }
        E::FmtpMismatch {
            index,
            payload_type,
        } => {
            let fmtp = sdp.media(*index).and_then(|m| {
                m.attributes()
                    .filter(|a| a.name() == "fmtp")
                    .find(|a| {
                        a.value()
                            .and_then(|v| v.split(' ').next())
                            .is_some_and(|pt| pt == payload_type.to_string())
                    })
                    .map(|a| a.line())
            });
            (
                "answer-fmtp-mismatch",
                "RFC 3264 §6.1",
                fmtp.unwrap_or_else(|| m_line(*index)),
            )
        }
        E::DirectionNotAllowed { index, .. } => (
            "answer-direction",
            "RFC 3264 §6.1",
            attr(*index, &["sendrecv", "sendonly", "recvonly", "inactive"]),
        ),
        E::CryptoMismatch { index } => (
            "answer-crypto-mismatch",
            "RFC 4568 §7.1.2",
            attr(*index, &["crypto"]),
        ),
        E::InvalidCrypto { index, .. } => (
            "answer-invalid-crypto",
            "RFC 4568 §6.1",
            attr(*index, &["crypto"]),
        ),
        E::DtlsMismatch { index } => (
            "answer-dtls",
            "RFC 5763 §5",
            attr(*index, &["setup", "fingerprint"]),
        ),
        E::Sdp(sdp_error) => (
            "answer-malformed",
            "RFC 8866 §5",
            sdp_error.line().unwrap_or(0),
        ),
        _ => ("answer-other", "RFC 3264 §6", 0),
    };
    json::Problem {
        line: if line == 0 { 0 } else { line + offset },
        severity: "error",
        kind: kind.to_owned(),
        rule: Some(rule.to_owned()),
        message: format!("{e} ({rule})"),
    }
}
