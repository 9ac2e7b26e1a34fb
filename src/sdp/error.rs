//! The one error type of the SDP layer.

/// Why an SDP text could not be parsed, or why one of its lines could not be
/// read as the typed view asked for.
///
/// Line numbers are 1-based and count the lines of the source text as given
/// (blank lines included), so they can be shown to whoever wrote the SDP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SdpError {
    /// The text is longer than the configured cap ([`crate::sdp::ParseLimits::max_size`]).
    #[error("SDP is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The text holds more m-lines than [`crate::sdp::ParseLimits::max_media`].
    #[error("SDP has more than {limit} m-lines")]
    TooManyMedia {
        /// The limit.
        limit: usize,
    },
    /// The bytes are not UTF-8 (RFC 8866 §5: SDP text is UTF-8).
    #[error("line {line}: not valid UTF-8")]
    InvalidUtf8 {
        /// Line holding the first invalid byte.
        line: usize,
    },
    /// The text holds no line at all.
    #[error("SDP is empty")]
    Empty,
    /// The first line is not `v=` (RFC 8866 §5).
    #[error("line {line}: an SDP must start with v=0")]
    MissingVersion {
        /// The first non-blank line.
        line: usize,
    },
    /// A line is not of the form `<type>=<value>` with a one-letter type (RFC 8866 §5).
    #[error("line {line}: not a <type>=<value> line")]
    MalformedLine {
        /// The offending line.
        line: usize,
    },
    /// A line holds a NUL byte, or a CR that does not end the line (RFC 8866
    /// §9: SDP `text` is any byte but NUL, CR and LF). Kept as content, a
    /// bare CR would start a new line for readers that split lines on CR.
    #[error("line {line}: holds a {} byte inside its value (RFC 8866 §9)", if *byte == 0 { "NUL" } else { "bare CR" })]
    ForbiddenByte {
        /// The offending line (lines counted by LF).
        line: usize,
        /// The byte: `b'\r'` or `0`.
        byte: u8,
    },
    /// A line has the right shape but its value cannot be read as its type.
    #[error("line {line}: invalid {field}: {reason}")]
    InvalidValue {
        /// The offending line.
        line: usize,
        /// What was being read, e.g. `"m= line"`, `"a=rtpmap"`.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// webrtc-sdp refused an attribute or a whole session (conversions only).
    #[error("line {line}: webrtc-sdp: {message}")]
    WebRtcSdp {
        /// The offending line (0 when webrtc-sdp did not say).
        line: usize,
        /// webrtc-sdp's own message.
        message: String,
    },
}

impl SdpError {
    /// The 1-based source line the error refers to, when there is one
    /// (`None` for a [`SdpError::WebRtcSdp`] about the whole description).
    pub fn line(&self) -> Option<usize> {
        match self {
            SdpError::InvalidUtf8 { line }
            | SdpError::MissingVersion { line }
            | SdpError::MalformedLine { line }
            | SdpError::ForbiddenByte { line, .. }
            | SdpError::InvalidValue { line, .. } => Some(*line),
            SdpError::WebRtcSdp { line, .. } => (*line != 0).then_some(*line),
            SdpError::TooLarge { .. } | SdpError::TooManyMedia { .. } | SdpError::Empty => None,
        }
    }

    pub(crate) fn invalid(line: usize, field: &'static str, reason: &'static str) -> Self {
        SdpError::InvalidValue {
            line,
            field,
            reason,
        }
    }
}
