//! [`CallEvent`]: what happened, for the application.

use super::Method;
use crate::offer_answer::{OfferAnswerError, OfferAnswerFailureReason, SdpAnswerStatus};
use crate::renegotiation::{ReNegotiationDeclineReason, Renegotiation};
use crate::sip::HeaderFault;

/// Which branch of the 415 retry (RFC 3261 §21.4.13; see
/// the crate manual (`crate::manual`)) a retry after 415 takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnsupportedMediaRetry {
    /// Step 1: the same offer again, without the optional custom MIME parts.
    WithoutOptionalParts,
    /// Step 2: a new offer from the provider, after `UnsupportedMediaCanRetry`.
    NewOffer,
}

/// Why a call ended without failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TerminationCause {
    /// The application ended or declined it ([`Call::terminate`](super::Call::terminate),
    /// [`Call::decline`](super::Call::decline)).
    Local,
    /// The remote sent BYE.
    RemoteBye,
    /// The remote canceled its INVITE before we answered.
    RemoteCancel,
}

/// Something the application should know, from [`Call::poll_event`](super::Call::poll_event).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallEvent {
    /// An INVITE arrived and the provider took its offer (if any): call
    /// [`Call::accept`](super::Call::accept),
    /// [`Call::accept_early_media`](super::Call::accept_early_media) or
    /// [`Call::decline`](super::Call::decline). UCMA: `CallReceived`.
    IncomingCall {
        /// Whether the INVITE carried an offer (else ours goes in the 2xx).
        has_offer: bool,
    },
    /// A 1xx with SDP gave the provider a provisional answer (early media)
    /// for early dialog `dialog_id`.
    ProvisionalAnswer {
        /// The remote To-tag of the early dialog.
        dialog_id: String,
        /// Whether it came in a reliable 1xx (RFC 3262; then it is the answer).
        reliable: bool,
    },
    /// The INVITE was answered 415 and is being sent again (RFC 3261 §21.4.13;
    /// see the crate manual (`crate::manual`)).
    RetryingAfterUnsupportedMedia {
        /// Which branch.
        branch: UnsupportedMediaRetry,
    },
    /// The call is established: offer/answer complete and the dialog
    /// confirmed (2xx sent and ACKed, or 2xx received and ACK sent).
    Established {
        /// The dialog: the remote To-tag (we called) or our tag (we were called).
        dialog_id: String,
    },
    /// The call failed and is over ([`CallState::Terminated`](super::CallState::Terminated)).
    Failed {
        /// The status given to the provider (or that would have been).
        status: SdpAnswerStatus,
        /// The SIP response that caused it, when one did.
        response: Option<u16>,
    },
    /// We declined an offer the remote sent, with `response` (the SIP
    /// response of its UCMA `OfferAnswerFailureReason`, see
    /// the crate manual (`crate::manual`)). For the initial INVITE the call is then over. For a re-INVITE
    /// or UPDATE this is only a body refused before it became a
    /// renegotiation (400, 413, 415) or a refresh the provider could not
    /// answer (declines of renegotiations are
    /// [`CallEvent::RenegotiationCompleted`]); the previous session stays.
    OfferDeclined {
        /// The status code sent, e.g. 488.
        response: u16,
        /// The failure reason it came from.
        reason: OfferAnswerFailureReason,
    },
    /// A renegotiation began (UCWA: the `started` event of an
    /// `audioVideoRenegotiation`).
    ///
    /// * Incoming (the remote's re-INVITE or UPDATE): in
    ///   [`RenegotiationMode::Manual`](super::RenegotiationMode::Manual) the
    ///   request waits: call [`Call::answer_renegotiation`](super::Call::answer_renegotiation)
    ///   or [`Call::dismiss_renegotiation`](super::Call::dismiss_renegotiation)
    ///   with its operation id. In `Automatic` mode it is already being
    ///   answered (this event is for the record).
    /// * Outgoing: our offer was sent (after any queueing behind an incoming
    ///   renegotiation); glare retries do not start it again.
    RenegotiationStarted {
        /// A snapshot of the renegotiation, [`Pending`](crate::renegotiation::RenegotiationState::Pending).
        /// Its `media_offer` is empty for a re-INVITE without offer (ours
        /// goes in the 2xx once the application answers).
        renegotiation: Renegotiation,
    },
    /// A renegotiation ended, once per operation id (UCWA: `completed`).
    /// On failure the previous session stays active (RFC 3261 §14.1, §14.2).
    RenegotiationCompleted {
        /// The renegotiation in its final state (`Answered` with the
        /// `media_answer`, `Dismissed`, or `Failed`).
        renegotiation: Renegotiation,
        /// `Ok(())` when the new session is active; else why not.
        result: Result<(), RenegotiationFailure>,
    },
    /// The call ended normally.
    Terminated {
        /// Who ended it.
        cause: TerminationCause,
    },
    /// A message of the peer was discarded as noise: nothing was sent and
    /// nothing changed (design rule: peer noise is not an error, so
    /// `handle_request`/`handle_response` return `Ok` for it). For logs.
    Discarded {
        /// What was discarded, and why.
        noise: PeerNoise,
    },
    /// The remote's answer in a renegotiation was missing or refused by the
    /// provider (a 2xx or an ACK without a usable answer), so the
    /// Call re-offers the current session once to put both sides in step
    /// (RFC 3261 §13.2.2.4) — and that re-offer could not be made: the
    /// provider gave no offer (`error`). Nothing was sent; the previous
    /// session stays; the application may call
    /// [`Call::begin_renegotiation`](super::Call::begin_renegotiation) or
    /// [`Call::terminate`](super::Call::terminate).
    ResyncFailed {
        /// Why the offer could not be made.
        error: super::CallError,
    },
    /// The provider returned an error for a notification that asks nothing
    /// of it: `set_answer` closing one of its offers without an answer, or
    /// `terminate_media`. The Call goes on as it would have (the offer is
    /// over, the call ended); for logs, or to release the media otherwise.
    ProviderNotificationFailed {
        /// What the provider was told.
        notification: ProviderNotification,
        /// Its error.
        error: OfferAnswerError,
    },
}

