//! The user agent: one poll loop over the socket, the transaction layer and
//! the Calls (one per Call-ID), and what the application does on each
//! [`CallEvent`] (accept or decline, hang up later, log the session).
//!
//! The clock is read at the edge only: once per turn of the loop and once
//! when a datagram arrives; every layer below takes that `now`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use ezk_sip_types::uri::SipUri;
use sdp_offer_answer::call::{
    Call, CallConfig, CallError, CallEstablishOptions, CallState, Method, SipResponse, Transmit,
};
use sdp_offer_answer::renegotiation::ReNegotiationDeclineReason;

use crate::dialog::{Dialog, response_to};
use crate::log::Log;
use crate::mapping;
use crate::message::Message;
use crate::provider::UaProvider;
use crate::send::{self, Unsent};
use crate::transaction::{Outbox, TimerConfig, Transactions};
use crate::transport::Transport;

mod app;

/// What the UA does.
#[derive(Debug)]
pub enum Plan {
    /// Place one call.
    Uac {
        /// The Request-URI.
        target: SipUri,
        /// Where it goes.
        peer: SocketAddr,
        /// Custom parts, early media...
        options: Box<CallEstablishOptions>,
    },
    /// Answer `calls` calls (then exit), or decline them with `decline`.
    Uas {
        /// How many calls to serve before exiting.
        calls: usize,
        /// Decline with this status instead of accepting.
        decline: Option<u16>,
        /// Wait this long before accepting (or declining): a CANCEL can
        /// come meanwhile.
        answer_after: Option<Duration>,
    },
}

/// Settings of a run.
pub struct Settings {
    /// The plan.
    pub plan: Plan,
    /// Makes the provider of each call.
    pub provider: Box<dyn Fn() -> UaProvider>,
    /// Hang up this long after the call is established.
    pub bye_after: Option<Duration>,
    /// Re-offer the session (`Call::begin_renegotiation`) this long after
    /// the call is established.
    pub reinvite_after: Option<Duration>,
    /// Put the call on hold (`Call::hold`) this long after it is established.
    pub hold_after: Option<Duration>,
    /// Dismiss every incoming renegotiation with this reason
    /// (`Call::dismiss_renegotiation`); else the provider answers it.
    pub dismiss_renegotiation: Option<ReNegotiationDeclineReason>,
    /// The transaction timers.
    pub timers: TimerConfig,
    /// Give up on the whole run after this.
    pub max_time: Duration,
    /// Randomness from the edge: Call-IDs, tags, branches, boundaries.
    pub seed: u64,
}

/// One call and its dialog.
struct Leg {
    call: Call<UaProvider>,
    dialog: Dialog,
    /// When the application answers the incoming call (`--answer-after`).
    answer_at: Option<Instant>,
    /// When the application re-offers (`--reinvite`).
    reinvite_at: Option<Instant>,
    /// When the application puts the call on hold (`--hold`).
    hold_at: Option<Instant>,
    bye_at: Option<Instant>,
    ended_at: Option<Instant>,
}

/// The user agent.
pub struct Ua {
    transport: Transport,
    local: SocketAddr,
    tx: Transactions,
    out: Outbox,
    legs: Vec<Leg>,
    settings: Settings,
    log: Log,
    seeds: u64,
    /// Something went wrong that a scenario should see (exit code 1).
    error: bool,
    /// When the last datagram arrived (or the UA started).
    last_activity: Option<Instant>,
}

/// How long after the last call ended (and its transactions settled) the
/// UA stays, to answer retransmissions and a caller's retry after a 415.
const LINGER: Duration = Duration::from_millis(1500);

impl Ua {
    /// A UA on `transport`.
    pub fn new(transport: Transport, settings: Settings, log: Log) -> std::io::Result<Ua> {
        Ok(Ua {
            local: transport.local_addr()?,
            transport,
            tx: Transactions::new(settings.timers),
            out: Outbox::new(),
            legs: Vec::new(),
            seeds: settings.seed,
            settings,
            log,
            error: false,
            last_activity: None,
        })
    }

