//! [`BackToBack`]: two Calls wired to each other in memory.

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
        }
    }

    /// This pair without a ladder (no copies of messages: for benchmarks).
    pub fn without_ladder(mut self) -> Self {
        self.record = false;
        self
    }

    /// Delivers messages both ways until neither Call has one to send (at
    /// most 256); returns how many were delivered.
    pub fn run(&mut self) -> usize {
        let mut delivered = 0;
        self.collect_events();
        while delivered < MAX_DELIVERIES {
            if let Some(t) = self.a.poll_transmit() {
                self.deliver(Side::A, t);
            } else if let Some(t) = self.b.poll_transmit() {
                self.deliver(Side::B, t);
            } else {
                break;
            }
            delivered += 1;
            self.collect_events();
        }
        delivered
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
        let now = self.now;
        if self.a.poll_timeout().is_some_and(|t| t <= now) {
            if let Err(e) = self.a.handle_timeout(now) {
                self.errors.push((Side::A, e));
            }
        }
        if self.b.poll_timeout().is_some_and(|t| t <= now) {
            if let Err(e) = self.b.handle_timeout(now) {
                self.errors.push((Side::B, e));
            }
        }
        self.run()
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
