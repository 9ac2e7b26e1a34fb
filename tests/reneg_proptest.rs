//! State-machine property test (firezone connlib style) of renegotiation
//! between two Calls over a simulated network and clock, against a small
//! reference model of the offer/answer state.
//!
//! Transitions, in random interleavings: either side begins a renegotiation
//! (plain, hold, resume); the next message of either direction is delivered
//! (in order) or lost (a lost re-INVITE or its final response is a
//! transaction timeout: the sender is given 408; a lost ACK makes the
//! answerer's ACK timer end the call); the clock moves (timers fire: glare
//! retries, decision timeouts, ACK timeouts); pending incoming
//! renegotiations are answered or dismissed. Each side is in manual or
//! automatic mode (`RenegotiationMode`).
//!
//! The model keeps, per side, the renegotiation of ours it expects in
//! progress (set by a successful begin, cleared by its completion), the
//! incoming one waiting for a decision, and the session each side must
//! have: the SDPs of the last exchange that side completed successfully
//! (offer and answer, by direction), starting from the established call.
//! Checked after every transition: no panic; queues bounded; at most one
//! start and one completion per operation id, in that order; begin,
//! answer and dismiss succeed or fail exactly as the model predicts; a
//! dismissal leaves that side's session byte-identical. Whenever both sides
//! are quiescent (nothing in flight or queued, nothing pending, no timer),
//! either both calls are over, or both sides' sessions are the model's,
//! each side's local SDP is byte for byte the other's remote SDP, and the
//! negotiated sessions agree (codecs, payload types, mirrored directions,
//! addresses). Every case ends by settling to quiescence. 256 cases.
//!
//! This test checks consistency under loss; it takes the sessions it expects
//! from the system's events. `reneg_model_proptest` is the predictive one: its
//! reference model says each step's SIP messages, events and session from
//! the operations alone.

mod call_harness;
mod reneg_harness;

use std::collections::HashMap;
use std::time::Duration;

use call_harness::*;
use proptest::prelude::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallError, CallEvent, CallState, MAX_QUEUED_EVENTS, MAX_QUEUED_TRANSMITS, Method,
    RenegotiationAnswer, RenegotiationMode, SipResponse, Transmit,
};
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason, RenegotiationDirection};
use sdp_offer_answer::testing::Side;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Plain,
    Hold,
    Resume,
}

#[derive(Debug, Clone)]
enum Action {
    Begin(Side, Kind),
    Deliver(Side),
    Lose(Side),
    Advance(u16),
    Answer(Side),
    Dismiss(Side, usize),
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::A), Just(Side::B)]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (side(), prop_oneof![Just(Kind::Plain), Just(Kind::Hold), Just(Kind::Resume)])
            .prop_map(|(s, k)| Action::Begin(s, k)),
        6 => side().prop_map(Action::Deliver),
        1 => side().prop_map(Action::Lose),
        2 => prop_oneof![0u16..500, 500u16..5000, Just(33_000)].prop_map(Action::Advance),
        2 => side().prop_map(Action::Answer),
        1 => (side(), 0..8usize).prop_map(|(s, r)| Action::Dismiss(s, r)),
    ]
}

/// Per side: what the model expects.
#[derive(Debug, Clone, Default)]
struct SideModel {
    /// Our renegotiation in progress (returned by a begin).
    outgoing: Option<String>,
    /// The remote's renegotiation waiting for a decision (manual mode).
    deciding: Option<String>,
    /// (local SDP, remote SDP) of the last exchange completed here.
    session: (String, String),
    /// Operation ids started and completed.
    started: HashMap<String, bool>,
}

