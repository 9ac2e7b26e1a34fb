//! [`BackToBack`]: two Calls wired to each other in memory.

use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

use super::ladder::{describe_body, first_line, key_headers};
use crate::call::{Call, CallError, CallEvent, Transmit};
use crate::media_provider::MediaProvider;

/// Most messages one [`BackToBack::run`] delivers (a guard: two Calls
/// settle in a handful).
const MAX_DELIVERIES: usize = 256;

/// One of the two Calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(clippy::exhaustive_enums, reason = "a back-to-back pair has two sides")]
pub enum Side {
    /// [`BackToBack::a`], drawn on the left.
    A,
    /// [`BackToBack::b`], drawn on the right.
    B,
}

/// One message of the ladder: who sent it and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderEntry {
    /// The sender.
    pub from: Side,
    /// The message.
    pub transmit: Transmit,
}

impl LadderEntry {
    /// The arrow and the request method or response status line, e.g.
    /// `A → B  INVITE` or `A ← B  415 Unsupported Media Type`.
    pub fn first_line(&self) -> String {
        let arrow = match self.from {
            Side::A => "A → B",
            Side::B => "A ← B",
        };
        format!("{arrow}  {}", first_line(&self.transmit))
    }
}

impl fmt::Display for LadderEntry {
    /// The first line, the key headers (Content-Type, Accept, Supported,
    /// Require, RSeq, RAck, Warning, Retry-After) and the body summary
    /// ([`describe_body`](super::describe_body)), separated by two spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.first_line())?;
        let headers = key_headers(self.transmit.headers());
        if !headers.is_empty() {
            write!(f, "  {headers}")?;
        }
        let body = describe_body(self.transmit.headers(), self.transmit.body());
        if !body.is_empty() {
            write!(f, "  {body}")?;
        }
        Ok(())
    }
}

/// Two [`Call`]s back to back: each one's transmits are the other's input.
///
/// [`run`](Self::run) delivers messages until both are quiet (polling
/// transmits first, then events, as the Call docs ask), keeping the ladder,
/// each side's events and any input a Call refused.
///
/// For crossing messages (glare) and losses, messages can also be held
/// "in flight": [`pump`](Self::pump) takes what both Calls have to send
/// without delivering it, then [`deliver_next`](Self::deliver_next) and
/// [`drop_next`](Self::drop_next) act on one message of one direction at a
/// time, in order (a simulated network with a simulated clock, [`now`](Self::now)).
#[derive(Debug)]
pub struct BackToBack<A: MediaProvider, B: MediaProvider> {
    /// The left Call (usually the caller).
    pub a: Call<A>,
    /// The right Call.
    pub b: Call<B>,
    /// The time given to both Calls.
    pub now: Instant,
    ladder: Vec<LadderEntry>,
    record: bool,
    a_events: Vec<CallEvent>,
    b_events: Vec<CallEvent>,
    errors: Vec<(Side, CallError)>,
    /// Messages sent by A (index 0) and B (index 1), not yet delivered.
    in_flight: [VecDeque<Transmit>; 2],
}

fn index(side: Side) -> usize {
    match side {
        Side::A => 0,
        Side::B => 1,
    }
}

impl<A: MediaProvider, B: MediaProvider> BackToBack<A, B> {
    /// Wires `a` and `b` at time `now`.
    pub fn new(a: Call<A>, b: Call<B>, now: Instant) -> Self {
        BackToBack {
            a,
            b,
            now,
            ladder: Vec::new(),
            record: true,
            a_events: Vec::new(),
            b_events: Vec::new(),
            errors: Vec::new(),
            in_flight: [VecDeque::new(), VecDeque::new()],
        }
    }

    /// This pair without a ladder (no copies of messages: for benchmarks).
    pub fn without_ladder(mut self) -> Self {
        self.record = false;
        self
    }

    /// Delivers messages both ways until neither Call has one to send and
    /// none is in flight (at most 256); returns how many were delivered.
    /// A's messages go first (those in flight, then new ones), then B's.
    pub fn run(&mut self) -> usize {
        let mut delivered = 0;
        self.collect_events();
        while delivered < MAX_DELIVERIES {
            if let Some(t) = self.next_from(Side::A) {
                self.deliver(Side::A, t);
            } else if let Some(t) = self.next_from(Side::B) {
                self.deliver(Side::B, t);
            } else {
                break;
            }
            delivered += 1;
            self.collect_events();
        }
        delivered
    }

    fn next_from(&mut self, side: Side) -> Option<Transmit> {
        if let Some(t) = self.in_flight[index(side)].pop_front() {
            return Some(t);
        }
        match side {
            Side::A => self.a.poll_transmit(),
            Side::B => self.b.poll_transmit(),
        }
    }

