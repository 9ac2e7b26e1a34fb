//! UCWA's `ReNegotiationDeclineReason`: why the application dismissed an
//! incoming renegotiation.

use std::fmt;
use std::str::FromStr;

use crate::sip::{SipDecline, SipWarning};

/// Why the application declined (UCWA: *dismissed*) an incoming
/// renegotiation offer.
///
/// The eight values and their spelling are those of UCWA's
/// `ReNegotiationDeclineReason` (the `reason` of the `dismiss` input on the
/// `audioVideoRenegotiation` resource). [`Self::as_str`] and `Display` give
/// that exact spelling; [`FromStr`] accepts it ASCII-case-insensitively (see
/// there). [`Self::sip_response`] turns a reason into the SIP response that
/// rejects the offer ([`crate::manual::decline_responses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReNegotiationDeclineReason {
    /// No reason given (UCWA: "ResponseCode was not specified").
    /// SIP: 488 Not Acceptable Here, no Warning.
    Unknown,
    /// Media resources could not be allocated. SIP: 500 Server Internal Error.
    MediaAllocationFailure,
    /// SRTP negotiation failed: the offer's encryption (SDES `a=crypto`,
    /// RFC 4568) does not match local policy. SIP: 488 with Warning 306.
    EncryptionMismatch,
    /// The offer uses IPv6 addresses and IPv6 is not supported.
    /// SIP: 488 with Warning 301.
    IPv6NotSupported,
    /// The offered media are not supported. SIP: 488 with Warning 304.
    UnsupportedMedia,
    /// The offer is not a valid session description. SIP: 488 with Warning 399.
    InvalidMediaOffer,
    /// Not enough bandwidth for the offered media. SIP: 488 with Warning 370.
    InsufficientBandwidth,
    /// The offer crosses another offer/answer exchange (glare). SIP: 491 when
    /// our own offer is outstanding, otherwise 500 with Retry-After.
    Conflict,
}

impl ReNegotiationDeclineReason {
    /// All eight values, in UCWA's documented order.
    pub const ALL: [ReNegotiationDeclineReason; 8] = [
        Self::Unknown,
        Self::MediaAllocationFailure,
        Self::EncryptionMismatch,
        Self::IPv6NotSupported,
        Self::UnsupportedMedia,
        Self::InvalidMediaOffer,
        Self::InsufficientBandwidth,
        Self::Conflict,
    ];

    /// The UCWA spelling, e.g. `"InsufficientBandwidth"`, `"IPv6NotSupported"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "Unknown",
            Self::MediaAllocationFailure => "MediaAllocationFailure",
            Self::EncryptionMismatch => "EncryptionMismatch",
            Self::IPv6NotSupported => "IPv6NotSupported",
            Self::UnsupportedMedia => "UnsupportedMedia",
            Self::InvalidMediaOffer => "InvalidMediaOffer",
            Self::InsufficientBandwidth => "InsufficientBandwidth",
            Self::Conflict => "Conflict",
        }
    }

    /// The SIP response that rejects the offer for this reason
    /// ([`crate::manual::decline_responses`]; RFC 3261 §21 status codes,
    /// §20.43 warn-codes).
    ///
    /// | reason | status | Warning |
    /// |---|---|---|
    /// | `Unknown` | 488 Not Acceptable Here | none |
    /// | `MediaAllocationFailure` | 500 Server Internal Error | none |
    /// | `EncryptionMismatch` | 488 Not Acceptable Here | 306 |
    /// | `IPv6NotSupported` | 488 Not Acceptable Here | 301 |
    /// | `UnsupportedMedia` | 488 Not Acceptable Here | 304 |
    /// | `InvalidMediaOffer` | 488 Not Acceptable Here | 399 |
    /// | `InsufficientBandwidth` | 488 Not Acceptable Here | 370 |
    /// | `Conflict`, our offer outstanding | 491 Request Pending | none |
    /// | `Conflict`, otherwise | 500 Server Internal Error, Retry-After | none |
    ///
    /// `our_offer_outstanding` matters only for `Conflict`: when we have sent
    /// an offer that is still unanswered, the crossing offer is glare and gets
    /// 491 (RFC 3261 §14.2, RFC 3311 §5.2); otherwise we are merely busy with
    /// another exchange and answer 500 with `Retry-After: retry_after_secs`
    /// (RFC 3261 §14.2, RFC 6337 §4.3). The crate draws no random numbers: the
    /// caller picks `retry_after_secs` (RFC 3261 says random in 0–10 s); values
    /// over 10 are clamped to 10. `retry_after_secs` is ignored for every other
    /// reason.
    ///
    /// The Warning chosen here is the one an application-level dismiss can
    /// justify without more detail, with the standard text and agent `-`
    /// ([`SipDecline::with_agent`] puts the sender's in); a caller that
    /// knows better (for instance the negotiator saw an `RTP/SAVP` profile
    /// mismatch, Warning 302, or an unsupported format, Warning 305)
    /// replaces it with [`SipDecline::with_warning`].
    pub fn sip_response(self, our_offer_outstanding: bool, retry_after_secs: u32) -> SipDecline {
        let not_acceptable =
            |code: u16| SipDecline::new(488).with_warning(SipWarning::standard(code, None));
        match self {
            Self::Unknown => SipDecline::new(488),
            Self::MediaAllocationFailure => SipDecline::new(500),
            Self::EncryptionMismatch => not_acceptable(306),
            Self::IPv6NotSupported => not_acceptable(301),
            Self::UnsupportedMedia => not_acceptable(304),
            Self::InvalidMediaOffer => not_acceptable(399),
            Self::InsufficientBandwidth => not_acceptable(370),
            Self::Conflict if our_offer_outstanding => SipDecline::new(491),
            Self::Conflict => SipDecline::new(500).with_retry_after(retry_after_secs),
        }
    }
}

impl fmt::Display for ReNegotiationDeclineReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is none of the eight [`ReNegotiationDeclineReason`] values.
///
/// Holds the string as received (so it can be logged or echoed in a 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown ReNegotiationDeclineReason {0:?}")]
pub struct UnknownDeclineReason(pub String);

impl FromStr for ReNegotiationDeclineReason {
    type Err = UnknownDeclineReason;

    /// Parses a UCWA `ReNegotiationDeclineReason`.
    ///
    /// The UCWA spelling is matched ASCII-case-insensitively
    /// (`"insufficientbandwidth"` and `"IPV6NOTSUPPORTED"` are accepted): UCWA
    /// enumeration values are identifiers, clients are not consistent about
    /// their case, and accepting any case cannot confuse two values.
    /// Surrounding whitespace is not trimmed. Output ([`Self::as_str`]) always
    /// uses the exact UCWA spelling.
    ///
    /// # Errors
    /// [`UnknownDeclineReason`] for any other string, including the empty one.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|reason| reason.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownDeclineReason(s.to_owned()))
    }
}
