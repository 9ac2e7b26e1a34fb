//! [`NegotiationError`] → [`OfferAnswerError`]: a negotiator's refusal as
//! the UCMA failure reason and typed Warning of the decline.

use crate::negotiation::{NegotiationError, RejectReason};
use crate::offer_answer::{OfferAnswerError, OfferAnswerFailureReason};
use crate::sip::SipWarning;

/// The [`OfferAnswerError`] that declines an offer the negotiator refused,
/// with the Warning of [`NegotiationError::sip_decline`]:
///
/// | negotiation error | reason | Warning |
/// |---|---|---|
/// | `InvalidSdp` (malformed offer) | `NotAcceptable` | 399, the parse error with its line number as text |
/// | `InvalidReOffer` (m-lines dropped) | `NotAcceptable` | 399 with the error text |
/// | `Unwritable` (our answer would break our own parser's caps) | `NotAcceptable` | 399 with the error text |
/// | `NotAcceptable`, media type / format / transport | `UnsupportedMedia` | 304, 305 or 302 |
/// | `NotAcceptable`, SRTP keying (`EncryptionMismatch`) | `NotAcceptable` | 302 or 306 |
/// | `NotAcceptable`, address family (`IPv6NotSupported`) | `NotAcceptable` | 301 |
/// | `NotAcceptable`, network type not `IN` | `UnsupportedMedia` | 300 |
/// | `NotAcceptable`, bandwidth | `FailDueToBandwidthPolicy` | 370 |
/// | `NotAcceptable` with no failing stream (all disabled) | `NotAcceptable` | none |
/// | `InvalidAnswer` (the remote's answer breaks RFC 3264) | `NotAcceptable` | 399 with the error text |
/// | `WrongState` (an offer while ours is pending: glare) | `RequestPending` | none |
/// | anything else | `ServerInternalError` | none |
///
/// With a Warning, an `UnsupportedMedia` error becomes 488 (the SDP was
/// understood), not 415 ([`OfferAnswerError::sip_decline`]).
pub fn offer_answer_error(error: &NegotiationError) -> OfferAnswerError {
    use OfferAnswerFailureReason as R;
    let reason = match error {
        NegotiationError::InvalidSdp(_)
        | NegotiationError::InvalidReOffer { .. }
        | NegotiationError::Unwritable(_)
        | NegotiationError::InvalidAnswer(_) => R::NotAcceptable,
        NegotiationError::NotAcceptable(rejection) => failure_reason(rejection.reason),
        NegotiationError::WrongState { .. } => R::RequestPending,
        _ => R::ServerInternalError,
    };
    let warning = match error {
        NegotiationError::InvalidAnswer(e) => Some(SipWarning::new(399, None, e.to_string())),
        _ => error.sip_decline().and_then(|d| d.warning),
    };
    let err = OfferAnswerError::new(reason, error.to_string());
    match warning {
        Some(w) => err.with_sip_warning(w),
        None => err,
    }
}

/// The UCMA reason of an offer the negotiator found nothing acceptable in,
/// by the reason of its most specific stream (a typed match: the reason's
/// UCWA spelling, [`RejectReason::decline_term`], is for display only).
fn failure_reason(reason: RejectReason) -> OfferAnswerFailureReason {
    use OfferAnswerFailureReason as F;
    use RejectReason as R;
    if reason.warning().is_none() {
        // No stream failed (all disabled): nothing more to say.
        return F::NotAcceptable;
    }
    match reason {
        R::InsufficientBandwidth => F::FailDueToBandwidthPolicy,
        R::SrtpRequired
        | R::SrtpNotSupported
        | R::NoCommonCryptoSuite
        | R::MissingFingerprint
        | R::Ipv6NotSupported
        | R::Ipv4NotSupported => F::NotAcceptable,
        // Media type, transport, format, network type: the media are not
        // supported.
        _ => F::UnsupportedMedia,
    }
}