    /// Takes every message both Calls have to send into flight, without
    /// delivering any (A's, then B's); returns how many.
    pub fn pump(&mut self) -> usize {
        let mut n = 0;
        while let Some(t) = self.a.poll_transmit() {
            self.in_flight[0].push_back(t);
            n += 1;
        }
        while let Some(t) = self.b.poll_transmit() {
            self.in_flight[1].push_back(t);
            n += 1;
        }
        self.collect_events();
        n
    }

    /// How many messages sent by `from` are in flight.
    pub fn in_flight(&self, from: Side) -> usize {
        self.in_flight[index(from)].len()
    }

    /// The oldest message in flight from `from`.
    pub fn peek_next(&self, from: Side) -> Option<&Transmit> {
        self.in_flight[index(from)].front()
    }

    /// Delivers the oldest message in flight from `from` (its answers stay
    /// queued in the receiving Call: [`pump`](Self::pump) or
    /// [`run`](Self::run) them); `false` when there is none.
    pub fn deliver_next(&mut self, from: Side) -> bool {
        match self.in_flight[index(from)].pop_front() {
            Some(t) => {
                self.deliver(from, t);
                self.collect_events();
                true
            }
            None => false,
        }
    }

    /// Loses the oldest message in flight from `from` and returns it.
    pub fn drop_next(&mut self, from: Side) -> Option<Transmit> {
        self.in_flight[index(from)].pop_front()
    }

    /// Gives `response` to `to` as if it came from the other side (e.g. the
    /// 408 a transport reports when a transaction times out), recording a
    /// refusal like [`run`](Self::run) does.
    pub fn inject_response(&mut self, to: Side, response: crate::call::SipResponse) {
        let now = self.now;
        let result = match to {
            Side::A => self.a.handle_response(response, now),
            Side::B => self.b.handle_response(response, now),
        };
        if let Err(e) = result {
            self.errors.push((to, e));
        }
        self.collect_events();
    }

    /// Runs both Calls' timers due at [`now`](Self::now), delivering nothing.
    pub fn fire_timers(&mut self) {
        let now = self.now;
        if self.a.poll_timeout().is_some_and(|t| t <= now)
            && let Err(e) = self.a.handle_timeout(now)
        {
            self.errors.push((Side::A, e));
        }
        if self.b.poll_timeout().is_some_and(|t| t <= now)
            && let Err(e) = self.b.handle_timeout(now)
        {
            self.errors.push((Side::B, e));
        }
        self.collect_events();
    }

    fn deliver(&mut self, from: Side, transmit: Transmit) {
        if self.record {
            self.ladder.push(LadderEntry {
                from,
                transmit: transmit.clone(),
            });
        }
        let now = self.now;
        let result = match (from, transmit) {
            (Side::A, Transmit::Request(r)) => self.b.handle_request(r, now),
            (Side::A, Transmit::Response(r)) => self.b.handle_response(r, now),
            (Side::B, Transmit::Request(r)) => self.a.handle_request(r, now),
            (Side::B, Transmit::Response(r)) => self.a.handle_response(r, now),
        };
        if let Err(e) = result {
            let to = match from {
                Side::A => Side::B,
                Side::B => Side::A,
            };
            self.errors.push((to, e));
        }
    }

    fn collect_events(&mut self) {
        while let Some(e) = self.a.poll_event() {
            self.a_events.push(e);
        }
        while let Some(e) = self.b.poll_event() {
            self.b_events.push(e);
        }
    }

    /// Moves time on by `by`, runs both Calls' due timers, and [`run`](Self::run)s.
    pub fn advance(&mut self, by: Duration) -> usize {
        self.now = self.now.checked_add(by).unwrap_or(self.now);
        self.fire_timers();
        self.run()
    }

    /// The earlier of the two Calls' next deadlines.
    pub fn next_timeout(&self) -> Option<Instant> {
        self.a
            .poll_timeout()
            .into_iter()
            .chain(self.b.poll_timeout())
            .min()
    }

    /// The messages delivered so far.
    pub fn ladder(&self) -> &[LadderEntry] {
        &self.ladder
    }

    /// The messages delivered so far, forgetting them.
    pub fn take_ladder(&mut self) -> Vec<LadderEntry> {
        std::mem::take(&mut self.ladder)
    }

    /// The events of `side` so far, forgetting them.
    pub fn take_events(&mut self, side: Side) -> Vec<CallEvent> {
        self.collect_events();
        match side {
            Side::A => std::mem::take(&mut self.a_events),
            Side::B => std::mem::take(&mut self.b_events),
        }
    }

    /// Inputs a Call refused, with the side that refused them.
    pub fn errors(&self) -> &[(Side, CallError)] {
        &self.errors
    }
}
