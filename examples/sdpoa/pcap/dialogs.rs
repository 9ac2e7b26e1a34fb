//! SIP messages grouped by Call-ID, and every offer paired with its answer
//! by RFC 6337's rules (RFC 3261 §13.2.1, RFC 3262 §5, RFC 3311 §5):
//!
//! * an INVITE with SDP offers; the answer is in its first reliable 1xx
//!   (Require: 100rel) or its 2xx; an unreliable 1xx with SDP is an early
//!   copy of the answer (shown, not final); a failure response rejects;
//! * an INVITE without SDP (delayed offer): the offer is in its first
//!   reliable 1xx or its 2xx, the answer in the PRACK or the ACK;
//! * a PRACK with SDP, when no offer of a reliable 1xx waits for it,
//!   offers; its 2xx answers;
//! * an UPDATE with SDP offers; its 2xx answers, a failure rejects;
//! * re-INVITEs follow the INVITE rules.
//!
//! Each answer is validated against its offer with the library
//! (`answer_violations`, `validate_answer`) and `sdp::check`, and what was
//! agreed is kept as text; SDPs are kept only while their offer is open.
//! Bounded: dialogs, messages and exchanges per dialog are capped (what
//! goes past a cap is counted, not kept).

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::time::Duration;

use sdp_offer_answer::negotiation::{
    NegotiatedSession, StreamState, answer_violations, validate_answer,
};
use sdp_offer_answer::sdp::check::check;
use sdp_offer_answer::sdp::{Direction, SessionDescription};

use super::capture::Seen;
use crate::input::sdp_of;
use crate::json;
use crate::sip::SipMessage;

pub const MAX_DIALOGS: usize = 2048;
pub const MAX_MESSAGES: usize = 256;
pub const MAX_EXCHANGES: usize = 64;
/// Offers waiting for their answer, per dialog.
const MAX_OPEN: usize = 8;

/// One message of a dialog's ladder.
#[derive(serde::Serialize, Clone, Debug)]
pub struct Entry {
    /// Seconds since the dialog's first message.
    pub time: f64,
    pub from: SocketAddr,
    pub to: SocketAddr,
    pub transport: &'static str,
    pub label: String,
    /// `"offer"` or `"answer"` (or `"early answer"`), and of which exchange.
    pub sdp: Option<String>,
    pub exchange: Option<usize>,
}

/// One offer and what became of it.
#[derive(serde::Serialize, Clone, Debug)]
pub struct Exchange {
    pub n: usize,
    pub offer: String,
    pub answer: Option<String>,
    /// `"agreed"`, `"violations"`, `"rejected"` or `"unanswered"`.
    pub outcome: &'static str,
    /// The response that rejected the offer (`488 Not Acceptable Here`).
    pub rejected_by: Option<String>,
    /// What was agreed, seen from the offerer, one item per m-line.
    pub agreed: Vec<String>,
    pub violations: Vec<json::Problem>,
}

/// What can answer an open offer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Awaits {
    /// A 1xx/2xx to INVITE `cseq`.
    InviteResponse(u32),
    /// The ACK or PRACK of a delayed-offer INVITE `cseq`.
    AckOrPrack(u32),
    /// A 2xx to UPDATE or PRACK `cseq`.
    Response(&'static str, u32),
}

#[derive(Debug)]
struct Open {
    n: usize,
    awaits: Awaits,
    sdp: SessionDescription,
}

#[derive(serde::Serialize, Debug)]
pub struct Dialog {
    pub call_id: String,
    #[serde(skip)]
    pub start: Duration,
    pub messages: Vec<Entry>,
    pub exchanges: Vec<Exchange>,
    /// Messages past [`MAX_MESSAGES`], counted only.
    pub messages_not_kept: u64,
    #[serde(skip)]
    open: Vec<Open>,
    /// CSeq numbers of INVITEs sent without SDP (delayed offers).
    #[serde(skip)]
    delayed: Vec<u32>,
    /// Messages seen (start line, CSeq, top Via branch, To): a second one
    /// is a retransmission (RFC 3261 §17), shown but not paired again.
    #[serde(skip)]
    seen: HashSet<String>,
}

/// Every dialog of the capture, in order of first message.
#[derive(Default)]
pub struct Dialogs {
    pub dialogs: Vec<Dialog>,
    index: HashMap<String, usize>,
    pub dialogs_not_kept: u64,
}

