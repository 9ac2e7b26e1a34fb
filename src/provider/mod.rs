//! The standard media provider: [`StandardMediaProvider`], a
//! [`MediaProvider`](crate::media_provider::MediaProvider) built on the
//! [`Negotiator`](crate::negotiation::Negotiator) and
//! [`LocalCapabilities`](crate::negotiation::LocalCapabilities), so that a
//! [`Call`](crate::call::Call) works with no user code.
//!
//! * [`StandardMediaProvider`]: keeps the active session and the pending
//!   offer or answer, the provisional answers of early dialogs, and
//!   optionally offers several SDP variants as `multipart/alternative`.
//! * [`offer_answer_error`]: how a [`NegotiationError`](crate::negotiation::NegotiationError)
//!   becomes an [`OfferAnswerError`](crate::offer_answer::OfferAnswerError)
//!   ([`crate::manual::decline_responses`]).

mod errors;
mod standard;
mod variants;

pub use errors::offer_answer_error;
pub use standard::StandardMediaProvider;
