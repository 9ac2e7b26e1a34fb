//! UCWA representations of a renegotiation (cargo feature `ucwa`).
//!
//! UCWA (Microsoft's Unified Communications Web API) exposes an incoming or
//! outgoing media renegotiation as the `audioVideoRenegotiation` resource,
//! announces it with `started` / `completed` events on the event channel, and
//! takes the application's decision through its `answer` and `dismiss` links.
//! This module writes and reads those bodies in UCWA's two media types:
//!
//! * `application/json` (HAL-like: properties, `_links`, `_embedded`), and
//! * `application/xml` in the UCWA namespace [`UCWA_NAMESPACE`]
//!   (`<resource rel=... href=...><link .../><property name=...>...`).
//!
//! | UCWA body | type |
//! |---|---|
//! | `audioVideoRenegotiation` resource | [`AudioVideoRenegotiationResource`] |
//! | event entry, sender, events page | [`UcwaEvent`], [`UcwaEventSender`], [`UcwaEvents`] |
//! | `dismiss` input (`reason`) | [`DismissInput`] |
//! | error body (`code`, `subcode`, `message`) | [`UcwaErrorBody`], [`UcwaErrorKind`] |
//!
//! # Parsing untrusted bodies
//! Every `from_json` / `from_xml` refuses input over [`MAX_BODY_LEN`] bytes,
//! nests XML at most [`MAX_XML_DEPTH`] deep, refuses DTDs and entities other
//! than XML's five predefined ones and character references, and reports
//! every fault as a [`UcwaError`]: no input panics. Unknown JSON members,
//! unknown links and properties, and unknown XML elements are ignored (UCWA
//! adds links over versions). Enumerated values (`direction`, `reason`, event
//! `type`, error `code`/`subcode`) are matched ASCII-case-insensitively and
//! written in UCWA's spelling. XML element and attribute names are matched by
//! local name with the UCWA default namespace or none; a root element that
//! declares another default namespace is refused.
//!
//! # Example
//!
//! ```
//! use sdp_offer_answer::renegotiation::Renegotiation;
//! use sdp_offer_answer::renegotiation::ucwa::{
//!     AudioVideoRenegotiationResource, DismissInput, UcwaErrorBody, UcwaErrorKind, UcwaEvent,
//! };
//!
//! let conversation = "/ucwa/oauth/v1/applications/101/communication/conversations/c1";
//! let mut reneg = Renegotiation::incoming("op-1", &b"v=0\r\n"[..]);
//!
//! // Announce it on the event channel...
//! let resource = AudioVideoRenegotiationResource::from_renegotiation(
//!     &reneg,
//!     format!("{conversation}/audioVideo/renegotiations/op-1"),
//! )
//! .with_conversation(conversation);
//! assert_eq!(
//!     resource.dismiss.as_deref(),
//!     Some("/ucwa/oauth/v1/applications/101/communication/conversations/c1/audioVideo/renegotiations/op-1/dismiss")
//! );
//! let event = UcwaEvent::started(resource).to_json();
//! assert!(event.contains(r#""type":"started""#));
//!
//! // ...the application POSTs to its dismiss link...
//! let input = DismissInput::from_json(r#"{"reason": "InsufficientBandwidth"}"#)?;
//! reneg.dismiss(input.reason)?;
//! let decline = input.reason.sip_response(false, 0);
//! assert_eq!((decline.status, decline.warning.map(|w| w.code)), (488, Some(370)));
//!
//! // ...and a second dismiss is refused with 409 Conflict/AlreadyExists.
//! if reneg.dismiss(input.reason).is_err() {
//!     let error = UcwaErrorBody::new(UcwaErrorKind::ConflictAlreadyExists, "Already dismissed.");
//!     assert_eq!(error.http_status(), 409);
//!     assert_eq!(
//!         error.to_json(),
//!         r#"{"code":"Conflict","subcode":"AlreadyExists","message":"Already dismissed."}"#
//!     );
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The public types also implement `serde::Serialize` and
//! `serde::Deserialize` (in their JSON shape), for embedding them in other
//! serde documents; their `from_json` functions give the finer, typed errors.

mod dismiss;
mod error_body;
mod event;
mod resource;
mod xml;

pub use dismiss::DismissInput;
pub use error_body::{UcwaErrorBody, UcwaErrorKind};
pub use event::{
    UcwaEvent, UcwaEventSender, UcwaEventType, UcwaEvents, UcwaLink, UnknownEventType,
};
pub use resource::{AUDIO_VIDEO_RENEGOTIATION_REL, AudioVideoRenegotiationResource};

