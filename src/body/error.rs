//! The one error type of the message body layer.

/// Why a SIP message body could not be parsed or built.
///
/// Variants are split by whose fault they are, as in rustls:
/// * malformed input from the peer: [`InvalidContentType`](BodyError::InvalidContentType),
///   [`MissingBoundary`](BodyError::MissingBoundary),
///   [`InvalidBoundary`](BodyError::InvalidBoundary),
///   [`NoOpeningDelimiter`](BodyError::NoOpeningDelimiter),
///   [`MissingCloseDelimiter`](BodyError::MissingCloseDelimiter),
///   [`EmptyMultipart`](BodyError::EmptyMultipart),
///   [`MalformedPartHeader`](BodyError::MalformedPartHeader),
///   [`InvalidContentDisposition`](BodyError::InvalidContentDisposition),
///   and the ambiguous ones, which a proxy or another stack could read
///   differently from us: [`DuplicateHeader`](BodyError::DuplicateHeader),
///   [`DuplicateParameter`](BodyError::DuplicateParameter);
/// * input over the configured bounds ([`crate::body::BodyLimits`], and
///   [`crate::body::MAX_PARAMS`]):
///   [`TooLarge`](BodyError::TooLarge), [`TooDeep`](BodyError::TooDeep),
///   [`TooManyParts`](BodyError::TooManyParts),
///   [`TooManyHeaders`](BodyError::TooManyHeaders),
///   [`TooManyParameters`](BodyError::TooManyParameters);
/// * local misuse when building: [`NotMultipart`](BodyError::NotMultipart),
///   [`UnexpectedMultipart`](BodyError::UnexpectedMultipart),
///   [`InvalidHeader`](BodyError::InvalidHeader),
///   [`BoundaryCollision`](BodyError::BoundaryCollision).
///
/// A SIP UAS that gets any of the malformed-input errors on a request answers
/// 400 (Bad Request) with the error text as reason or Warning 399.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BodyError {
    /// The body is longer than [`crate::body::BodyLimits::max_size`].
    #[error("message body is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Size of the body in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Multiparts are nested deeper than [`crate::body::BodyLimits::max_depth`]
    /// (the top-level multipart is depth 1).
    #[error("multipart nesting deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The body holds more body parts, counted over all nesting levels, than
    /// [`crate::body::BodyLimits::max_parts`].
    #[error("message body has more than {limit} body parts")]
    TooManyParts {
        /// The limit.
        limit: usize,
    },
    /// A body part's header block holds more header fields than
    /// [`crate::body::BodyLimits::max_headers`].
    #[error("body part {part} has more than {limit} header fields")]
    TooManyHeaders {
        /// 1-based index of the body part within its multipart.
        part: usize,
        /// The limit.
        limit: usize,
    },
    /// A Content-Type or Content-Disposition value holds more parameters
    /// than [`crate::body::MAX_PARAMS`].
    #[error("{header} has more than {limit} parameters")]
    TooManyParameters {
        /// `Content-Type` or `Content-Disposition`.
        header: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A body part has a Content-Type, Content-Disposition or Content-ID
    /// header more than once. None of them is a list, so each may appear
    /// once (RFC 3261 §7.3.1 repeats only list headers; RFC 5322 §3.6 allows
    /// one of each such field in the header blocks MIME parts borrow), and
    /// taking the first or the last one would let two readers see different
    /// bodies: the part is refused.
    #[error("body part {part} has more than one {name} header")]
    DuplicateHeader {
        /// 1-based index of the body part within its multipart.
        part: usize,
        /// `Content-Type`, `Content-Disposition` or `Content-ID`.
        name: &'static str,
    },
    /// A Content-Type or Content-Disposition value names a parameter more
    /// than once, e.g. two `boundary` (RFC 3261 §7.3.1: a parameter name
    /// MUST NOT appear more than once; RFC 6838 §4.3 calls a repeated media
    /// type parameter an error). Names compare case-insensitively.
    #[error("{header} has more than one {name:?} parameter")]
    DuplicateParameter {
        /// `Content-Type` or `Content-Disposition`.
        header: &'static str,
        /// The parameter name, as written the second time.
        name: String,
    },
    /// A Content-Type value (of the message or of a body part) is not a media
    /// type (RFC 2045 §5.1, RFC 3261 §20.15).
    #[error("invalid Content-Type {value:?}: {reason}")]
    InvalidContentType {
        /// The offending value, as received (unfolded).
        value: String,
        /// Why the `mime` crate refused it.
        reason: String,
    },
    /// A `multipart/*` Content-Type has no `boundary` parameter (RFC 2046 §5.1.1).
    #[error("multipart Content-Type without a boundary parameter")]
    MissingBoundary,
    /// The `boundary` parameter is empty, longer than 200 characters, or holds
    /// a character outside RFC 2046 §5.1.1 `bchars`.
    #[error("invalid multipart boundary {boundary:?}")]
    InvalidBoundary {
        /// The boundary as received.
        boundary: String,
    },
    /// A multipart body holds no delimiter line `--boundary` (RFC 2046 §5.1.1).
    #[error("multipart body has no --boundary delimiter line")]
    NoOpeningDelimiter,
    /// A multipart body ends without its close delimiter `--boundary--`
    /// (RFC 2046 §5.1.1). This is refused rather than tolerated: in SIP the body
    /// length comes from Content-Length, so a missing close delimiter means a
    /// truncated body, and a truncated SDP must not be negotiated.
    #[error("multipart body ends without its --boundary-- close delimiter")]
    MissingCloseDelimiter,
    /// A multipart holds no body part at all (RFC 2046 §5.1.1 requires one).
    #[error("multipart body holds no body part")]
    EmptyMultipart,
    /// The header block of a body part is not a list of `Name: value` lines
    /// (RFC 2045 §3, RFC 5322 §2.2).
    #[error("body part {part}: malformed header: {reason}")]
    MalformedPartHeader {
        /// 1-based index of the body part within its multipart.
        part: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A Content-Disposition value does not follow RFC 3261 §20.11 / RFC 2183 §2.
    #[error("invalid Content-Disposition {value:?}: {reason}")]
    InvalidContentDisposition {
        /// The offending value.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Local misuse: a multipart was asked for with a media type that is not
    /// `multipart/*`.
    #[error("{content_type} is not a multipart media type")]
    NotMultipart {
        /// The media type given.
        content_type: String,
    },
    /// Local misuse: a single-part body was asked for with a `multipart/*`
    /// media type (use [`crate::body::MimePart::multipart`]).
    #[error("{content_type} is a multipart media type; give its body parts")]
    UnexpectedMultipart {
        /// The media type given.
        content_type: String,
    },
    /// Local misuse: a header name is not an RFC 5322 field name (for the
    /// root part's headers, which become SIP headers, an RFC 3261 token), or
    /// a header value (or a Content-ID, a Content-Disposition parameter)
    /// holds CR, LF or NUL, so it cannot be written.
    #[error("header {name:?} cannot be written: name not a token or value holds CR/LF/NUL")]
    InvalidHeader {
        /// The header name.
        name: String,
    },
    /// Every boundary the generator offered occurs inside the content
    /// (RFC 2046 §5.1.1 forbids that); only adversarial content does this.
    #[error("no boundary free of the content after {attempts} attempts")]
    BoundaryCollision {
        /// How many boundaries were tried.
        attempts: usize,
    },
}
