//! [`Call`]: the sans-IO, SIP-level offer/answer driver of one call
//! (design.md §1 "call" layer), modelled on UCMA 4.0's `Call` with a
//! [`MediaProvider`].
//!
//! The Call is a dialog-level driver, not a transaction layer: the
//! transport owns Via, CSeq, Call-ID, routing, retransmissions and the ACK
//! of non-2xx responses; the Call decides which requests and responses to
//! send and what bodies and offer/answer headers they carry. It has no
//! sockets, clocks, threads or global randomness: inputs are plain data
//! ([`SipRequest`], [`SipResponse`], an [`Instant`]), outputs are plain data
//! ([`Transmit`], [`CallEvent`], the next deadline).
//!
//! # Driving a Call (quinn style)
//!
//! After every input — [`Call::handle_request`], [`Call::handle_response`],
//! [`Call::handle_timeout`], or a local intent ([`Call::establish`],
//! [`Call::accept`], [`Call::accept_early_media`], [`Call::decline`],
//! [`Call::terminate`]) — poll in this order:
//!
//! 1. [`Call::poll_transmit`] until `None`: send each message, in order;
//! 2. [`Call::poll_event`] until `None`: act on each event (it may call
//!    intents: then go back to 1);
//! 3. [`Call::poll_timeout`]: arm one timer for the deadline it returns and
//!    call [`Call::handle_timeout`] when it fires.
//!
//! Queues are bounded (32 transmits, 32 events): an input arriving while
//! fewer than 6 slots are free in either is refused with
//! [`CallError::QueueFull`] before anything changes.
//!
//! # What is supported
//!
//! * Outgoing calls with the offer in the INVITE (one SDP as
//!   `application/sdp`, several as `multipart/alternative`, custom MIME
//!   parts as `multipart/mixed`), the 415 retry of design.md §3.1, the
//!   failure mapping of §3.2, early media and forking (a provisional answer
//!   per To-tag), 100rel as UAC (PRACK for each new reliable 1xx; a reliable
//!   answer is the answer), extra 2xx of other forks ACKed and ended with
//!   BYE (RFC 3261 §13.2.2.4).
//! * Third-party call control: INVITE without offer, the offer of the 2xx
//!   answered in the ACK (or of a reliable 1xx in the PRACK); an offer the
//!   provider cannot accept is answered with every stream at port 0 and the
//!   call ended with BYE (RFC 3261 §13.2.2.4, RFC 6337 §2.3).
//! * Incoming calls with or without offer, early media as an unreliable 183
//!   (we do not send reliable 1xx: a PRACK gets 481), declines per §3.3, 415
//!   with Accept for bodies the provider does not take, 400 for bodies that
//!   are not SDP at all or are malformed, CANCEL (200 + 487), BYE.
//! * Renegotiation both ways (`reneg*.rs`; UCMA `BeginSdpRenegotiation`,
//!   UCWA `audioVideoRenegotiation`): every re-INVITE/UPDATE offer/answer
//!   is a [`Renegotiation`] (operation id, direction, offer, answer, state)
//!   reported by [`CallEvent::RenegotiationStarted`] and
//!   [`CallEvent::RenegotiationCompleted`]. Ours: [`Call::begin_renegotiation`],
//!   [`Call::hold`], [`Call::resume`] (re-INVITE, or UPDATE in an early
//!   dialog, RFC 3311), queued behind the remote's, with the 491 glare
//!   retry of design.md §3.4. The remote's: answered by the application
//!   ([`Call::answer_renegotiation`], [`Call::dismiss_renegotiation`] with a
//!   [`ReNegotiationDeclineReason`](crate::renegotiation::ReNegotiationDeclineReason))
//!   or by the provider ([`RenegotiationMode`]); an offer repeating the
//!   remote's current SDP version is a refresh, answered at once (the
//!   provider, which owns the session, says which:
//!   [`MediaProvider::is_session_refresh`]). One at a
//!   time: a crossing offer gets 491, a second one of the remote's 500 +
//!   Retry-After, a second one of ours [`CallError::AlreadyExists`]. A
//!   failed renegotiation never loses the active session.
//!
//! # Headers: nothing unchecked reaches the wire
//!
//! Every header the Call emits passes one check (RFC 3261 §7.3.1, §25.1):
//! names are tokens, values hold no CR, LF or NUL, tags are tokens
//! (§19.3), and Warning text is an escaped quoted-string of at most
//! [`MAX_WARN_TEXT_LEN`](crate::sip::MAX_WARN_TEXT_LEN) bytes.
//! The application's headers are checked where they are given
//! ([`CallError::InvalidHeader`] from [`Call::establish`], and for
//! [`CallConfig::local_tag`] see [`CallConfig::validate`]); the remote's
//! where they arrive: a request with a malformed header is answered 400
//! and not processed, a response (or ACK) with one is discarded
//! ([`PeerNoise::MalformedHeader`]), so a remote To-tag with CR/LF never
//! reaches an ACK, PRACK or BYE. A provider's invalid header on an answer
//! or decline is left out of the response.
//!
//! # Renegotiation states
//!
//! The remote's (one at a time):
//!
//! | from | input | to |
//! |---|---|---|
//! | — | re-INVITE/UPDATE with an offer, or a re-INVITE without | `Deciding` (`RenegotiationStarted`; Automatic mode answers at once) |
//! | `Deciding` | `answer_renegotiation`, offer in the request | done `Ok` (200 with the answer; a re-INVITE's ACK is then awaited) |
//! | `Deciding` | `answer_renegotiation`, re-INVITE without offer | `AwaitingAck` (200 with our offer) |
//! | `Deciding` | provider cannot answer | done `Declined` (design.md §3.3) |
//! | `Deciding` | `dismiss_renegotiation` / decision timer | done `Dismissed` / `DecisionTimeout` |
//! | `Deciding` | CANCEL (re-INVITE) | done `Canceled` (487) |
//! | `AwaitingAck` | ACK with an answer the provider takes | done `Ok` |
//! | `AwaitingAck` | ACK without one | done `Failed` (then one re-offer of ours) |
//! | any | BYE, terminate, ACK timeout | done `CallEnded` (487 if undecided) |
//!
//! Ours (one at a time):
//!
//! | from | input | to |
//! |---|---|---|
//! | — | `begin_renegotiation`/`hold`/`resume`, the remote's in progress | `Queued` |
//! | — or `Queued` | nothing of the remote's in progress | `Offered` (`get_offer`, re-INVITE or UPDATE; `RenegotiationStarted`) |
//! | `Offered` | 2xx with an answer the provider takes | done `Ok` (ACK for a re-INVITE) |
//! | `Offered` | 2xx without one | done `Failed` (then one re-offer) |
//! | `Offered` | 491, retries left | `GlareWait` (timer 2.1–4 s as Call-ID owner, else 0–2 s) |
//! | `Offered` | 491 (after [`MAX_GLARE_RETRIES`]), 488, 500, 408, other | done `Failed` (481 also ends the call) |
//! | `GlareWait` | timer, the remote's in progress / not | `Queued` / `Offered` |
//! | any | BYE, terminate, ACK timeout | done `CallEnded` |

