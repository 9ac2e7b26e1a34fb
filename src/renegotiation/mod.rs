//! Renegotiation: the [`Renegotiation`] entity and its representations
//! (UCWA `audioVideoRenegotiation` and `ReNegotiationDeclineReason`;
//! [`crate::manual::renegotiation`], [`crate::manual::decline_responses`]).
//!
//! * [`Renegotiation`], [`RenegotiationDirection`], [`RenegotiationState`]:
//!   one re-INVITE/UPDATE offer/answer exchange on an established session,
//!   modelled on UCWA's `audioVideoRenegotiation` resource.
//! * [`ReNegotiationDeclineReason`]: UCWA's reasons for dismissing an incoming
//!   offer, and [`ReNegotiationDeclineReason::sip_response`], the SIP response
//!   each becomes (a [`SipDecline`](crate::sip::SipDecline): status, Warning,
//!   Retry-After).
//! * [`encode_sdp_data_uri`] / [`decode_sdp_data_uri`]: SDP as an RFC 2397
//!   `data:application/sdp;base64,...` URI, UCWA's form of `mediaOffer` and
//!   `mediaAnswer`.
//! * `ucwa` (cargo feature `ucwa`): the UCWA JSON and XML of the
//!   `audioVideoRenegotiation` resource, its events, the `dismiss` input and
//!   UCWA error bodies.
//!
//! Everything here is pure data and conversion: no I/O, clock or randomness.
//!
//! # Example
//!
//! ```
//! use sdp_offer_answer::renegotiation::{
//!     ReNegotiationDeclineReason, Renegotiation, RenegotiationState, decode_sdp_data_uri,
//!     encode_sdp_data_uri,
//! };
//!
//! let offer = b"v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\n";
//! let mut reneg = Renegotiation::incoming("op-1", &offer[..]);
//!
//! // UCWA carries the offer as a data: URI.
//! let uri = encode_sdp_data_uri(reneg.media_offer());
//! assert!(uri.starts_with("data:application/sdp;base64,"));
//! assert_eq!(decode_sdp_data_uri(&uri)?, offer);
//!
//! // The application cannot afford the video: it dismisses the offer...
//! let reason = ReNegotiationDeclineReason::InsufficientBandwidth;
//! reneg.dismiss(reason)?;
//! assert_eq!(reneg.state(), RenegotiationState::Dismissed(reason));
//!
//! // ...which the SIP side answers with 488 and Warning 370.
//! let decline = reason.sip_response(false, 0).with_agent(Some("pbx.example.com"));
//! assert_eq!((decline.status, decline.reason_phrase()), (488, "Not Acceptable Here"));
//! assert_eq!(
//!     decline.warning.map(|w| w.header_value()).as_deref(),
//!     Some("370 pbx.example.com \"Insufficient bandwidth\"")
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod data_uri;
mod decline_reason;
mod direction;
mod entity;
#[cfg(feature = "ucwa")]
#[cfg_attr(docsrs, doc(cfg(feature = "ucwa")))]
pub mod ucwa;

pub use data_uri::{
    DEFAULT_MAX_DECODED_LEN, DataUriError, SDP_MEDIA_TYPE, decode_sdp_data_uri,
    decode_sdp_data_uri_with_limit, encode_sdp_data_uri,
};
pub use decline_reason::{ReNegotiationDeclineReason, UnknownDeclineReason};
pub use direction::{RenegotiationDirection, UnknownRenegotiationDirection};
pub use entity::{DEBUG_SDP_LIMIT, Renegotiation, RenegotiationError, RenegotiationState};
pub(crate) use entity::{IncomingPendingRenegotiation, PendingRenegotiation};
