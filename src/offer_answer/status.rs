//! [`SdpAnswerStatus`] and [`OfferAnswerFailureReason`].

use std::fmt;

/// Where an offer/answer exchange stands, as told to
/// [`MediaProvider::set_answer`](crate::media_provider::MediaProvider::set_answer)
/// (UCMA's `SdpAnswerStatus`: the eight values Microsoft documents, and
/// `Failure`).
///
/// A rejected renegotiation is told like any rejected offer, as UCMA's
/// `NotAcceptable` says ("any error from server in offer answer
/// negotiation, which is not mapped to UnsupportedMedia or RequestPending
/// would be mapped to NotAcceptable"); the previous session stays active.
/// (The crate's seed listed a `RemoteRejectedNegotiation`, which no
/// Microsoft documentation of `SdpAnswerStatus` has: it is not here.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SdpAnswerStatus {
    /// A provisional answer: from a 1xx with SDP (early media), once per
    /// early dialog (To-tag) when the call forks. The offer stays pending.
    Provisional,
    /// The final answer: from the 2xx (or the ACK when we offered in a 2xx).
    Final,
    /// The remote answered 415 and did not take our body; the Call will ask
    /// for a new offer ([`MediaProvider::get_offer`](crate::media_provider::MediaProvider::get_offer)),
    /// which may hold a single SDP (step 2 of [`crate::manual::retry_415`]).
    UnsupportedMediaCanRetry,
    /// The remote answered 415 and every retry allowed has been tried: the
    /// call fails (step 3 of [`crate::manual::retry_415`]).
    UnsupportedMediaCannotRetry,
    /// The remote answered 491 Request Pending (RFC 3261 §14.1).
    RequestPending,
    /// The remote declined the offer (488, 606, or any other failure), or
    /// an answer it owed never came.
    NotAcceptable,
    /// We could not send our offer, or could not accept what the remote
    /// answered or offered (a local error).
    NotAcceptableLocally,
    /// The remote declined with 488 and Warning 370 (insufficient bandwidth).
    NotAcceptableDueToBandwidthPolicy,
    /// The exchange ended for another reason (the call was terminated or the
    /// ACK never came).
    Failure,
}

impl SdpAnswerStatus {
    /// All nine values, in UCMA's order.
    pub const ALL: [SdpAnswerStatus; 9] = [
        Self::Provisional,
        Self::Final,
        Self::UnsupportedMediaCanRetry,
        Self::UnsupportedMediaCannotRetry,
        Self::RequestPending,
        Self::NotAcceptable,
        Self::NotAcceptableLocally,
        Self::NotAcceptableDueToBandwidthPolicy,
        Self::Failure,
    ];

    /// `false` for [`Provisional`](Self::Provisional) and [`Final`](Self::Final),
    /// `true` for the seven failure values.
    pub const fn is_failure(self) -> bool {
        !matches!(self, Self::Provisional | Self::Final)
    }

    /// The UCMA spelling, e.g. `"UnsupportedMediaCanRetry"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Provisional => "Provisional",
            Self::Final => "Final",
            Self::UnsupportedMediaCanRetry => "UnsupportedMediaCanRetry",
            Self::UnsupportedMediaCannotRetry => "UnsupportedMediaCannotRetry",
            Self::RequestPending => "RequestPending",
            Self::NotAcceptable => "NotAcceptable",
            Self::NotAcceptableLocally => "NotAcceptableLocally",
            Self::NotAcceptableDueToBandwidthPolicy => "NotAcceptableDueToBandwidthPolicy",
            Self::Failure => "Failure",
        }
    }
}

impl fmt::Display for SdpAnswerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a media provider could not handle an offer (UCMA's
/// `OfferAnswerFailureReason`, all seven values). The Call turns it into the
/// SIP response of [`crate::manual::decline_responses`] (see
/// [`OfferAnswerError`](crate::offer_answer::OfferAnswerError)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OfferAnswerFailureReason {
    /// Something broke locally: 500 Server Internal Error.
    ServerInternalError,
    /// The offer is understood but not acceptable: 488 Not Acceptable Here
    /// with the error's Warning (default 305).
    NotAcceptable,
    /// Another offer/answer exchange is in progress: 491 Request Pending
    /// when our own offer is outstanding, else 500 with Retry-After 0–10 s.
    RequestPending,
    /// The offered media are not supported: 415 Unsupported Media Type with
    /// Accept when the error carries no Warning (the body type is not
    /// understood); 488 with the error's Warning (304/305) when it does.
    UnsupportedMedia,
    /// Bandwidth policy asks to redirect the media (UCMA: through a media
    /// relay): 488 with Warning 370 (SIP has no "retry through a relay"
    /// response; 488 + 370 lets the caller's own policy act).
    RedirectDueToBandwidthPolicy,
    /// Bandwidth policy refuses the media: 488 with Warning 370.
    FailDueToBandwidthPolicy,
    /// The request was canceled: 487 Request Terminated.
    RequestCanceled,
}

impl OfferAnswerFailureReason {
    /// All seven values, in UCMA's order.
    pub const ALL: [OfferAnswerFailureReason; 7] = [
        Self::ServerInternalError,
        Self::NotAcceptable,
        Self::RequestPending,
        Self::UnsupportedMedia,
        Self::RedirectDueToBandwidthPolicy,
        Self::FailDueToBandwidthPolicy,
        Self::RequestCanceled,
    ];

    /// The UCMA spelling, e.g. `"FailDueToBandwidthPolicy"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ServerInternalError => "ServerInternalError",
            Self::NotAcceptable => "NotAcceptable",
            Self::RequestPending => "RequestPending",
            Self::UnsupportedMedia => "UnsupportedMedia",
            Self::RedirectDueToBandwidthPolicy => "RedirectDueToBandwidthPolicy",
            Self::FailDueToBandwidthPolicy => "FailDueToBandwidthPolicy",
            Self::RequestCanceled => "RequestCanceled",
        }
    }
}

impl fmt::Display for OfferAnswerFailureReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
