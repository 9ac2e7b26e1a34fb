//! Negotiation errors, split by whose fault they are (rustls style):
//! malformed input ([`NegotiationError::InvalidSdp`]), nothing in common
//! ([`NegotiationError::NotAcceptable`]), the peer broke RFC 3264
//! ([`NegotiationError::InvalidAnswer`], [`NegotiationError::InvalidReOffer`]),
//! local misuse ([`NegotiationError::WrongState`], ...).

use std::fmt;

use super::NegotiationState;
use crate::sdp::{Direction, MediaType, SdpError};
use crate::sip::{SipDecline, SipWarning};

/// SIP Warning codes about SDP (RFC 3261 §20.43), as put on a 488.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SdpWarning {
    /// 300 Incompatible network protocol.
    IncompatibleNetworkProtocol,
    /// 301 Incompatible network address formats (e.g. IPv6 offered, IPv4 only here).
    IncompatibleNetworkAddressFormats,
    /// 302 Incompatible transport protocol (e.g. RTP/SAVP offered, no SRTP here).
    IncompatibleTransportProtocol,
    /// 304 Media type not available.
    MediaTypeNotAvailable,
    /// 305 Incompatible media format (no common codec).
    IncompatibleMediaFormat,
    /// 306 Attribute not understood (e.g. no usable `a=crypto`).
    AttributeNotUnderstood,
    /// 370 Insufficient bandwidth.
    InsufficientBandwidth,
    /// 399 Miscellaneous warning (a malformed SDP, with the parse error as text).
    Miscellaneous,
}

impl SdpWarning {
    /// The 3-digit warn-code.
    pub fn code(self) -> u16 {
        match self {
            SdpWarning::IncompatibleNetworkProtocol => 300,
            SdpWarning::IncompatibleNetworkAddressFormats => 301,
            SdpWarning::IncompatibleTransportProtocol => 302,
            SdpWarning::MediaTypeNotAvailable => 304,
            SdpWarning::IncompatibleMediaFormat => 305,
            SdpWarning::AttributeNotUnderstood => 306,
            SdpWarning::InsufficientBandwidth => 370,
            SdpWarning::Miscellaneous => 399,
        }
    }

    /// The RFC 3261 §20.43 text for the code
    /// ([`standard_warn_text`](crate::sip::standard_warn_text), the one table).
    pub fn text(self) -> &'static str {
        crate::sip::standard_warn_text(self.code()).unwrap_or("Miscellaneous warning")
    }

    /// The Warning header for this code: standard text, agent `-` (the
    /// sender puts its own in, [`SipDecline::with_agent`]).
    pub fn sip_warning(self) -> SipWarning {
        SipWarning::standard(self.code(), None)
    }
}

/// Why one offered stream was not accepted (answered with port 0, RFC 3264 §6).
///
/// Each reason belongs to one of the UCWA `ReNegotiationDeclineReason` terms
/// ([`crate::manual::decline_responses`]), given by
/// [`RejectReason::decline_term`], and carries the Warning code of the 488.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RejectReason {
    /// The offer itself disabled the stream (port 0).
    DisabledInOffer,
    /// No capability for this media type (`UnsupportedMedia`, Warning 304).
    UnsupportedMediaType,
    /// The transport protocol is not one we do, e.g. `TCP/BFCP`, `udptl`,
    /// RTP over TCP (`UnsupportedMedia`, Warning 302).
    UnsupportedTransport,
    /// No offered format is one we support (`UnsupportedMedia`, Warning 305).
    NoCommonFormat,
    /// A plain RTP offer while we require SRTP (`EncryptionMismatch`, Warning 302).
    SrtpRequired,
    /// An SRTP profile whose keying (SDES or DTLS) we do not do (`EncryptionMismatch`, Warning 302).
    SrtpNotSupported,
    /// No offered `a=crypto` suite is one we have a key for (`EncryptionMismatch`, Warning 306).
    NoCommonCryptoSuite,
    /// A DTLS-SRTP offer without `a=fingerprint` (`EncryptionMismatch`, Warning 306).
    MissingFingerprint,
    /// A `c=` network type other than `IN` (RFC 8866 §5.7 defines only
    /// `IN`, Internet): the address cannot be used (`UnsupportedMedia`,
    /// Warning 300 Incompatible network protocol, RFC 3261 §20.43).
    IncompatibleNetworkProtocol,
    /// An `IN IP6` stream and we have no IPv6 address (`IPv6NotSupported`, Warning 301).
    Ipv6NotSupported,
    /// An `IN IP4` stream and we have no IPv4 address (`IPv6NotSupported`'s mirror, Warning 301).
    Ipv4NotSupported,
    /// The offered (or our) bandwidth is below what every common codec
    /// needs (`InsufficientBandwidth`, Warning 370).
    InsufficientBandwidth,
    /// Another alternative of an `a=group:ANAT` group was accepted (RFC 4091).
    AlternativeNotChosen,
}

