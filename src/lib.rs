//! # sdp-offer-answer
//!
//! An SDP offer/answer (RFC 3264) engine for SIP and VoIP stacks, with a pure
//! synchronous, sans-IO core.
//!
//! Layers, top to bottom (each depends only on those below it):
//!
//! * [`call`]: [`Call`](call::Call), the sans-IO SIP-level offer/answer
//!   driver (INVITE, 1xx, 2xx, ACK, PRACK, UPDATE, BYE, CANCEL, the 415
//!   retry, renegotiation both ways with the 491 glare retry), modelled on
//!   UCMA 4.0's `Call`;
//! * [`media_provider`] and [`provider`]: the
//!   [`MediaProvider`](media_provider::MediaProvider) trait (UCMA's
//!   `MediaProvider`) and [`StandardMediaProvider`](provider::StandardMediaProvider),
//!   built on the negotiator; [`offer_answer`] holds the UCMA types
//!   (`SdpOffer`, `SdpAnswer`, `SdpAnswerStatus`, ...);
//! * [`body`]: SIP message bodies (`application/sdp`, multipart, RFC 5621);
//! * [`renegotiation`]: the UCWA-style `Renegotiation` entity (driven by the
//!   Call), decline reasons and their SIP responses, UCWA JSON/XML;
//! * [`negotiation`]: the RFC 3264 [`Negotiator`](negotiation::Negotiator);
//! * [`sdp`]: the lossless SDP model.
//!
//! `testing` (behind the `testing` feature) wires Calls back to back in memory and
//! records provider calls.
//!
//! [`manual`] is the user manual: the 415 retry ladder, response →
//! `SdpAnswerStatus`, decline reason → SIP response, renegotiation and glare,
//! and the RFC 3264 rules, each with its RFC sections and UCMA/UCWA members.
//!
//! # Driving a call
//!
//! A [`Call`](call::Call) takes what arrived (`handle_request`,
//! `handle_response`, `handle_timeout`, or a local intent such as
//! `establish` or `accept`), then is polled: transmits first, then events,
//! then the next deadline. Here two Calls talk through two in-memory queues;
//! a real UA puts its SIP transport where `deliver` is.
//!
//! ```
//! use std::time::Instant;
//! use sdp_offer_answer::call::{
//!     Call, CallConfig, CallError, CallEstablishOptions, CallEvent, CallState, Transmit,
//! };
//! use sdp_offer_answer::media_provider::MediaProvider;
//! use sdp_offer_answer::negotiation::LocalCapabilities;
//! use sdp_offer_answer::provider::StandardMediaProvider;
//!
//! /// Hands a message to the other Call, as a SIP transport would.
//! fn deliver<P: MediaProvider>(to: &mut Call<P>, message: Transmit, now: Instant) -> Result<(), CallError> {
//!     match message {
//!         Transmit::Request(request) => to.handle_request(request, now),
//!         Transmit::Response(response) => to.handle_response(response, now),
//!     }
//! }
//!
//! let caps = LocalCapabilities::demo_softphone();
//! let mut alice = Call::new(StandardMediaProvider::new(caps.clone(), 1), CallConfig::new(11));
//! let mut bob = Call::new(StandardMediaProvider::new(caps, 2), CallConfig::new(22));
//! let now = Instant::now();
//!
//! alice.establish(CallEstablishOptions::default(), now)?; // INVITE with Alice's offer
//! let mut ladder = Vec::new();
//! loop {
//!     // 1. transmits, in order
//!     if let Some(message) = alice.poll_transmit() {
//!         ladder.push(format!("alice: {}", first_line(&message)));
//!         deliver(&mut bob, message, now)?;
//!     } else if let Some(message) = bob.poll_transmit() {
//!         ladder.push(format!("bob: {}", first_line(&message)));
//!         deliver(&mut alice, message, now)?;
//!     } else {
//!         break;
//!     }
//!     // 2. events (they may call intents)
//!     while let Some(event) = bob.poll_event() {
//!         if event == (CallEvent::IncomingCall { has_offer: true }) {
//!             bob.accept(now)?; // 200 OK with Bob's answer
//!         }
//!     }
//!     while let Some(_event) = alice.poll_event() {}
//!     // 3. timers: arm one for `poll_timeout()` and call `handle_timeout` when due
//!     let _next = alice.poll_timeout().into_iter().chain(bob.poll_timeout()).min();
//! }
//!
//! assert_eq!(ladder, ["alice: INVITE", "bob: 200", "alice: ACK"]);
//! assert_eq!((alice.state(), bob.state()), (CallState::Established, CallState::Established));
//! let session = alice.provider().negotiated_session().expect("negotiated");
//! assert_eq!(&*session.streams[0].codec().expect("a codec").encoding_name, "opus");
//!
//! fn first_line(message: &Transmit) -> String {
//!     match message {
//!         Transmit::Request(r) => r.method.to_string(),
//!         Transmit::Response(r) => r.status.to_string(),
//!     }
//! }
//! # Ok::<(), CallError>(())
//! ```
//!
//! # Crates in the public API
//!
//! Two dependencies appear in public signatures and are re-exported, so a
//! user needs neither in their own `Cargo.toml` (and cannot pick a
//! version that does not match): [`mime`] (body media types, e.g.
//! [`MediaProvider::supported_content_types`](media_provider::MediaProvider::supported_content_types))
//! and [`webrtc_sdp`] (conversions of [`SessionDescription`](sdp::SessionDescription)
//! to and from its `SdpSession`):
//!
//! ```
//! use sdp_offer_answer::mime::Mime;
//! use sdp_offer_answer::sdp::SessionDescription;
//! use sdp_offer_answer::webrtc_sdp::SdpSession;
//!
//! let sdp: Mime = "application/sdp".parse()?;
//! assert_eq!(sdp.subtype(), "sdp");
//! let ours = SessionDescription::parse(
//!     "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
//! )?;
//! let theirs = SdpSession::try_from(&ours)?;
//! assert_eq!(theirs.media.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`MediaProvider`](media_provider::MediaProvider) shows an implementation
//! that names only this crate.
//!
//! # Cargo features
//!
//! * `serde`: `Serialize`/`Deserialize` for what an SBC replicates to a
//!   standby or writes to a log: [`NegotiatedSession`](negotiation::NegotiatedSession)
//!   and every part of it ([`NegotiatedStream`](negotiation::NegotiatedStream),
//!   codecs, transport addresses, [`StreamState`](negotiation::StreamState),
//!   [`RejectReason`](negotiation::RejectReason), SDES, DTLS and ICE
//!   parameters), [`Renegotiation`](renegotiation::Renegotiation) and
//!   [`RenegotiationState`](renegotiation::RenegotiationState),
//!   [`SdpAnswerStatus`](offer_answer::SdpAnswerStatus),
//!   [`OfferAnswerFailureReason`](offer_answer::OfferAnswerFailureReason),
//!   [`SdpOfferAnswerReason`](offer_answer::SdpOfferAnswerReason),
//!   [`ReNegotiationDeclineReason`](renegotiation::ReNegotiationDeclineReason),
//!   [`RenegotiationDirection`](renegotiation::RenegotiationDirection) and
//!   [`check::Problem`](sdp::check::Problem). Fields keep their Rust
//!   names; enums are their variant names (UCMA's and UCWA's), except those
//!   with an SDP spelling: directions are `"sendrecv"`... (RFC 3264 §6.1),
//!   `a=setup` roles `"active"`... (RFC 4145 §4), media `"audio"`...
//!   (RFC 8866 §5.14), SRTP suites `"AES_CM_128_HMAC_SHA1_80"`...
//!   (RFC 4568 §6.2). SDP bodies are strings when they are UTF-8.
//!
//!   **The SDES keys are serialized**: [`NegotiatedStream::sdes`](negotiation::NegotiatedStream::sdes)
//!   holds both directions' SRTP master keys and salts (base64 in
//!   human-readable formats), because a standby that takes over a call
//!   needs them to keep protecting and checking its media (RFC 4568 §6.1).
//!   Treat that output as secret: encrypt it in transit and at rest, and
//!   clear `sdes` (or log only the suite and tag) before writing a log.
//! * `ucwa` (implies `serde`): the UCWA `audioVideoRenegotiation` resource,
//!   events and error bodies as JSON and XML (module `renegotiation::ucwa`).
#![forbid(unsafe_code)]
// docs.rs builds with `--cfg docsrs` (Cargo.toml `[package.metadata.docs.rs]`):
// items behind a cargo feature carry a label naming it.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![deny(unreachable_pub)]
// Public enums are #[non_exhaustive] unless a written reason says the set is closed.
#![deny(clippy::exhaustive_enums)]

/// The [`mime`](https://docs.rs/mime) crate, re-exported: body media types
/// ([`MediaProvider::supported_content_types`](media_provider::MediaProvider::supported_content_types),
/// [`body`] parts, RFC 2045 §5) are its `Mime`, so an implementation needs
/// no dependency of its own (and cannot pick a version that does not match).
pub use mime;
/// The [`webrtc-sdp`](https://docs.rs/webrtc-sdp) crate, re-exported: the
/// [`sdp`] layer converts to and from its `SdpSession` (`TryFrom`, RFC 8866)
/// and types WebRTC attributes with it.
pub use webrtc_sdp;

pub mod body;
pub mod call;
pub mod manual;
pub mod media_provider;
// With rust-version 1.88, clippy suggests let chains for nested `if let`s;
// these two modules take that rewrite in a pass of their own (concurrent
// work there merges more easily without it).
#[allow(clippy::collapsible_if)]
pub mod negotiation;
pub mod offer_answer;
pub mod provider;
pub mod renegotiation;
#[allow(clippy::collapsible_if)]
pub mod sdp;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod sip;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
