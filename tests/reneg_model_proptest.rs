//! Reference-model property test of renegotiation (firezone connlib's
//! `ReferenceStateMachine` pattern, hand-rolled): a small model, written
//! from RFC 3261 §14, RFC 3264 §6.1/§8/§8.4 and the crate's manual
//! (`manual::renegotiation`, `manual::glare`, `manual::decline_responses`),
//! predicts from the operations alone, for every step:
//!
//! * the SIP messages each side has in flight, in order (method or status
//!   line: `INVITE`, `200 OK`, `491 Request Pending`, `ACK`, `488 Not
//!   Acceptable Here`, `500 Server Internal Error`), and that each delivered
//!   message is the predicted one;
//! * the renegotiation events of each side (`started Outgoing`,
//!   `completed Incoming Err(Dismissed { .. })`...), with their result;
//! * whether `begin`, `hold`, `resume`, `answer` and `dismiss` succeed;
//! * the session: the negotiated direction of the audio stream on each side
//!   (from both sides' hold intents and the §6.1 answer rule), and whether
//!   each side's `o=` version moved (RFC 3264 §8: +1 exactly when its SDP
//!   changed; an unchanged re-offer is a refresh, answered at once, no
//!   renegotiation).
//!
//! The system (two Calls back to back with standard providers) is then
//! checked against it. Operations: begin/hold/resume on either side,
//! deliver the next message of either direction, answer or dismiss the
//! pending incoming renegotiation (manual mode), lose a re-INVITE (its
//! sender gets 408), and move the clock by
//! 4.1 s when nothing is in flight (every glare wait, at most 4 s, fires;
//! three moves pass the 10 s decision timeout). Each side is in manual or
//! automatic mode. The system's events are never used to update the model.

mod call_harness;
mod reneg_harness;

use std::collections::VecDeque;
use std::time::Duration;

use call_harness::*;
use proptest::prelude::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallError, CallState, MAX_GLARE_RETRIES, Method, RenegotiationAnswer, RenegotiationMode,
    SipResponse,
};
use sdp_offer_answer::renegotiation::ReNegotiationDeclineReason;
use sdp_offer_answer::sdp::Direction;
use sdp_offer_answer::sip::reason_phrase;
use sdp_offer_answer::testing::Side;

/// The clock step: more than any glare wait (RFC 3261 §14.1: at most 4 s).
const STEP: Duration = Duration::from_millis(4100);
/// `CallConfig::renegotiation_decision_timeout`'s default.
const DECISION_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy)]
enum Kind {
    Plain,
    Hold,
    Resume,
}

#[derive(Debug, Clone)]
enum Op {
    Begin(Side, Kind),
    Deliver(Side),
    Answer(Side),
    Dismiss(Side, usize),
    Advance,
    /// The next message from the side is lost when it is a re-INVITE: its
    /// sender's transaction times out (408, RFC 3261 §17.1.1.2).
    LoseOffer(Side),
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::A), Just(Side::B)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (side(), prop_oneof![Just(Kind::Plain), Just(Kind::Hold), Just(Kind::Resume)])
            .prop_map(|(s, k)| Op::Begin(s, k)),
        6 => side().prop_map(Op::Deliver),
        2 => side().prop_map(Op::Answer),
        1 => (side(), 0..8usize).prop_map(|(s, r)| Op::Dismiss(s, r)),
        1 => Just(Op::Advance),
        1 => side().prop_map(Op::LoseOffer),
    ]
}

fn ix(side: Side) -> usize {
    match side {
        Side::A => 0,
        Side::B => 1,
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::A => Side::B,
        Side::B => Side::A,
    }
}

/// A message the model expects on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Msg {
    /// A re-INVITE with an offer of this direction, changed or not (§8).
    Invite {
        dir: Direction,
        changed: bool,
    },
    /// A final response to a re-INVITE; a 200 carries the answer's direction.
    Final {
        status: u16,
        answer: Option<Direction>,
    },
    Ack,
}