mod bodies;
mod config;
mod decline;
mod dialogs;
mod error;
mod events;
mod incoming;
mod lifecycle;
mod messages;
mod outgoing;
mod queue;
mod reject_answer;
mod reneg;
mod reneg_incoming;
mod reneg_outgoing;
mod requests;
mod retry;
mod rng;
mod state;
mod timers;

use std::sync::Arc;
use std::time::Instant;

use mime::Mime;

/// The SIP messages a Call takes and gives: the [`sip`](crate::sip)
/// layer's, re-exported for the drive loop.
pub use crate::sip::{
    HeaderFault, Method, SipHeaders, SipRequest, SipResponse, SipWarning, reason_phrase,
};
pub use config::{CallConfig, CallEstablishOptions, RenegotiationMode};
pub use error::CallError;
pub use events::{
    CallEvent, PeerNoise, RenegotiationFailure, TerminationCause, UnsupportedMediaRetry,
};
pub use messages::Transmit;
pub use reneg::RenegotiationAnswer;
pub use reneg_outgoing::MAX_GLARE_RETRIES;
pub use state::{CallDirection, CallState, RemoteCapabilities};

use crate::body::{BoundaryGenerator, UnderstoodMedia, supports_multipart_alternative};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{OfferAnswerContext, SdpAnswerStatus, SdpOfferAnswerReason};
use crate::renegotiation::Renegotiation;
use crate::sip::{check_header_name, warn_text_of};
use incoming::IncomingExchange;
use outgoing::OutgoingInvite;
use queue::BoundedQueue;
use reneg::{LocalRenegotiation, RemoteRenegotiation};
use rng::SeededRng;
use timers::Timers;

