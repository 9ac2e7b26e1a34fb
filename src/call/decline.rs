//! Declining an offer we received (design.md §3.3): an
//! [`OfferAnswerError`] → the SIP response.

use super::messages::{Method, SipHeaders, SipResponse, SipWarning};
use crate::offer_answer::{OfferAnswerError, OfferAnswerFailureReason};

/// What the response depends on besides the error.
pub(crate) struct DeclineContext<'a> {
    /// An offer of ours is outstanding (the remote's offer is glare).
    pub(crate) our_offer_outstanding: bool,
    /// The Retry-After of a 500, 0–10 s.
    pub(crate) retry_after: u32,
    /// The Accept value of a 415: the provider's supported media types.
    pub(crate) accept: &'a str,
    /// Our warn-agent.
    pub(crate) agent: Option<&'a str>,
}

/// The response that declines the offer of a `method` request for `error`:
///
/// | reason | response |
/// |---|---|
/// | `UnsupportedMedia`, no Warning in the error | 415 + Accept |
/// | `UnsupportedMedia`, with a Warning | 488 + that Warning |
/// | `NotAcceptable` | 488 + the error's Warning, else 305 |
/// | `FailDueToBandwidthPolicy`, `RedirectDueToBandwidthPolicy` | 488 + the error's Warning, else 370 |
/// | `RequestPending` | 491 when our offer is outstanding, else 500 + Retry-After |
/// | `ServerInternalError` | 500 |
/// | `RequestCanceled` | 487 |
///
/// The error's other headers are added as they are.
pub(crate) fn decline_response(
    method: Method,
    error: &OfferAnswerError,
    cx: &DeclineContext<'_>,
) -> SipResponse {
    use OfferAnswerFailureReason as R;
    // A provider cannot know our warn-agent: its `-` becomes ours.
    let provided = error
        .headers
        .iter()
        .filter(|h| h.is("Warning"))
        .find_map(|h| SipWarning::parse(&h.value))
        .map(|w| match w.agent.as_str() {
            "-" => SipWarning::new(w.code, cx.agent, w.text),
            _ => w,
        });
    let mut headers = SipHeaders {
        extra: error
            .headers
            .iter()
            .filter(|h| !h.is("Warning"))
            .cloned()
            .collect(),
        ..SipHeaders::default()
    };
    let warn = |code: u16| {
        provided
            .clone()
            .or(Some(SipWarning::standard(code, cx.agent)))
    };
    let status = match error.reason {
        R::UnsupportedMedia if provided.is_none() => {
            headers.accept = Some(cx.accept.to_owned());
            415
        }
        R::UnsupportedMedia => {
            headers.warning = provided.clone();
            488
        }
        R::NotAcceptable => {
            headers.warning = warn(305);
            488
        }
        R::FailDueToBandwidthPolicy | R::RedirectDueToBandwidthPolicy => {
            headers.warning = warn(370);
            488
        }
        R::RequestPending if cx.our_offer_outstanding => 491,
        R::RequestPending => {
            headers.retry_after = Some(cx.retry_after.min(10));
            500
        }
        R::ServerInternalError => 500,
        R::RequestCanceled => 487,
    };
    SipResponse::new(status, method).with_headers(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer_answer::SignalingHeader;

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
