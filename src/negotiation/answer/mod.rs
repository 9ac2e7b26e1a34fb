//! Answer generation (RFC 3264 §6): one decision per offered m-line
//! (`decide`, `formats`), then the answer is written in one pass (`write`)
//! and what it agrees is read off the decisions (`session`).

mod decide;
mod formats;
mod session;
mod write;

use decide::{CapUses, decide, distinct_ports};
use session::negotiated_stream;
use write::{bundle_group, write};

use super::StreamCaps;
use super::capabilities::{
    AnswerCodecs, Codec, CodecOrder, Leniency, LocalCapabilities, MediaCapability, SrtpPolicy,
};
use super::codecs::{Encoding, FmtpKey, Role, answer_fmtp};
use super::error::{NegotiationError, OfferRejection, RejectReason};
use super::exchange::{inactive_stream, remote_side};
use super::mids::{MidIndex, check_groups};
use super::negotiated::{
    DtlsSrtp, LocalIce, NegotiatedCodec, NegotiatedSession, NegotiatedStream, SdesSrtp, SrtpKeying,
    StreamState, bundled_indexes, share_bundle_transport,
};
use super::scan::{MediaScan, SessionScan};
use super::sdes::{SdesCrypto, SessionKeys};
use super::writer::{self, Family};
use crate::sdp::views::parse_pt;
use crate::sdp::{
    AddressType, Direction, MediaType, SdpBuilder, SessionDescription, Setup, TransportProtocol,
};
use std::borrow::Cow;

use smallvec::SmallVec;
use std::sync::Arc;

/// What the answer needs besides the offer.
pub(crate) struct AnswerParams<'c> {
    pub(crate) caps: &'c LocalCapabilities,
    pub(crate) session_id: u64,
    pub(crate) version: u64,
    /// The streams we hold: their direction loses RECV (RFC 3264 §8.4).
    pub(crate) hold: &'c super::Hold,
    /// Our previous SDP in this session: its ports are kept.
    pub(crate) previous: Option<&'c SessionDescription>,
    /// The capability m-line that carried each stream of the session.
    pub(crate) previous_caps: &'c [Option<u8>],
    /// Our ICE credentials per m-line (restarts already applied).
    pub(crate) ice: &'c super::ice::SessionIce,
}

/// An answer and what it agrees.
pub(crate) struct BuiltAnswer {
    pub(crate) sdp: SessionDescription,
    /// The agreed session; `local_version` is the answer's version before re-versioning.
    pub(crate) negotiated: NegotiatedSession,
    /// The capability m-line that took each stream (`None`: rejected).
    pub(crate) stream_caps: StreamCaps,
}

/// An offered RTP format, read once.
#[derive(Clone, Copy)]
struct Offered<'o> {
    pt: u8,
    encoding: Encoding<'o>,
    role: Role,
    channels: Option<u16>,
    fmtp: Option<&'o str>,
}

impl Offered<'_> {
    /// The fmtp read for matching (read only when the texts differ).
    fn key(&self) -> FmtpKey {
        FmtpKey::read(self.encoding.name, self.fmtp)
    }
}

/// The formats an accepted stream answers with; a handful, held inline.
type ChosenFormats<'o, 'c> = SmallVec<[Chosen<'o, 'c>; 4]>;

struct Chosen<'o, 'c> {
    offered: Offered<'o>,
    codec: &'c Codec,
    /// The fmtp we answer with (RFC 3264 §6.1 plus the codec's rules).
    fmtp: Option<Cow<'o, str>>,
}

enum Keying {
    Plain,
    /// The offered crypto line we accept, typed; our key for its suite
    /// comes from the session's keys when the answer is written.
    Sdes {
        offered: SdesCrypto,
    },
    Dtls {
        setup: Setup,
    },
}

struct Accept<'o, 'c> {
    cap: &'c MediaCapability,
    port: u16,
    family: Family,
    direction: Direction,
    keying: Keying,
    formats: ChosenFormats<'o, 'c>,
    rtcp_mux: bool,
    ice: bool,
    /// The offer's default destination is not among its candidates (RFC
    /// 8839 §4.4.1.1): answered `a=ice-mismatch`, without ICE.
    ice_mismatch: bool,
    /// The leniency `session_level_ptime` is on.
    session_ptime: bool,
}

struct Plan<'o, 'c> {
    scan: MediaScan<'o>,
    outcome: Result<Accept<'o, 'c>, RejectReason>,
}