/// Most transmits queued.
pub const MAX_QUEUED_TRANSMITS: usize = 32;
/// Most events queued.
pub const MAX_QUEUED_EVENTS: usize = 32;
/// Free slots each queue must have for an input to be taken (the most one
/// input adds: e.g. a BYE ending a call with both renegotiations pending
/// gives 200, 487 and two completions plus `Terminated`).
const ROOM_PER_INPUT: usize = 6;
/// The stream of the Call's seed that operation ids are drawn from.
const OPERATION_ID_STREAM: u64 = 0x6f70_6964;

/// One call's offer/answer driver over a [`MediaProvider`] (UCMA's `Call`).
///
/// See the [module docs](self) for the drive loop and what is supported;
/// the crate docs show a complete loop between two Calls.
///
/// The application's misuse (e.g. `establish` twice, `accept` on an
/// outgoing call) is a typed [`CallError`] and leaves the state unchanged;
/// the peer's noise (duplicate ACKs, retransmissions, stray responses) is
/// not an error but a [`CallEvent::Discarded`]; no input panics or makes
/// the Call loop, and every queue, retry and table is bounded. `Call<P>` is
/// `Send` when `P` is.
#[derive(Debug)]
pub struct Call<P: MediaProvider> {
    provider: P,
    config: CallConfig,
    local_tag: String,
    state: CallState,
    direction: Option<CallDirection>,
    /// The confirmed dialog: the remote To-tag (outgoing) or our tag (incoming).
    dialog_id: Option<String>,
    /// Leaf body types of the INVITE that establishes the call.
    initial_content_types: Arc<[Mime]>,
    /// The media of the initial offer's m-lines.
    initial_media_types: Arc<[crate::sdp::MediaType]>,
    /// Our INVITE and its offer (the outgoing offer/answer slot).
    outgoing: Option<OutgoingInvite>,
    /// The remote's INVITE or re-INVITE in progress (the incoming slot).
    incoming: Option<IncomingExchange>,
    /// The provider took part: `terminate_media` is owed at the end.
    provider_involved: bool,
    media_terminated: bool,
    /// What the remote supports, beyond its latest Accept.
    remote: RemoteCapabilities,
    /// The remote's latest Accept (the 415 retry reads it).
    remote_accept: Option<String>,
    transmits: BoundedQueue<Transmit>,
    events: BoundedQueue<CallEvent>,
    timers: Timers,
    boundaries: BoundaryGenerator,
    rng: SeededRng,
    /// Operation ids, a separate stream of the seed.
    ids: SeededRng,
    /// The remote's renegotiation in progress.
    reneg_in: Option<RemoteRenegotiation>,
    /// Our renegotiation in progress.
    reneg_out: Option<LocalRenegotiation>,
    /// The last renegotiation that completed.
    last_reneg: Option<Renegotiation>,
    /// We sent a re-INVITE: a late 2xx to it is ACKed.
    sent_reinvite: bool,
    /// The last offer we sent, for the provider's next `get_offer`.
    last_offer_sent: Option<crate::offer_answer::SdpOffer>,
    /// Why the configuration cannot be used ([`CallConfig::validate`]):
    /// every input is refused with it.
    config_fault: Option<CallError>,
}