    fn next_seed(&mut self) -> u64 {
        // splitmix64: distinct seeds per call from the one seed of the run.
        self.seeds = self.seeds.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.seeds;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn new_call(&mut self, seed: u64) -> Call<UaProvider> {
        let mut config = CallConfig::new(seed);
        config.warning_agent = Some("sip_ua".into());
        config.ack_timeout = self.settings.timers.give_up + Duration::from_secs(1);
        Call::new((self.settings.provider)(), config)
    }

    /// Runs until the plan is done; the process exit code.
    pub fn run(mut self, start: Instant) -> i32 {
        self.log
            .line(start, &format!("listening on udp:{}", self.local));
        self.last_activity = Some(start);
        if let Plan::Uac {
            target,
            peer,
            options,
        } = &self.settings.plan
        {
            let (target, peer, options) = (target.clone(), *peer, (**options).clone());
            let seed = self.next_seed();
            let mut call = self.new_call(seed);
            let call_id = format!("{:016x}@{}", self.next_seed(), self.local.ip());
            let dialog = Dialog::outgoing(
                call_id,
                self.local,
                target,
                peer,
                call.local_tag().to_owned(),
                seed,
            );
            if let Err(e) = call.establish(options, start) {
                self.log
                    .line(start, &format!("result: establish failed: {e}"));
                return 1;
            }
            self.legs.push(Leg {
                call,
                dialog,
                answer_at: None,
                reinvite_at: None,
                hold_at: None,
                bye_at: None,
                ended_at: None,
            });
        }
        let hard_deadline = start + self.settings.max_time;
        loop {
            let now = Instant::now();
            self.on_timers(now);
            self.drain(now);
            if self.finished(now) {
                self.log
                    .line(now, &format!("done: {} call(s)", self.legs.len()));
                return i32::from(self.error);
            }
            if now >= hard_deadline {
                self.log.line(now, "result: timeout (--max-time)");
                return 2;
            }
            let deadline = self
                .next_deadline()
                .map_or(hard_deadline, |d| d.min(hard_deadline));
            match self.transport.recv(now, Some(deadline), LINGER) {
                Ok(Some((bytes, from))) => {
                    let now = Instant::now();
                    self.on_datagram(&bytes, from, now);
                }
                Ok(None) => {}
                Err(e) => {
                    self.log.line(now, &format!("socket error: {e}"));
                    return 1;
                }
            }
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let calls = self.legs.iter().flat_map(|l| {
            [
                l.call.poll_timeout(),
                l.bye_at,
                l.ended_at.map(|t| t + LINGER),
            ]
        });
        let quiet_at = self.last_activity.map(|t| t + LINGER);
        calls
            .chain([self.tx.poll_timeout(), quiet_at])
            .flatten()
            .min()
    }

    fn finished(&self, now: Instant) -> bool {
        let settled = |l: &Leg| {
            l.call.state() == CallState::Terminated
                && !self.tx.busy(&l.dialog.call_id)
                && l.ended_at.is_some_and(|t| now >= t + LINGER)
        };
        let wanted = match self.settings.plan {
            Plan::Uac { .. } => 1,
            Plan::Uas { calls, .. } => calls,
        };
        let quiet = self.last_activity.is_none_or(|t| now >= t + LINGER);
        quiet && self.legs.len() >= wanted && self.legs.iter().all(settled)
    }

    /// Transaction timers, Call timers, hang-up timers.
    fn on_timers(&mut self, now: Instant) {
        for timeout in self.tx.handle_timeout(now, &mut self.out) {
            self.log.line(
                now,
                &format!(
                    "timeout: {} transaction gave up (fed as 408)",
                    timeout.method
                ),
            );
            if let Some(leg) = self
                .legs
                .iter_mut()
                .find(|l| l.dialog.call_id == timeout.call_id)
            {
                let response = SipResponse::new(408, Method::parse(&timeout.method));
                if let Err(e) = leg.call.handle_response(response, now) {
                    self.call_error(now, &e);
                }
            }
        }
        let decline = match self.settings.plan {
            Plan::Uas { decline, .. } => decline,
            Plan::Uac { .. } => None,
        };
        let mut errors = Vec::new();
        for leg in &mut self.legs {
            if leg.answer_at.is_some_and(|t| t <= now) {
                leg.answer_at = None;
                if leg.call.state() == CallState::Incoming {
                    let result = match decline {
                        Some(status) => leg.call.decline(status, now),
                        None => leg.call.accept(now),
                    };
                    errors.extend(result.err());
                }
            }
            if leg.call.poll_timeout().is_some_and(|t| t <= now) {
                errors.extend(leg.call.handle_timeout(now).err());
            }
            if leg.reinvite_at.is_some_and(|t| t <= now) {
                leg.reinvite_at = None;
                self.log
                    .line(now, "app: re-offering the session (--reinvite)");
                errors.extend(leg.call.begin_renegotiation(now).err());
            }
            if leg.hold_at.is_some_and(|t| t <= now) {
                leg.hold_at = None;
                self.log.line(now, "app: putting the call on hold (--hold)");
                errors.extend(leg.call.hold(now).err());
            }
            if leg.bye_at.is_some_and(|t| t <= now) {
                leg.bye_at = None;
                if leg.call.state() != CallState::Terminated {
                    self.log.line(now, "app: hanging up (--bye-after)");
                    errors.extend(leg.call.terminate(now).err());
                }
            }
        }
        for e in errors {
            self.call_error(now, &e);
        }
    }

    /// Polls every Call (transmits, then events, until quiet) and sends.
    fn drain(&mut self, now: Instant) {
        for i in 0..self.legs.len() {
            loop {
                let mut busy = false;
                while let Some(t) = self.legs[i].call.poll_transmit() {
                    busy = true;
                    self.transmit(i, t, now);
                }
                while let Some(e) = self.legs[i].call.poll_event() {
                    busy = true;
                    self.on_event(i, e, now);
                }
                if !busy {
                    break;
                }
            }
        }
        self.flush(now);
    }

    fn flush(&mut self, now: Instant) {
        for d in std::mem::take(&mut self.out) {
            if let Some(note) = &d.note {
                self.log.line(now, note);
            }
            if let Err(e) = self.transport.send(d.to, &d.bytes) {
                self.log.line(now, &format!("send to {}: {e}", d.to));
            }
        }
    }

    /// A message the Call asks for, with its transport headers, into a
    /// transaction.
    fn transmit(&mut self, i: usize, transmit: Transmit, now: Instant) {
        let dialog = &mut self.legs[i].dialog;
        match send::send(
            &mut self.tx,
            dialog,
            &mut self.log,
            transmit,
            now,
            &mut self.out,
        ) {
            Ok(()) => {}
            Err(Unsent::NoInviteToCancel) => self.log.line(now, "CANCEL: no INVITE to cancel"),
            Err(Unsent::NoPendingRequest { method, status }) => {
                self.log.line(
                    now,
                    &format!("no {method} waits for the {status} the Call sent"),
                );
                self.error = true;
            }
        }
    }

    fn on_datagram(&mut self, bytes: &[u8], from: SocketAddr, now: Instant) {
        self.last_activity = Some(now);
        let message = match Message::parse(bytes) {
            Ok(m) => m,
            Err(e) => {
                if bytes.iter().any(|b| !b.is_ascii_whitespace()) {
                    self.log
                        .line(now, &format!("dropped a datagram from {from}: {e}"));
                }
                return;
            }
        };
        if message.method().is_some() {
            let new = self.tx.on_request(&message, from, now, &mut self.out);
            self.flush(now);
            if new {
                self.log.message(now, false, &message);
                self.on_request(message, from, now);
            } else {
                self.log.line(
                    now,
                    &format!(
                        "← {} (retransmission or ACK of a failure, absorbed)",
                        message.method().unwrap_or_default()
                    ),
                );
            }
        } else {
            let new = self.tx.on_response(&message, now, &mut self.out);
            self.log.message(now, false, &message);
            self.flush(now);
            if new {
                self.on_response(&message, now);
            }
        }
        self.drain(now);
    }

    fn respond_locally(&mut self, request: &Message, status: u16, now: Instant) {
        let call_id = request.call_id().unwrap_or_default();
        let method = request.method().unwrap_or_default();
        let mut response = response_to(request, status, Some("sdpoa-local"), None);
        if method == "OPTIONS" {
            response.headers.insert(
                ezk_sip_types::Name::ACCEPT,
                "application/sdp, multipart/mixed, multipart/alternative",
            );
        }
        self.log.message(now, true, &response);
        self.tx
            .respond(&call_id, &method, &response, now, &mut self.out);
    }

    fn on_request(&mut self, message: Message, from: SocketAddr, now: Instant) {
        let method = message.method().unwrap_or_default();
        let call_id = message.call_id().unwrap_or_default();
        let index = self.legs.iter().position(|l| l.dialog.call_id == call_id);
        if method == "OPTIONS" {
            return self.respond_locally(&message, 200, now);
        }
        let index = match index {
            Some(i) => i,
            None if method == "INVITE" && matches!(self.settings.plan, Plan::Uas { .. }) => {
                let seed = self.next_seed();
                let call = self.new_call(seed);
                let tag = call.local_tag().to_owned();
                let Some(dialog) = Dialog::incoming(&message, tag, self.local, from, seed) else {
                    return self.respond_locally(&message, 400, now);
                };
                self.legs.push(Leg {
                    call,
                    dialog,
                    answer_at: None,
                    reinvite_at: None,
                    hold_at: None,
                    bye_at: None,
                    ended_at: None,
                });
                self.legs.len() - 1
            }
            None if method == "ACK" => return,
            None if method == "INVITE" => return self.respond_locally(&message, 486, now),
            None => return self.respond_locally(&message, 481, now),
        };
        if method == "INVITE" {
            self.respond_locally_100(&message, now);
        }
        if method == "CANCEL" && !self.tx.invite_pending_for_cancel(&message) {
            return self.respond_locally(&message, 481, now);
        }
        let leg = &mut self.legs[index];
        if method == "INVITE" && leg.call.state() == CallState::Terminated {
            // A new attempt (e.g. the caller's retry after our 415): the
            // leg is live again.
            leg.ended_at = None;
            if let Some(d) = Dialog::incoming(
                &message,
                leg.call.local_tag().to_owned(),
                self.local,
                from,
                0,
            ) {
                leg.dialog.remote_target = d.remote_target;
                leg.dialog.remote_tag = d.remote_tag;
            }
        }
        match leg.call.handle_request(mapping::to_request(&message), now) {
            Ok(()) => {}
            Err(CallError::MethodNotHandled { .. }) => self.respond_locally(&message, 405, now),
            Err(e) => {
                self.call_error(now, &e);
                if method != "ACK" {
                    self.respond_locally(&message, 500, now);
                }
            }
        }
    }

    fn respond_locally_100(&mut self, invite: &Message, now: Instant) {
        let call_id = invite.call_id().unwrap_or_default();
        let trying = response_to(invite, 100, None, None);
        self.log.message(now, true, &trying);
        self.tx
            .respond(&call_id, "INVITE", &trying, now, &mut self.out);
    }

    fn on_response(&mut self, message: &Message, now: Instant) {
        let call_id = message.call_id().unwrap_or_default();
        let Some(leg) = self.legs.iter_mut().find(|l| l.dialog.call_id == call_id) else {
            return;
        };
        let Some(response) = mapping::to_response(message) else {
            return;
        };
        if response.status == 100 {
            return; // hop-by-hop (RFC 3261 §8.1.3.2)
        }
        if response.method == Method::Invite {
            leg.dialog.learn_from_response(message);
        }
        if let Err(e) = leg.call.handle_response(response, now) {
            self.call_error(now, &e);
        }
    }
}
