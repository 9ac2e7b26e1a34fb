//! # sdp-offer-answer
//!
//! An SDP offer/answer (RFC 3264) engine for SIP and VoIP stacks, with a pure
//! synchronous, sans-IO core.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod body;
pub mod call;
pub mod media_provider;
pub mod negotiation;
pub mod offer_answer;
pub mod provider;
pub mod renegotiation;
pub mod sdp;
pub mod testing;
