//! Bounds on what the body parser accepts (design.md §7: bounded everything).

/// Bounds applied by [`crate::body::parse_body`].
///
/// Every bound is checked before the work it guards, so a body over a bound
/// costs at most one linear scan. Exceeding a bound is a typed error
/// ([`BodyError::TooLarge`](crate::body::BodyError::TooLarge),
/// [`BodyError::TooDeep`](crate::body::BodyError::TooDeep),
/// [`BodyError::TooManyParts`](crate::body::BodyError::TooManyParts)).
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
}

impl BodyLimits {
    /// The default bounds: 256 KiB, depth 4, 16 parts.
    pub const DEFAULT: BodyLimits = BodyLimits {
        max_size: 256 * 1024,
        max_depth: 4,
        max_parts: 16,
    };
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits::DEFAULT
    }
}
