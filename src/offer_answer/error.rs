//! [`OfferAnswerError`]: UCMA's `OfferAnswerException`.

use super::{OfferAnswerFailureReason, SignalingHeader};
use crate::renegotiation::{standard_warn_text, warning_header_value};

/// A media provider could not produce an offer or answer, or declines an
/// offer (UCMA's `OfferAnswerException`).
///
/// `reason` picks the SIP response (design.md §3.3, see
/// [`OfferAnswerFailureReason`]); `headers` go on that response as they are
/// (a `Warning` among them replaces the default Warning of the reason);
/// `message` is for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}: {message}")]
pub struct OfferAnswerError {
    /// Why the exchange failed.
    pub reason: OfferAnswerFailureReason,
    /// A human-readable explanation.
    pub message: String,
    /// Headers to put on the response that declines the offer, e.g.
    /// `Warning: 305 - "Incompatible media format"`.
    pub headers: Vec<SignalingHeader>,
}

impl OfferAnswerError {
    /// An error for `reason` with `message` and no headers.
    pub fn new(reason: OfferAnswerFailureReason, message: impl Into<String>) -> Self {
        OfferAnswerError {
            reason,
            message: message.into(),
            headers: Vec::new(),
        }
    }

    /// This error with one more header.
    pub fn with_header(mut self, header: SignalingHeader) -> Self {
        self.headers.push(header);
        self
    }

    /// This error with a `Warning` header `code - "text"` (RFC 3261 §20.43),
    /// `text` defaulting to the standard warn-text of `code` when `None`.
    /// A code outside 100–999 is not added.
    pub fn with_warning(self, code: u16, text: Option<&str>) -> Self {
        let text = text
            .or(standard_warn_text(code))
            .unwrap_or("Miscellaneous warning");
        match warning_header_value(code, None, text) {
            Ok(value) => self.with_header(SignalingHeader::new("Warning", value)),
            Err(_) => self,
        }
    }

    /// The warn-code of the first `Warning` header, when there is one that
    /// starts with three digits.
    pub fn warning_code(&self) -> Option<u16> {
        self.headers
            .iter()
            .filter(|h| h.is("Warning"))
            .find_map(|h| error_code(&h.value))
    }
}

/// The three-digit code a Warning value starts with.
pub(crate) fn error_code(value: &str) -> Option<u16> {
    let digits = value.trim_start().get(..3)?;
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok().filter(|c| (100..=999).contains(c))
    } else {
        None
    }
}
