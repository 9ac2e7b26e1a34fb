//! [`Call`]: the sans-IO, SIP-level offer/answer driver of one call
//! (the crate's SIP-level layer), modelled on UCMA 4.0's `Call` with a
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
//!   parts as `multipart/mixed`), the 415 retry (RFC 3261 §21.4.13), the
//!   mapping of each failure response to a UCMA `SdpAnswerStatus` (see
//!   the crate manual (`crate::manual`)), early media and forking (a provisional answer
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
//! * Renegotiation both ways (`renegotiation/`; UCMA `BeginSdpRenegotiation`,
//!   UCWA `audioVideoRenegotiation`): every re-INVITE/UPDATE offer/answer
//!   is a [`Renegotiation`] (operation id, direction, offer, answer, state)
//!   reported by [`CallEvent::RenegotiationStarted`] and
//!   [`CallEvent::RenegotiationCompleted`]. Ours: [`Call::begin_renegotiation`],
//!   [`Call::hold`], [`Call::resume`] (re-INVITE, or UPDATE in an early
//!   dialog, RFC 3311), queued behind the remote's, with the 491 glare
//!   retry of RFC 3261 §14.1. The remote's: answered by the application
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
//! # Where things are
//!
//! A message comes in through `dispatch.rs` (`handle_request`,
//! `handle_response`) and goes to the part of the Call it belongs to:
//!
//! * `invite/`: the initial INVITE transaction: `outgoing.rs` (ours and its
//!   responses), `early_dialogs.rs` (one per To-tag of a forked call),
//!   `unsupported_media.rs` (the 415 retry), `incoming.rs` (the remote's,
//!   `accept`, `decline`, the ACK of our 2xx);
//! * `in_dialog.rs`: re-INVITE, UPDATE, BYE and CANCEL within the dialog;
//! * `renegotiation/`: the two renegotiation slots (`mod.rs`), the
//!   remote's (`incoming.rs`) and ours with its glare retry (`outgoing.rs`);
//! * `decline/`: an offer we refuse → its SIP response, and the answer that
//!   rejects every stream;
//! * `messages/`: what goes out ([`Transmit`], `send.rs`) and the bodies
//!   (`bodies.rs`);
//! * `phase.rs`: where the call stands, one enum whose variants hold
//!   exactly the data valid in them (our INVITE while `Outgoing`, the
//!   remote's until its ACK, the dialog once confirmed); [`CallState`],
//!   [`CallDirection`] and [`Call::dialog_id`] are derived from it;
//! * `media.rs` (what the Call asks its provider), `remote.rs` (what the
//!   remote supports), `lifecycle.rs` (`terminate`, timers, the end),
//!   `state.rs` (the public state types), `events.rs`, `error.rs`,
//!   `config.rs`.
//!
//! Each sub-state (the phases, our INVITE's early dialogs and 415 retries,
//! the two renegotiation slots) has its own `impl`; `impl Call` is split
//! by message flow, one file per flow above.
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
//! | `Deciding` | provider cannot answer | done `Declined` (UCMA `OfferAnswerFailureReason` → SIP response) |
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

mod config;
mod decline;
mod dispatch;
mod error;
mod events;
mod in_dialog;
mod invite;
mod lifecycle;
mod media;
mod messages;
mod phase;
mod queue;
mod remote;
mod renegotiation;
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
    CallEvent, PeerNoise, ProviderNotification, RenegotiationFailure, TerminationCause,
    UnsupportedMediaRetry,
};
pub use messages::Transmit;
pub use renegotiation::RenegotiationAnswer;
pub use renegotiation::outgoing::MAX_GLARE_RETRIES;
pub use state::{CallDirection, CallState, RemoteCapabilities};

use crate::body::BoundaryGenerator;
use crate::media_provider::MediaProvider;
use crate::renegotiation::Renegotiation;
use media::MediaStatus;
use phase::Phase;
use queue::BoundedQueue;
use renegotiation::{LocalRenegotiation, RemoteRenegotiation};
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
    /// Where the call stands, with the data valid there (its `CallState`,
    /// direction, dialog, our INVITE, the remote's INVITE in progress).
    phase: Phase,
    /// Leaf body types of the INVITE that establishes the call.
    initial_content_types: Arc<[Mime]>,
    /// The media of the initial offer's m-lines.
    initial_media_types: Arc<[crate::sdp::MediaType]>,
    /// Whether the provider took part (`terminate_media` is then owed at
    /// the end) and was told the end.
    media: MediaStatus,
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
            phase: Phase::Idle,
            initial_content_types: Arc::from(Vec::new()),
            initial_media_types: Arc::from(Vec::new()),
            media: MediaStatus::Uninvolved,
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
            last_offer_sent: None,
            config_fault,
        }
    }

    /// The call state.
    pub fn state(&self) -> CallState {
        self.phase.state()
    }

    /// Who sent the initial INVITE; `None` while idle.
    pub fn direction(&self) -> Option<CallDirection> {
        self.phase.direction()
    }

    /// The confirmed dialog: the remote To-tag when we called, our tag when
    /// we were called; `None` until a 2xx.
    pub fn dialog_id(&self) -> Option<&str> {
        match &self.phase {
            Phase::Accepted { .. } => Some(&self.local_tag),
            phase => phase.dialog().map(|d| d.id.as_str()),
        }
    }

    /// Our tag: the To-tag of the responses we send.
    pub fn local_tag(&self) -> &str {
        &self.local_tag
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
    #[must_use = "a polled item not acted on is lost (or, for the timeout, never handled)"]
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop()
    }

    /// The next event, oldest first.
    #[must_use = "a polled item not acted on is lost (or, for the timeout, never handled)"]
    pub fn poll_event(&mut self) -> Option<CallEvent> {
        self.events.pop()
    }

    /// When [`Call::handle_timeout`] must be called next; `None` when no
    /// timer runs.
    #[must_use = "a polled item not acted on is lost (or, for the timeout, never handled)"]
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
}
