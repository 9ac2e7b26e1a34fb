//! Two Calls wired back to back (quinn-proto style): an arbitrary sequence
//! of inputs — deliveries of what each side sent (in order, dropped or
//! duplicated), hand-made requests and responses (random methods,
//! statuses, tags and bodies, garbage included), time passing, and local
//! intents (establish, accept, accept early media, decline, terminate,
//! renegotiation both ways: begin, hold, resume, answer, dismiss) and timer
//! jumps to the next deadline, from an idle or an already established
//! call, each side in manual or automatic renegotiation mode — never
//! panics; queues stay bounded, each side sends at most one initial INVITE
//! plus its two 415 retries, every request
//! gets at most one final response, a terminated call stays terminated with
//! no renegotiation left, renegotiation events come at most once per
//! operation id (an incoming one completes only after it started), a begun
//! renegotiation is the Call's outgoing one, and every deadline the Call
//! asks for can be handled.
#![no_main]

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sdp_offer_answer::body::{
    BoundaryGenerator, ContentDisposition, Handling, MessageBody, MimePart,
};
use sdp_offer_answer::call::{
    Call, CallConfig, CallDirection, CallEstablishOptions, CallEvent, CallState, MAX_QUEUED_EVENTS,
    MAX_QUEUED_TRANSMITS, Method, RenegotiationAnswer, RenegotiationMode, SipHeaders, SipRequest,
    SipResponse, Transmit,
};
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason, RenegotiationDirection};

/// Messages kept in flight per direction; older ones are lost beyond it.
const MAX_IN_FLIGHT: usize = 64;
/// Inputs per run.
const MAX_OPS: usize = 128;

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    A,
    B,
}

#[derive(Arbitrary, Debug)]
enum Op {
    /// The oldest message `from` sent reaches the other side.
    Deliver {
        from: Side,
    },
    /// It is lost.
    Drop {
        from: Side,
    },
    /// It arrives twice (a retransmission).
    Duplicate {
        from: Side,
    },
    /// It overtakes the one before it.
    Reorder {
        from: Side,
    },
    Request {
        to: Side,
        method: u8,
        body: u8,
        tag: u8,
        reliable: bool,
    },
    Response {
        to: Side,
        status: u16,
        method: u8,
        body: u8,
        tag: u8,
        rseq: Option<u8>,
        accept: u8,
    },
    /// Time passes; both sides handle their due deadlines.
    Advance {
        millis: u16,
    },
    Establish {
        side: Side,
        custom: bool,
        early: bool,
        third_party: bool,
        retries: u8,
    },
    Accept {
        side: Side,
    },
    AcceptEarly {
        side: Side,
    },
    Decline {
        side: Side,
        status: u16,
    },
    Terminate {
        side: Side,
    },
    /// `begin_renegotiation` (0), `hold` (1) or `resume` (2).
    Renegotiate {
        side: Side,
        kind: u8,
    },
    /// `answer_renegotiation` of the pending incoming renegotiation (or of
    /// an unknown id), by the provider or with one of the bodies.
    AnswerRenegotiation {
        side: Side,
        known_id: bool,
        sdp: Option<u8>,
    },
    /// `dismiss_renegotiation` with one of the eight reasons.
    DismissRenegotiation {
        side: Side,
        known_id: bool,
        reason: u8,
    },
    /// The clock jumps to `side`'s next deadline, which is handled.
    NextTimeout {
        side: Side,
    },
}

/// Where a renegotiation's events stand: (started, completed).
type Lifecycle = HashMap<String, (bool, bool)>;

struct Peer {
    call: Call<StandardMediaProvider>,
    /// What this side sent, not yet delivered.
    outbox: VecDeque<Transmit>,
    invites: usize,
    /// Requests received per method (duplicates and hand-made ones too).
    received: HashMap<String, usize>,
    /// Final responses sent per method.
    finals: HashMap<String, usize>,
    /// Renegotiation events per operation id.
    renegotiations: Lifecycle,
    terminated: bool,
    /// The last input was an INVITE without To-tag to an incoming call
    /// that made no dialog: the caller's retry after our decline, which
    /// starts the call afresh (`manual::retry_415`, RFC 3261 §13.2.2.4).
    may_restart: bool,
}

impl Peer {
    fn new(
        caps: LocalCapabilities,
        session_id: u64,
        seed: u64,
        tag: &str,
        automatic: bool,
    ) -> Self {
        let provider = StandardMediaProvider::new(caps, session_id);
        let mode = if automatic {
            RenegotiationMode::Automatic
        } else {
            RenegotiationMode::Manual
        };
        let config = CallConfig::new(seed)
            .with_local_tag(tag)
            .with_renegotiation_mode(mode);
        Peer {
            call: Call::new(provider, config),
            outbox: VecDeque::new(),
            invites: 0,
            received: HashMap::new(),
            finals: HashMap::new(),
            renegotiations: HashMap::new(),
            terminated: false,
            may_restart: false,
        }
    }