struct World {
    p: Pair,
    model: [SideModel; 2],
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

impl World {
    fn new(modes: [RenegotiationMode; 2]) -> Self {
        let mut p = sdp_offer_answer::testing::BackToBack::new(
            call_with(alice_provider(), 7, "a1", modes[0]),
            call_with(bob_provider(), 8, "b1", modes[1]),
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
        let model = [
            SideModel {
                session: session_bytes(&p.a),
                ..SideModel::default()
            },
            SideModel {
                session: session_bytes(&p.b),
                ..SideModel::default()
            },
        ];
        World { p, model }
    }

    fn call(&mut self, side: Side) -> &mut TestCall {
        match side {
            Side::A => &mut self.p.a,
            Side::B => &mut self.p.b,
        }
    }

    fn call_ref(&self, side: Side) -> &TestCall {
        match side {
            Side::A => &self.p.a,
            Side::B => &self.p.b,
        }
    }

    /// Takes both sides' events into the model, checking their lifecycle.
    fn absorb(&mut self) -> Result<(), TestCaseError> {
        for side in [Side::A, Side::B] {
            for event in self.p.take_events(side) {
                let m = &mut self.model[ix(side)];
                match event {
                    CallEvent::RenegotiationStarted { renegotiation } => {
                        let id = renegotiation.operation_id().to_owned();
                        prop_assert!(!m.started.contains_key(&id), "started twice: {id}");
                        m.started.insert(id.clone(), false);
                        if renegotiation.direction() == RenegotiationDirection::Incoming {
                            prop_assert!(m.deciding.is_none(), "two incoming at once");
                            m.deciding = Some(id);
                        } else {
                            prop_assert_eq!(m.outgoing.as_ref(), Some(&id));
                        }
                    }
                    CallEvent::RenegotiationCompleted {
                        renegotiation,
                        result,
                    } => {
                        let id = renegotiation.operation_id().to_owned();
                        let done = m.started.insert(id.clone(), true);
                        prop_assert!(done != Some(true), "completed twice: {id}");
                        match renegotiation.direction() {
                            RenegotiationDirection::Outgoing => {
                                prop_assert_eq!(m.outgoing.take(), Some(id.clone()));
                            }
                            RenegotiationDirection::Incoming => {
                                prop_assert!(done.is_some(), "completed, never started");
                                if m.deciding.as_ref() == Some(&id) {
                                    m.deciding = None;
                                }
                            }
                        }
                        if result.is_ok() {
                            let offer =
                                String::from_utf8_lossy(renegotiation.media_offer()).into_owned();
                            let answer = String::from_utf8_lossy(
                                renegotiation.media_answer().unwrap_or_default(),
                            )
                            .into_owned();
                            match renegotiation.direction() {
                                // The answerer adopted this exchange when it
                                // answered (also when it took the offer as a
                                // refresh and reported nothing).
                                RenegotiationDirection::Outgoing => {
                                    m.session = (offer.clone(), answer.clone());
                                    self.model[ix(other(side))].session = (answer, offer);
                                }
                                RenegotiationDirection::Incoming => m.session = (answer, offer),
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        // A decided (or offerless, answered) incoming one is no longer
        // waiting for the application.
        for side in [Side::A, Side::B] {
            let deciding = self
                .call_ref(side)
                .incoming_renegotiation()
                .map(|r| r.operation_id().to_owned());
            if deciding.is_none() {
                prop_assert_eq!(&self.model[ix(side)].deciding, &None);
            }
        }
        for (side, e) in self.p.errors() {
            prop_assert!(!matches!(e, CallError::QueueFull), "{side:?}: {e}");
        }
        Ok(())
    }

    fn apply(&mut self, action: &Action) -> Result<(), TestCaseError> {
        let now = self.p.now;
        match *action {
            Action::Begin(side, kind) => {
                let expected = self.model[ix(side)].outgoing.clone();
                let established = self.call_ref(side).state() == CallState::Established;
                let call = self.call(side);
                let result = match kind {
                    Kind::Plain => call.begin_renegotiation(now),
                    Kind::Hold => call.hold(now),
                    Kind::Resume => call.resume(now),
                };
                match (result, expected) {
                    (Ok(id), None) => {
                        prop_assert!(established);
                        self.model[ix(side)].outgoing = Some(id);
                    }
                    (Err(CallError::AlreadyExists { operation_id }), Some(id)) => {
                        prop_assert_eq!(operation_id, id);
                    }
                    (Err(CallError::InvalidState { .. }), _) => prop_assert!(!established),
                    (result, expected) => {
                        return Err(TestCaseError::fail(format!(
                            "begin: {result:?}, model expected {expected:?}"
                        )));
                    }
                }
            }
            Action::Deliver(from) => {
                self.p.pump();
                self.p.deliver_next(from);
            }
            Action::Lose(from) => {
                self.p.pump();
                self.lose(from);
            }
            Action::Advance(ms) => {
                self.p.now += Duration::from_millis(u64::from(ms));
                self.p.fire_timers();
            }
            Action::Answer(side) => {
                let pending = self.model[ix(side)].deciding.clone();
                let id = pending.clone().unwrap_or_else(|| "none".to_owned());
                let result =
                    self.call(side)
                        .answer_renegotiation(&id, RenegotiationAnswer::Provider, now);
                match (result, pending) {
                    (Ok(()), Some(_)) => {}
                    (Err(CallError::NoSuchRenegotiation { .. }), None) => {}
                    (result, pending) => {
                        return Err(TestCaseError::fail(format!(
                            "answer: {result:?}, model expected {pending:?}"
                        )));
                    }
                }
            }
            Action::Dismiss(side, reason) => {
                let pending = self.model[ix(side)].deciding.clone();
                let id = pending.clone().unwrap_or_else(|| "none".to_owned());
                let reason = ReNegotiationDeclineReason::ALL[reason % 8];
                let before = session_bytes(self.call_ref(side));
                let result = self.call(side).dismiss_renegotiation(&id, reason, now);
                match (result, pending) {
                    (Ok(()), Some(_)) => {
                        prop_assert_eq!(session_bytes(self.call_ref(side)), before);
                    }
                    (Err(CallError::NoSuchRenegotiation { .. }), None) => {}
                    (result, pending) => {
                        return Err(TestCaseError::fail(format!(
                            "dismiss: {result:?}, model expected {pending:?}"
                        )));
                    }
                }
            }
        }
        self.absorb()?;
        self.check_bounds()?;
        if self.quiescent() {
            self.check_agreement()?;
        }
        Ok(())
    }

    /// Loses the next message from `from`: a re-INVITE/UPDATE or its final
    /// response times out at its sender (408); an ACK is just lost; other
    /// messages (BYE and its 200, 487...) are delivered (their loss is the
    /// transport's retransmission business).
    fn lose(&mut self, from: Side) {
        let Some(next) = self.p.peek_next(from) else {
            return;
        };
        let timeout_to = match next {
            Transmit::Request(r) if matches!(r.method, Method::Invite | Method::Update) => {
                Some((from, r.method.clone()))
            }
            Transmit::Response(r)
                if r.status >= 200 && matches!(r.method, Method::Invite | Method::Update) =>
            {
                Some((other(from), r.method.clone()))
            }
            Transmit::Request(r) if r.method == Method::Ack => None,
            _ => {
                self.p.deliver_next(from);
                return;
            }
        };
        self.p.drop_next(from);
        if let Some((to, method)) = timeout_to {
            self.p.inject_response(to, SipResponse::new(408, method));
        }
    }

    fn check_bounds(&self) -> Result<(), TestCaseError> {
        for side in [Side::A, Side::B] {
            let call = self.call_ref(side);
            prop_assert!(call.queued_transmits() <= MAX_QUEUED_TRANSMITS);
            prop_assert!(call.queued_events() <= MAX_QUEUED_EVENTS);
            prop_assert!(self.p.in_flight(side) <= 64);
            prop_assert_eq!(
                call.outgoing_renegotiation()
                    .map(|r| r.operation_id().to_owned()),
                self.model[ix(side)].outgoing.clone()
            );
        }
        Ok(())
    }

    fn quiescent(&self) -> bool {
        [Side::A, Side::B].into_iter().all(|side| {
            let call = self.call_ref(side);
            self.p.in_flight(side) == 0
                && call.queued_transmits() == 0
                && call.poll_timeout().is_none()
                && call.renegotiation().is_none()
        })
    }

    fn check_agreement(&self) -> Result<(), TestCaseError> {
        let (a, b) = (self.p.a.state(), self.p.b.state());
        if a == CallState::Terminated || b == CallState::Terminated {
            prop_assert_eq!((a, b), (CallState::Terminated, CallState::Terminated));
            return Ok(());
        }
        prop_assert_eq!((a, b), (CallState::Established, CallState::Established));
        let (a_local, a_remote) = session_bytes(&self.p.a);
        let (b_local, b_remote) = session_bytes(&self.p.b);
        prop_assert_eq!(&(a_local.clone(), a_remote.clone()), &self.model[0].session);
        prop_assert_eq!(&(b_local.clone(), b_remote.clone()), &self.model[1].session);
        prop_assert_eq!(&a_local, &b_remote);
        prop_assert_eq!(&a_remote, &b_local);
        assert_sessions_agree(&self.p);
        Ok(())
    }

    /// Delivers everything, decides everything, runs every timer.
    fn settle(&mut self) -> Result<(), TestCaseError> {
        for _ in 0..64 {
            self.p.pump();
            if self.p.in_flight(Side::A) > 0 {
                self.apply(&Action::Deliver(Side::A))?;
                continue;
            }
            if self.p.in_flight(Side::B) > 0 {
                self.apply(&Action::Deliver(Side::B))?;
                continue;
            }
            if self.model[0].deciding.is_some() {
                self.apply(&Action::Answer(Side::A))?;
                continue;
            }
            if self.model[1].deciding.is_some() {
                self.apply(&Action::Answer(Side::B))?;
                continue;
            }
            match self.p.next_timeout() {
                Some(at) => {
                    let ms = at.saturating_duration_since(self.p.now).as_millis();
                    self.apply(&Action::Advance(u16::try_from(ms).unwrap_or(u16::MAX)))?;
                }
                None => break,
            }
        }
        prop_assert!(self.quiescent(), "did not settle");
        self.check_agreement()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn renegotiations_converge(
        automatic in (any::<bool>(), any::<bool>()),
        actions in proptest::collection::vec(action(), 0..40),
    ) {
        let mode = |auto: bool| if auto { RenegotiationMode::Automatic } else { RenegotiationMode::Manual };
        let mut world = World::new([mode(automatic.0), mode(automatic.1)]);
        for action in &actions {
            world.apply(action)?;
        }
        world.settle()?;
    }
}
