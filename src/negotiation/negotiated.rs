//! [`NegotiatedSession`]: what an offer/answer exchange agreed, per stream.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use super::error::RejectReason;
use super::sdes::{SrtpMasterKey, SrtpSessionParams, SrtpSuite};
use crate::sdp::{ConnectionAddress, Direction, MediaType, Setup};

/// The result of a completed offer/answer exchange: one entry per m-line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NegotiatedSession {
    /// The streams, in m-line order.
    pub streams: Vec<NegotiatedStream>,
    /// m-line indexes of the active BUNDLE group (RFC 9143), the BUNDLE-tag
    /// stream first; empty without BUNDLE. Bundled streams share the tag's
    /// transport: their `remote_rtp`, `remote_rtcp`, `rtcp_mux` and `ice` are the tag's.
    pub bundle_group: Vec<usize>,
    /// The `o=` version of our SDP.
    pub local_version: u64,
    /// The `o=` version of the remote SDP.
    pub remote_version: u64,
}

impl NegotiatedSession {
    /// The active streams (accepted by both sides).
    pub fn active_streams(&self) -> impl Iterator<Item = &NegotiatedStream> {
        self.streams.iter().filter(|s| s.is_active())
    }
}

/// Why a stream is not active, or that it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum StreamState {
    /// Accepted by both sides: media flows as `direction` says.
    Active,
    /// We rejected it (port 0 in our answer), and why.
    Rejected(RejectReason),
    /// The remote rejected it (port 0 in its answer).
    RejectedByRemote,
    /// Disabled by the offer (port 0), RFC 3264 §8.2.
    Disabled,
}

/// Where the remote wants media sent: an address and port.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TransportAddress {
    /// The address from `c=` (or `a=rtcp`): an IP literal or a domain name.
    pub address: RemoteAddress,
    /// The port.
    pub port: u16,
}

/// A remote address: an IP literal or a domain name (RFC 8866 §5.7).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RemoteAddress {
    /// An IP literal; `0.0.0.0` means the old-style hold (RFC 3264 §8.4).
    Ip(IpAddr),
    /// A domain name to resolve.
    Fqdn(String),
}

impl From<ConnectionAddress<'_>> for RemoteAddress {
    fn from(a: ConnectionAddress<'_>) -> Self {
        match a {
            ConnectionAddress::Ip(ip) => RemoteAddress::Ip(ip),
            ConnectionAddress::Fqdn(s) => RemoteAddress::Fqdn(s.to_owned()),
        }
    }
}

impl std::fmt::Display for RemoteAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RemoteAddress::Ip(ip) => write!(f, "{ip}"),
            RemoteAddress::Fqdn(s) => f.write_str(s),
        }
    }
}

/// One agreed codec (or telephone-event, CN, RTX, RED) of a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NegotiatedCodec {
    /// Encoding name as written in the SDP (or the RFC 3551 name of a static payload type).
    pub encoding_name: Arc<str>,
    /// RTP clock rate in Hz.
    pub clock_rate: u32,
    /// Channels (1 unless the rtpmap says otherwise).
    pub channels: u16,
    /// Payload type we send with: the remote SDP's number (RFC 3264 §5.1).
    pub send_payload_type: u8,
    /// Payload type we receive with: our SDP's number.
    pub recv_payload_type: u8,
    /// The remote's fmtp for it (how the remote wants to receive), when given.
    pub send_fmtp: Option<Arc<str>>,
    /// Our fmtp for it, when given.
    pub recv_fmtp: Option<Arc<str>>,
}

impl NegotiatedCodec {
    /// `true` for telephone-event (RFC 4733).
    pub fn is_telephone_event(&self) -> bool {
        self.encoding_name.eq_ignore_ascii_case("telephone-event")
    }

    /// For iLBC, the frame length in ms both sides use (RFC 3952 §5): 30
    /// when either side's fmtp says 30 or says nothing, else 20; `None`
    /// for other codecs. The answer's fmtp says the same.
    pub fn ilbc_mode(&self) -> Option<u32> {
        if !self.encoding_name.eq_ignore_ascii_case("iLBC") {
            return None;
        }
        let mode = |f: &Option<Arc<str>>| super::codecs::ilbc_mode(f.as_deref());
        Some(mode(&self.send_fmtp).max(mode(&self.recv_fmtp)) as u32)
    }

