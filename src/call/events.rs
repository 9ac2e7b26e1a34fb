//! [`CallEvent`]: what happened, for the application.

use crate::offer_answer::{OfferAnswerFailureReason, SdpAnswerStatus};

/// Which design.md §3.1 branch a retry after 415 takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnsupportedMediaRetry {
    /// Step 1: the same offer again, without the optional custom MIME parts.
    WithoutOptionalParts,
    /// Step 2: a new offer from the provider, after `UnsupportedMediaCanRetry`.
    NewOffer,
}

/// Why a call ended without failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The INVITE was answered 415 and is being sent again (design.md §3.1).
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
    /// We declined an offer the remote sent, with `response` (design.md
    /// §3.3). For the initial INVITE the call is then over; for a re-INVITE
    /// or UPDATE the previous session stays active.
    OfferDeclined {
        /// The status code sent, e.g. 488.
        response: u16,
        /// The failure reason it came from.
        reason: OfferAnswerFailureReason,
    },
    /// A remote re-INVITE or UPDATE offer/answer completed: the provider's
    /// session changed.
    SessionUpdated,
    /// A remote re-INVITE without offer got our offer, but the ACK brought
    /// no acceptable answer: the provider was told `status` and keeps the
    /// previous session.
    RenegotiationFailed {
        /// The status given to the provider.
        status: SdpAnswerStatus,
    },
    /// The call ended normally.
    Terminated {
        /// Who ended it.
        cause: TerminationCause,
    },
}
