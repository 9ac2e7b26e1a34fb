//! [`OfferAnswerError`]: UCMA's `OfferAnswerException`.

use super::{OfferAnswerFailureReason, SignalingHeader};
use crate::sip::{SipDecline, SipWarning};

/// A media provider could not produce an offer or answer, or declines an
/// offer (UCMA's `OfferAnswerException`).
///
/// `reason` picks the SIP response (see [`OfferAnswerError::sip_decline`]
/// and [`OfferAnswerFailureReason`]); `warning` replaces the reason's
/// default Warning; `headers` go on that response as they are; `message`
/// is for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}: {message}")]
pub struct OfferAnswerError {
    /// Why the exchange failed.
    pub reason: OfferAnswerFailureReason,
    /// A human-readable explanation.
    pub message: String,
    /// The Warning of the response that declines the offer (RFC 3261
    /// §20.43), e.g. `305 - "Incompatible media format"`; `None`: the
    /// reason's default. An agent of `-` becomes the Call's
    /// [`warning_agent`](crate::call::CallConfig::warning_agent).
    pub warning: Option<SipWarning>,
    /// Other headers to put on the response that declines the offer (a
    /// `Warning` belongs in [`warning`](Self::warning): one here is not sent).
    pub headers: Vec<SignalingHeader>,
}

impl OfferAnswerError {
    /// An error for `reason` with `message`, no Warning and no headers.
    pub fn new(reason: OfferAnswerFailureReason, message: impl Into<String>) -> Self {
        OfferAnswerError {
            reason,
            message: message.into(),
            warning: None,
            headers: Vec::new(),
        }
    }

    /// This error with one more header. A `Warning` header given as text
    /// (e.g. relayed from another hop) is read into
    /// [`warning`](Self::warning) when it parses ([`SipWarning::parse`])
    /// and none is set yet; else it is dropped.
    pub fn with_header(mut self, header: SignalingHeader) -> Self {
        if header.is("Warning") {
            if self.warning.is_none() {
                self.warning = SipWarning::parse(&header.value);
            }
        } else {
            self.headers.push(header);
        }
        self
    }

    /// This error with a Warning `code - "text"` (RFC 3261 §20.43), `text`
    /// defaulting to the standard warn-text of `code` when `None`. A code
    /// outside 100–999 is not added.
    pub fn with_warning(self, code: u16, text: Option<&str>) -> Self {
        if !(100..=999).contains(&code) {
            return self;
        }
        let warning = match text {
            Some(text) => SipWarning::new(code, None, text),
            None => SipWarning::standard(code, None),
        };
        self.with_sip_warning(warning)
    }

    /// This error with `warning`.
    pub fn with_sip_warning(mut self, warning: SipWarning) -> Self {
        self.warning = Some(warning);
        self
    }

    /// The warn-code of [`warning`](Self::warning).
    pub fn warning_code(&self) -> Option<u16> {
        self.warning.as_ref().map(|w| w.code)
    }

    /// The response that declines the offer for this error, the one table
    /// from [`OfferAnswerFailureReason`] to SIP (RFC 3261 §21.4, RFC 3264
    /// §6, RFC 5621 §9):
    ///
    /// | reason | response |
    /// |---|---|
    /// | `UnsupportedMedia`, no Warning | 415 + `Accept: accept` (the body type is not understood) |
    /// | `UnsupportedMedia`, with a Warning | 488 + that Warning (the SDP was understood) |
    /// | `NotAcceptable` | 488 + the Warning, else 305 |
    /// | `FailDueToBandwidthPolicy`, `RedirectDueToBandwidthPolicy` | 488 + the Warning, else 370 (SIP has no "retry through a relay" response) |
    /// | `RequestPending` | 491 when `our_offer_outstanding` (glare), else 500 + Retry-After `retry_after` (0–10 s, RFC 3261 §14.2) |
    /// | `ServerInternalError` | 500 |
    /// | `RequestCanceled` | 487 |
    ///
    /// The Warning's agent is whatever the error says (`-` by default):
    /// [`SipDecline::with_agent`] puts the sender's in. The error's other
    /// headers are the caller's to add.
    pub fn sip_decline(
        &self,
        our_offer_outstanding: bool,
        retry_after: u32,
        accept: &str,
    ) -> SipDecline {
        use OfferAnswerFailureReason as R;
        let warn = |code: u16| {
            self.warning
                .clone()
                .unwrap_or_else(|| SipWarning::standard(code, None))
        };
        match (self.reason, &self.warning) {
            (R::UnsupportedMedia, None) => SipDecline::new(415).with_accept(accept),
            (R::UnsupportedMedia, Some(w)) => SipDecline::new(488).with_warning(w.clone()),
            (R::NotAcceptable, _) => SipDecline::new(488).with_warning(warn(305)),
            (R::FailDueToBandwidthPolicy | R::RedirectDueToBandwidthPolicy, _) => {
                SipDecline::new(488).with_warning(warn(370))
            }
            (R::RequestPending, _) if our_offer_outstanding => SipDecline::new(491),
            (R::RequestPending, _) => SipDecline::new(500).with_retry_after(retry_after),
            (R::ServerInternalError, _) => SipDecline::new(500),
            (R::RequestCanceled, _) => SipDecline::new(487),
        }
    }
}