impl RejectReason {
    /// The Warning a 488 carries for this reason; `None` when the stream was
    /// not a failure (disabled in the offer, ANAT alternative).
    pub fn warning(self) -> Option<SdpWarning> {
        use RejectReason as R;
        Some(match self {
            R::DisabledInOffer | R::AlternativeNotChosen => return None,
            R::UnsupportedMediaType => SdpWarning::MediaTypeNotAvailable,
            R::IncompatibleNetworkProtocol => SdpWarning::IncompatibleNetworkProtocol,
            R::UnsupportedTransport | R::SrtpRequired | R::SrtpNotSupported => {
                SdpWarning::IncompatibleTransportProtocol
            }
            R::NoCommonFormat => SdpWarning::IncompatibleMediaFormat,
            R::NoCommonCryptoSuite | R::MissingFingerprint => SdpWarning::AttributeNotUnderstood,
            R::Ipv6NotSupported | R::Ipv4NotSupported => {
                SdpWarning::IncompatibleNetworkAddressFormats
            }
            R::InsufficientBandwidth => SdpWarning::InsufficientBandwidth,
        })
    }

    /// The UCWA `ReNegotiationDeclineReason` term
    /// ([`crate::manual::decline_responses`]):
    /// `UnsupportedMedia`, `EncryptionMismatch`, `IPv6NotSupported` or `InsufficientBandwidth`.
    pub fn decline_term(self) -> &'static str {
        use RejectReason as R;
        match self {
            R::SrtpRequired
            | R::SrtpNotSupported
            | R::NoCommonCryptoSuite
            | R::MissingFingerprint => "EncryptionMismatch",
            R::Ipv6NotSupported | R::Ipv4NotSupported => "IPv6NotSupported",
            R::InsufficientBandwidth => "InsufficientBandwidth",
            _ => "UnsupportedMedia",
        }
    }

    /// Which reason names a whole rejected offer: the most specific one.
    pub(crate) fn rank(self) -> u8 {
        use RejectReason as R;
        match self {
            R::SrtpRequired
            | R::SrtpNotSupported
            | R::NoCommonCryptoSuite
            | R::MissingFingerprint => 7,
            R::Ipv6NotSupported | R::Ipv4NotSupported | R::IncompatibleNetworkProtocol => 6,
            R::InsufficientBandwidth => 5,
            R::NoCommonFormat => 4,
            R::UnsupportedTransport => 3,
            R::UnsupportedMediaType => 2,
            R::AlternativeNotChosen => 1,
            R::DisabledInOffer => 0,
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RejectReason as R;
        f.write_str(match self {
            R::DisabledInOffer => "disabled in the offer",
            R::UnsupportedMediaType => "media type not supported",
            R::UnsupportedTransport => "transport protocol not supported",
            R::NoCommonFormat => "no common format",
            R::SrtpRequired => "SRTP required, plain RTP offered",
            R::SrtpNotSupported => "SRTP keying not supported",
            R::NoCommonCryptoSuite => "no common SRTP crypto suite",
            R::MissingFingerprint => "DTLS-SRTP offered without fingerprint",
            R::Ipv6NotSupported => "IPv6 not supported",
            R::IncompatibleNetworkProtocol => "network type is not IN",
            R::Ipv4NotSupported => "IPv4 not supported",
            R::InsufficientBandwidth => "insufficient bandwidth",
            R::AlternativeNotChosen => "another ANAT alternative was chosen",
        })
    }
}

