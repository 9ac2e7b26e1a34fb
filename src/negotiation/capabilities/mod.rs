//! Local capabilities: what this endpoint can do, built with
//! [`LocalCapabilitiesBuilder`] or read from a capability SDP
//! ([`LocalCapabilities::from_sdp`], [`crate::manual::negotiation_rules`]).

mod builder;
mod codec;
mod from_sdp;
mod media;
mod profile;

use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

pub use builder::LocalCapabilitiesBuilder;
pub use codec::Codec;
pub use media::MediaCapability;

use super::sdes::{KeySource, SdesError, SessionKeys, SharedKeySource, SrtpMasterKey, SrtpSuite};
use crate::sdp::{MediaType, Setup};

/// Whether a keying method (SDES or DTLS-SRTP) is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SrtpPolicy {
    /// Never: offers carrying only this keying are rejected (Warning 302/306).
    #[default]
    Off,
    /// Accepted when offered; our offers carry it best effort (`RTP/AVP` with
    /// `a=crypto` for SDES).
    Optional,
    /// Media must be encrypted: a plain `RTP/AVP` offer without usable keys is rejected.
    Required,
}

/// How many codecs an answer lists per stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AnswerCodecs {
    /// Every offered codec we support (RFC 3264 §6.1 allows it; the offerer may switch among them).
    #[default]
    All,
    /// Only the first common codec (PJSIP's and FreeSWITCH's default), plus
    /// telephone-event, CN and RTX/RED that go with it.
    First,
}

/// Whose preference orders the codecs of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CodecOrder {
    /// The offer's order (RFC 3264 §6.1: RECOMMENDED unless there is a reason not to).
    #[default]
    Offerer,
    /// Our capability order.
    Local,
}

/// What the negotiator accepts from sloppy but common peers, each option
/// documented with the peers that need it. [`Leniency::default`] takes
/// them all (what real deployments meet); [`Leniency::STRICT`] none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Leniency {
    /// `opus/48000` without the channel count is opus (RFC 7587 §7 wants
    /// `opus/48000/2`; older SIP phones and gateways write it without):
    /// matched as opus and answered `opus/48000/2`.
    pub opus_without_channels: bool,
    /// A session-level `a=ptime` (RFC 8866 §6.4 defines it at media level;
    /// PBXs put it at session level) applies to m-lines that have none.
    pub session_level_ptime: bool,
    /// `G722/16000` is G.722 (RFC 3551 §4.5.2: its RTP clock rate is 8000
    /// for historic reasons; softphones write the sampling rate): matched
    /// as G.722 and answered with the offer's rtpmap.
    pub g722_clock_16000: bool,
}

impl Leniency {
    /// Nothing sloppy is accepted.
    pub const STRICT: Leniency = Leniency {
        opus_without_channels: false,
        session_level_ptime: false,
        g722_clock_16000: false,
    };
}

impl Default for Leniency {
    fn default() -> Self {
        Leniency {
            opus_without_channels: true,
            session_level_ptime: true,
            g722_clock_16000: true,
        }
    }
}

/// Our DTLS-SRTP identity (RFC 5763, RFC 8122).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DtlsIdentity {
    /// Hash function of the certificate fingerprint, e.g. `sha-256`.
    pub hash_function: Arc<str>,
    /// The fingerprint, colon-separated upper-case hex pairs.
    pub fingerprint: Arc<str>,
    /// The role we take when the offer says `actpass` (RFC 5763 §5: `active` recommended).
    pub answer_setup: Setup,
}

/// Our ICE credentials and candidates (RFC 8839).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IceCredentials {
    /// `a=ice-ufrag` (4..=256 characters).
    pub ufrag: Arc<str>,
    /// `a=ice-pwd` (22..=256 characters).
    pub pwd: Arc<str>,
    /// `a=ice-lite` (RFC 8445 §2.5).
    pub lite: bool,
    /// Write a host candidate for each stream from our address and port.
    pub host_candidates: bool,
    /// Extra candidate values written as they are (`a=candidate:<value>`), per media kind.
    pub candidates: Vec<(MediaType, Arc<str>)>,
}