    /// The documented drive loop: transmits, then events, then the invariants.
    fn poll(&mut self) {
        let mut transmits = 0;
        while let Some(t) = self.call.poll_transmit() {
            transmits += 1;
            match &t {
                // An initial INVITE (or a 415 retry) is the caller's and has
                // no To-tag; the caller's re-INVITE names its dialog. (The
                // callee's re-INVITE has none either: its dialog is the one
                // it answered, which the transport knows.)
                Transmit::Request(r)
                    if r.method == Method::Invite
                        && r.headers.to_tag.is_none()
                        && self.call.direction() == Some(CallDirection::Outgoing) =>
                {
                    self.invites += 1;
                }
                Transmit::Response(r) if r.status >= 200 => {
                    let method = r.method.to_string();
                    let sent = self.finals.entry(method.clone()).or_default();
                    *sent += 1;
                    let received = self.received.get(&method).copied().unwrap_or(0);
                    assert!(
                        *sent <= received,
                        "{sent} final responses to {received} {method} requests"
                    );
                }
                _ => {}
            }
            if self.outbox.len() == MAX_IN_FLIGHT {
                self.outbox.pop_front();
            }
            self.outbox.push_back(t);
        }
        assert!(transmits <= MAX_QUEUED_TRANSMITS);
        let mut events = 0;
        while let Some(event) = self.call.poll_event() {
            events += 1;
            match event {
                CallEvent::RenegotiationStarted { renegotiation } => {
                    let id = renegotiation.operation_id().to_owned();
                    let entry = self.renegotiations.entry(id).or_default();
                    assert!(!entry.0 && !entry.1, "started twice or after completion");
                    entry.0 = true;
                }
                CallEvent::RenegotiationCompleted { renegotiation, .. } => {
                    let id = renegotiation.operation_id().to_owned();
                    let entry = self.renegotiations.entry(id).or_default();
                    assert!(!entry.1, "completed twice");
                    if renegotiation.direction() == RenegotiationDirection::Incoming {
                        assert!(
                            entry.0,
                            "an incoming renegotiation completed, never started"
                        );
                    }
                    entry.1 = true;
                }
                _ => {}
            }
        }
        assert!(events <= MAX_QUEUED_EVENTS);
        assert!(
            self.invites <= 3,
            "more INVITEs than one establish and two 415 retries"
        );
        if self.terminated && !self.may_restart {
            assert_eq!(
                self.call.state(),
                CallState::Terminated,
                "a terminated call came back"
            );
        }
        if self.call.state() == CallState::Terminated {
            assert!(
                self.call.outgoing_renegotiation().is_none()
                    && self.call.incoming_renegotiation().is_none(),
                "a renegotiation outlived the call"
            );
        }
        if let Some(r) = self.call.outgoing_renegotiation() {
            assert_eq!(r.direction(), RenegotiationDirection::Outgoing);
        }
        if let Some(r) = self.call.incoming_renegotiation() {
            assert_eq!(r.direction(), RenegotiationDirection::Incoming);
        }
        self.terminated = self.call.state() == CallState::Terminated;
        self.may_restart = false;
    }

    fn handle_request(&mut self, request: SipRequest, now: Instant) {
        self.may_restart = request.method == Method::Invite
            && request.headers.to_tag.is_none()
            && self.call.direction() == Some(CallDirection::Incoming)
            && self.call.dialog_id().is_none();
        *self.received.entry(request.method.to_string()).or_default() += 1;
        let _ = self.call.handle_request(request, now);
    }

    fn deliver(&mut self, t: Transmit, now: Instant) {
        match t {
            Transmit::Request(r) => self.handle_request(r, now),
            Transmit::Response(r) => {
                let _ = self.call.handle_response(r, now);
            }
        }
    }
}

fn audio_caps(ip: &str, port: u16) -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4(ip.parse().expect("a valid address"))
        .media(
            MediaCapability::audio(port)
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .telephone_event(8000),
        )
        .build()
        .expect("valid capabilities")
}

fn method(i: u8) -> Method {
    match i % 8 {
        0 | 7 => Method::Invite,
        1 => Method::Ack,
        2 => Method::Prack,
        3 => Method::Update,
        4 => Method::Bye,
        5 => Method::Cancel,
        _ => Method::Other("INFO".into()),
    }
}

