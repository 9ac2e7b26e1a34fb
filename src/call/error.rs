//! [`CallError`]: misuse of a [`Call`](super::Call), split by whose fault.

use super::{CallState, Method};
use crate::body::BodyError;
use crate::offer_answer::OfferAnswerError;
use crate::renegotiation::RenegotiationError;
use crate::sip::HeaderFault;

/// Why a [`Call`](super::Call) method refused its input. The Call's state
/// is unchanged unless the variant says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// Local misuse: the operation is not allowed in this state (e.g.
    /// `establish` twice, `accept` on an outgoing call).
    #[error("{operation} is not allowed while the call is {state:?}")]
    InvalidState {
        /// What was called.
        operation: &'static str,
        /// The state it was called in.
        state: CallState,
    },
    /// A request the Call does not handle (OPTIONS, INFO, REFER, ...):
    /// the application or the transport answers it.
    #[error("{method} requests are not handled by the Call")]
    MethodNotHandled {
        /// The method.
        method: Method,
    },
    /// A status code outside 100–699 (or, for `decline`, outside 300–699).
    #[error("status code {0} is out of range")]
    InvalidStatus(u16),
    /// The outbound queues are nearly full: poll transmits and events before
    /// feeding more input (the queues are bounded).
    #[error("the Call's output queues are full: poll transmits and events first")]
    QueueFull,
    /// The media provider failed (e.g. `get_offer` in `establish`).
    #[error("media provider: {0}")]
    Provider(#[from] OfferAnswerError),
    /// Local failure: the media provider's offer holds no session
    /// description (UCMA's `NotAcceptableLocally`: the Call cannot send
    /// the offer it got). Nothing was sent; the provider was told
    /// `set_answer(None, NotAcceptableLocally)`.
    #[error("the media provider's offer holds no session description")]
    EmptyOffer,
    /// A body could not be built (e.g. a custom MIME part with a CR in a
    /// header); the provider was told `NotAcceptableLocally`.
    #[error("message body: {0}")]
    Body(#[from] BodyError),
    /// Local misuse: a renegotiation of ours is already in progress (queued,
    /// sent, or waiting to retry after 491); one at a time. UCWA:
    /// 409 `Conflict`/`AlreadyExists`.
    #[error("renegotiation {operation_id} is already in progress")]
    AlreadyExists {
        /// The operation id of the renegotiation in progress.
        operation_id: String,
    },
    /// No renegotiation has this operation id (never, or no longer: a
    /// completed one is [`CallError::Renegotiation`] `NotPending` only while
    /// it is the last one). UCWA: 404 `NotFound`/`ResourceNotFound`.
    #[error("no renegotiation {operation_id}")]
    NoSuchRenegotiation {
        /// The operation id asked for.
        operation_id: String,
    },
    /// The renegotiation cannot take this decision: already answered,
    /// dismissed or failed (`NotPending`, UCWA 409), or it is ours
    /// (`NotIncoming`: only the remote's offer is answered or dismissed).
    #[error("renegotiation: {0}")]
    Renegotiation(#[from] RenegotiationError),
    /// An offer in an early dialog goes in an UPDATE (RFC 3311 §5.1), which
    /// needs an offer/answer completed in that dialog (a reliable 1xx
    /// answered our INVITE's offer) and a remote that lists UPDATE in
    /// `Allow`; one of them is missing.
    #[error("no UPDATE can carry an offer in this early dialog (RFC 3311 §5.1)")]
    UpdateNotAllowed,
    /// Local misuse: a header the Call was given to write is not valid SIP
    /// (RFC 3261 §7.3.1, §25.1): a [`CallEstablishOptions`](super::CallEstablishOptions)
    /// header (or one of the provider's offer headers) whose name is not a
    /// token or whose value holds CR, LF or NUL (from
    /// [`Call::establish`](super::Call::establish)), or a
    /// [`CallConfig::local_tag`](super::CallConfig::local_tag) that is not a
    /// token (RFC 3261 §19.3; from the inputs of a Call made with it, see
    /// [`CallConfig::validate`](super::CallConfig::validate)). Nothing was
    /// sent.
    #[error("header {name:?} cannot be written: {reason}")]
    InvalidHeader {
        /// The header's name as given (`tag` for the local tag).
        name: String,
        /// What is wrong with it.
        reason: HeaderFault,
    },
}

impl CallError {
    /// The UCWA error body for this error (cargo feature `ucwa`), when
    /// UCWA has one: [`AlreadyExists`](Self::AlreadyExists) and a
    /// renegotiation that is no longer pending → 409
    /// `Conflict`/`AlreadyExists`; [`NoSuchRenegotiation`](Self::NoSuchRenegotiation)
    /// → 404 `NotFound`/`ResourceNotFound` (UCWA's generic "the resource
    /// does not exist"); [`QueueFull`](Self::QueueFull),
    /// [`Provider`](Self::Provider) and [`Body`](Self::Body) → 500
    /// `ServiceFailure`. `None` for the others (the request was wrong: a
    /// 400-class answer of the front end's choosing).
    #[cfg(feature = "ucwa")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ucwa")))]
    pub fn ucwa_error(&self) -> Option<crate::renegotiation::ucwa::UcwaErrorBody> {
        use crate::renegotiation::ucwa::{UcwaErrorBody, UcwaErrorKind};
        let kind = match self {
            CallError::AlreadyExists { .. }
            | CallError::Renegotiation(RenegotiationError::NotPending { .. }) => {
                UcwaErrorKind::ConflictAlreadyExists
            }
            CallError::NoSuchRenegotiation { .. } => UcwaErrorKind::ResourceNotFound,
            CallError::QueueFull
            | CallError::Provider(_)
            | CallError::Body(_)
            | CallError::EmptyOffer => UcwaErrorKind::ServiceFailure,
            _ => return None,
        };
        Some(UcwaErrorBody::new(kind, self.to_string()))
    }
}
