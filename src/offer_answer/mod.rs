//! The offer/answer types of UCMA 4.0's media provider model (design.md §2):
//! what a [`MediaProvider`](crate::media_provider::MediaProvider) gives and
//! receives, and why an exchange failed.
//!
//! | UCMA | here |
//! |---|---|
//! | `SdpOffer` | [`SdpOffer`]: one or more [`SdpContentDescription`] + headers |
//! | `SdpAnswer` | [`SdpAnswer`]: an optional [`SdpContentDescription`], an [`SdpAnswerStatus`], headers |
//! | `ContentDescription` | [`SdpContentDescription`]: SDP bytes, Content-ID, Content-Disposition |
//! | `SdpAnswerStatus` | [`SdpAnswerStatus`] (all ten values) |
//! | `OfferAnswerContext` | [`OfferAnswerContext`] with [`SdpOfferAnswerReason`] |
//! | `OfferAnswerFailureReason` | [`OfferAnswerFailureReason`] (all seven values) |
//! | `OfferAnswerException` | [`OfferAnswerError`] |
//! | `SignalingHeader` | [`SignalingHeader`] |
//!
//! Everything here is plain data: no I/O, no clock, no randomness.

mod content;
mod context;
mod error;
mod header;
mod status;

pub use content::{SdpAnswer, SdpContentDescription, SdpOffer, SignalingHeader};
pub use context::{OfferAnswerContext, SdpOfferAnswerReason};
pub use error::OfferAnswerError;
pub(crate) use error::error_code;
pub use header::HeaderFault;
pub(crate) use header::{check_header, check_header_name, check_header_value, check_tag};
pub use status::{OfferAnswerFailureReason, SdpAnswerStatus};
