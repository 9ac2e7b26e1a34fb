//! The negotiation layer: the RFC 3264 offer/answer state machine
//! ([`Negotiator`]), local capabilities ([`LocalCapabilities`]), answer and
//! offer generation, and the result of a negotiation ([`NegotiatedSession`]).
//!
//! The rules it implements ([`crate::manual::negotiation_rules`], RFC 3264
//! §5–§8): m-line count and order,
//! port-0 rejection of what we cannot take, format matching (static payload
//! types by number, dynamic by name/clock/channels, fmtp rules for H.264,
//! AMR, telephone-event), the offerer's payload types kept, direction per
//! RFC 3264 §6.1, hold/resume, ptime, bandwidth, IPv4/IPv6, SDES and
//! DTLS-SRTP, ICE and BUNDLE.

mod answer;
mod capabilities;
mod codecs;
mod error;
mod exchange;
mod ice;
mod mids;
mod negotiated;
mod negotiator;
mod offer;
mod scan;
mod sdes;
mod writer;

/// The capability m-line (index in `LocalCapabilities::media`) that carries
/// each stream of a session, by m-line index; `None` when it carries none.
pub(crate) type StreamCaps = smallvec::SmallVec<[Option<u8>; 4]>;

/// Which of our streams hold the remote (RFC 3264 §8.4): all, or some m-lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hold {
    pub(crate) all: bool,
    pub(crate) streams: Vec<usize>,
}

impl Hold {
    /// `true` when the stream at m-line `index` holds the remote.
    pub(crate) fn holds(&self, index: usize) -> bool {
        self.all || self.streams.contains(&index)
    }
}

pub use capabilities::{
    AnswerCodecs, CapabilityError, Codec, CodecOrder, DtlsIdentity, IceCredentials, Leniency,
    LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability, SrtpPolicy,
};
pub use error::{AnswerError, NegotiationError, OfferRejection, RejectReason, SdpWarning};
pub use exchange::{answer_violations, validate_answer};
pub use negotiated::{
    DtlsSrtp, LocalIce, NegotiatedCodec, NegotiatedSession, NegotiatedStream, RemoteAddress,
    RemoteIce, SdesSrtp, SrtpKeying, StreamState, TransportAddress,
};
pub use negotiator::{NegotiationState, Negotiator};
pub use sdes::{FecOrder, KeySource, Mki, SdesError, SrtpMasterKey, SrtpSessionParams, SrtpSuite};