impl<P: MediaProvider> Call<P> {
    /// A new, idle call driving `provider` with `config`.
    ///
    /// A `config` that fails [`CallConfig::validate`] (a local tag that is
    /// not an RFC 3261 token) gives a Call that stays idle, refuses its
    /// inputs with that [`CallError::InvalidHeader`] (what an idle Call
    /// never allows still gives [`CallError::InvalidState`]) and never sends
    /// anything: check the configuration first when it comes from outside.
    pub fn new(provider: P, config: CallConfig) -> Self {
        let config_fault = config.validate().err();
        let config_seed = config.seed;
        let mut rng = SeededRng::new(config.seed);
        let local_tag = config
            .local_tag
            .clone()
            .unwrap_or_else(|| format!("{:016x}", rng.next_u64()));
        Call {
            provider,
            boundaries: BoundaryGenerator::new(config.seed),
            config,
            local_tag,
            state: CallState::Idle,
            direction: None,
            dialog_id: None,
            initial_content_types: Arc::from(Vec::new()),
            initial_media_types: Arc::from(Vec::new()),
            outgoing: None,
            incoming: None,
            provider_involved: false,
            media_terminated: false,
            remote: RemoteCapabilities::empty(),
            remote_accept: None,
            transmits: BoundedQueue::new(MAX_QUEUED_TRANSMITS),
            events: BoundedQueue::new(MAX_QUEUED_EVENTS),
            timers: Timers::default(),
            rng,
            ids: SeededRng::stream(config_seed, OPERATION_ID_STREAM),
            reneg_in: None,
            reneg_out: None,
            last_reneg: None,
            sent_reinvite: false,
            last_offer_sent: None,
            config_fault,
        }
    }

    /// The call state.
    pub fn state(&self) -> CallState {
        self.state
    }

    /// Who sent the initial INVITE; `None` while idle.
    pub fn direction(&self) -> Option<CallDirection> {
        self.direction
    }

    /// The confirmed dialog: the remote To-tag when we called, our tag when
    /// we were called; `None` until a 2xx.
    pub fn dialog_id(&self) -> Option<&str> {
        self.dialog_id.as_deref()
    }

    /// Our tag: the To-tag of the responses we send.
    pub fn local_tag(&self) -> &str {
        &self.local_tag
    }

    /// What the remote has shown it supports: learned from the headers of
    /// its messages within this call, and from what the application gave
    /// ([`Call::learn_remote_capabilities`],
    /// [`Call::add_remote_capabilities`]). The 415 retry reads
    /// [`RemoteCapabilities::MULTIPART_ALTERNATIVE`], an UPDATE offer in an
    /// early dialog [`RemoteCapabilities::UPDATE`].
    pub fn remote_capabilities(&self) -> RemoteCapabilities {
        let mut caps = self.remote;
        if self.remote_takes_alternative() {
            caps |= RemoteCapabilities::MULTIPART_ALTERNATIVE;
        }
        caps
    }

    /// Whether the remote's latest Accept takes `multipart/alternative`
    /// (read when it matters: after a 415).
    fn remote_takes_alternative(&self) -> bool {
        self.remote_accept
            .as_deref()
            .is_some_and(|a| supports_multipart_alternative(Some(a)))
    }

    /// Learns what the remote supports from `headers` of a message outside
    /// this call, e.g. the 200 to an OPTIONS the stack sent first (RFC 3261
    /// §11: its Accept, Allow and Supported say what the remote takes): its
    /// Accept listing `multipart/alternative` (or a range covering it) sets
    /// [`RemoteCapabilities::MULTIPART_ALTERNATIVE`] (the latest Accept
    /// decides, unless [`Call::add_remote_capabilities`] added it),
    /// `Supported`/`Require: 100rel`
    /// sets [`RemoteCapabilities::REL100`], `Allow: UPDATE`
    /// [`RemoteCapabilities::UPDATE`]. The remote's own messages in the
    /// call are read the same way.
    pub fn learn_remote_capabilities(&mut self, headers: &SipHeaders) {
        self.learn_remote(headers);
    }

    /// Adds what the application knows the remote supports (from a
    /// registration, a previous call, configuration).
    pub fn add_remote_capabilities(&mut self, capabilities: RemoteCapabilities) {
        self.remote |= capabilities;
    }

    /// The configuration.
    pub fn config(&self) -> &CallConfig {
        &self.config
    }