fn tag(i: u8) -> Option<String> {
    match i % 4 {
        0 => None,
        1 => Some("b1".into()),
        2 => Some("b2".into()),
        _ => Some("a1".into()),
    }
}

fn accept(i: u8) -> Option<String> {
    match i % 4 {
        0 => None,
        1 => Some("application/sdp".into()),
        2 => Some("application/sdp, multipart/alternative".into()),
        _ => Some("*/*;q=0, garbage,,;".into()),
    }
}

const OFFER: &[u8] = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
const ANSWER: &[u8] = b"v=0\r\no=- 2 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

fn optional_custom() -> MimePart {
    MimePart::single(
        "application/x-custom".parse().expect("a media type"),
        b"ticket=42".to_vec(),
    )
    .expect("not multipart")
    .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional))
}

/// (Content-Type, body) pairs, from valid offers and answers to garbage.
fn bodies() -> Vec<(Option<String>, Vec<u8>)> {
    let mut g = BoundaryGenerator::new(1);
    let mixed = MessageBody::build(
        &MimePart::mixed(vec![MimePart::sdp(OFFER.to_vec()), optional_custom()]),
        &mut g,
    )
    .expect("builds");
    let sdp = Some("application/sdp".to_owned());
    vec![
        (None, Vec::new()),
        (sdp.clone(), OFFER.to_vec()),
        (sdp.clone(), ANSWER.to_vec()),
        (sdp.clone(), b"garbage \xff\xfe".to_vec()),
        (sdp.clone(), b"v=0\r\nm=audio x\r\n".to_vec()),
        (Some(mixed.content_type), mixed.body),
        (
            Some("multipart/mixed;boundary=zz".into()),
            b"--zz\r\n\r\nv=0".to_vec(),
        ),
        (Some("text/plain".into()), b"hello".to_vec()),
    ]
}

/// The id of `call`'s pending incoming renegotiation, or an unknown one.
fn incoming_id(call: &Call<StandardMediaProvider>, known: bool) -> String {
    match call.incoming_renegotiation() {
        Some(r) if known => r.operation_id().to_owned(),
        _ => "00000000-0000-4000-8000-000000000000".to_owned(),
    }
}

/// `(side, other side)`.
fn sides<'p>(a: &'p mut Peer, b: &'p mut Peer, side: Side) -> (&'p mut Peer, &'p mut Peer) {
    match side {
        Side::A => (a, b),
        Side::B => (b, a),
    }
}

