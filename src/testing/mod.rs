//! Helpers to test [`Call`](crate::call::Call)s and media providers in
//! memory, as the crate's own tests, examples and benchmarks do (feature
//! `testing`: not for production builds).
//!
//! * [`RecordingProvider`] wraps any [`MediaProvider`](crate::media_provider::MediaProvider),
//!   records every call made to it ([`ProviderCall`]) and can make the next
//!   call of an operation fail ([`RecordingProvider::fail_next`]).
//! * [`BackToBack`] wires two Calls to each other: what one transmits the
//!   other handles, until both are quiet; it keeps the SIP ladder
//!   ([`LadderEntry`], printed one line per message), the events of each
//!   side, and refused inputs.
//!
//! ```
//! use std::time::Instant;
//! use sdp_offer_answer::call::{Call, CallConfig, CallEstablishOptions, CallEvent, CallState};
//! use sdp_offer_answer::negotiation::LocalCapabilities;
//! use sdp_offer_answer::provider::StandardMediaProvider;
//! use sdp_offer_answer::testing::{BackToBack, Side};
//!
//! let caps = LocalCapabilities::demo_softphone();
//! let alice = Call::new(StandardMediaProvider::new(caps.clone(), 1), CallConfig::new(1));
//! let bob = Call::new(StandardMediaProvider::new(caps, 2), CallConfig::new(2));
//! let mut pair = BackToBack::new(alice, bob, Instant::now());
//! pair.a.establish(CallEstablishOptions::default(), pair.now)?;
//! pair.run();
//! assert_eq!(pair.take_events(Side::B), vec![CallEvent::IncomingCall { has_offer: true }]);
//! pair.b.accept(pair.now)?;
//! pair.run();
//! assert_eq!((pair.a.state(), pair.b.state()), (CallState::Established, CallState::Established));
//! let ladder: Vec<String> = pair.ladder().iter().map(|e| e.first_line()).collect();
//! assert_eq!(ladder, ["A → B  INVITE", "A ← B  200 OK", "A → B  ACK"]);
//! # Ok::<(), sdp_offer_answer::call::CallError>(())
//! ```

mod back_to_back;
mod ladder;
mod recording;

pub use back_to_back::{BackToBack, LadderEntry, Side};
pub use ladder::describe_body;
pub use recording::{ProviderCall, ProviderOp, RecordingProvider};