use super::{UnknownDeclineReason, UnknownRenegotiationDirection};

/// The UCWA XML namespace, `http://schemas.microsoft.com/rtc/2012/03/ucwa`.
pub const UCWA_NAMESPACE: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

/// The largest body any `from_json` / `from_xml` here accepts, in bytes
/// (256 KiB: a resource carrying a 64 KiB offer and a 64 KiB answer as base64
/// data URIs, about 175 KiB, fits with room to spare).
pub const MAX_BODY_LEN: usize = 256 * 1024;

/// The deepest XML element nesting accepted (the UCWA shapes here nest 3).
pub const MAX_XML_DEPTH: usize = 32;

/// Why a UCWA JSON or XML body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UcwaError {
    /// The body is longer than [`MAX_BODY_LEN`].
    #[error("UCWA body is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Size of the body in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not JSON of the expected shape (syntax, a value of the
    /// wrong JSON type, a member given twice). Holds serde_json's message,
    /// which gives line and column.
    #[error("invalid UCWA JSON: {0}")]
    Json(String),
    /// The body is not well-formed XML, or holds a DTD or an unknown entity.
    /// Holds the XML reader's message.
    #[error("invalid UCWA XML: {0}")]
    Xml(String),
    /// XML elements nest deeper than [`MAX_XML_DEPTH`].
    #[error("UCWA XML nests deeper than {limit} elements")]
    XmlTooDeep {
        /// The limit.
        limit: usize,
    },
    /// The XML root element is not the one this body needs (e.g. `<input>`).
    #[error("expected a <{expected}> element, found <{found}>")]
    UnexpectedElement {
        /// The expected local name.
        expected: &'static str,
        /// The local name found.
        found: String,
    },
    /// The XML root declares a default namespace other than [`UCWA_NAMESPACE`].
    #[error("XML namespace {found:?} is not the UCWA namespace")]
    WrongNamespace {
        /// The namespace found.
        found: String,
    },
    /// The resource or link relation is not the expected one.
    #[error("rel {found:?} where {expected:?} was expected")]
    WrongRel {
        /// The expected rel.
        expected: &'static str,
        /// The rel found.
        found: String,
    },
    /// A required property, link, member or attribute is absent; names it in
    /// UCWA terms (`"operationId"`, `"self link"`, `"code"`...).
    #[error("UCWA body lacks {0}")]
    Missing(&'static str),
    /// A property or link that may appear once appears twice (XML; in JSON a
    /// repeated member is a [`UcwaError::Json`]).
    #[error("UCWA body has {0} more than once")]
    Duplicate(&'static str),
    /// A `reason` that is no `ReNegotiationDeclineReason`.
    #[error(transparent)]
    UnknownDeclineReason(#[from] UnknownDeclineReason),
    /// A `direction` that is neither `Incoming` nor `Outgoing`.
    #[error(transparent)]
    UnknownDirection(#[from] UnknownRenegotiationDirection),
    /// An event `type` that is none of UCWA's event types.
    #[error(transparent)]
    UnknownEventType(#[from] UnknownEventType),
    /// An error `code`/`subcode` pair that is none of [`UcwaErrorKind`].
    #[error("unknown UCWA error code {code:?} / subcode {subcode:?}")]
    UnknownErrorCode {
        /// The `code` found.
        code: String,
        /// The `subcode` found, if any.
        subcode: Option<String>,
    },
}

/// Refuses a body over [`MAX_BODY_LEN`].
fn check_len(body: &str) -> Result<(), UcwaError> {
    if body.len() > MAX_BODY_LEN {
        Err(UcwaError::TooLarge {
            size: body.len(),
            limit: MAX_BODY_LEN,
        })
    } else {
        Ok(())
    }
}

/// Reads a bounded JSON body into a wire type.
fn from_json_bounded<'de, T: serde::Deserialize<'de>>(body: &'de str) -> Result<T, UcwaError> {
    check_len(body)?;
    serde_json::from_str(body).map_err(|e| UcwaError::Json(e.to_string()))
}

/// Writes a wire type as compact JSON.
///
/// serde_json fails only on maps with non-string keys and on `Serialize`
/// impls that return errors; the wire types here have neither, so the empty
/// fallback is never taken (it exists so that no code path can panic).
fn to_json_string<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A JSON `{"href": "..."}` link object (UCWA `_links` members).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct HrefJson {
    href: String,
}

impl HrefJson {
    fn new(href: &str) -> Self {
        HrefJson {
            href: href.to_owned(),
        }
    }
}