/// An offer with no stream we can accept: every stream and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferRejection {
    /// The reason that names the whole rejection (the most specific of the streams').
    pub reason: RejectReason,
    /// Each stream's reason, by m-line index.
    pub streams: Vec<(usize, RejectReason)>,
}

impl OfferRejection {
    pub(crate) fn from_streams(streams: Vec<(usize, RejectReason)>) -> Self {
        let reason = streams
            .iter()
            .map(|&(_, r)| r)
            .max_by_key(|r| r.rank())
            .unwrap_or(RejectReason::NoCommonFormat);
        OfferRejection { reason, streams }
    }
}

impl fmt::Display for OfferRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.reason)?;
        for (i, r) in &self.streams {
            write!(f, "; m-line {i}: {r}")?;
        }
        Ok(())
    }
}

/// How an answer breaks RFC 3264 §6 against our offer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnswerError {
    /// The answer does not have the offer's number of m-lines (§6).
    #[error("answer has {answered} m-lines, the offer {offered}")]
    MediaCountMismatch {
        /// m-lines in the offer.
        offered: usize,
        /// m-lines in the answer.
        answered: usize,
    },
    /// An m-line changed media type (§6).
    #[error("m-line {index}: media type differs from the offer")]
    MediaTypeMismatch {
        /// m-line index.
        index: usize,
    },
    /// An m-line changed transport protocol (§6).
    #[error("m-line {index}: transport protocol differs from the offer")]
    ProtocolMismatch {
        /// m-line index.
        index: usize,
    },
    /// A stream we offered with port 0 is answered with a port (§6).
    #[error("m-line {index}: a stream disabled in the offer is accepted")]
    AcceptedDisabledStream {
        /// m-line index.
        index: usize,
    },
    /// An accepted stream lists no format (§6.1).
    #[error("m-line {index}: accepted with no format")]
    NoFormat {
        /// m-line index.
        index: usize,
    },
    /// A format that is not in the offer (§6.1).
    #[error("m-line {index}: format {format} was not offered")]
    FormatNotOffered {
        /// m-line index.
        index: usize,
        /// The format as written.
        format: String,
    },
    /// A codec answered with fmtp that contradict the offer's (e.g. H.264 packetization-mode).
    #[error("m-line {index}: fmtp of payload type {payload_type} contradicts the offer")]
    FmtpMismatch {
        /// m-line index.
        index: usize,
        /// The payload type.
        payload_type: u8,
    },
    /// A direction the offer does not allow (§6.1: sendonly → recvonly/inactive, ...).
    #[error("m-line {index}: answered {answered} to an offered {offered}")]
    DirectionNotAllowed {
        /// m-line index.
        index: usize,
        /// The offer's direction.
        offered: Direction,
        /// The answer's direction.
        answered: Direction,
    },
    /// An SRTP stream answered without one `a=crypto` matching an offered tag and suite (RFC 4568 §7.1.2).
    #[error("m-line {index}: a=crypto does not match an offered tag and suite")]
    CryptoMismatch {
        /// m-line index.
        index: usize,
    },
    /// The answer's `a=crypto` line cannot be used (RFC 4568 §6.1: its key
    /// is not base64 of the suite's length, an unknown suite or mandatory
    /// session parameter, ...).
    #[error("m-line {index}: unusable a=crypto in the answer: {reason}")]
    InvalidCrypto {
        /// m-line index.
        index: usize,
        /// Why it cannot be used.
        reason: super::sdes::SdesError,
    },
    /// A DTLS-SRTP stream answered without fingerprint or with `a=setup:actpass` (RFC 5763 §5).
    #[error("m-line {index}: DTLS-SRTP answer without fingerprint or with an invalid a=setup")]
    DtlsMismatch {
        /// m-line index.
        index: usize,
    },
    /// The answer SDP is malformed.
    #[error("malformed answer: {0}")]
    Sdp(#[from] SdpError),
}

