//! The user manual: how the crate behaves at the SIP level, chapter by
//! chapter, with the RFC sections and UCMA 4.0 / UCWA members each rule comes
//! from (after rustls' `manual` module). These modules hold documentation
//! only.
//!
//! * [`ucma_names`]: the UCMA 4.0 and UCWA members and their Rust names;
//! * [`negotiation_rules`]: the RFC 3264 rules the
//!   [`Negotiator`](crate::negotiation::Negotiator) applies to every offer
//!   and answer;
//! * [`retry_415`]: what a 415 Unsupported Media Type to our INVITE does
//!   (UCMA's declined-offer retry);
//! * [`answer_status`]: which SIP response to our offer becomes which
//!   [`SdpAnswerStatus`](crate::offer_answer::SdpAnswerStatus);
//! * [`decline_responses`]: which SIP response declines an offer we
//!   received, for each [`OfferAnswerFailureReason`](crate::offer_answer::OfferAnswerFailureReason)
//!   and [`ReNegotiationDeclineReason`](crate::renegotiation::ReNegotiationDeclineReason);
//! * [`renegotiation`]: re-INVITE and UPDATE offers in both directions,
//!   hold and resume;
//! * [`glare`]: crossing offers, 491 Request Pending and the retry timer.
//!
//! Where a chapter and a function's own documentation disagree, the
//! function's documentation is the reference (and the chapter a bug).

#[doc = include_str!("ucma_names.md")]
pub mod ucma_names {}

#[doc = include_str!("negotiation_rules.md")]
pub mod negotiation_rules {}

#[doc = include_str!("retry_415.md")]
pub mod retry_415 {}

#[doc = include_str!("answer_status.md")]
pub mod answer_status {}

#[doc = include_str!("decline_responses.md")]
pub mod decline_responses {}

#[doc = include_str!("renegotiation.md")]
pub mod renegotiation {}

#[doc = include_str!("glare.md")]
pub mod glare {}
