//! The SIP side: one [`Call`] per dialog (`RenegotiationMode::Manual`) over
//! the shared UDP transport and transaction layer (`examples/sip_net/`).
//! Incoming calls are accepted at once; the remote's re-INVITEs wait for the
//! HTTP side (`answer` / `dismiss`), whose handlers lock the [`Engine`],
//! call the Call and [`Engine::drain`] it. Every Call event that UCWA shows
//! goes to the event [`Hub`].

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sdp_offer_answer::call::{
    Call, CallConfig, CallError, CallEvent, CallState, Method, RenegotiationMode, SipResponse,
    Transmit,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::Renegotiation;
use sdp_offer_answer::renegotiation::ucwa::{
    AudioVideoRenegotiationResource, UcwaEvent, UcwaEventType,
};

use crate::hub::Hub;
use crate::paths::Paths;
use crate::provider::ServiceProvider;
use crate::sip_net::dialog::{Dialog, response_to};
use crate::sip_net::log::Log;
use crate::sip_net::mapping;
use crate::sip_net::message::Message;
use crate::sip_net::send;
use crate::sip_net::transaction::{Outbox, TimerConfig, Transactions};
use crate::sip_net::transport::Transport;

/// How long the application may take to answer or dismiss (under the 32 s
/// after which the remote's UPDATE transaction gives up).
const DECISION_TIMEOUT: Duration = Duration::from_secs(25);
/// The longest the SIP thread sleeps between looks at its timers.
const TICK: Duration = Duration::from_millis(50);
/// Most dialogs kept (ended ones are dropped first).
const MAX_LEGS: usize = 64;

/// One call and its dialog.
pub struct Leg {
    /// The conversation id in the resource paths (`c1`, `c2`...).
    pub conversation: String,
    /// The Call.
    pub call: Call<ServiceProvider>,
    dialog: Dialog,
}

/// Every dialog, the transaction layer and the socket to send on.
pub struct Engine {
    send: Transport,
    local: SocketAddr,
    tx: Transactions,
    out: Outbox,
    /// The dialogs, oldest first.
    pub legs: Vec<Leg>,
    caps: Arc<sdp_offer_answer::negotiation::LocalCapabilities>,
    hub: Arc<Hub>,
    paths: Paths,
    log: Log,
    next_id: u64,
}

impl Engine {
    /// An engine sending on `send` (a clone of the socket the SIP thread reads).
    pub fn new(
        send: Transport,
        caps: sdp_offer_answer::negotiation::LocalCapabilities,
        hub: Arc<Hub>,
        paths: Paths,
        log: Log,
    ) -> std::io::Result<Engine> {
        Ok(Engine {
            local: send.local_addr()?,
            send,
            tx: Transactions::new(TimerConfig::default()),
            out: Outbox::new(),
            legs: Vec::new(),
            caps: Arc::new(caps),
            hub,
            paths,
            log,
            next_id: 0,
        })
    }

    /// The leg of conversation `id`.
    pub fn leg(&mut self, id: &str) -> Option<&mut Leg> {
        self.legs.iter_mut().find(|l| l.conversation == id)
    }

    /// Timers of the transactions and the Calls.
    fn on_timers(&mut self, now: Instant) {
        for timeout in self.tx.handle_timeout(now, &mut self.out) {
            if let Some(leg) = self
                .legs
                .iter_mut()
                .find(|l| l.dialog.call_id == timeout.call_id)
            {
                let response = SipResponse::new(408, Method::parse(&timeout.method));
                let _ = leg.call.handle_response(response, now);
            }
        }
        for leg in &mut self.legs {
            if leg.call.poll_timeout().is_some_and(|t| t <= now) {
                let _ = leg.call.handle_timeout(now);
            }
        }
    }

    /// Polls every Call (transmits, then events, until quiet) and sends.
    pub fn drain(&mut self, now: Instant) {
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
        for d in std::mem::take(&mut self.out) {
            if let Err(e) = self.send.send(d.to, &d.bytes) {
                self.log.line(now, &format!("send to {}: {e}", d.to));
            }
        }
    }

    /// The resource of `renegotiation` in conversation `conversation`.
    pub fn resource(
        &self,
        conversation: &str,
        r: &Renegotiation,
    ) -> AudioVideoRenegotiationResource {
        AudioVideoRenegotiationResource::from_renegotiation(
            r,
            self.paths.renegotiation(conversation, r.operation_id()),
        )
        .with_audio_video_session(self.paths.session(conversation))
        .with_conversation(self.paths.conversation(conversation))
    }

    fn on_event(&mut self, i: usize, event: CallEvent, now: Instant) {
        let conversation = self.legs[i].conversation.clone();
        self.log.line(
            now,
            &format!("{conversation}: {event:?}")
                .chars()
                .take(300)
                .collect::<String>(),
        );
        let (kind, r) = match &event {
            CallEvent::RenegotiationStarted { renegotiation } => {
                (UcwaEventType::Started, renegotiation)
            }
            CallEvent::RenegotiationCompleted { renegotiation, .. } => {
                (UcwaEventType::Completed, renegotiation)
            }
            _ => return,
        };
        let resource = self.resource(&conversation, r);
        self.hub.push(UcwaEvent::renegotiation(kind, resource));
    }

    fn transmit(&mut self, i: usize, transmit: Transmit, now: Instant) {
        let dialog = &mut self.legs[i].dialog;
        // A Transmit with no transaction to go on is dropped: the Call
        // already moved on (e.g. a CANCEL racing the final response).
        let _unsent = send::send(
            &mut self.tx,
            dialog,
            &mut self.log,
            transmit,
            now,
            &mut self.out,
        );
    }

    /// One datagram from the network.
    pub fn on_datagram(&mut self, bytes: &[u8], from: SocketAddr, now: Instant) {
        let Ok(message) = Message::parse(bytes) else {
            return;
        };
        if message.method().is_some() {
            if self.tx.on_request(&message, from, now, &mut self.out) {
                self.log.message(now, false, &message);
                self.on_request(message, from, now);
            }
        } else if self.tx.on_response(&message, now, &mut self.out) {
            self.log.message(now, false, &message);
            self.on_response(&message, now);
        }
        self.drain(now);
    }

    fn respond_locally(&mut self, request: &Message, status: u16, now: Instant) {
        let call_id = request.call_id().unwrap_or_default();
        let method = request.method().unwrap_or_default();
        let tag = (status >= 200).then_some("sdpoa-local");
        let response = response_to(request, status, tag, None);
        self.log.message(now, true, &response);
        self.tx
            .respond(&call_id, &method, &response, now, &mut self.out);
    }

    fn new_leg(&mut self, message: &Message, from: SocketAddr) -> Option<usize> {
        if self.legs.len() >= MAX_LEGS {
            let ended = self
                .legs
                .iter()
                .position(|l| l.call.state() == CallState::Terminated)?;
            self.legs.remove(ended);
        }
        self.next_id += 1;
        let seed = self.next_id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(std::process::id());
        let mut config = CallConfig::new(seed).with_renegotiation_mode(RenegotiationMode::Manual);
        config.warning_agent = Some("ucwa_service".into());
        config.renegotiation_decision_timeout = DECISION_TIMEOUT;
        let provider = ServiceProvider::new(StandardMediaProvider::new(self.caps.clone(), seed));
        let call = Call::new(provider, config);
        let dialog =
            Dialog::incoming(message, call.local_tag().to_owned(), self.local, from, seed)?;
        self.legs.push(Leg {
            conversation: format!("c{}", self.next_id),
            call,
            dialog,
        });
        Some(self.legs.len() - 1)
    }

    fn on_request(&mut self, message: Message, from: SocketAddr, now: Instant) {
        let method = message.method().unwrap_or_default();
        let call_id = message.call_id().unwrap_or_default();
        if method == "OPTIONS" {
            return self.respond_locally(&message, 200, now);
        }
        let index = match self.legs.iter().position(|l| l.dialog.call_id == call_id) {
            Some(i) => i,
            None if method == "INVITE" => match self.new_leg(&message, from) {
                Some(i) => i,
                None => return self.respond_locally(&message, 486, now),
            },
            None if method == "ACK" => return,
            None => return self.respond_locally(&message, 481, now),
        };
        if method == "INVITE" {
            self.respond_locally(&message, 100, now);
        }
        if method == "CANCEL" && !self.tx.invite_pending_for_cancel(&message) {
            return self.respond_locally(&message, 481, now);
        }
        let call = &mut self.legs[index].call;
        match call.handle_request(mapping::to_request(&message), now) {
            Ok(()) => {
                if call.state() == CallState::Incoming {
                    let _ = call.accept(now);
                }
            }
            Err(CallError::MethodNotHandled { .. }) => self.respond_locally(&message, 405, now),
            Err(e) => {
                self.log.line(now, &format!("call error: {e}"));
                if method != "ACK" {
                    self.respond_locally(&message, 500, now);
                }
            }
        }
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
            return;
        }
        if response.method == Method::Invite {
            leg.dialog.learn_from_response(message);
        }
        let _ = leg.call.handle_response(response, now);
    }

    fn next_deadline(&self) -> Option<Instant> {
        let calls = self.legs.iter().filter_map(|l| l.call.poll_timeout());
        calls.chain(self.tx.poll_timeout()).min()
    }
}

/// The SIP thread: reads datagrams, runs the timers, forever.
pub fn run(mut recv: Transport, engine: Arc<Mutex<Engine>>) {
    loop {
        let now = Instant::now();
        let deadline = match engine.lock() {
            Ok(mut e) => {
                e.on_timers(now);
                e.drain(now);
                e.next_deadline()
            }
            Err(_) => return,
        };
        let deadline = deadline.map_or(now + TICK, |d| d.min(now + TICK));
        match recv.recv(now, Some(deadline), TICK) {
            Ok(Some((bytes, from))) => {
                if let Ok(mut e) = engine.lock() {
                    e.on_datagram(&bytes, from, Instant::now());
                }
            }
            Ok(None) => {}
            Err(_) => std::thread::sleep(TICK),
        }
    }
}
