//! `sdpoa explain OFFER`: per offered m-line, why each format, `a=crypto`
//! line and ICE/DTLS attribute was taken into the answer or dropped.
//!
//! Built on the library's public API only: the answer comes from the
//! `Negotiator`, and each offered item is compared with the answer's
//! m-line and with the capabilities (`LocalCapabilities::media`,
//! `sdes_policy`, `sdes_suites`, `dtls_policy`, `ice`).

use std::process::ExitCode;

use serde::Serialize;

use sdp_offer_answer::negotiation::{
    LocalCapabilities, NegotiatedStream, NegotiationError, Negotiator, SrtpPolicy, StreamState,
};
use sdp_offer_answer::sdp::MediaDescription;

use crate::answer::{SESSION_ID, read_strictly};
use crate::caps::CapsArgs;
use crate::input::{Loaded, Source};
use crate::{EXIT_MALFORMED, json, write_stdout};

#[derive(Serialize)]
struct ExplainJson {
    sdpoa: u32,
    command: &'static str,
    offer: Option<json::Input>,
    m_lines: Vec<MLine>,
    error: Option<json::Error>,
}

/// One offered m-line and what became of its items.
#[derive(Serialize)]
struct MLine {
    index: usize,
    line: usize,
    media: String,
    outcome: &'static str,
    reason: Option<String>,
    items: Vec<Item>,
}

/// One offered item: a format, a crypto line, an ICE or DTLS attribute.
#[derive(Serialize)]
struct Item {
    line: usize,
    what: &'static str,
    value: String,
    taken: bool,
    why: String,
}

/// The RFC 3551 §6 names of the static payload types an offer may list
/// without `a=rtpmap`.
fn static_name(pt: u8) -> Option<&'static str> {
    Some(match pt {
        0 => "PCMU/8000",
        3 => "GSM/8000",
        4 => "G723/8000",
        8 => "PCMA/8000",
        9 => "G722/8000",
        13 => "CN/8000",
        18 => "G729/8000",
        26 => "JPEG/90000",
        31 => "H261/90000",
        34 => "H263/90000",
        _ => return None,
    })
}