impl Msg {
    fn first_line(&self) -> String {
        match self {
            Msg::Invite { .. } => "INVITE".to_owned(),
            Msg::Ack => "ACK".to_owned(),
            Msg::Final { status, .. } => format!("{status} {}", reason_phrase(*status)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum OutPhase {
    /// Waiting for the remote's exchange to end.
    Queued,
    /// Sent, no final response yet, offering this direction.
    Offered(Direction),
    /// Got 491: the glare timer runs.
    GlareWait,
}

#[derive(Debug, Clone)]
struct Out {
    phase: OutPhase,
    glare_retries: u8,
    /// Whether `RenegotiationStarted` was reported (once, when first sent).
    started: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Inc {
    /// Waiting for the application since this many clock steps.
    Deciding { offer: Direction, since: u32 },
    /// Our 200 went out; the ACK is awaited (a renegotiation, or a refresh).
    AwaitingAck,
}

#[derive(Debug, Clone)]
struct SideModel {
    manual: bool,
    /// The provider's hold intent (`Call::hold`/`resume`, RFC 3264 §8.4).
    hold: bool,
    /// The direction written in our committed local SDP.
    local_dir: Direction,
    /// The negotiated direction of the stream, our view.
    session: Direction,
    /// Our committed local SDP changed since the last check.
    version_moved: bool,
    out: Option<Out>,
    inc: Option<Inc>,
    /// Renegotiation events expected since the last check.
    events: Vec<String>,
}

/// The reference model: two sides and the two directions of the network.
#[derive(Debug, Clone)]
struct Model {
    sides: [SideModel; 2],
    /// Messages in flight from A (0) and from B (1), in order.
    wire: [VecDeque<Msg>; 2],
    /// Clock steps so far.
    steps: u32,
    /// Per side: the next 488 it receives carries Warning 370.
    last_370: [bool; 2],
}

/// The RFC 3264 §6.1 answer to an offer of `offer`, by a side whose hold
/// intent is `hold` (on hold it does not receive).
fn answer_dir(offer: Direction, hold: bool) -> Direction {
    let mut d = mirror(offer);
    if hold {
        d.remove(Direction::RECV);
    }
    d
}

fn offer_dir(hold: bool) -> Direction {
    if hold {
        Direction::SEND
    } else {
        Direction::SEND | Direction::RECV
    }
}

impl Model {
    fn new(manual: [bool; 2]) -> Self {
        let side = |manual| SideModel {
            manual,
            hold: false,
            local_dir: Direction::SEND | Direction::RECV,
            session: Direction::SEND | Direction::RECV,
            version_moved: false,
            out: None,
            inc: None,
            events: Vec::new(),
        };
        Model {
            sides: [side(manual[0]), side(manual[1])],
            wire: [VecDeque::new(), VecDeque::new()],
            steps: 0,
            last_370: [false; 2],
        }
    }

    fn s(&mut self, side: Side) -> &mut SideModel {
        &mut self.sides[ix(side)]
    }

    fn send(&mut self, from: Side, msg: Msg) {
        self.wire[ix(from)].push_back(msg);
    }

    /// Commits `dir` as `side`'s local SDP direction.
    fn commit_local(&mut self, side: Side, dir: Direction) {
        let s = self.s(side);
        if s.local_dir != dir {
            s.version_moved = true;
            s.local_dir = dir;
        }
    }

    /// Sends `side`'s renegotiation now (its offer from the hold intent).
    fn send_offer(&mut self, side: Side) {
        let s = self.s(side);
        let dir = offer_dir(s.hold);
        let changed = dir != s.local_dir;
        let out = s.out.as_mut().expect("an outgoing renegotiation");
        out.phase = OutPhase::Offered(dir);
        if !out.started {
            out.started = true;
            s.events.push("started Outgoing".to_owned());
        }
        self.send(side, Msg::Invite { dir, changed });
    }

    /// The remote's exchange at `side` ended: a queued offer of ours goes.
    fn remote_done(&mut self, side: Side) {
        self.s(side).inc = None;
        if self
            .s(side)
            .out
            .as_ref()
            .is_some_and(|o| o.phase == OutPhase::Queued)
        {
            self.send_offer(side);
        }
    }

    /// `begin`/`hold`/`resume`: `Ok(true)` when an id is expected,
    /// `Ok(false)` for `AlreadyExists`.
    fn begin(&mut self, side: Side, kind: Kind) -> bool {
        if self.s(side).out.is_some() {
            return false;
        }
        match kind {
            Kind::Hold => self.s(side).hold = true,
            Kind::Resume => self.s(side).hold = false,
            Kind::Plain => {}
        }
        self.s(side).out = Some(Out {
            phase: OutPhase::Queued,
            glare_retries: 0,
            started: false,
        });
        if self.s(side).inc.is_none() {
            self.send_offer(side);
        }
        true
    }

    /// The 200 of `side` to an offer of `offer`: the session is committed.
    fn answer(&mut self, side: Side, offer: Direction) {
        let ans = answer_dir(offer, self.s(side).hold);
        self.commit_local(side, ans);
        self.s(side).session = ans;
        self.s(side).inc = Some(Inc::AwaitingAck);
        self.send(
            side,
            Msg::Final {
                status: 200,
                answer: Some(ans),
            },
        );
    }

    /// The next message from `from`, a re-INVITE, is lost; `from` is told
    /// 408. `false` (nothing done) when the next message is no re-INVITE.
    fn lose_offer(&mut self, from: Side) -> bool {
        if !matches!(self.wire[ix(from)].front(), Some(Msg::Invite { .. })) {
            return false;
        }
        self.wire[ix(from)].pop_front();
        let s = self.s(from);
        let out = s.out.take().expect("a re-INVITE of ours");
        assert!(matches!(out.phase, OutPhase::Offered(_)));
        s.events.push(
            "completed Outgoing Err(Failed { status: NotAcceptable, response: Some(408) })"
                .to_owned(),
        );
        true
    }

    /// The next message from `from` reaches the other side.
    fn deliver(&mut self, from: Side) -> Option<Msg> {
        let msg = self.wire[ix(from)].pop_front()?;
        let to = other(from);
        let steps = self.steps;
        match msg.clone() {
            Msg::Invite { dir, changed } => {
                let t = self.s(to);
                if matches!(&t.out, Some(o) if matches!(o.phase, OutPhase::Offered(_))) {
                    // Glare: our offer is outstanding (RFC 3261 §14.2).
                    self.send(
                        to,
                        Msg::Final {
                            status: 491,
                            answer: None,
                        },
                    );
                } else if t.inc.is_some() {
                    self.send(
                        to,
                        Msg::Final {
                            status: 500,
                            answer: None,
                        },
                    );
                } else if !changed && mirror(dir).contains(t.local_dir) {
                    // A refresh (same `o=` version, and our current SDP is
                    // a valid §6.1 answer to it): answered at once with the
                    // current session, no renegotiation.
                    let ans = t.local_dir;
                    t.inc = Some(Inc::AwaitingAck);
                    self.send(
                        to,
                        Msg::Final {
                            status: 200,
                            answer: Some(ans),
                        },
                    );
                } else if t.manual {
                    t.events.push("started Incoming".to_owned());
                    t.inc = Some(Inc::Deciding {
                        offer: dir,
                        since: steps,
                    });
                } else {
                    t.events.push("started Incoming".to_owned());
                    t.events.push("completed Incoming Ok".to_owned());
                    self.answer(to, dir);
                }
            }
            Msg::Ack => self.remote_done(to),
            Msg::Final { status, answer } => {
                let t = self.s(to);
                let Some(mut out) = t.out.take() else {
                    panic!("model: a final response without our offer");
                };
                let OutPhase::Offered(offered) = out.phase else {
                    panic!("model: a final response to no offer");
                };
                match (status, answer) {
                    (200, Some(ans)) => {
                        t.events.push("completed Outgoing Ok".to_owned());
                        t.session = mirror(ans);
                        self.commit_local(to, offered);
                        self.send(to, Msg::Ack);
                    }
                    (491, _) if out.glare_retries < MAX_GLARE_RETRIES => {
                        out.glare_retries += 1;
                        out.phase = OutPhase::GlareWait;
                        t.out = Some(out);
                    }
                    (status, _) => {
                        let st = match status {
                            491 => "RequestPending",
                            488 if answer.is_none() && self.last_370[ix(to)] => {
                                "NotAcceptableDueToBandwidthPolicy"
                            }
                            _ => "NotAcceptable",
                        };
                        let t = self.s(to);
                        t.events.push(format!(
                            "completed Outgoing Err(Failed {{ status: {st}, response: Some({status}) }})"
                        ));
                    }
                }
            }
        }
        Some(msg)
    }

    /// Clock step: glare timers and decision timeouts fire.
    fn advance(&mut self) {
        self.steps += 1;
        for side in [Side::A, Side::B] {
            let glare = self
                .s(side)
                .out
                .as_ref()
                .is_some_and(|o| o.phase == OutPhase::GlareWait);
            if glare {
                if self.s(side).inc.is_some() {
                    self.s(side).out.as_mut().unwrap().phase = OutPhase::Queued;
                } else {
                    self.send_offer(side);
                }
            }
            if let Some(Inc::Deciding { since, .. }) = self.s(side).inc
                && STEP * (self.steps - since) >= DECISION_TIMEOUT
            {
                self.dismiss_with(side, 488, None);
            }
        }
    }

    /// Declines the pending incoming offer of `side` with `status`.
    fn dismiss_with(
        &mut self,
        side: Side,
        status: u16,
        reason: Option<ReNegotiationDeclineReason>,
    ) {
        let event = match reason {
            Some(reason) => format!("Dismissed {{ reason: {reason:?}, response: {status} }}"),
            None => format!("DecisionTimeout {{ response: {status} }}"),
        };
        self.s(side)
            .events
            .push(format!("completed Incoming Err({event})"));
        self.last_370[ix(other(side))] =
            reason == Some(ReNegotiationDeclineReason::InsufficientBandwidth);
        self.send(
            side,
            Msg::Final {
                status,
                answer: None,
            },
        );
        self.remote_done(side);
    }

    fn deciding(&self, side: Side) -> Option<Direction> {
        match self.sides[ix(side)].inc {
            Some(Inc::Deciding { offer, .. }) => Some(offer),
            _ => None,
        }
    }

    fn quiet(&self) -> bool {
        self.wire.iter().all(VecDeque::is_empty)
    }
}

/// The system under test and its model, side by side.
struct World {
    p: Pair,
    model: Model,
}

fn call_mut(p: &mut Pair, side: Side) -> &mut TestCall {
    match side {
        Side::A => &mut p.a,
        Side::B => &mut p.b,
    }
}

fn call_ref(p: &Pair, side: Side) -> &TestCall {
    match side {
        Side::A => &p.a,
        Side::B => &p.b,
    }
}

/// The `o=` session version of `sdp`.
fn version(sdp: &str) -> u64 {
    let origin = sdp
        .lines()
        .find_map(|l| l.strip_prefix("o="))
        .expect("an o= line");
    origin.split(' ').nth(2).unwrap().parse().unwrap()
}

impl World {
    fn new(manual: [bool; 2]) -> Self {
        let mode = |m: bool| {
            if m {
                RenegotiationMode::Manual
            } else {
                RenegotiationMode::Automatic
            }
        };
        let mut p = sdp_offer_answer::testing::BackToBack::new(
            call_with(alice_provider(), 7, "a1", mode(manual[0])),
            call_with(bob_provider(), 8, "b1", mode(manual[1])),
            std::time::Instant::now(),
        );
        p.a.establish(Default::default(), p.now).unwrap();
        p.run();
        p.b.accept(p.now).unwrap();
        p.run();
        assert_eq!(p.a.state(), CallState::Established);
        p.take_events(Side::A);
        p.take_events(Side::B);
        p.take_ladder();
        World {
            p,
            model: Model::new(manual),
        }
    }

    fn versions(&self) -> [u64; 2] {
        [Side::A, Side::B].map(|s| version(&session_bytes(call_ref(&self.p, s)).0))
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let now = self.p.now;
        let before = self.versions();
        match *op {
            Op::Begin(side, kind) => {
                let expect = self.model.begin(side, kind);
                let call = call_mut(&mut self.p, side);
                let result = match kind {
                    Kind::Plain => call.begin_renegotiation(now),
                    Kind::Hold => call.hold(now),
                    Kind::Resume => call.resume(now),
                };
                match (&result, expect) {
                    (Ok(_), true) | (Err(CallError::AlreadyExists { .. }), false) => {}
                    _ => {
                        return Err(TestCaseError::fail(format!(
                            "{op:?}: {result:?}, model expected success {expect}"
                        )));
                    }
                }
            }
            Op::Deliver(from) => {
                self.p.pump();
                let predicted = self.model.deliver(from);
                let next = self.p.peek_next(from).map(|t| {
                    sdp_offer_answer::testing::LadderEntry {
                        from,
                        transmit: t.clone(),
                    }
                    .first_line()
                });
                prop_assert_eq!(
                    next.map(|l| l.split("  ").nth(1).unwrap().to_owned()),
                    predicted.as_ref().map(Msg::first_line),
                    "{:?}",
                    op
                );
                self.p.deliver_next(from);
            }
            Op::Answer(side) => {
                let pending = self.model.deciding(side);
                let id = call_ref(&self.p, side)
                    .incoming_renegotiation()
                    .map(|r| r.operation_id().to_owned())
                    .unwrap_or_else(|| "none".to_owned());
                let result = call_mut(&mut self.p, side).answer_renegotiation(
                    &id,
                    RenegotiationAnswer::Provider,
                    now,
                );
                match (&result, pending) {
                    (Ok(()), Some(offer)) => {
                        self.model
                            .s(side)
                            .events
                            .push("completed Incoming Ok".to_owned());
                        self.model.answer(side, offer);
                    }
                    (Err(_), None) => {}
                    _ => {
                        return Err(TestCaseError::fail(format!(
                            "{op:?}: {result:?}, model expected {pending:?}"
                        )));
                    }
                }
            }
            Op::Dismiss(side, reason) => {
                let reason = ReNegotiationDeclineReason::ALL[reason % 8];
                let pending = self.model.deciding(side);
                let id = call_ref(&self.p, side)
                    .incoming_renegotiation()
                    .map(|r| r.operation_id().to_owned())
                    .unwrap_or_else(|| "none".to_owned());
                let result = call_mut(&mut self.p, side).dismiss_renegotiation(&id, reason, now);
                match (&result, pending) {
                    (Ok(()), Some(_)) => {
                        // No offer of ours is outstanding while we decide.
                        let status = reason.sip_response(false, 0).status;
                        self.model.dismiss_with(side, status, Some(reason));
                    }
                    (Err(_), None) => {}
                    _ => {
                        return Err(TestCaseError::fail(format!(
                            "{op:?}: {result:?}, model expected {pending:?}"
                        )));
                    }
                }
            }
            Op::LoseOffer(side) => {
                self.p.pump();
                if self.model.lose_offer(side) {
                    self.p.drop_next(side);
                    self.p
                        .inject_response(side, SipResponse::new(408, Method::Invite));
                }
            }
            Op::Advance => {
                if !self.model.quiet() {
                    return Ok(()); // precondition: nothing in flight
                }
                self.model.advance();
                self.p.now += STEP;
                self.p.fire_timers();
            }
        }
        self.check(op, before)
    }

    /// The system against the model after `op`.
    fn check(&mut self, op: &Op, before: [u64; 2]) -> Result<(), TestCaseError> {
        self.p.pump();
        let after = self.versions();
        for side in [Side::A, Side::B] {
            let i = ix(side);
            let events: Vec<String> = outline(&self.p.take_events(side));
            let expected = std::mem::take(&mut self.model.sides[i].events);
            prop_assert_eq!(&events, &expected, "{:?} events after {:?}", side, op);
            prop_assert_eq!(
                self.p.in_flight(side),
                self.model.wire[i].len(),
                "{:?} in flight after {:?}",
                side,
                op
            );
            let next = self.p.peek_next(side).map(|t| {
                sdp_offer_answer::testing::LadderEntry {
                    from: side,
                    transmit: t.clone(),
                }
                .first_line()
                .split("  ")
                .nth(1)
                .unwrap()
                .to_owned()
            });
            prop_assert_eq!(
                next,
                self.model.wire[i].front().map(Msg::first_line),
                "{:?} next after {:?}",
                side,
                op
            );
            let call = call_ref(&self.p, side);
            prop_assert_eq!(call.state(), CallState::Established);
            prop_assert_eq!(
                direction(call, 0),
                self.model.sides[i].session,
                "{:?} session direction after {:?}",
                side,
                op
            );
            let moved = std::mem::take(&mut self.model.sides[i].version_moved);
            prop_assert_eq!(
                after[i] != before[i],
                moved,
                "{:?} o= version after {:?}",
                side,
                op
            );
            if moved {
                prop_assert!(
                    after[i] > before[i],
                    "{:?} o= version went down after {:?}",
                    side,
                    op
                );
            }
            prop_assert_eq!(
                call.outgoing_renegotiation().is_some(),
                self.model.sides[i].out.is_some()
            );
            prop_assert_eq!(
                call.incoming_renegotiation().is_some() && self.model.deciding(side).is_none(),
                false
            );
        }
        if let Some((side, e)) = self.p.errors().first() {
            return Err(TestCaseError::fail(format!(
                "{side:?} refused an input: {e}"
            )));
        }
        Ok(())
    }

    /// Delivers, answers and moves the clock until nothing is left.
    fn settle(&mut self) -> Result<(), TestCaseError> {
        for _ in 0..64 {
            if !self.model.wire[0].is_empty() {
                self.apply(&Op::Deliver(Side::A))?;
            } else if !self.model.wire[1].is_empty() {
                self.apply(&Op::Deliver(Side::B))?;
            } else if self.model.deciding(Side::A).is_some() {
                self.apply(&Op::Answer(Side::A))?;
            } else if self.model.deciding(Side::B).is_some() {
                self.apply(&Op::Answer(Side::B))?;
            } else if self.model.sides.iter().any(|s| s.out.is_some()) {
                self.apply(&Op::Advance)?;
            } else {
                break;
            }
        }
        prop_assert!(self.model.quiet());
        prop_assert!(
            self.model
                .sides
                .iter()
                .all(|s| s.out.is_none() && s.inc.is_none())
        );
        prop_assert_eq!(self.p.a.poll_timeout(), None);
        prop_assert_eq!(self.p.b.poll_timeout(), None);
        prop_assert_eq!(session_bytes(&self.p.a).0, session_bytes(&self.p.b).1);
        prop_assert_eq!(session_bytes(&self.p.a).1, session_bytes(&self.p.b).0);
        assert_sessions_agree(&self.p);
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn the_reference_model_predicts_renegotiation(
        manual in (any::<bool>(), any::<bool>()),
        ops in proptest::collection::vec(op(), 0..32),
    ) {
        let mut world = World::new([manual.0, manual.1]);
        for op in &ops {
            world.apply(op)?;
        }
        world.settle()?;
    }
}