impl Dialogs {
    pub fn add(&mut self, seen: Seen) {
        let Some(call_id) = seen.message.header("Call-ID").map(str::to_owned) else {
            return;
        };
        let i = match self.index.get(&call_id) {
            Some(&i) => i,
            None if self.dialogs.len() >= MAX_DIALOGS => {
                self.dialogs_not_kept += 1;
                return;
            }
            None => {
                self.index.insert(call_id.clone(), self.dialogs.len());
                self.dialogs.push(Dialog {
                    call_id,
                    start: seen.time,
                    messages: Vec::new(),
                    exchanges: Vec::new(),
                    messages_not_kept: 0,
                    open: Vec::new(),
                    delayed: Vec::new(),
                    seen: HashSet::new(),
                });
                self.dialogs.len() - 1
            }
        };
        self.dialogs[i].add(seen);
    }
}

/// The most retransmission keys kept per dialog.
const MAX_SEEN: usize = 4 * MAX_MESSAGES;

/// What a retransmission repeats: start line, CSeq, top Via branch, To.
fn retransmission_key(m: &SipMessage) -> String {
    let branch = m
        .header("Via")
        .and_then(|v| v.split(';').find_map(|p| p.trim().strip_prefix("branch=")))
        .unwrap_or_default();
    format!(
        "{}|{}|{branch}|{}",
        m.label(),
        m.header("CSeq").unwrap_or_default(),
        m.header("To").unwrap_or_default()
    )
}

/// Whether a 1xx is sent reliably (RFC 3262 §3: Require: 100rel and RSeq).
fn reliable(m: &SipMessage) -> bool {
    m.header("RSeq").is_some()
        && m.header_tokens("Require")
            .any(|t| t.eq_ignore_ascii_case("100rel"))
}

impl Dialog {
    fn add(&mut self, seen: Seen) {
        let m = &seen.message;
        let sdp = sdp_of(m).ok();
        let mut entry = Entry {
            time: seen.time.saturating_sub(self.start).as_secs_f64(),
            from: seen.from,
            to: seen.to,
            transport: seen.transport,
            label: m.label(),
            sdp: None,
            exchange: None,
        };
        let key = retransmission_key(m);
        if self.seen.contains(&key) {
            entry.label.push_str(" (retransmission)");
            self.keep(entry);
            return;
        }
        if self.seen.len() < MAX_SEEN {
            self.seen.insert(key);
        }
        let parsed = sdp.as_ref().and_then(|(bytes, offset)| {
            let text = String::from_utf8_lossy(bytes);
            SessionDescription::parse(&text).ok().map(|s| (s, *offset))
        });
        let cseq = m.cseq().map(|(n, _)| n).unwrap_or(0);
        match (m.status(), m.method().unwrap_or_default()) {
            (None, method) => self.request(method, cseq, parsed, &mut entry),
            (Some(code), method) => self.response(code, method, cseq, m, parsed, &mut entry),
        }
        self.keep(entry);
    }

    fn keep(&mut self, entry: Entry) {
        if self.messages.len() < MAX_MESSAGES {
            self.messages.push(entry);
        } else {
            self.messages_not_kept += 1;
        }
    }

    fn request(
        &mut self,
        method: &str,
        cseq: u32,
        sdp: Option<(SessionDescription, usize)>,
        entry: &mut Entry,
    ) {
        match (method, sdp) {
            ("INVITE", None) if !self.delayed.contains(&cseq) && self.delayed.len() < MAX_OPEN => {
                self.delayed.push(cseq);
            }
            ("INVITE", Some((sdp, _))) => self.offer(Awaits::InviteResponse(cseq), sdp, entry),
            ("UPDATE", Some((sdp, _))) => self.offer(Awaits::Response("UPDATE", cseq), sdp, entry),
            ("ACK" | "PRACK", Some((sdp, offset))) => {
                let waiting = self
                    .open
                    .iter()
                    .position(|o| matches!(o.awaits, Awaits::AckOrPrack(_)));
                match waiting {
                    Some(i) => self.answer(i, sdp, offset, entry, true),
                    None if method == "PRACK" => {
                        self.offer(Awaits::Response("PRACK", cseq), sdp, entry)
                    }
                    None => entry.sdp = Some("SDP, no offer open".into()),
                }
            }
            _ => {}
        }
    }

