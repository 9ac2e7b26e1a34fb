//! The Call's timers: a small fixed list of deadlines (quinn style: the
//! caller asks [`poll_timeout`](super::Call::poll_timeout) and calls
//! [`handle_timeout`](super::Call::handle_timeout)).

use std::time::Instant;

/// What a timer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimerKind {
    /// We sent a 2xx to an INVITE and wait for its ACK (RFC 3261 §13.3.1.4).
    AckWait,
    /// Our offer got 491: we wait before sending it again (RFC 3261 §14.1).
    GlareRetry,
    /// An incoming renegotiation waits for the application's decision.
    RenegotiationDecision,
}

const SLOTS: usize = 4;

/// At most one deadline per kind, in a fixed array.
#[derive(Debug, Clone, Default)]
pub(crate) struct Timers {
    slots: [Option<(TimerKind, Instant)>; SLOTS],
}

impl Timers {
    /// Arms `kind` at `at` (replacing its earlier deadline).
    pub(crate) fn set(&mut self, kind: TimerKind, at: Instant) {
        self.cancel(kind);
        if let Some(slot) = self.slots.iter_mut().find(|s| s.is_none()) {
            *slot = Some((kind, at));
        }
    }

    pub(crate) fn cancel(&mut self, kind: TimerKind) {
        for slot in &mut self.slots {
            if slot.is_some_and(|(k, _)| k == kind) {
                *slot = None;
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        self.slots = [None; SLOTS];
    }

    /// The earliest deadline.
    pub(crate) fn next(&self) -> Option<Instant> {
        self.slots.iter().flatten().map(|&(_, at)| at).min()
    }

    /// Removes and returns one timer due at `now`.
    pub(crate) fn pop_due(&mut self, now: Instant) -> Option<TimerKind> {
        let slot = self
            .slots
            .iter_mut()
            .find(|s| s.is_some_and(|(_, at)| at <= now))?;
        slot.take().map(|(k, _)| k)
    }
}