/// A notification the Call gives its provider without needing a reply
/// ([`CallEvent::ProviderNotificationFailed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProviderNotification {
    /// `set_answer(None, status)`: its offer ends without an answer (UCMA
    /// `SetAnswer` with a null answer).
    OfferClosed {
        /// The status it was given.
        status: SdpAnswerStatus,
    },
    /// `terminate_media`: the call is over (UCMA `TerminateMedia`).
    TerminateMedia,
}

/// A message of the peer that the Call discarded without acting on it
/// ([`CallEvent::Discarded`]). None of these is an error: SIP networks
/// retransmit, fork and reorder, and a hostile peer must not be able to
/// make the application's drive loop fail.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PeerNoise {
    /// An ACK that acknowledges nothing pending: the ACK the caller sends
    /// for each retransmission of a 2xx it already acknowledged (RFC 3261
    /// §13.2.2.4), or an ACK for no 2xx at all.
    UnmatchedAck,
    /// A response that answers nothing pending: a retransmission, a
    /// response to an INVITE we did not send, or one while idle.
    UnmatchedResponse {
        /// Its status code.
        status: u16,
        /// Its CSeq method.
        method: Method,
    },
    /// A retransmission of the remote's initial INVITE while we still
    /// answer it (no To-tag, RFC 3261 §17.2.1): the transport resends our
    /// last response.
    RetransmittedInvite,
    /// A response or ACK holding a header no valid SIP message has (a
    /// To-tag that is not a token, RFC 3261 §19.3; a value with CR, LF or
    /// NUL; a name that is not a token): discarded as malformed, as RFC
    /// 3261 §8.1.3.3 does with a response it cannot trust, so none of its
    /// values reaches an ACK, PRACK or BYE. (A request with such a header
    /// is answered 400 instead.)
    MalformedHeader {
        /// The header's name as received.
        name: String,
        /// What is wrong with it.
        reason: HeaderFault,
    },
}

/// Why a renegotiation ended without a new session
/// ([`CallEvent::RenegotiationCompleted`]). The previous session stays
/// active in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RenegotiationFailure {
    /// The application dismissed the incoming offer
    /// ([`Call::dismiss_renegotiation`](super::Call::dismiss_renegotiation));
    /// `response` is the status sent (UCMA `ReNegotiationDeclineReason` → SIP
    /// response, e.g. 488; see the crate manual (`crate::manual`)).
    Dismissed {
        /// The UCWA reason given.
        reason: ReNegotiationDeclineReason,
        /// The SIP status sent.
        response: u16,
    },
    /// The application did not decide within
    /// [`CallConfig::renegotiation_decision_timeout`](super::CallConfig::renegotiation_decision_timeout):
    /// dismissed with [`ReNegotiationDeclineReason::Unknown`] (488, no Warning).
    DecisionTimeout {
        /// The SIP status sent (488).
        response: u16,
    },
    /// The media provider could not answer the incoming offer (Automatic
    /// mode, or `answer_renegotiation` with the provider's answer): declined
    /// with `response` (UCMA
    /// `OfferAnswerFailureReason` → SIP response; see the crate manual (`crate::manual`)).
    Declined {
        /// The provider's failure reason.
        reason: OfferAnswerFailureReason,
        /// The SIP status sent.
        response: u16,
    },
    /// Our offer failed (SIP response → UCMA
    /// `SdpAnswerStatus`, see the crate manual (`crate::manual`)): `status` is what the provider was
    /// told with `set_answer(None, status)`; `response` the SIP status that
    /// caused it (491 after the last glare retry, 488, 500, 408 for a
    /// transaction timeout...), `None` for a local failure or an ACK
    /// without a usable answer.
    Failed {
        /// The status given to the provider.
        status: SdpAnswerStatus,
        /// The SIP response that caused it, when one did.
        response: Option<u16>,
    },
    /// The remote canceled its re-INVITE before we answered (487 sent).
    Canceled,
    /// The call ended (BYE, terminate, ACK timeout) before the
    /// renegotiation completed.
    CallEnded,
}

impl RenegotiationFailure {
    /// The SIP status we sent (dismissed, timed out, declined) or received
    /// (failed); `None` when there was none.
    pub fn response(&self) -> Option<u16> {
        match *self {
            RenegotiationFailure::Dismissed { response, .. }
            | RenegotiationFailure::DecisionTimeout { response }
            | RenegotiationFailure::Declined { response, .. } => Some(response),
            RenegotiationFailure::Failed { response, .. } => response,
            RenegotiationFailure::Canceled => Some(487),
            RenegotiationFailure::CallEnded => None,
        }
    }
}