    /// `true` for a media codec (not telephone-event, CN, RTX, RED or FEC).
    pub fn is_media_codec(&self) -> bool {
        super::codecs::Role::of(&self.encoding_name) == super::codecs::Role::Main
    }
}

/// SDES-SRTP of a stream (RFC 4568), typed: what an SRTP stack needs to
/// protect what we send and to check what we receive, without reading SDP.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SdesSrtp {
    /// The agreed crypto suite.
    pub suite: SrtpSuite,
    /// The tag of the accepted `a=crypto` line (RFC 4568 §5.1).
    pub tag: u32,
    /// Ours: we encrypt what we send with these keys.
    pub send: SrtpKeying,
    /// The remote's: we decrypt what we receive with these keys.
    pub receive: SrtpKeying,
}

/// One direction's SDES keying: the master keys of its `a=crypto` line
/// (one, or several told apart by their MKIs, RFC 4568 §6.1) and the
/// session parameters that line carries (RFC 4568 §6.3).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SrtpKeying {
    /// The master keys, in the line's order: the first is used first.
    pub master_keys: Vec<SrtpMasterKey>,
    /// The session parameters as that side wrote them.
    pub session_params: SrtpSessionParams,
}

impl SrtpKeying {
    /// The first master key (every accepted line has one).
    pub fn master_key(&self) -> Option<&SrtpMasterKey> {
        self.master_keys.first()
    }
}

/// DTLS-SRTP parameters of a stream (RFC 5763).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DtlsSrtp {
    /// The remote certificate's hash function, lower case.
    pub remote_hash_function: String,
    /// The remote certificate's fingerprint as written.
    pub remote_fingerprint: String,
    /// Our `a=setup` role: `Active` = we are the DTLS client.
    pub local_setup: Setup,
}

/// The remote's ICE credentials (RFC 8839).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RemoteIce {
    /// `a=ice-ufrag`.
    pub ufrag: String,
    /// `a=ice-pwd`.
    pub pwd: String,
    /// The remote is an ICE lite agent (`a=ice-lite`, RFC 8445 §2.5): we
    /// are controlling and do the checks.
    pub lite: bool,
}

/// Our ICE credentials for a stream (RFC 8839 §5.4), as our SDP carries
/// them: what the ICE agent answers connectivity checks with.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LocalIce {
    /// `a=ice-ufrag`.
    pub ufrag: String,
    /// `a=ice-pwd`.
    pub pwd: String,
}

/// What was agreed for one m-line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NegotiatedStream {
    /// 0-based m-line index.
    pub index: usize,
    /// Media type.
    pub media: MediaType,
    /// `a=mid`, when the SDPs carry one.
    pub mid: Option<String>,
    /// Active or why not.
    pub state: StreamState,
    /// Our direction as our SDP states it: `SEND` = we send, `RECV` = we
    /// receive (RFC 3264 §6.1). An offered `c=0.0.0.0` (the RFC 2543 hold
    /// RFC 3264 §8.4 asks answerers to accept) leaves it as written and
    /// sets [`held_by_remote`](Self::held_by_remote) with no
    /// [`remote_rtp`](Self::remote_rtp): nothing is sent to that side.
    pub direction: Direction,
    /// The remote holds us (RFC 3264 §8.4): its SDP stops receiving from us
    /// (`sendonly` or `inactive` where our side did not ask for it), or its
    /// `c=` is `0.0.0.0`.
    pub held_by_remote: bool,
    /// We hold the remote: our SDP stops receiving from it (`sendonly` or
    /// `inactive`) where its side did not ask for it.
    pub holding_remote: bool,
    /// Our port (0 when not active).
    pub local_port: u16,
    /// Agreed formats in the answer's order; the first media codec is the one to send.
    pub codecs: Vec<NegotiatedCodec>,
    /// Formats the answer added that the offer did not list (RFC 3264
    /// §6.1 allows them): the answerer could use them, but nothing is sent
    /// with them until an offer lists them.
    pub extra_formats: Vec<NegotiatedCodec>,
    /// Where to send RTP.
    pub remote_rtp: Option<TransportAddress>,
    /// Where to send RTCP when not multiplexed (`a=rtcp`, else RTP port + 1).
    pub remote_rtcp: Option<TransportAddress>,
    /// RTP and RTCP share a port (RFC 5761).
    pub rtcp_mux: bool,
    /// The remote's `a=ptime`: the packet time to send with.
    pub ptime: Option<Duration>,
    /// The remote's `a=maxptime`.
    pub maxptime: Option<Duration>,
    /// The remote's bandwidth limit in kbit/s (`b=AS`, `b=TIAS`), for what we send.
    pub bandwidth_kbps: Option<u64>,
    /// SDES-SRTP keys, when SDES was agreed.
    pub sdes: Option<SdesSrtp>,
    /// DTLS-SRTP parameters, when DTLS-SRTP was agreed.
    pub dtls: Option<DtlsSrtp>,
    /// The remote's ICE credentials, when both sides do ICE.
    pub ice: Option<RemoteIce>,
    /// Our ICE credentials for the stream, when both sides do ICE.
    pub local_ice: Option<LocalIce>,
    /// This exchange restarted ICE on the stream (RFC 8445 §9): our
    /// credentials changed, whichever side asked.
    pub ice_restart: bool,
    /// The offer's default destination was not among its candidates: we
    /// answered `a=ice-mismatch` and the stream runs without ICE (RFC 8839
    /// §4.4.1.1).
    pub ice_mismatch: bool,
}