/// Everything we can do: the local side of every negotiation.
///
/// Cheap to share: the negotiator holds it in an `Arc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalCapabilities {
    pub(crate) username: Arc<str>,
    pub(crate) session_name: Arc<str>,
    pub(crate) ipv4: Option<Ipv4Addr>,
    pub(crate) ipv6: Option<Ipv6Addr>,
    /// `ipv4`/`ipv6` as written in SDP, formatted once by the builder; or
    /// a domain name of that family (RFC 8866 §5.7 allows an FQDN in `c=`).
    pub(crate) ipv4_text: Arc<str>,
    pub(crate) ipv6_text: Arc<str>,
    pub(crate) media: Vec<MediaCapability>,
    pub(crate) sdes: SrtpPolicy,
    /// The SDES suites we offer and accept, in preference order.
    pub(crate) sdes_suites: Vec<SrtpSuite>,
    /// Fixed keys given to the builder (shared by every session: tests and
    /// captures), used for a suite only when there is no key source.
    pub(crate) sdes_fixed: Vec<(SrtpSuite, SrtpMasterKey)>,
    /// Where each session draws its own keys.
    pub(crate) key_source: Option<SharedKeySource>,
    pub(crate) dtls: SrtpPolicy,
    pub(crate) dtls_identity: Option<DtlsIdentity>,
    pub(crate) ice: Option<IceCredentials>,
    pub(crate) bundle: bool,
    pub(crate) rtcp_mux: bool,
    pub(crate) answer_codecs: AnswerCodecs,
    pub(crate) codec_order: CodecOrder,
    pub(crate) leniency: Leniency,
}

impl LocalCapabilities {
    /// Starts a builder.
    pub fn builder() -> LocalCapabilitiesBuilder {
        LocalCapabilitiesBuilder::default()
    }

    /// The media capabilities, in offer order.
    pub fn media(&self) -> &[MediaCapability] {
        &self.media
    }

    /// Our IPv4 address, when we have one.
    pub fn ipv4(&self) -> Option<Ipv4Addr> {
        self.ipv4
    }

    /// Our IPv6 address, when we have one.
    pub fn ipv6(&self) -> Option<Ipv6Addr> {
        self.ipv6
    }

    /// `true` when we have an `IN IP4` address (an IPv4 address or a domain name).
    pub(crate) fn has_ip4(&self) -> bool {
        !self.ipv4_text.is_empty()
    }

    /// `true` when we have an `IN IP6` address (an IPv6 address or a domain name).
    pub(crate) fn has_ip6(&self) -> bool {
        !self.ipv6_text.is_empty()
    }

    /// The SDES policy.
    pub fn sdes_policy(&self) -> SrtpPolicy {
        self.sdes
    }

    /// The DTLS-SRTP policy.
    pub fn dtls_policy(&self) -> SrtpPolicy {
        self.dtls
    }

    /// The ICE credentials, when ICE is on.
    pub fn ice(&self) -> Option<&IceCredentials> {
        self.ice.as_ref()
    }

    /// `true` when BUNDLE (RFC 9143) is answered and offered.
    pub fn bundle(&self) -> bool {
        self.bundle
    }

    /// The capability for the `k`-th stream (0-based) of type `media`, and
    /// the port it uses: the `k`-th capability of that type when there is
    /// one, else the first with its port moved up by 2 per extra stream.
    pub(crate) fn media_for(&self, media: MediaType, k: usize) -> Option<(&MediaCapability, u16)> {
        let mut first = None;
        let mut seen = 0usize;
        for cap in self.media.iter().filter(|c| c.media == media) {
            if seen == k {
                return Some((cap, cap.port));
            }
            first.get_or_insert(cap);
            seen += 1;
        }
        let cap = first?;
        let extra = u16::try_from(2 * (k + 1 - seen)).ok()?;
        Some((cap, cap.port.checked_add(extra)?))
    }

