//! [`CallError`]: misuse of a [`Call`](super::Call), split by whose fault.

use super::{CallState, Method};
use crate::body::BodyError;
use crate::offer_answer::OfferAnswerError;

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
    /// The peer (or the transport) gave a request that fits no state and has
    /// no response to carry an error (an ACK for nothing).
    #[error("unexpected {method} request while the call is {state:?}")]
    UnexpectedRequest {
        /// The method.
        method: Method,
        /// The state.
        state: CallState,
    },
    /// A response that answers nothing we sent.
    #[error("unexpected {status} response to {method} while the call is {state:?}")]
    UnexpectedResponse {
        /// The status code.
        status: u16,
        /// Its CSeq method.
        method: Method,
        /// The state.
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
    /// feeding more input (design.md §7: bounded queues).
    #[error("the Call's output queues are full: poll transmits and events first")]
    QueueFull,
    /// The media provider failed (e.g. `get_offer` in `establish`).
    #[error("media provider: {0}")]
    Provider(#[from] OfferAnswerError),
    /// A body could not be built (e.g. a custom MIME part with a CR in a
    /// header); the provider was told `NotAcceptableLocally`.
    #[error("message body: {0}")]
    Body(#[from] BodyError),
}