/// Everything that can go wrong in [`super::Negotiator`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NegotiationError {
    /// The offer is not valid SDP (UCWA `InvalidMediaOffer`: 488 + Warning 399, line number included;
    /// [`crate::manual::decline_responses`]).
    #[error("invalid SDP: {0}")]
    InvalidSdp(#[from] SdpError),
    /// Nothing in the offer can be accepted (488 with the reason's Warning).
    #[error("offer not acceptable: {0}")]
    NotAcceptable(OfferRejection),
    /// The peer's answer breaks RFC 3264.
    #[error("invalid answer: {0}")]
    InvalidAnswer(#[from] AnswerError),
    /// A re-offer removed m-lines or otherwise broke RFC 3264 §8.
    #[error("invalid re-offer: it has {offered} m-lines, the session {current}")]
    InvalidReOffer {
        /// m-lines in the re-offer.
        offered: usize,
        /// m-lines in the current session.
        current: usize,
    },
    /// The call is not allowed in the current state (local misuse).
    #[error("{operation} is not allowed while {state:?}")]
    WrongState {
        /// What was called.
        operation: &'static str,
        /// The state it was called in.
        state: NegotiationState,
    },
    /// A stream index that does not exist in the session (local misuse).
    #[error("no stream at m-line {0}")]
    NoSuchStream(usize),
    /// Adding a stream of a media type we have no capability for (local misuse).
    #[error("no local capability for {0} media")]
    NoCapability(MediaType),
    /// The SDP we would send breaks our own parser's rules: larger than
    /// [`ParseLimits::DEFAULT`](crate::sdp::ParseLimits::DEFAULT) (an answer
    /// to an offer asking for more than fits, e.g. hundreds of formats on
    /// hundreds of m-lines), or a value holding CR, LF or NUL (RFC 8866 §9).
    /// Nothing is sent: a peer with default limits would refuse it. For a
    /// received offer it declines like [`NegotiationError::InvalidSdp`]
    /// (488 + Warning 399).
    #[error("the SDP we would send is refused by our own parser: {0}")]
    Unwritable(SdpError),
    /// New credentials were needed (an ICE restart, RFC 8445 §9) and the
    /// capabilities have no [`KeySource`](crate::negotiation::KeySource)
    /// to draw them from (local misuse).
    #[error("an ICE restart needs fresh credentials: give the capabilities a key source")]
    NoKeySource,
    /// More codecs than free dynamic payload types (96..=127) in one m-line.
    #[error("more codecs than free dynamic payload types in one m-line")]
    PayloadTypesExhausted,
}

impl NegotiationError {
    /// The response that declines the offer that caused this error, when
    /// the error is about a received offer (RFC 3261 §21.4.26, §20.43):
    /// 488 with Warning 399 carrying the error (for a malformed SDP, the
    /// parse error with its line number) for a malformed offer, an offer
    /// dropping m-lines, or an answer we could not write; 488 with the
    /// Warning of the rejection's [`RejectReason::warning`] (none when
    /// every stream was disabled) for an unacceptable one. The Warning's
    /// agent is `-`.
    pub fn sip_decline(&self) -> Option<SipDecline> {
        let miscellaneous = |text: String| {
            Some(SipDecline::new(488).with_warning(SipWarning::new(399, None, text)))
        };
        match self {
            NegotiationError::InvalidSdp(e) => miscellaneous(crate::sip::warn_text_of(e)),
            NegotiationError::InvalidReOffer { .. } | NegotiationError::Unwritable(_) => {
                miscellaneous(crate::sip::warn_text_of(self))
            }
            NegotiationError::NotAcceptable(r) => Some(match r.reason.warning() {
                Some(w) => SipDecline::new(488).with_warning(w.sip_warning()),
                None => SipDecline::new(488),
            }),
            _ => None,
        }
    }

    /// The UCWA `ReNegotiationDeclineReason` term for a declined offer
    /// ([`crate::manual::decline_responses`]): `InvalidMediaOffer`,
    /// or the [`RejectReason::decline_term`] of an unacceptable one.
    pub fn decline_term(&self) -> Option<&'static str> {
        match self {
            NegotiationError::InvalidSdp(_)
            | NegotiationError::InvalidReOffer { .. }
            | NegotiationError::Unwritable(_) => Some("InvalidMediaOffer"),
            NegotiationError::NotAcceptable(r) => Some(r.reason.decline_term()),
            _ => None,
        }
    }
}
