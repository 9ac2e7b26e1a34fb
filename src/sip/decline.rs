//! [`SipDecline`]: the SIP final response that declines an offer.

use std::fmt;

use super::message::SipResponse;
use super::method::Method;
use super::status::reason_phrase;
use super::warning::SipWarning;

/// A SIP final response that declines an offer: what to put on the wire
/// (RFC 3261 §21 status, §20.43 Warning, §20.33 Retry-After, §20.1 Accept).
///
/// The one decline type of the crate: the negotiator's refusals
/// ([`NegotiationError::sip_decline`](crate::negotiation::NegotiationError::sip_decline)),
/// a media provider's ([`OfferAnswerError::sip_decline`](crate::offer_answer::OfferAnswerError::sip_decline))
/// and an application's dismiss
/// ([`ReNegotiationDeclineReason::sip_response`](crate::renegotiation::ReNegotiationDeclineReason::sip_response))
/// all give one, and the [`Call`](crate::call::Call) sends it with
/// [`SipDecline::to_response`]. For a re-INVITE or UPDATE the previous
/// session stays active (RFC 3261 §14.2).
///
/// ```
/// use sdp_offer_answer::sip::{Method, SipDecline, SipWarning};
///
/// let decline = SipDecline::new(488).with_warning(SipWarning::standard(370, None));
/// assert_eq!(decline.to_string(), "488 Not Acceptable Here; Warning: 370");
/// let response = decline.with_agent(Some("pbx.example.com")).to_response(Method::Invite);
/// assert_eq!(
///     response.headers.warning.map(|w| w.header_value()).as_deref(),
///     Some("370 pbx.example.com \"Insufficient bandwidth\"")
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[must_use = "a SipDecline says which SIP response to send"]
pub struct SipDecline {
    /// The status code: 415, 488, 491, 500, 487...
    pub status: u16,
    /// The Warning to add (RFC 3261 §20.43), e.g. 370 on a 488.
    pub warning: Option<SipWarning>,
    /// The `Retry-After` to add, in seconds (RFC 3261 §20.33; on the 500
    /// that answers an offer while another exchange is in progress, RFC
    /// 3261 §14.2: 0–10 s).
    pub retry_after: Option<u32>,
    /// The `Accept` to add (on a 415: the body types we take, RFC 3261
    /// §21.4.13).
    pub accept: Option<String>,
}

impl SipDecline {
    /// The largest Retry-After a decline carries, in seconds (RFC 3261
    /// §14.2: "between 0 and 10 seconds").
    pub const MAX_RETRY_AFTER_SECS: u32 = 10;

    /// A decline with `status` and no headers.
    pub const fn new(status: u16) -> Self {
        SipDecline {
            status,
            warning: None,
            retry_after: None,
            accept: None,
        }
    }

    /// This decline with `warning`.
    pub fn with_warning(mut self, warning: SipWarning) -> Self {
        self.warning = Some(warning);
        self
    }

    /// This decline with `Retry-After: seconds`, at most
    /// [`MAX_RETRY_AFTER_SECS`](Self::MAX_RETRY_AFTER_SECS).
    pub fn with_retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds.min(Self::MAX_RETRY_AFTER_SECS));
        self
    }

    /// This decline with `Accept: accept`.
    pub fn with_accept(mut self, accept: impl Into<String>) -> Self {
        self.accept = Some(accept.into());
        self
    }

    /// This decline with its Warning's agent set to `agent` when the
    /// Warning names none (`-`): whoever built the Warning (a provider, the
    /// negotiator) cannot know the warn-agent of the UA that sends it.
    pub fn with_agent(mut self, agent: Option<&str>) -> Self {
        if let Some(w) = self.warning.take() {
            self.warning = Some(if w.agent == "-" {
                SipWarning::new(w.code, agent, w.text)
            } else {
                w
            });
        }
        self
    }

    /// The RFC 3261 §21 reason phrase of [`status`](Self::status)
    /// ([`reason_phrase`](super::reason_phrase)).
    pub fn reason_phrase(&self) -> &'static str {
        reason_phrase(self.status)
    }

    /// The response to a `method` request that carries this decline.
    pub fn to_response(&self, method: Method) -> SipResponse {
        let mut response = SipResponse::new(self.status, method);
        response.headers.warning.clone_from(&self.warning);
        response.headers.retry_after = self.retry_after;
        response.headers.accept.clone_from(&self.accept);
        response
    }
}

impl fmt::Display for SipDecline {
    /// E.g. `488 Not Acceptable Here; Warning: 304`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.reason_phrase())?;
        if let Some(w) = &self.warning {
            write!(f, "; Warning: {}", w.code)?;
        }
        if let Some(s) = self.retry_after {
            write!(f, "; Retry-After: {s}")?;
        }
        Ok(())
    }
}
