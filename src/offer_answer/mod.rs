//! The offer/answer types of UCMA 4.0's media provider model (`Microsoft.Rtc.Collaboration`):
//! what a [`MediaProvider`](crate::media_provider::MediaProvider) gives and
//! receives, and why an exchange failed.
//!
//! | UCMA | here |
//! |---|---|
//! | `SdpOffer` | [`SdpOffer`]: one or more [`SdpContentDescription`] + headers |
//! | `SdpAnswer` | [`SdpAnswer`]: an optional [`SdpContentDescription`], an [`SdpAnswerStatus`], headers |
//! | `ContentDescription` | [`SdpContentDescription`]: SDP bytes, Content-ID, Content-Disposition |
//! | `SdpAnswerStatus` | [`SdpAnswerStatus`] (the eight documented values and `Failure`) |
//! | `OfferAnswerContext` | [`OfferAnswerContext`] with [`SdpOfferAnswerReason`] |
//! | `OfferAnswerFailureReason` | [`OfferAnswerFailureReason`] (all seven values) |
//! | `OfferAnswerException` | [`OfferAnswerError`] |
//! | `SignalingHeader` | [`SignalingHeader`] |
//!
//! Everything here is plain data: no I/O, no clock, no randomness.

mod content;
mod context;
mod error;
mod status;

/// UCMA's `SignalingHeader`: the [`sip`](crate::sip) layer's header type,
/// under its UCMA name here.
pub use crate::sip::SignalingHeader;
pub use content::{SdpAnswer, SdpContentDescription, SdpOffer};
pub use context::{OfferAnswerContext, SdpOfferAnswerReason};
pub use error::OfferAnswerError;
pub use status::{OfferAnswerFailureReason, SdpAnswerStatus};
