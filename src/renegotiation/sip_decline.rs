//! The SIP response that declines an offer: status, reason phrase, Warning
//! and Retry-After.

use super::warning::{WarningHeaderError, standard_warn_text, warning_header_value};

/// SIP status codes used by declines (RFC 3261 §21).
pub(crate) mod sip_status {
    /// 488 Not Acceptable Here (RFC 3261 §21.4.26).
    pub(crate) const NOT_ACCEPTABLE_HERE: u16 = 488;
    /// 491 Request Pending (RFC 3261 §21.4.27).
    pub(crate) const REQUEST_PENDING: u16 = 491;
    /// 500 Server Internal Error (RFC 3261 §21.5.1).
    pub(crate) const SERVER_INTERNAL_ERROR: u16 = 500;

    /// The RFC 3261 reason phrase of the statuses above.
    pub(crate) const fn reason_phrase(status: u16) -> &'static str {
        match status {
            NOT_ACCEPTABLE_HERE => "Not Acceptable Here",
            REQUEST_PENDING => "Request Pending",
            SERVER_INTERNAL_ERROR => "Server Internal Error",
            _ => "",
        }
    }
}

/// A SIP final response that rejects an offer: what to put on the wire.
///
/// Produced by
/// [`ReNegotiationDeclineReason::sip_response`](crate::renegotiation::ReNegotiationDeclineReason::sip_response)
/// (design.md §3.3). The caller (the SIP stack or the `Call` driver) builds
/// the response from it; for a re-INVITE or UPDATE the previous session stays
/// active (RFC 3261 §14.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[must_use = "a SipDecline says which SIP response to send"]
pub struct SipDecline {
    /// SIP status code: 488, 491 or 500.
    pub status: u16,
    /// The RFC 3261 reason phrase of `status`: `"Not Acceptable Here"`,
    /// `"Request Pending"` or `"Server Internal Error"`.
    pub reason_phrase: &'static str,
    /// The warn-code of a `Warning` header to add (RFC 3261 §20.43), if any:
    /// 301, 304, 306, 370 or 399. Build the header value with
    /// [`Self::warning_header`].
    pub warning: Option<u16>,
    /// The value of a `Retry-After` header to add, in seconds (0–10), if any
    /// (RFC 3261 §20.33; only on the 500 that answers a `Conflict` when no
    /// offer of ours is outstanding).
    pub retry_after: Option<u32>,
}

impl SipDecline {
    /// The largest Retry-After a `Conflict` decline carries, in seconds
    /// (RFC 3261 §14.2: "between 0 and 10 seconds").
    pub const MAX_RETRY_AFTER_SECS: u32 = 10;

    pub(crate) const fn new(status: u16, warning: Option<u16>) -> Self {
        SipDecline {
            status,
            reason_phrase: sip_status::reason_phrase(status),
            warning,
            retry_after: None,
        }
    }

    pub(crate) const fn with_retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The same decline with a different warn-code, for a caller that knows
    /// more than the application's reason (e.g. 302 "Incompatible transport
    /// protocol" for an `RTP/SAVP` profile mismatch, 305 "Incompatible media
    /// format" when the media type is fine but no format matches).
    pub const fn with_warning(mut self, warn_code: u16) -> Self {
        self.warning = Some(warn_code);
        self
    }

    /// The RFC 3261 §20.43 standard warn-text of [`Self::warning`], e.g.
    /// `"Insufficient bandwidth"` for 370; `None` when there is no Warning or
    /// its code has no standard text.
    pub const fn warning_text(&self) -> Option<&'static str> {
        match self.warning {
            Some(code) => standard_warn_text(code),
            None => None,
        }
    }

    /// The `Warning` header value for this decline, e.g.
    /// `370 sbc.example.com "Insufficient bandwidth"` (RFC 3261 §20.43), with
    /// the standard warn-text of the code (or `"Miscellaneous warning"` for a
    /// code without one). `agent` is the host name (or pseudonym) of the
    /// agent adding the header; `None` or `""` gives `-`. `Ok(None)` when this
    /// decline carries no Warning.
    ///
    /// To put a specific text in the header (such as the parse error of an
    /// invalid offer under 399), call [`warning_header_value`] directly.
    ///
    /// # Errors
    /// See [`warning_header_value`].
    pub fn warning_header(
        &self,
        agent: Option<&str>,
    ) -> Result<Option<String>, WarningHeaderError> {
        match self.warning {
            Some(code) => {
                let text = standard_warn_text(code).unwrap_or("Miscellaneous warning");
                warning_header_value(code, agent, text).map(Some)
            }
            None => Ok(None),
        }
    }
}
