//! Declining an offer we received: an [`OfferAnswerError`] → its
//! [`SipDecline`](crate::sip::SipDecline)
//! ([`OfferAnswerError::sip_decline`]) → the SIP response, with our
//! warn-agent and the error's other headers.

pub(super) mod reject_answer;

use crate::offer_answer::OfferAnswerError;
use crate::sip::{Method, SipResponse};

/// What the response depends on besides the error.
pub(crate) struct DeclineContext<'a> {
    /// An offer of ours is outstanding (the remote's offer is glare).
    pub(crate) our_offer_outstanding: bool,
    /// The Retry-After of a 500, 0–10 s.
    pub(crate) retry_after: u32,
    /// The Accept value of a 415: the provider's supported body types.
    pub(crate) accept: &'a str,
    /// Our warn-agent.
    pub(crate) agent: Option<&'a str>,
}

/// The response that declines the offer of a `method` request for `error`.
pub(crate) fn decline_response(
    method: Method,
    error: &OfferAnswerError,
    cx: &DeclineContext<'_>,
) -> SipResponse {
    let mut response = error
        .sip_decline(cx.our_offer_outstanding, cx.retry_after, cx.accept)
        .with_agent(cx.agent)
        .to_response(method);
    response.headers.extra.extend(error.headers.iter().cloned());
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer_answer::{OfferAnswerFailureReason, SignalingHeader};

    fn cx(outstanding: bool) -> DeclineContext<'static> {
        DeclineContext {
            our_offer_outstanding: outstanding,
            retry_after: 7,
            accept: "application/sdp",
            agent: Some("pbx.example.com"),
        }
    }

    #[test]
    fn request_pending_is_491_with_our_offer_outstanding() {
        let e = OfferAnswerError::new(OfferAnswerFailureReason::RequestPending, "glare");
        let r = decline_response(Method::Update, &e, &cx(true));
        assert_eq!(
            (r.status, r.method, r.headers.retry_after),
            (491, Method::Update, None)
        );
        let r = decline_response(Method::Update, &e, &cx(false));
        assert_eq!((r.status, r.headers.retry_after), (500, Some(7)));
    }

    #[test]
    fn default_warnings_carry_our_agent() {
        let e = OfferAnswerError::new(OfferAnswerFailureReason::FailDueToBandwidthPolicy, "bw");
        let r = decline_response(Method::Invite, &e, &cx(false));
        assert_eq!(
            r.headers.warning.map(|w| w.header_value()).as_deref(),
            Some("370 pbx.example.com \"Insufficient bandwidth\"")
        );
    }

    #[test]
    fn provider_warnings_without_agent_get_ours() {
        let e = OfferAnswerError::new(OfferAnswerFailureReason::NotAcceptable, "codecs")
            .with_warning(305, None);
        let r = decline_response(Method::Invite, &e, &cx(false));
        assert_eq!(
            r.headers.warning.map(|w| w.header_value()).as_deref(),
            Some("305 pbx.example.com \"Incompatible media format\"")
        );
        let e = OfferAnswerError::new(OfferAnswerFailureReason::NotAcceptable, "codecs")
            .with_header(SignalingHeader::new("Warning", "305 sbc.example \"x\""));
        let r = decline_response(Method::Invite, &e, &cx(false));
        assert_eq!(
            r.headers.warning.map(|w| w.agent).as_deref(),
            Some("sbc.example")
        );
        assert!(
            r.headers.extra.is_empty(),
            "the Warning is sent once, typed"
        );
    }

    #[test]
    fn retry_after_is_clamped() {
        let e = OfferAnswerError::new(OfferAnswerFailureReason::RequestPending, "busy");
        let mut c = cx(false);
        c.retry_after = 99;
        assert_eq!(
            decline_response(Method::Invite, &e, &c).headers.retry_after,
            Some(10)
        );
    }
}