    /// What we accept from sloppy peers.
    pub fn leniency(&self) -> Leniency {
        self.leniency
    }

    /// The SDES suites we offer and accept, in preference order.
    pub fn sdes_suites(&self) -> &[SrtpSuite] {
        &self.sdes_suites
    }

    /// These capabilities with `source` drawing every session's SDES keys
    /// (RFC 4568 §6.1): for capabilities read from a capability SDP, whose
    /// `a=crypto` keys would otherwise be shared by every session.
    pub fn with_key_source(mut self, source: Arc<dyn KeySource>) -> Self {
        self.key_source = Some(SharedKeySource(source));
        self
    }

    /// `true` when SDES is on and a session can key `suite`.
    pub(crate) fn has_sdes_suite(&self, suite: SrtpSuite) -> bool {
        self.sdes != SrtpPolicy::Off && self.sdes_suites.contains(&suite)
    }

    /// The fixed key of `suite`, when the builder was given one.
    pub(crate) fn fixed_key(&self, suite: SrtpSuite) -> Option<&SrtpMasterKey> {
        self.sdes_fixed
            .iter()
            .find(|(s, _)| *s == suite)
            .map(|(_, k)| k)
    }

    /// Our key for stream `index` and `suite` in a session holding `keys`.
    pub(crate) fn session_key<'k>(
        &self,
        keys: &'k mut SessionKeys,
        index: usize,
        suite: SrtpSuite,
    ) -> Option<&'k SrtpMasterKey> {
        keys.key(
            index,
            suite,
            self.key_source.as_ref(),
            self.fixed_key(suite),
        )
    }
}

/// Why local capabilities could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CapabilityError {
    /// Neither an IPv4 nor an IPv6 address was given.
    #[error("no local address: give an IPv4 or IPv6 address")]
    NoAddress,
    /// A text field is empty or holds a CR, LF or (where a token is expected) a space.
    #[error("{what} is not a valid SDP token: {value:?}")]
    InvalidText {
        /// Which field.
        what: &'static str,
        /// The value given.
        value: String,
    },
    /// A payload type is over 127.
    #[error("payload type {0} is over 127")]
    PayloadTypeOutOfRange(u8),
    /// Two codecs of one media capability ask for the same payload type.
    #[error("payload type {0} is used twice in one media capability")]
    DuplicatePayloadType(u8),
    /// An RTP media capability lists no codec.
    #[error("the {0} capability has no codec")]
    NoCodec(MediaType),
    /// DTLS is on but no fingerprint was given.
    #[error("DTLS-SRTP is enabled without a certificate fingerprint")]
    DtlsWithoutFingerprint,
    /// SDES is on but a suite has no key: neither a key source
    /// ([`LocalCapabilitiesBuilder::key_source`]) nor a fixed key.
    #[error("SDES-SRTP is enabled without a key (give a key source)")]
    SdesWithoutKey,
    /// An SDES key given to the builder cannot be used (RFC 4568 §6.1): an
    /// unknown suite, or a key that is not base64 of exactly the suite's
    /// key‖salt length.
    #[error("SDES key for {suite:?}: {reason}")]
    InvalidSdesKey {
        /// The suite as given.
        suite: String,
        /// Why the key is refused.
        reason: SdesError,
    },
    /// ICE ufrag or pwd has the wrong length (RFC 8839 §5.4: ufrag 4..=256, pwd 22..=256).
    #[error("ICE credentials have the wrong length (ufrag 4..=256, pwd 22..=256 characters)")]
    InvalidIceCredentials,
    /// The capability SDP could not be parsed.
    #[error("capability SDP: {0}")]
    Sdp(#[from] crate::sdp::SdpError),
}