impl NegotiatedStream {
    /// `true` when both sides accepted the stream.
    pub fn is_active(&self) -> bool {
        self.state == StreamState::Active
    }

    /// The codec to send: the first media codec.
    pub fn codec(&self) -> Option<&NegotiatedCodec> {
        self.codecs.iter().find(|c| c.is_media_codec())
    }

    /// The telephone-event format that goes with [`NegotiatedStream::codec`]
    /// (same clock rate), else the first one.
    pub fn telephone_event(&self) -> Option<&NegotiatedCodec> {
        let clock = self.codec().map(|c| c.clock_rate);
        let mut te = self.codecs.iter().filter(|c| c.is_telephone_event());
        let first = te.clone().next();
        te.find(|c| Some(c.clock_rate) == clock).or(first)
    }
}

/// The indexes of the active streams whose mid is in `mids`, in `mids` order.
/// Each mid is looked up in a sorted index of the streams, so a group of
/// thousands of ids costs linear work.
pub(crate) fn bundled_indexes(streams: &[NegotiatedStream], mids: &[&str]) -> Vec<usize> {
    let mut active: smallvec::SmallVec<[(&str, usize); 8]> = streams
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_active())
        .filter_map(|(i, s)| s.mid.as_deref().map(|m| (m, i)))
        .collect();
    // The first stream of a mid wins, as a linear search would find it.
    active.sort_by(|a, b| a.0.cmp(b.0));
    let mut out: Vec<usize> = Vec::new();
    for m in mids {
        let Ok(at) = active.binary_search_by(|(x, _)| (*x).cmp(m)) else {
            continue;
        };
        let first = active[..at]
            .iter()
            .rposition(|(x, _)| x != m)
            .map_or(0, |p| p + 1);
        if let Some(&(_, i)) = active.get(first) {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out
}

/// Gives every stream of the BUNDLE group the transport of its first (the
/// BUNDLE-tag) stream (RFC 9143 §7.3.3): bundled m-lines carry placeholder
/// addresses (`0.0.0.0:9`, or `bundle-only` port 0).
pub(crate) fn share_bundle_transport(streams: &mut [NegotiatedStream], group: &[usize]) {
    let Some(tag) = group.first().and_then(|&i| streams.get(i)) else {
        return;
    };
    let (rtp, rtcp, mux, ice) = (
        tag.remote_rtp.clone(),
        tag.remote_rtcp.clone(),
        tag.rtcp_mux,
        tag.ice.clone(),
    );
    for &i in group.iter().skip(1) {
        if let Some(s) = streams.get_mut(i) {
            s.remote_rtp.clone_from(&rtp);
            s.remote_rtcp.clone_from(&rtcp);
            s.rtcp_mux = mux;
            s.ice.clone_from(&ice);
        }
    }
}