/// Runs `sdpoa explain`.
pub fn run(caps: &CapsArgs, offer: &Source, as_json: bool) -> Result<ExitCode, String> {
    let mut out = ExplainJson {
        sdpoa: json::SCHEMA,
        command: "explain",
        offer: None,
        m_lines: Vec::new(),
        error: None,
    };
    let loaded = offer.load();
    let parsed = loaded.as_ref().map_err(|e| e.to_string()).and_then(|l| {
        let sdp = l.parse().map_err(|e| e.to_string())?;
        read_strictly(&sdp).map_err(|e| l.error(e).to_string())?;
        Ok(sdp)
    });
    let (loaded, sdp) = match (loaded, parsed) {
        (Ok(l), Ok(s)) => (l, s),
        (l, Err(message)) => {
            if as_json {
                out.offer = l.ok().as_ref().map(json::Input::from);
                out.error = Some(json::Error::message(message));
                json::print(&out)?;
                return Ok(ExitCode::from(EXIT_MALFORMED));
            }
            return Err(message);
        }
        (Err(e), _) => return Err(e.to_string()),
    };
    let caps = caps.build()?;
    let mut negotiator = Negotiator::new(caps.clone(), SESSION_ID);
    let result = negotiator.receive_offer(sdp.clone()).cloned();
    // Each m-line's state and agreed stream: from the session, or from the
    // rejection of an offer declined as a whole (each stream has its reason).
    let (answer, states): (_, Vec<(StreamState, Option<NegotiatedStream>)>) = match result {
        Ok(answer) => {
            let session = negotiator
                .confirm_answer()
                .map_err(|e| format!("confirming the answer: {e}"))?;
            let states = session
                .streams
                .iter()
                .map(|s| (s.state, Some(s.clone())))
                .collect();
            (Some(answer), states)
        }
        Err(NegotiationError::NotAcceptable(rejection)) => {
            let states = sdp
                .media_descriptions()
                .map(|m| {
                    let reason = rejection
                        .streams
                        .iter()
                        .find(|(i, _)| *i == m.index())
                        .map_or(rejection.reason, |&(_, r)| r);
                    (StreamState::Rejected(reason), None)
                })
                .collect();
            (None, states)
        }
        Err(e) => return Err(format!("{}: {e}", loaded.source)),
    };
    out.offer = Some(json::Input::from(&loaded));
    for m in sdp.media_descriptions() {
        let (state, stream) = match states.get(m.index()) {
            Some((state, stream)) => (Some(*state), stream.as_ref()),
            None => (None, None),
        };
        let answered = answer.as_ref().and_then(|a| a.media(m.index()));
        out.m_lines.push(explain(
            &m,
            state,
            stream,
            answered.as_ref(),
            &caps,
            &loaded,
        ));
    }
    if as_json {
        json::print(&out)?;
    } else {
        write_stdout(text(&out.m_lines).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn text(m_lines: &[MLine]) -> String {
    let mut s = String::new();
    for m in m_lines {
        s.push_str(&format!(
            "m={} {} (line {}): {}",
            m.index, m.media, m.line, m.outcome
        ));
        if let Some(r) = &m.reason {
            s.push_str(&format!(", {r}"));
        }
        s.push('\n');
        let width = m
            .items
            .iter()
            .map(|i| i.value.chars().count() + i.what.len() + 1)
            .max()
            .unwrap_or(0);
        for i in &m.items {
            let label = format!("{} {}", i.what, i.value);
            let verdict = if i.taken { "taken  " } else { "dropped" };
            s.push_str(&format!(
                "  line {:<4} {label:<width$}  {verdict}  {}\n",
                i.line, i.why
            ));
        }
    }
    s
}

fn explain(
    m: &MediaDescription<'_>,
    state: Option<StreamState>,
    stream: Option<&NegotiatedStream>,
    answered: Option<&MediaDescription<'_>>,
    caps: &LocalCapabilities,
    input: &Loaded,
) -> MLine {
    let m_line = m.m_line().number();
    let ml = m.media_line().ok();
    let media = ml.as_ref().map_or("?", |l| l.media).to_owned();
    let (outcome, reason) = match state {
        Some(StreamState::Active) => ("accepted", None),
        Some(StreamState::Rejected(r)) => (
            "rejected",
            Some(match r.warning() {
                Some(w) => format!("{r} (Warning {})", w.code()),
                None => r.to_string(),
            }),
        ),
        Some(StreamState::Disabled) => ("disabled", Some("port 0 in the offer".to_owned())),
        Some(_) | None => (
            "rejected",
            Some("the offer is declined as a whole".to_owned()),
        ),
    };
    let accepted = outcome == "accepted";
    let rejected_why = || reason.clone().unwrap_or_default();
    let answer_formats: Vec<&str> = answered
        .and_then(|a| a.media_line().ok())
        .map(|l| l.formats().collect())
        .unwrap_or_default();
    let mut items = Vec::new();
    let our_media = caps.media().iter().find(|c| {
        ml.as_ref()
            .is_some_and(|l| c.media_type() == l.media_type())
    });
    for f in ml.iter().flat_map(|l| l.formats()) {
        let pt: Option<u8> = f.parse().ok();
        let rtpmap = pt.and_then(|p| m.rtpmap(p));
        let name = match (&rtpmap, pt.and_then(static_name)) {
            (Some(r), _) => match r.channels {
                Some(c) => format!("{}/{}/{c}", r.encoding_name, r.clock_rate),
                None => format!("{}/{}", r.encoding_name, r.clock_rate),
            },
            (None, Some(s)) => s.to_owned(),
            (None, None) => String::new(),
        };
        let line = pt
            .and_then(|p| {
                m.attributes()
                    .filter(|a| a.name() == "rtpmap")
                    .find(|a| a.value().and_then(|v| v.split(' ').next()) == Some(&p.to_string()))
                    .map(|a| a.line())
            })
            .unwrap_or(m_line);
        let taken = accepted && answer_formats.contains(&f);
        let (enc, rate) = name.split_once('/').map_or((name.as_str(), 0), |(n, r)| {
            (
                n,
                r.split('/')
                    .next()
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(0),
            )
        });
        let ours = our_media.and_then(|c| {
            c.codecs()
                .iter()
                .find(|c| c.name().eq_ignore_ascii_case(enc) && c.clock_rate() == rate)
        });
        let why = if !accepted {
            rejected_why()
        } else if taken {
            match stream.and_then(|s| s.codec()) {
                Some(c) if pt == Some(c.recv_payload_type) => {
                    "the codec to send: first common format".to_owned()
                }
                _ if enc.eq_ignore_ascii_case("telephone-event") => {
                    "DTMF (RFC 4733) at a chosen codec's clock rate".to_owned()
                }
                _ => format!("we take {enc}/{rate} too"),
            }
        } else if enc.eq_ignore_ascii_case("telephone-event") && ours.is_some() {
            "no chosen codec has this clock rate".to_owned()
        } else if ours.is_some() {
            "ours too, but its a=fmtp does not fit, or only the first common codec is answered"
                .to_owned()
        } else if name.is_empty() {
            "no a=rtpmap and no static assignment".to_owned()
        } else {
            format!("not in our {media} capabilities")
        };
        items.push(Item {
            line: input.line(line),
            what: "format",
            value: if name.is_empty() {
                f.to_owned()
            } else {
                format!("{f} {name}")
            },
            taken,
            why,
        });
    }
    let answer_attr = |name: &str| answered.and_then(|a| a.attribute(name));
    // SDES: the answer echoes the tag it takes (RFC 4568 §7.1.2).
    let answered_tag = answer_attr("crypto").and_then(|a| {
        a.value()
            .and_then(|v| v.split(' ').next())
            .map(str::to_owned)
    });
    for a in m.attributes().filter(|a| a.name() == "crypto") {
        let value = a.value().unwrap_or_default();
        let mut fields = value.split_ascii_whitespace();
        let (tag, suite) = (
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
        );
        let taken = accepted && answered_tag.as_deref() == Some(tag);
        let ours = caps
            .sdes_suites()
            .iter()
            .any(|s| s.name().eq_ignore_ascii_case(suite));
        let why = if !accepted {
            rejected_why()
        } else if taken {
            format!("suite {suite} is ours: answered with tag {tag} and our own key")
        } else if caps.sdes_policy() == SrtpPolicy::Off {
            "SDES-SRTP is off in our capabilities".to_owned()
        } else if answered_tag.is_some() {
            "another crypto line was taken (the answer carries one)".to_owned()
        } else if !ours {
            format!("suite {suite} is not one we have")
        } else {
            "plain RTP was chosen (SRTP optional on both sides)".to_owned()
        };
        items.push(Item {
            line: input.line(a.line()),
            what: "a=crypto",
            value: format!("{tag} {suite}"),
            taken,
            why,
        });
    }
    let ice_answered = answer_attr("ice-ufrag").is_some();
    let dtls_answered = answer_attr("fingerprint").is_some();
    for a in m.attributes() {
        let (what, taken, yes, no) = match a.name() {
            n @ ("ice-ufrag" | "ice-pwd" | "ice-options" | "candidate" | "end-of-candidates") => (
                n,
                ice_answered,
                "we do ICE (RFC 8839): answered with our credentials and candidates",
                if caps.ice().is_none() {
                    "no ICE in our capabilities"
                } else {
                    "ICE not answered"
                },
            ),
            n @ ("fingerprint" | "setup") => (
                n,
                dtls_answered,
                "DTLS-SRTP (RFC 5763): answered with our fingerprint and a=setup",
                if caps.dtls_policy() == SrtpPolicy::Off {
                    "DTLS-SRTP is off in our capabilities"
                } else {
                    "DTLS-SRTP not chosen for this stream"
                },
            ),
            _ => continue,
        };
        // The remote's ICE password is a secret: not shown.
        let value = if what == "ice-pwd" {
            "(not shown)"
        } else {
            a.value().unwrap_or_default()
        };
        let short: String = value.chars().take(24).collect();
        let value = if short.len() < value.len() {
            format!("{short}...")
        } else {
            short
        };
        let taken = accepted && taken;
        items.push(Item {
            line: input.line(a.line()),
            what: match what {
                "ice-ufrag" => "a=ice-ufrag",
                "ice-pwd" => "a=ice-pwd",
                "ice-options" => "a=ice-options",
                "candidate" => "a=candidate",
                "end-of-candidates" => "a=end-of-candidates",
                "fingerprint" => "a=fingerprint",
                _ => "a=setup",
            },
            value,
            taken,
            why: if !accepted {
                rejected_why()
            } else if taken {
                yes.to_owned()
            } else {
                no.to_owned()
            },
        });
    }
    MLine {
        index: m.index(),
        line: input.line(m_line),
        media,
        outcome,
        reason,
        items,
    }
}