fuzz_target!(|input: (bool, bool, bool, Vec<Op>)| {
    let (a_automatic, b_automatic, established, ops) = input;
    let bodies = bodies();
    let body = |i: u8| bodies[usize::from(i) % bodies.len()].clone();
    let mut now = Instant::now();
    let mut a = Peer::new(
        LocalCapabilities::demo_softphone(),
        1001,
        7,
        "a1",
        a_automatic,
    );
    let mut b = Peer::new(audio_caps("198.51.100.5", 4000), 2002, 8, "b1", b_automatic);
    if established {
        // Start from an established call, so that renegotiation, hold and
        // resume are reached at once.
        let _ = a.call.establish(CallEstablishOptions::new(), now);
        a.poll();
        for round in 0..8 {
            while let Some(t) = a.outbox.pop_front() {
                b.deliver(t, now);
            }
            b.poll();
            if round == 0 {
                let _ = b.call.accept(now);
                b.poll();
            }
            while let Some(t) = b.outbox.pop_front() {
                a.deliver(t, now);
            }
            a.poll();
        }
        assert_eq!(a.call.state(), CallState::Established);
        assert_eq!(b.call.state(), CallState::Established);
    }
    for op in ops.into_iter().take(MAX_OPS) {
        match op {
            Op::Deliver { from } => {
                let (src, dst) = sides(&mut a, &mut b, from);
                if let Some(t) = src.outbox.pop_front() {
                    dst.deliver(t, now);
                }
            }
            Op::Drop { from } => {
                sides(&mut a, &mut b, from).0.outbox.pop_front();
            }
            Op::Duplicate { from } => {
                let (src, dst) = sides(&mut a, &mut b, from);
                if let Some(t) = src.outbox.front().cloned() {
                    dst.deliver(t, now);
                }
            }
            Op::Reorder { from } => {
                let outbox = &mut sides(&mut a, &mut b, from).0.outbox;
                if outbox.len() >= 2 {
                    outbox.swap(0, 1);
                }
            }
            Op::Request {
                to,
                method: m,
                body: i,
                tag: t,
                reliable,
            } => {
                let (content_type, bytes) = body(i);
                let headers = SipHeaders {
                    content_type,
                    to_tag: tag(t),
                    supported: if reliable {
                        vec!["100rel".into()]
                    } else {
                        Vec::new()
                    },
                    ..SipHeaders::default()
                };
                let request = SipRequest {
                    method: method(m),
                    headers,
                    body: bytes,
                };
                sides(&mut a, &mut b, to).0.handle_request(request, now);
            }
            Op::Response {
                to,
                status,
                method: m,
                body: i,
                tag: t,
                rseq,
                accept: acc,
            } => {
                let (content_type, bytes) = body(i);
                let headers = SipHeaders {
                    content_type,
                    to_tag: tag(t),
                    rseq: rseq.map(u32::from),
                    require: if rseq.is_some() {
                        vec!["100rel".into()]
                    } else {
                        Vec::new()
                    },
                    accept: accept(acc),
                    ..SipHeaders::default()
                };
                let response = SipResponse {
                    status: status % 800,
                    method: method(m),
                    headers,
                    body: bytes,
                };
                let _ = sides(&mut a, &mut b, to)
                    .0
                    .call
                    .handle_response(response, now);
            }
            Op::Advance { millis } => {
                now += Duration::from_millis(u64::from(millis) * 4);
                for peer in [&mut a, &mut b] {
                    // Every deadline up to now, bounded: a deadline that does
                    // not move on would be a loop.
                    for _ in 0..16 {
                        match peer.call.poll_timeout() {
                            Some(deadline) if deadline <= now => {
                                let _ = peer.call.handle_timeout(deadline.max(now));
                                peer.poll();
                            }
                            _ => break,
                        }
                    }
                    assert!(
                        peer.call.poll_timeout().is_none_or(|d| d > now),
                        "a handled deadline stays due"
                    );
                }
            }
            Op::Establish {
                side,
                custom,
                early,
                third_party,
                retries,
            } => {
                let mut options = CallEstablishOptions::new()
                    .with_early_media(early)
                    .with_third_party_call_control(third_party)
                    .with_max_retries(retries % 4);
                if custom {
                    options = options.with_custom_mime_part(optional_custom());
                }
                let _ = sides(&mut a, &mut b, side).0.call.establish(options, now);
            }
            Op::Accept { side } => {
                let _ = sides(&mut a, &mut b, side).0.call.accept(now);
            }
            Op::AcceptEarly { side } => {
                let _ = sides(&mut a, &mut b, side).0.call.accept_early_media(now);
            }
            Op::Decline { side, status } => {
                let _ = sides(&mut a, &mut b, side)
                    .0
                    .call
                    .decline(status % 800, now);
            }
            Op::Terminate { side } => {
                let _ = sides(&mut a, &mut b, side).0.call.terminate(now);
            }
            Op::Renegotiate { side, kind } => {
                let call = &mut sides(&mut a, &mut b, side).0.call;
                let result = match kind % 3 {
                    0 => call.begin_renegotiation(now),
                    1 => call.hold(now),
                    _ => call.resume(now),
                };
                if let Ok(id) = result {
                    assert_eq!(
                        call.outgoing_renegotiation().map(|r| r.operation_id()),
                        Some(id.as_str()),
                        "a begun renegotiation is not the Call's outgoing one"
                    );
                }
            }
            Op::AnswerRenegotiation {
                side,
                known_id,
                sdp,
            } => {
                let call = &mut sides(&mut a, &mut b, side).0.call;
                let id = incoming_id(call, known_id);
                let answer = match sdp {
                    None => RenegotiationAnswer::Provider,
                    Some(i) => RenegotiationAnswer::Sdp(body(i).1),
                };
                let _ = call.answer_renegotiation(&id, answer, now);
            }
            Op::DismissRenegotiation {
                side,
                known_id,
                reason,
            } => {
                let call = &mut sides(&mut a, &mut b, side).0.call;
                let id = incoming_id(call, known_id);
                let reason = ReNegotiationDeclineReason::ALL[usize::from(reason) % 8];
                let _ = call.dismiss_renegotiation(&id, reason, now);
            }
            Op::NextTimeout { side } => {
                let peer = sides(&mut a, &mut b, side).0;
                if let Some(deadline) = peer.call.poll_timeout() {
                    now = now.max(deadline);
                    let _ = peer.call.handle_timeout(now);
                    peer.poll();
                    assert!(
                        peer.call.poll_timeout().is_none_or(|d| d > now),
                        "a handled deadline stays due"
                    );
                }
            }
        }
        a.poll();
        b.poll();
    }
});
