//! # sdp-offer-answer
//!
//! An SDP offer/answer (RFC 3264) engine for SIP and VoIP stacks, with a pure
//! synchronous, sans-IO core.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod body;
pub mod negotiation;
pub mod renegotiation;
pub mod sdp;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