    /// The media provider.
    pub fn provider(&self) -> &P {
        &self.provider
    }

    /// The media provider, mutably (e.g. to put the session on hold before a
    /// renegotiation).
    pub fn provider_mut(&mut self) -> &mut P {
        &mut self.provider
    }

    /// The media provider, by value.
    pub fn into_provider(self) -> P {
        self.provider
    }

    /// The next message to send, oldest first.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop()
    }

    /// The next event, oldest first.
    pub fn poll_event(&mut self) -> Option<CallEvent> {
        self.events.pop()
    }

    /// When [`Call::handle_timeout`] must be called next; `None` when no
    /// timer runs.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timers.next()
    }

    /// How many transmits are queued.
    pub fn queued_transmits(&self) -> usize {
        self.transmits.len()
    }

    /// How many events are queued.
    pub fn queued_events(&self) -> usize {
        self.events.len()
    }

    /// Refuses an input when the configuration is invalid or the queues
    /// could overflow.
    fn check_room(&self) -> Result<(), CallError> {
        if let Some(fault) = &self.config_fault {
            return Err(fault.clone());
        }
        if self.transmits.has_room(ROOM_PER_INPUT) && self.events.has_room(ROOM_PER_INPUT) {
            Ok(())
        } else {
            Err(CallError::QueueFull)
        }
    }

    /// A context for `reason` in dialog `dialog`.
    fn context(
        &self,
        reason: SdpOfferAnswerReason,
        dialog: Option<&str>,
        early: bool,
    ) -> OfferAnswerContext {
        OfferAnswerContext {
            reason,
            is_early_dialog: early,
            dialog_id: dialog.map(str::to_owned),
            initial_offer_media_types: self.initial_media_types.clone(),
            initial_offer_content_types: self.initial_content_types.clone(),
        }
    }

    /// The provider's offer for `ctx` ([`MediaProvider::get_offer`]), told
    /// the last offer this Call sent, whatever exchange it was for (UCMA's
    /// `lastSentSdpOffers`: on a renegotiation too). An offer without any
    /// session description cannot be sent (UCMA: `EndGetOffer` returning a
    /// null offer ends the call): the provider is told `set_answer(None,
    /// NotAcceptableLocally)` and nothing is sent.
    ///
    /// # Errors
    /// [`CallError::Provider`] when `get_offer` fails;
    /// [`CallError::EmptyOffer`] for an offer of no description.
    fn provider_offer(
        &mut self,
        ctx: &OfferAnswerContext,
    ) -> Result<crate::offer_answer::SdpOffer, CallError> {
        let offer = self
            .provider
            .get_offer(ctx, self.last_offer_sent.as_ref())?;
        if offer.descriptions.is_empty() {
            let local =
                crate::offer_answer::SdpAnswer::declined(SdpAnswerStatus::NotAcceptableLocally);
            // The status is what matters; the provider's reply changes nothing.
            let _ = self.provider.set_answer(ctx, &offer, local);
            return Err(CallError::EmptyOffer);
        }
        Ok(offer)
    }

    /// What the provider takes, for the MIME selection of a multipart body
    /// (RFC 5621); single `application/sdp` bodies never need it.
    fn understood(&self) -> UnderstoodMedia {
        UnderstoodMedia::new(self.provider.supported_content_types().to_vec())
    }

    /// The Accept value listing what the provider takes, e.g.
    /// `application/sdp, multipart/mixed, multipart/alternative`.
    fn accept_value(&self) -> String {
        let types = self.provider.supported_content_types();
        let mut out = String::with_capacity(types.len() * 24);
        for (i, t) in types.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(t.as_ref());
        }
        out
    }

    /// The leaf media types of `tree` become the initial offer's.
    fn set_initial_types(
        &mut self,
        tree: Option<&crate::body::MimePart>,
        offer: Option<&crate::offer_answer::SdpOffer>,
    ) {
        self.initial_content_types = bodies::initial_types(tree);
        self.initial_media_types = bodies::offer_media_types(offer);
    }

    /// Learns what the remote supports from a message's headers.
    fn learn_remote(&mut self, headers: &SipHeaders) {
        if let Some(accept) = &headers.accept {
            // Kept as text, read only when it matters (after a 415); copied
            // only when it changes (it repeats from message to message).
            if self.remote_accept.as_deref() != Some(accept.as_str()) {
                self.remote_accept = Some(accept.clone());
            }
        }
        if headers.supports("100rel") || headers.requires("100rel") {
            self.remote |= RemoteCapabilities::REL100;
        }
        let allows_update = headers
            .extra
            .iter()
            .filter(|h| h.is("Allow"))
            .any(|h| h.value.split(',').any(|m| m.trim() == "UPDATE"));
        if allows_update {
            self.remote |= RemoteCapabilities::UPDATE;
        }
    }

    /// Reports a message of the peer that was discarded (no state change).
    fn discard(&mut self, noise: PeerNoise) {
        self.events.push(CallEvent::Discarded { noise });
    }

    /// Queues a response with our tag.
    fn respond(&mut self, mut response: SipResponse) {
        response.headers.to_tag = Some(self.local_tag.clone());
        response.headers.retain_valid();
        self.transmits.push(Transmit::Response(response));
    }

    /// Queues a bare response `status` to `method`.
    fn respond_status(&mut self, status: u16, method: Method) {
        self.respond(SipResponse::new(status, method));
    }

    /// Queues a request in dialog `to_tag` (our dialogs as INVITE sender).
    ///
    /// This and [`respond`](Self::respond) are the only ways out: both drop
    /// any header that cannot be written ([`SipHeaders::retain_valid`]).
    /// What the application gives is checked where it is taken (typed
    /// errors) and what the remote sends where it arrives (400, or
    /// [`PeerNoise::MalformedHeader`]), so only a provider's invalid extra
    /// header (on an answer or a decline) is ever dropped here.
    fn send_request(&mut self, mut request: SipRequest, to_tag: Option<&str>) {
        request.headers.to_tag = to_tag.map(str::to_owned);
        request.headers.retain_valid();
        self.transmits.push(Transmit::Request(request));
    }

    /// Answers a request holding a header no valid SIP message has (`name`,
    /// `fault`) with 400 Bad Request (RFC 3261 §21.4.1) and Warning 399
    /// naming the header, never its value (RFC 3261 §8.2: the request is not
    /// processed further). An extension header whose own name is invalid
    /// is not named either.
    fn respond_malformed(&mut self, method: Method, name: &str, fault: HeaderFault) {
        let name = if check_header_name(name).is_ok() {
            name
        } else {
            "extension"
        };
        let mut response = SipResponse::new(400, method);
        response.headers.warning = Some(SipWarning::new(
            399,
            self.config.warning_agent.as_deref(),
            warn_text_of(&format_args!("malformed {name} header: {fault}")),
        ));
        self.respond(response);
    }

    /// Queues a BYE in the confirmed dialog.
    fn send_bye(&mut self) {
        let tag = match self.direction {
            Some(CallDirection::Outgoing) => self.dialog_id.clone(),
            _ => None,
        };
        self.send_request(SipRequest::new(Method::Bye), tag.as_deref());
    }

    /// Tells the provider the call is over, once, if it took part.
    fn end_media(&mut self) {
        if self.provider_involved && !self.media_terminated {
            self.media_terminated = true;
            let reason = match self.direction {
                Some(CallDirection::Incoming) => SdpOfferAnswerReason::IncomingCallEstablishment,
                _ => SdpOfferAnswerReason::OutgoingCallEstablishment,
            };
            let ctx = self.context(reason, self.dialog_id.clone().as_deref(), false);
            // The provider's own bookkeeping: nothing for the Call to do.
            let _ = self.provider.terminate_media(&ctx);
        }
    }

    /// The call is over: renegotiations, state, timers, media.
    fn finish(&mut self) {
        self.abort_renegotiations();
        self.state = CallState::Terminated;
        self.timers.clear();
        self.end_media();
    }

    /// The call failed with `status` (after `response`).
    fn fail(&mut self, status: SdpAnswerStatus, response: Option<u16>) {
        self.finish();
        self.events.push(CallEvent::Failed { status, response });
    }

    /// The call ended normally.
    fn terminated(&mut self, cause: TerminationCause) {
        self.finish();
        self.events.push(CallEvent::Terminated { cause });
    }

    /// Whether `request` is an INVITE starting the call again: we declined
    /// the previous initial INVITE before any dialog existed (e.g. 415 or
    /// 488) and this one has no To-tag (the caller's retry, design.md §3.1).
    fn is_new_attempt(&self, request: &SipRequest) -> bool {
        self.state == CallState::Terminated
            && self.direction == Some(CallDirection::Incoming)
            && self.dialog_id.is_none()
            && request.headers.to_tag.is_none()
    }

    /// Whether `request` (an INVITE) is a retransmission of the remote's
    /// initial INVITE that we are still answering: it has no To-tag (an
    /// INVITE within the dialog has one, RFC 3261 §12.2.1.1) and arrives
    /// before the ACK of our 2xx.
    fn is_invite_retransmission(&self, request: &SipRequest) -> bool {
        let answering = match self.state {
            CallState::Incoming => true,
            CallState::Establishing | CallState::Terminating => {
                self.direction == Some(CallDirection::Incoming)
                    && self.incoming.as_ref().is_some_and(|i| {
                        i.ctx.reason == SdpOfferAnswerReason::IncomingCallEstablishment
                    })
            }
            _ => false,
        };
        answering && request.headers.to_tag.is_none()
    }

    /// Back to idle for a new attempt, keeping the configuration, our tag,
    /// the seeded generators and what we learned about the remote.
    fn reset_for_new_attempt(&mut self) {
        self.state = CallState::Idle;
        self.direction = None;
        self.initial_content_types = Arc::from(Vec::new());
        self.initial_media_types = Arc::from(Vec::new());
        self.outgoing = None;
        self.incoming = None;
        self.provider_involved = false;
        self.media_terminated = false;
        self.last_offer_sent = None;
        self.timers.clear();
    }

    /// Takes a request the remote sent.
    ///
    /// INVITE (initial or re-INVITE), ACK, BYE, CANCEL, UPDATE and PRACK are
    /// handled; what the Call answers is queued as transmits (see the module
    /// docs). `now` is the current time (timers). An INVITE without To-tag
    /// after we declined the previous initial INVITE (no dialog was made)
    /// is the caller's retry (design.md §3.1): the call starts afresh and
    /// the application sees [`CallEvent::IncomingCall`] again.
    ///
    ///
    /// A request with a header no valid SIP message has (a To-tag that is
    /// not a token, RFC 3261 §19.3; a value holding CR, LF or NUL; an extra
    /// header whose name is not a token) is answered 400 Bad Request with
    /// Warning 399 naming the header, and not processed further (RFC 3261
    /// §8.2, §21.4.1): the state is unchanged and nothing of it is copied.
    ///
    /// Peer noise is not an error: an ACK that acknowledges nothing (the
    /// ACK of each 2xx retransmission, RFC 3261 §13.2.2.4), a
    /// retransmitted initial INVITE, an ACK with a malformed header (it
    /// has no response to carry a 400) are discarded with
    /// [`CallEvent::Discarded`] and `Ok`.
    ///
    /// # Errors
    /// [`CallError::QueueFull`]; [`CallError::MethodNotHandled`] for
    /// methods the Call does not handle (OPTIONS, INFO, ...: the
    /// application answers them). The state is then unchanged.
    pub fn handle_request(&mut self, request: SipRequest, now: Instant) -> Result<(), CallError> {
        self.check_room()?;
        if !matches!(request.method, Method::Other(_))
            && let Some((name, reason)) = request.headers.fault()
        {
            if request.method == Method::Ack {
                let name = name.to_owned();
                self.discard(PeerNoise::MalformedHeader { name, reason });
                return Ok(());
            }
            let name = name.to_owned();
            self.respond_malformed(request.method, &name, reason);
            return Ok(());
        }
        match request.method {
            Method::Invite => {
                self.learn_remote(&request.headers);
                if self.is_new_attempt(&request) {
                    self.reset_for_new_attempt();
                }
                let mut request = request;
                if self.is_invite_retransmission(&request) {
                    self.discard(PeerNoise::RetransmittedInvite);
                } else if self.state == CallState::Idle && self.direction.is_none() {
                    self.on_initial_invite(&mut request);
                } else {
                    self.on_reinvite(&mut request, now);
                }
                Ok(())
            }
            Method::Ack => {
                self.on_ack(request);
                Ok(())
            }
            Method::Bye => {
                self.on_bye();
                Ok(())
            }
            Method::Cancel => {
                self.on_cancel();
                Ok(())
            }
            Method::Update => {
                self.learn_remote(&request.headers);
                let mut request = request;
                self.on_update(&mut request, now);
                Ok(())
            }
            Method::Prack => {
                // We never send reliable provisional responses (RFC 3262 §3).
                self.respond_status(481, Method::Prack);
                Ok(())
            }
            Method::Other(method) => Err(CallError::MethodNotHandled {
                method: Method::Other(method),
            }),
        }
    }

    /// Takes a response to a request we sent.
    ///
    /// Responses to our INVITE drive the call (design.md §3.1, §3.2);
    /// responses to our re-INVITE or UPDATE drive our renegotiation (see
    /// [`Call::begin_renegotiation`]); responses to other requests (PRACK,
    /// BYE, CANCEL, an UPDATE no longer pending) are absorbed. A
    /// transaction timeout is fed as a 408 response.
    ///
    /// While our re-INVITE is pending, an INVITE response with the dialog's
    /// To-tag (or none) is taken as its response: the transport, which
    /// matches responses to transactions (CSeq), should not pass
    /// retransmitted 2xx of the initial INVITE then (it can ACK them
    /// itself). A 2xx to a re-INVITE of ours that is no longer pending is
    /// ACKed again.
    ///
    /// Peer noise is not an error: a response answering nothing pending
    /// (a retransmission, a response while idle or to an INVITE we did not
    /// send), or one holding a header no valid SIP message has (a To-tag
    /// that is not a token, RFC 3261 §19.3; a value holding CR, LF or NUL;
    /// an extra header whose name is not a token: it is discarded, RFC 3261
    /// §8.1.3.3, so its To-tag never reaches an ACK, PRACK or BYE) gives
    /// [`CallEvent::Discarded`] and `Ok`, the state unchanged.
    ///
    /// # Errors
    /// [`CallError::QueueFull`]; [`CallError::InvalidStatus`] outside
    /// 100–699 (no SIP parser produces one: the caller built it). The state
    /// is then unchanged.
    pub fn handle_response(
        &mut self,
        response: SipResponse,
        now: Instant,
    ) -> Result<(), CallError> {
        if !(100..=699).contains(&response.status) {
            return Err(CallError::InvalidStatus(response.status));
        }
        self.check_room()?;
        if let Some((name, reason)) = response.headers.fault() {
            let name = name.to_owned();
            self.discard(PeerNoise::MalformedHeader { name, reason });
            return Ok(());
        }
        let unmatched = |response: &SipResponse| PeerNoise::UnmatchedResponse {
            status: response.status,
            method: response.method.clone(),
        };
        if self.state == CallState::Idle {
            self.discard(unmatched(&response));
            return Ok(());
        }
        let mut response = response;
        if self.answers_local_offer(&response) {
            self.learn_remote(&response.headers);
            self.on_local_response(&mut response, now);
            return Ok(());
        }
        let late_reinvite_2xx = self.sent_reinvite
            && (200..300).contains(&response.status)
            && matches!(self.state, CallState::Established | CallState::Terminated)
            && (self.direction == Some(CallDirection::Incoming)
                || response.headers.to_tag.is_none()
                || response.headers.to_tag == self.dialog_id);
        match response.method {
            Method::Invite if late_reinvite_2xx => {
                self.on_late_reinvite_success(&response);
                Ok(())
            }
            Method::Invite if self.direction == Some(CallDirection::Outgoing) => {
                self.learn_remote(&response.headers);
                self.on_invite_response(&mut response);
                Ok(())
            }
            Method::Invite => {
                self.discard(unmatched(&response));
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
