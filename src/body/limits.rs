//! Bounds on what the body parser accepts (every size, depth and count bounded).

/// Most parameters read in one Content-Type or Content-Disposition value
/// (RFC 2045 §5.1, RFC 3261 §20.11), by every parser of the crate
/// ([`crate::body::parse_body`], [`crate::body::parse_media_type`],
/// [`crate::body::ContentDisposition::parse`]); more is
/// [`BodyError::TooManyParameters`](crate::body::BodyError::TooManyParameters).
/// SIP bodies use one to three.
pub const MAX_PARAMS: usize = 32;

/// Bounds applied by [`crate::body::parse_body`].
///
/// Every bound is checked before the work it guards, so a body over a bound
/// costs at most one linear scan. Exceeding a bound is a typed error
/// ([`BodyError::TooLarge`](crate::body::BodyError::TooLarge),
/// [`BodyError::TooDeep`](crate::body::BodyError::TooDeep),
/// [`BodyError::TooManyParts`](crate::body::BodyError::TooManyParts),
/// [`BodyError::TooManyHeaders`](crate::body::BodyError::TooManyHeaders)).
/// Within them, the memory a parse holds at any time, the returned tree
/// included, is at most 4 times the bytes parsed (body and Content-Type)
/// plus a fixed cost per part, header and parameter (the tree's own
/// structs: about 6 KiB for a part at every cap, so at most about 100 KiB
/// with the defaults, whatever the input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimits {
    /// Largest body accepted, in bytes (default 256 KiB).
    pub max_size: usize,
    /// Deepest multipart nesting accepted; the top-level multipart is depth 1,
    /// a multipart inside it depth 2 (default 4).
    pub max_depth: usize,
    /// Most body parts accepted, counted over all nesting levels; a multipart
    /// body part counts as one, and so does each part inside it (default 16).
    pub max_parts: usize,
    /// Most header fields in the header block of one body part, folded
    /// lines counting once (default 64). RFC 2045 and RFC 5322 set no
    /// limit; a body part of a SIP message needs a handful.
    pub max_headers: usize,
}

impl BodyLimits {
    /// The default bounds: 256 KiB, depth 4, 16 parts, 64 headers per part.
    pub const DEFAULT: BodyLimits = BodyLimits {
        max_size: 256 * 1024,
        max_depth: 4,
        max_parts: 16,
        max_headers: 64,
    };
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits::DEFAULT
    }
}
