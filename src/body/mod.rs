//! The SIP message body layer: `application/sdp`, `multipart/mixed`,
//! `multipart/alternative` and nested parts (RFC 2046 §5.1, RFC 5621).
//!
//! * [`MimePart`] is one MIME entity (UCMA's `MimePartContentDescription`):
//!   Content-Type ([`mime::Mime`]), optional [`ContentDisposition`] (with its
//!   [`Handling`]), optional Content-ID, other headers, and either its bytes
//!   or its body parts ([`PartContent`]). The whole body of a SIP message is a
//!   `MimePart`, and so are `CallEstablishOptions::custom_mime_parts`.
//! * [`build_body`] / [`MessageBody::build`] serialize a tree with CRLF
//!   framing and boundaries from a caller-seeded [`BoundaryGenerator`] (no
//!   global RNG).
//! * [`parse_body`] / [`MessageBody::parse`] read one back from bytes
//!   (binary-safe; CRLF or LF; preamble and epilogue ignored), bounded by
//!   [`BodyLimits`] (size, depth, parts, headers per part) and
//!   [`MAX_PARAMS`], failing with a typed [`BodyError`]. Whatever two
//!   readers could take differently is refused: a Content-Type,
//!   Content-Disposition or Content-ID twice in a part, a parameter twice in
//!   a value (two `boundary`, two `handling`).
//! * [`select_session_parts`] picks the session descriptions of an incoming
//!   body per RFC 5621, or says to answer 415 with an Accept header
//!   ([`UnsupportedMediaType`]); [`supports_multipart_alternative`] reads a
//!   peer's Accept header.
//!
//! ```
//! use sdp_offer_answer::body::{
//!     BodyLimits, BoundaryGenerator, ContentDisposition, Handling, MessageBody, MimePart,
//!     UnderstoodMedia, select_session_parts,
//! };
//!
//! let sdp = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n".to_vec();
//! let custom = MimePart::single("application/x-custom".parse()?, b"hello".to_vec())?
//!     .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional));
//! let offer = MimePart::mixed(vec![MimePart::sdp(sdp.clone()), custom]);
//!
//! let mut boundaries = BoundaryGenerator::new(42);
//! let wire = MessageBody::build(&offer, &mut boundaries)?;
//! assert!(wire.content_type.starts_with("multipart/mixed;boundary=sdpoa-"));
//!
//! let parsed = wire.parse(&BodyLimits::default())?;
//! assert_eq!(parsed, offer);
//! let sessions = select_session_parts(&parsed, &UnderstoodMedia::sdp())?;
//! assert_eq!(sessions.len(), 1);
//! assert_eq!(sessions[0].body(), Some(&sdp[..]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod accept;
mod boundary;
mod build;
mod disposition;
mod error;
mod headers;
mod limits;
mod media_type;
mod message;
mod parse;
mod part;
mod select;

pub use accept::{accepts, supports_multipart_alternative};
pub use boundary::BoundaryGenerator;
pub use build::{MAX_BUILD_DEPTH, build_body};
pub use disposition::{ContentDisposition, DispositionType, Handling};
pub use error::BodyError;
pub use limits::{BodyLimits, MAX_PARAMS};
pub use media_type::parse_media_type;
pub use message::MessageBody;
pub use parse::parse_body;
pub use part::{MimePart, PartContent};
pub use select::{Refusal, UnderstoodMedia, UnsupportedMediaType, select_session_parts};
