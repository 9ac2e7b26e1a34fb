//! [`NegotiationError`] → [`OfferAnswerError`] (design.md §3.3).

use crate::negotiation::NegotiationError;
use crate::offer_answer::{OfferAnswerError, OfferAnswerFailureReason};

/// The [`OfferAnswerError`] that declines an offer the negotiator refused,
/// with the Warning of [`NegotiationError::sip_decline`] as a header:
///
/// | negotiation error | reason | Warning |
/// |---|---|---|
/// | `InvalidSdp` (malformed offer) | `NotAcceptable` | 399, the parse error with its line number as text |
/// | `InvalidReOffer` (m-lines dropped) | `NotAcceptable` | 399 with the error text |
/// | `Unwritable` (our answer would break our own parser's caps) | `NotAcceptable` | 399 with the error text |
/// | `NotAcceptable`, media type / format / transport | `UnsupportedMedia` | 304, 305 or 302 |
/// | `NotAcceptable`, SRTP keying (`EncryptionMismatch`) | `NotAcceptable` | 302 or 306 |
/// | `NotAcceptable`, address family (`IPv6NotSupported`) | `NotAcceptable` | 301 |
/// | `NotAcceptable`, bandwidth | `FailDueToBandwidthPolicy` | 370 |
/// | `NotAcceptable` with no failing stream (all disabled) | `NotAcceptable` | none |
/// | `InvalidAnswer` (the remote's answer breaks RFC 3264) | `NotAcceptable` | 399 with the error text |
/// | `WrongState` (an offer while ours is pending: glare) | `RequestPending` | none |
/// | anything else | `ServerInternalError` | none |
///
/// With a Warning, an `UnsupportedMedia` error becomes 488 (the SDP was
/// understood), not 415.
pub fn offer_answer_error(error: &NegotiationError) -> OfferAnswerError {
    use OfferAnswerFailureReason as R;
    let message = error.to_string();
    let reason = match error {
        NegotiationError::InvalidSdp(_)
        | NegotiationError::InvalidReOffer { .. }
        | NegotiationError::Unwritable(_)
        | NegotiationError::InvalidAnswer(_) => R::NotAcceptable,
        NegotiationError::NotAcceptable(rejection) => match rejection.reason.warning() {
            None => R::NotAcceptable,
            Some(_) => match rejection.reason.decline_term() {
                "UnsupportedMedia" => R::UnsupportedMedia,
                "InsufficientBandwidth" => R::FailDueToBandwidthPolicy,
                _ => R::NotAcceptable,
            },
        },
        NegotiationError::WrongState { .. } => R::RequestPending,
        _ => R::ServerInternalError,
    };
    let warning = match error {
        NegotiationError::InvalidAnswer(e) => Some((399, e.to_string())),
        _ => error.sip_decline().and_then(|d| d.warning).map(|w| {
            let text = if w.code() == 399 {
                error_text(error)
            } else {
                w.text().to_owned()
            };
            (w.code(), text)
        }),
    };
    let err = OfferAnswerError::new(reason, message);
    match warning {
        Some((code, text)) => err.with_warning(code, Some(&text)),
        None => err,
    }
}

/// The error text under a 399 Warning: the inner SDP error (which names the
/// line) for a malformed SDP, else the whole error.
fn error_text(error: &NegotiationError) -> String {
    match error {
        NegotiationError::InvalidSdp(e) => e.to_string(),
        other => other.to_string(),
    }
}