/// Builds the answer to `offer`.
///
/// # Errors
/// [`NegotiationError::InvalidSdp`] for a malformed offer (with the line),
/// [`NegotiationError::NotAcceptable`] when no stream can be accepted.
pub(crate) fn build_answer(
    offer: &SessionDescription,
    p: &AnswerParams<'_>,
    keys: &mut SessionKeys,
) -> Result<BuiltAnswer, NegotiationError> {
    let session = SessionScan::new(offer)?;
    check_groups(offer)?;
    let remote_version = offer.origin()?.map_or(0, |o| o.session_version);
    let mut plans: SmallVec<[Plan<'_, '_>; 2]> = SmallVec::with_capacity(offer.media_count());
    let mut stream_caps = StreamCaps::new();
    let mut uses: CapUses = smallvec::smallvec![0; p.caps.media.len()];
    let mut anat_taken = false;
    let anat: SmallVec<[&str; 4]> = {
        let mut ids: SmallVec<[&str; 4]> = session
            .anat
            .map_or_else(SmallVec::new, |g| g.split_ascii_whitespace().collect());
        ids.sort_unstable();
        ids
    };
    for media in offer.media_descriptions() {
        let scan = MediaScan::new(media, &session)?;
        let mut cap_index = None;
        let mut outcome = match decide(&scan, p, &uses) {
            Ok((k, a)) => {
                cap_index = Some(k);
                Ok(a)
            }
            Err(Fail::Reject(r)) => Err(r),
            Err(Fail::Sdp(e)) => return Err(NegotiationError::InvalidSdp(e)),
        };
        if let (Ok(_), Some(mid)) = (&outcome, scan.mid) {
            if anat.binary_search(&mid).is_ok() {
                if anat_taken {
                    outcome = Err(RejectReason::AlternativeNotChosen);
                }
                anat_taken = true;
            }
        }
        let cap_index = cap_index.filter(|_| outcome.is_ok());
        if let Some(slot) = cap_index.and_then(|k| uses.get_mut(k)) {
            *slot = slot.saturating_add(1);
        }
        stream_caps.push(cap_index.and_then(|k| u8::try_from(k).ok()));
        plans.push(Plan { scan, outcome });
    }
    let mids = MidIndex::new(plans.iter().map(|pl| {
        (
            pl.scan.mid,
            pl.scan.media.index(),
            pl.scan.media_line_number(),
        )
    }))?;
    distinct_ports(&mut plans, p);
    let offered_any = plans
        .iter()
        .any(|pl| !matches!(pl.outcome, Err(RejectReason::DisabledInOffer)));
    if offered_any && plans.iter().all(|pl| pl.outcome.is_err()) {
        let streams = plans
            .iter()
            .enumerate()
            .filter_map(|(i, pl)| match pl.outcome {
                Err(r) if r != RejectReason::DisabledInOffer => Some((i, r)),
                _ => None,
            })
            .collect();
        return Err(NegotiationError::NotAcceptable(
            OfferRejection::from_streams(streams),
        ));
    }
    let bundle = bundle_group(&plans, &session, &mids, p.caps);
    let sdp =
        write(offer, &plans, &bundle, &mids, p, keys).map_err(NegotiationError::Unwritable)?;
    let mut streams: Vec<NegotiatedStream> = plans
        .iter()
        .map(|pl| negotiated_stream(pl, bundle.as_ref(), keys, (p.ice, p.caps)))
        .collect();
    let bundle_group = bundle
        .as_ref()
        .map_or_else(Vec::new, |bd| bundled_indexes(&streams, &bd.mids));
    share_bundle_transport(&mut streams, &bundle_group);
    let negotiated = NegotiatedSession {
        streams,
        bundle_group,
        local_version: p.version,
        remote_version,
    };
    Ok(BuiltAnswer {
        sdp,
        negotiated,
        stream_caps,
    })
}

/// The answer's BUNDLE group (RFC 9143 §7.3): the accepted offered mids, in
/// the offer's order, sharing the port of the first.
struct Bundle<'o> {
    mids: Vec<&'o str>,
    port: u16,
}

/// Why `decide` did not accept a stream: a rejection, or a malformed line.
enum Fail {
    Reject(RejectReason),
    Sdp(crate::sdp::SdpError),
}

impl From<RejectReason> for Fail {
    fn from(r: RejectReason) -> Self {
        Fail::Reject(r)
    }
}

impl From<crate::sdp::SdpError> for Fail {
    fn from(e: crate::sdp::SdpError) -> Self {
        Fail::Sdp(e)
    }
}