    fn response(
        &mut self,
        code: u16,
        method: &str,
        cseq: u32,
        m: &SipMessage,
        sdp: Option<(SessionDescription, usize)>,
        entry: &mut Entry,
    ) {
        let open = self.open.iter().position(|o| match o.awaits {
            Awaits::InviteResponse(n) => method == "INVITE" && n == cseq,
            Awaits::Response(meth, n) => method == meth && n == cseq,
            Awaits::AckOrPrack(_) => false,
        });
        if code >= 300 {
            if let Some(i) = open {
                let o = self.open.remove(i);
                if let Some(x) = self.exchange_mut(o.n) {
                    x.outcome = "rejected";
                    x.rejected_by = Some(m.label());
                }
                entry.exchange = Some(o.n);
            }
            self.delayed.retain(|&n| !(method == "INVITE" && n == cseq));
            return;
        }
        let Some((sdp, offset)) = sdp else { return };
        if code < 200 && !reliable(m) {
            // An unreliable 1xx: an early copy of the answer, not final.
            if let Some(i) = open {
                self.answer(i, sdp, offset, entry, false);
            }
            return;
        }
        match open {
            Some(i) => self.answer(i, sdp, offset, entry, true),
            None if method == "INVITE" && self.delayed.contains(&cseq) => {
                // The offer of a delayed-offer INVITE, answered in the PRACK or ACK.
                self.delayed.retain(|&n| n != cseq);
                self.offer(Awaits::AckOrPrack(cseq), sdp, entry);
            }
            None => {}
        }
    }

    fn offer(&mut self, awaits: Awaits, sdp: SessionDescription, entry: &mut Entry) {
        if self.exchanges.len() >= MAX_EXCHANGES || self.open.len() >= MAX_OPEN {
            entry.sdp = Some("offer (not kept)".into());
            return;
        }
        let n = self.exchanges.len() + 1;
        self.exchanges.push(Exchange {
            n,
            offer: entry.label.clone(),
            answer: None,
            outcome: "unanswered",
            rejected_by: None,
            agreed: Vec::new(),
            violations: Vec::new(),
        });
        self.open.push(Open { n, awaits, sdp });
        entry.sdp = Some("offer".into());
        entry.exchange = Some(n);
    }

    /// Validates an answer (`last` closes the offer; an early copy does not).
    fn answer(
        &mut self,
        i: usize,
        sdp: SessionDescription,
        offset: usize,
        entry: &mut Entry,
        last: bool,
    ) {
        let open = if last {
            self.open.remove(i)
        } else {
            let o = &self.open[i];
            Open {
                n: o.n,
                awaits: o.awaits,
                sdp: o.sdp.clone(),
            }
        };
        let mut violations: Vec<json::Problem> = check(&sdp)
            .iter()
            .filter(|p| p.is_error())
            .map(|p| json::Problem {
                line: if p.line == 0 { 0 } else { p.line + offset },
                severity: "error",
                kind: p.kind.to_string(),
                rule: p.kind.rule().map(str::to_owned),
                message: p.message.clone(),
            })
            .collect();
        violations.extend(
            answer_violations(&open.sdp, &sdp)
                .iter()
                .map(|e| crate::validate::violation_at(e, &sdp, offset)),
        );
        violations.sort_by_key(|v| v.line);
        let agreed = validate_answer(&open.sdp, &sdp)
            .map(|s| agreed(&open.sdp, &s))
            .unwrap_or_default();
        entry.sdp = Some(if last { "answer" } else { "early answer" }.into());
        entry.exchange = Some(open.n);
        let label = entry.label.clone();
        if let Some(x) = self.exchange_mut(open.n) {
            x.answer = Some(label);
            x.outcome = if violations.is_empty() {
                "agreed"
            } else {
                "violations"
            };
            x.agreed = agreed;
            x.violations = violations;
        }
    }

    fn exchange_mut(&mut self, n: usize) -> Option<&mut Exchange> {
        self.exchanges.get_mut(n.checked_sub(1)?)
    }
}

/// `audio PCMU/8000 sendrecv`, `audio PCMA/8000 sendonly (hold) sdes
/// AES_CM_128_HMAC_SHA1_80`, `video rejected`: one item per m-line.
fn agreed(offer: &SessionDescription, session: &NegotiatedSession) -> Vec<String> {
    session
        .streams
        .iter()
        .map(|s| {
            let mut item = s.media.to_string();
            match s.state {
                StreamState::Active => {
                    if let Some(c) = s.codec() {
                        item.push_str(&format!(" {}/{}", c.encoding_name, c.clock_rate));
                    }
                    if s.telephone_event().is_some() {
                        item.push_str(" +dtmf");
                    }
                    item.push_str(&format!(" {}", s.direction));
                    let offered = offer.media(s.index).map(|m| m.effective_direction());
                    if offered.is_some_and(|d| !d.contains(Direction::RECV)) {
                        item.push_str(" (hold)");
                    }
                    if let Some(sdes) = &s.sdes {
                        item.push_str(&format!(" srtp {}", sdes.suite));
                    }
                    if s.dtls.is_some() {
                        item.push_str(" dtls-srtp");
                    }
                }
                StreamState::Disabled => item.push_str(" disabled"),
                _ => item.push_str(" rejected"),
            }
            item
        })
        .collect()
}
