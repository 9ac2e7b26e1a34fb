//! Answer generation (RFC 3264 §6): one decision per offered m-line, then
//! the answer is written in one pass.

use super::capabilities::{
    AnswerCodecs, Codec, CodecOrder, LocalCapabilities, MediaCapability, SdesKey, SrtpPolicy,
};
use super::codecs::{Encoding, FmtpKey, Role, answer_fmtp};
use super::error::{NegotiationError, OfferRejection, RejectReason};
use super::exchange::{inactive_stream, remote_side};
use super::negotiated::{
    DtlsSrtp, NegotiatedCodec, NegotiatedSession, NegotiatedStream, SdesSrtp, StreamState,
    bundled_indexes, share_bundle_transport,
};
use super::scan::{MediaScan, SessionScan};
use super::writer::{self, Family};
use crate::sdp::views::parse_pt;
use crate::sdp::{
    AddressType, Crypto, Direction, MediaType, SdpBuilder, SessionDescription, Setup,
    TransportProtocol,
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
}

/// An answer and what it agrees.
pub(crate) struct BuiltAnswer {
    pub(crate) sdp: SessionDescription,
    /// The agreed session; `local_version` is the answer's version before re-versioning.
    pub(crate) negotiated: NegotiatedSession,
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

enum Keying<'o, 'c> {
    Plain,
    Sdes {
        offered: Crypto<'o>,
        key: &'c SdesKey,
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
    keying: Keying<'o, 'c>,
    formats: ChosenFormats<'o, 'c>,
    rtcp_mux: bool,
    ice: bool,
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
) -> Result<BuiltAnswer, NegotiationError> {
    let session = SessionScan::new(offer)?;
    let remote_version = offer.origin()?.map_or(0, |o| o.session_version);
    let mut plans: SmallVec<[Plan<'_, '_>; 2]> = SmallVec::with_capacity(offer.media_count());
    let mut per_kind = [0usize; 8];
    let mut anat_taken = false;
    for media in offer.media_descriptions() {
        let scan = MediaScan::new(media, &session)?;
        let mut outcome = match decide(&scan, p, &per_kind) {
            Ok(a) => Ok(a),
            Err(Fail::Reject(r)) => Err(r),
            Err(Fail::Sdp(e)) => return Err(NegotiationError::InvalidSdp(e)),
        };
        if let (Ok(_), Some(anat), Some(mid)) = (&outcome, session.anat, scan.mid) {
            if anat.split_ascii_whitespace().any(|m| m == mid) {
                if anat_taken {
                    outcome = Err(RejectReason::AlternativeNotChosen);
                }
                anat_taken = true;
            }
        }
        if let Ok(a) = &outcome {
            per_kind[kind_slot(a.cap.media)] += 1;
        }
        plans.push(Plan { scan, outcome });
    }
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
    let bundle = bundle_group(&plans, &session, p.caps);
    let sdp = write(offer, &plans, &bundle, p);
    let mut streams: Vec<NegotiatedStream> = plans
        .iter()
        .map(|pl| negotiated_stream(pl, bundle.as_ref()))
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
    Ok(BuiltAnswer { sdp, negotiated })
}

/// What the answer agrees for one stream (the same values
/// `exchange::complete` reads back from the offer/answer pair).
fn negotiated_stream(pl: &Plan<'_, '_>, bundle: Option<&Bundle<'_>>) -> NegotiatedStream {
    let index = pl.scan.media.index();
    let a = match &pl.outcome {
        Err(RejectReason::DisabledInOffer) => {
            return inactive_stream(index, &pl.scan, StreamState::Disabled);
        }
        Err(r) => return inactive_stream(index, &pl.scan, StreamState::Rejected(*r)),
        Ok(a) => a,
    };
    let bundle_port = bundle
        .filter(|bd| pl.scan.mid.is_some_and(|m| bd.mids.contains(&m)))
        .map(|bd| bd.port);
    let mut s = inactive_stream(index, &pl.scan, StreamState::Active);
    s.direction = a.direction;
    if pl.scan.is_old_style_hold() {
        s.direction.remove(Direction::SEND);
    }
    s.local_port = bundle_port.unwrap_or(a.port);
    s.rtcp_mux = a.rtcp_mux;
    s.codecs = a
        .formats
        .iter()
        .map(|c| NegotiatedCodec {
            encoding_name: if *c.codec.name == *c.offered.encoding.name {
                c.codec.name.clone()
            } else {
                Arc::from(c.offered.encoding.name)
            },
            clock_rate: c.offered.encoding.clock_rate,
            channels: c.offered.encoding.channels,
            send_payload_type: c.offered.pt,
            recv_payload_type: c.offered.pt,
            send_fmtp: match (c.offered.fmtp, &c.codec.fmtp) {
                (Some(f), Some(ours)) if f == &**ours => Some(ours.clone()),
                (f, _) => f.map(Arc::from),
            },
            recv_fmtp: match (&c.fmtp, &c.codec.fmtp) {
                (Some(Cow::Borrowed(f)), Some(ours)) if *f == &**ours => Some(ours.clone()),
                (f, _) => f.as_deref().map(Arc::from),
            },
        })
        .collect();
    match &a.keying {
        Keying::Plain => {}
        Keying::Sdes { offered, key } => {
            s.sdes = Some(SdesSrtp {
                suite: offered.suite.to_owned(),
                tag: offered.tag,
                local_key_params: key.key_params.to_string(),
                remote_key_params: offered.key_params.to_owned(),
            });
        }
        Keying::Dtls { setup } => {
            s.dtls = pl.scan.fingerprint.map(|fp| DtlsSrtp {
                remote_hash_function: fp.hash_function.to_ascii_lowercase(),
                remote_fingerprint: fp.fingerprint.to_owned(),
                local_setup: *setup,
            });
        }
    }
    remote_side(&mut s, &pl.scan, a.ice);
    s
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

fn kind_slot(m: MediaType) -> usize {
    match m {
        MediaType::Audio => 0,
        MediaType::Video => 1,
        MediaType::Text => 2,
        MediaType::Application => 3,
        MediaType::Message => 4,
        MediaType::Image => 5,
        _ => 6,
    }
}

/// Accept or reject one offered stream, checking in the order that names
/// the most useful reason: media type, transport, address family, keying,
/// formats, bandwidth.
fn decide<'o, 'c: 'o>(
    scan: &MediaScan<'o>,
    p: &AnswerParams<'c>,
    per_kind: &[usize; 8],
) -> Result<Accept<'o, 'c>, Fail> {
    let caps = p.caps;
    if scan.is_disabled(caps.bundle) {
        return Err(Fail::Reject(RejectReason::DisabledInOffer));
    }
    let media = scan.line.media_type();
    let (cap, fresh_port) = caps
        .media_for(media, per_kind[kind_slot(media)])
        .ok_or(RejectReason::UnsupportedMediaType)?;
    let transport = scan.line.transport();
    match &cap.protocol {
        Some(proto) if !proto.eq_ignore_ascii_case(scan.line.proto) => {
            return Err(Fail::Reject(RejectReason::UnsupportedTransport));
        }
        None if !transport.is_rtp() => {
            return Err(Fail::Reject(RejectReason::UnsupportedTransport));
        }
        _ => {}
    }
    let family = match scan.connection.map(|c| c.address_type) {
        Some(AddressType::Ip6) if caps.ipv6.is_none() => {
            return Err(Fail::Reject(RejectReason::Ipv6NotSupported));
        }
        Some(AddressType::Ip6) => Family::Ip6,
        Some(AddressType::Ip4) if caps.ipv4.is_none() => {
            return Err(Fail::Reject(RejectReason::Ipv4NotSupported));
        }
        Some(AddressType::Ip4) => Family::Ip4,
        _ => Family::preferred(caps),
    };
    let keying = keying(scan, transport, caps)?;
    let formats = if cap.is_rtp() {
        choose_formats(scan, cap, caps)?
    } else {
        check_non_rtp_formats(scan, cap)?
    };
    // RFC 3264 §6.1 applies to every stream (a T.38 or data channel stream
    // offered sendonly is answered recvonly); our hold only to RTP streams,
    // as in our offers. An offered `c=0.0.0.0` (RFC 3264 §8.4's old hold,
    // or RFC 3725's "address not known yet") leaves the answer's direction
    // alone, as RFC 4317 §5.2 shows; the session just does not send to it.
    let mut ours = cap.direction;
    if cap.is_rtp() && p.hold.holds(scan.media.index()) {
        ours.remove(Direction::RECV);
    }
    let mut direction = scan.direction.reversed() & ours;
    if scan.line.port == 0 {
        direction = Direction::INACTIVE.union(direction);
    }
    let index = scan.media.index();
    let port = previous_port(p.previous, index, media).unwrap_or(fresh_port);
    Ok(Accept {
        cap,
        port,
        family,
        direction,
        keying,
        formats,
        rtcp_mux: scan.rtcp_mux && caps.rtcp_mux,
        ice: scan.ice_ufrag.is_some() && scan.ice_pwd.is_some() && caps.ice.is_some(),
    })
}

fn previous_port(
    previous: Option<&SessionDescription>,
    index: usize,
    media: MediaType,
) -> Option<u16> {
    let line = previous?.media(index)?.media_line().ok()?;
    (line.port != 0 && line.media_type() == media).then_some(line.port)
}

/// A stream new in this answer never takes the port of another accepted
/// stream (one kept from our previous SDP, or a new one before it): with
/// streams disabled and added across re-offers (RFC 3264 §8), the per-kind
/// port of `media_for` can be one a kept stream uses.
fn distinct_ports(plans: &mut [Plan<'_, '_>], p: &AnswerParams<'_>) {
    let kept = |j: usize, a: &Accept<'_, '_>| previous_port(p.previous, j, a.cap.media).is_some();
    for i in 0..plans.len() {
        let media = match &plans[i].outcome {
            Ok(a) if !kept(i, a) => a.cap.media,
            _ => continue,
        };
        let taken = |port: u16| {
            plans.iter().enumerate().any(|(j, pl)| {
                matches!(&pl.outcome, Ok(b) if j != i && b.port == port && (j < i || kept(j, b)))
            })
        };
        let Ok(a) = &plans[i].outcome else { continue };
        let mut port = a.port;
        let mut k = 0;
        while taken(port) {
            match p.caps.media_for(media, k) {
                Some((_, next)) => port = next,
                None => break,
            }
            k += 1;
        }
        if let Ok(a) = &mut plans[i].outcome {
            a.port = port;
        }
    }
}

/// RFC 4568 SDES and RFC 5763 DTLS-SRTP against our policies (design.md §4.1).
fn keying<'o, 'c>(
    scan: &MediaScan<'o>,
    transport: TransportProtocol,
    caps: &'c LocalCapabilities,
) -> Result<Keying<'o, 'c>, RejectReason> {
    let srtp_required = caps.sdes == SrtpPolicy::Required || caps.dtls == SrtpPolicy::Required;
    if transport.is_dtls_srtp() || transport == TransportProtocol::DtlsSctp {
        if caps.dtls == SrtpPolicy::Off || caps.dtls_identity.is_none() {
            return Err(RejectReason::SrtpNotSupported);
        }
        if scan.fingerprint.is_none() {
            return Err(RejectReason::MissingFingerprint);
        }
        // RFC 4145 §4.1: an offer without a=setup means active.
        let setup = match scan.setup.unwrap_or(Setup::Active) {
            Setup::Actpass => caps
                .dtls_identity
                .as_ref()
                .map_or(Setup::Active, |d| d.answer_setup),
            Setup::Active => Setup::Passive,
            Setup::Passive => Setup::Active,
            Setup::Holdconn => Setup::Holdconn,
        };
        return Ok(Keying::Dtls { setup });
    }
    if !transport.is_rtp() {
        return Ok(Keying::Plain);
    }
    if transport.is_sdes_srtp() {
        if caps.sdes == SrtpPolicy::Off {
            return Err(RejectReason::SrtpNotSupported);
        }
        return sdes(scan, caps).ok_or(RejectReason::NoCommonCryptoSuite);
    }
    if scan.has_crypto && caps.sdes != SrtpPolicy::Off {
        if let Some(k) = sdes(scan, caps) {
            return Ok(k);
        }
        if caps.sdes == SrtpPolicy::Required {
            return Err(RejectReason::NoCommonCryptoSuite);
        }
    }
    if srtp_required {
        return Err(RejectReason::SrtpRequired);
    }
    Ok(Keying::Plain)
}

/// RFC 4568 §6.3 session parameters we understand (and echo).
const KNOWN_SESSION_PARAMS: [&str; 7] = [
    "KDR=",
    "UNENCRYPTED_SRTP",
    "UNENCRYPTED_SRTCP",
    "UNAUTHENTICATED_SRTP",
    "FEC_ORDER=",
    "FEC_KEY=",
    "WSH=",
];

/// The first offered crypto line whose suite we have a key for (RFC 4568 §7.1.1).
fn sdes<'o, 'c>(scan: &MediaScan<'o>, caps: &'c LocalCapabilities) -> Option<Keying<'o, 'c>> {
    scan.cryptos().filter_map(Result::ok).find_map(|offered| {
        let understood = offered
            .session_params
            .split_ascii_whitespace()
            .all(|sp| KNOWN_SESSION_PARAMS.iter().any(|k| sp.starts_with(k)));
        let inline = offered.keys().next().and_then(|k| k.inline()).is_some();
        let key = caps.sdes_key(offered.suite)?;
        (understood && inline).then_some(Keying::Sdes { offered, key })
    })
}

/// The offered RTP formats we can read, in offer order (unknown dynamic
/// payload types without rtpmap and malformed rtpmaps cannot be matched).
fn offered_formats<'o>(
    scan: &MediaScan<'o>,
) -> Result<SmallVec<[Offered<'o>; 16]>, crate::sdp::SdpError> {
    let mut out = SmallVec::new();
    for f in scan.line.formats() {
        let Some(pt) = parse_pt(f) else { continue };
        let rtpmap = scan.rtpmap(pt)?;
        let Some(encoding) = Encoding::resolve(pt, rtpmap) else {
            continue;
        };
        if out.iter().any(|o: &Offered<'_>| o.pt == pt) {
            continue;
        }
        let fmtp = scan.fmtp(pt);
        out.push(Offered {
            pt,
            encoding,
            role: encoding.role(),
            channels: rtpmap.and_then(|r| r.channels),
            fmtp,
        });
    }
    Ok(out)
}

/// Our codec for an offered format, and the offered fmtp's key when it had
/// to be read (it is read at most once per format).
fn find_codec<'c>(
    cap: &'c MediaCapability,
    o: &Offered<'_>,
) -> Option<(&'c Codec, Option<FmtpKey>)> {
    let mut key = None;
    let codec = cap.codecs.iter().find(|c| {
        o.encoding.same_as(&c.name, c.clock_rate, c.channels)
            && (o.fmtp == c.fmtp.as_deref()
                || key.get_or_insert_with(|| o.key()).compatible(&c.key))
    })?;
    Some((codec, key))
}

/// RFC 3264 §6.1 format selection for an RTP stream: media codecs first
/// (offer or local order, all or the first), then telephone-event and CN
/// per chosen clock rate, RTX for chosen codecs, RED/FEC.
fn choose_formats<'o, 'c: 'o>(
    scan: &MediaScan<'o>,
    cap: &'c MediaCapability,
    caps: &LocalCapabilities,
) -> Result<ChosenFormats<'o, 'c>, Fail> {
    let limit = match (scan.bandwidth(), cap.bandwidth_kbps) {
        (Some(a), Some(b)) => Some(a.min(u64::from(b))),
        (a, b) => a.or(b.map(u64::from)),
    };
    let offered = offered_formats(scan)?;
    // A stream offering no media codec (RFC 4317 §2.4: telephone-event
    // only) is answered with the telephone-event formats we support.
    let events_only = !offered.iter().any(|o| o.role == Role::Main);
    let mut chosen = ChosenFormats::new();
    let mut bandwidth_excluded = false;
    for o in offered.iter().filter(|o| o.role == Role::Main) {
        if caps.answer_codecs == AnswerCodecs::First
            && caps.codec_order == CodecOrder::Offerer
            && !chosen.is_empty()
        {
            break;
        }
        let Some((codec, key)) = find_codec(cap, o) else {
            continue;
        };
        if let (Some(need), Some(have)) = (codec.min_bitrate_kbps, limit) {
            if u64::from(need) > have {
                bandwidth_excluded = true;
                continue;
            }
        }
        chosen.push(Chosen {
            offered: *o,
            codec,
            fmtp: answer_fmtp(
                &codec.name,
                (o.fmtp, key.as_ref()),
                (codec.fmtp.as_deref(), &codec.key),
            ),
        });
    }
    if chosen.is_empty() && !events_only {
        return Err(Fail::Reject(if bandwidth_excluded {
            RejectReason::InsufficientBandwidth
        } else {
            RejectReason::NoCommonFormat
        }));
    }
    if caps.codec_order == CodecOrder::Local {
        chosen.sort_by_key(|c| cap.codecs.iter().position(|k| std::ptr::eq(k, c.codec)));
        if caps.answer_codecs == AnswerCodecs::First {
            // The first common codec in our order.
            chosen.truncate(1);
        }
    }
    let mains = chosen.len();
    let is_chosen_clock = |chosen: &[Chosen<'_, '_>], clock: u32| {
        chosen[..mains]
            .iter()
            .any(|c| c.offered.encoding.clock_rate == clock)
    };
    let is_chosen_pt =
        |chosen: &[Chosen<'_, '_>], pt: u8| chosen[..mains].iter().any(|c| c.offered.pt == pt);
    for o in offered.iter().filter(|o| o.role != Role::Main) {
        let Some((codec, key)) = find_codec(cap, o) else {
            continue;
        };
        if events_only && o.role != Role::TelephoneEvent {
            continue;
        }
        let wanted = match o.role {
            Role::TelephoneEvent | Role::ComfortNoise => {
                (events_only || is_chosen_clock(&chosen, o.encoding.clock_rate))
                    && !chosen[mains..].iter().any(|c| {
                        c.offered.role == o.role
                            && c.offered.encoding.clock_rate == o.encoding.clock_rate
                    })
            }
            Role::Rtx => o
                .fmtp
                .and_then(|f| crate::sdp::FmtpParameters::new(f).get("apt"))
                .and_then(|apt| parse_pt(apt.trim()))
                .is_some_and(|apt| is_chosen_pt(&chosen, apt)),
            Role::Redundancy => match o.fmtp {
                Some(f) if o.encoding.name.eq_ignore_ascii_case("red") => f
                    .split('/')
                    .all(|p| parse_pt(p.trim()).is_some_and(|p| is_chosen_pt(&chosen, p))),
                _ => true,
            },
            Role::Main => false,
        };
        if wanted {
            chosen.push(Chosen {
                offered: *o,
                codec,
                fmtp: answer_fmtp(
                    &codec.name,
                    (o.fmtp, key.as_ref()),
                    (codec.fmtp.as_deref(), &codec.key),
                ),
            });
        }
    }
    // RFC 4733 §2.1 wants telephone-event at the codec's clock rate, but
    // FreeSWITCH, Asterisk and many phones pair opus/48000 or G.722 with
    // telephone-event/8000 only: answer that rather than lose DTMF.
    if !chosen
        .iter()
        .any(|c| c.offered.role == Role::TelephoneEvent)
    {
        let fallback = offered
            .iter()
            .filter(|o| o.role == Role::TelephoneEvent)
            .find_map(|o| find_codec(cap, o).map(|(codec, key)| (o, codec, key)));
        if let Some((o, codec, key)) = fallback {
            chosen.push(Chosen {
                offered: *o,
                codec,
                fmtp: answer_fmtp(
                    &codec.name,
                    (o.fmtp, key.as_ref()),
                    (codec.fmtp.as_deref(), &codec.key),
                ),
            });
        }
    }
    if chosen.is_empty() {
        return Err(Fail::Reject(RejectReason::NoCommonFormat));
    }
    Ok(chosen)
}

/// Non-RTP media (T.38, data channels): the offered formats we list.
fn check_non_rtp_formats<'o, 'c>(
    scan: &MediaScan<'o>,
    cap: &'c MediaCapability,
) -> Result<ChosenFormats<'o, 'c>, RejectReason> {
    let common = scan
        .line
        .formats()
        .any(|f| cap.formats.iter().any(|c| c.eq_ignore_ascii_case(f)));
    if common {
        Ok(ChosenFormats::new())
    } else {
        Err(RejectReason::NoCommonFormat)
    }
}

/// The answer's BUNDLE group (RFC 9143 §7.3): the accepted offered mids, in
/// the offer's order, sharing the port of the first.
struct Bundle<'o> {
    mids: Vec<&'o str>,
    port: u16,
}

fn bundle_group<'o>(
    plans: &[Plan<'o, '_>],
    session: &SessionScan<'o>,
    caps: &LocalCapabilities,
) -> Option<Bundle<'o>> {
    if !caps.bundle {
        return None;
    }
    let ids = session.bundle?;
    let mut mids = Vec::new();
    let mut port = None;
    for id in ids.split_ascii_whitespace() {
        if let Some(Ok(a)) = plans
            .iter()
            .find(|pl| pl.scan.mid == Some(id))
            .map(|pl| &pl.outcome)
        {
            port.get_or_insert(a.port);
            mids.push(id);
        }
    }
    Some(Bundle { mids, port: port? })
}

fn write(
    offer: &SessionDescription,
    plans: &[Plan<'_, '_>],
    bundle: &Option<Bundle<'_>>,
    p: &AnswerParams<'_>,
) -> SessionDescription {
    let caps = p.caps;
    let family = plans
        .iter()
        .find_map(|pl| pl.outcome.as_ref().ok().map(|a| a.family))
        .unwrap_or_else(|| Family::preferred(caps));
    let mut b = SdpBuilder::with_capacity(offer.line_count() * 24 + 256, offer.line_count() + 16);
    writer::session_header(&mut b, caps, p.session_id, p.version, family);
    let any_ice = plans.iter().any(|pl| matches!(&pl.outcome, Ok(a) if a.ice));
    if any_ice && caps.ice.as_ref().is_some_and(|i| i.lite) {
        b.line(b'a', "ice-lite");
    }
    if let Some(bundle) = bundle {
        b.line_with(b'a', |w| {
            w.push_str("group:BUNDLE");
            for m in &bundle.mids {
                w.push_char(' ').push_str(m);
            }
        });
    }
    write_other_groups(&mut b, offer, plans);
    for pl in plans {
        match &pl.outcome {
            Ok(a) => {
                let in_bundle = bundle
                    .as_ref()
                    .filter(|bd| pl.scan.mid.is_some_and(|m| bd.mids.contains(&m)));
                write_accepted(&mut b, pl, a, in_bundle.map(|bd| bd.port), family, caps);
            }
            Err(_) => write_rejected(&mut b, &pl.scan),
        }
    }
    b.build()
}

/// Echoes the offer's other groups we keep the semantics of (RFC 5888 §9.2):
/// `LS` (lip sync) and `FID` with the mids we accepted (when two or more
/// remain), `ANAT` (RFC 4091) as offered, its alternatives all staying in
/// the answer (one accepted, the others at port 0).
fn write_other_groups(b: &mut SdpBuilder, offer: &SessionDescription, plans: &[Plan<'_, '_>]) {
    let accepted = |mid: &str| {
        plans
            .iter()
            .any(|pl| pl.scan.mid == Some(mid) && pl.outcome.is_ok())
    };
    for a in offer.attributes().filter(|a| a.name() == "group") {
        let g = crate::sdp::Group::parse(a.value().unwrap_or(""));
        if g.is("ANAT") {
            b.line_with(b'a', |w| {
                w.push_str("group:").push_str(g.semantics);
                for m in g.mids() {
                    w.push_char(' ').push_str(m);
                }
            });
        } else if (g.is("LS") || g.is("FID")) && g.mids().filter(|m| accepted(m)).count() >= 2 {
            b.line_with(b'a', |w| {
                w.push_str("group:").push_str(g.semantics);
                for m in g.mids().filter(|m| accepted(m)) {
                    w.push_char(' ').push_str(m);
                }
            });
        }
    }
}

fn write_rejected(b: &mut SdpBuilder, scan: &MediaScan<'_>) {
    b.line_with(b'm', |w| {
        w.push_str(scan.line.media)
            .push_str(" 0 ")
            .push_str(scan.line.proto);
        for f in scan.line.formats() {
            w.push_char(' ').push_str(f);
        }
    });
    if let Some(mid) = scan.mid {
        b.line_with(b'a', |w| {
            w.push_str("mid:").push_str(mid);
        });
    }
}

fn write_accepted(
    b: &mut SdpBuilder,
    pl: &Plan<'_, '_>,
    a: &Accept<'_, '_>,
    bundle_port: Option<u16>,
    session_family: Family,
    caps: &LocalCapabilities,
) {
    let scan = &pl.scan;
    let port = bundle_port.unwrap_or(a.port);
    // rtcp-mux only where offered (RFC 5761 §5.1.1), bundled or not.
    let rtcp_mux = a.rtcp_mux;
    b.line_with(b'm', |w| {
        w.push_str(scan.line.media)
            .push_char(' ')
            .push_u64(u64::from(port))
            .push_char(' ')
            .push_str(scan.line.proto);
        if a.cap.is_rtp() {
            for c in &a.formats {
                w.push_char(' ').push_u64(u64::from(c.offered.pt));
            }
        } else {
            for f in scan
                .line
                .formats()
                .filter(|f| a.cap.formats.iter().any(|c| c.eq_ignore_ascii_case(f)))
            {
                w.push_char(' ').push_str(f);
            }
        }
    });
    let addr = a.family.address(caps);
    if a.family != session_family {
        writer::connection(b, caps, a.family);
    }
    if let Some(kbps) = a.cap.bandwidth_kbps {
        writer::bandwidth_as(b, kbps);
    }
    if let Some(mid) = scan.mid {
        b.line_with(b'a', |w| {
            w.push_str("mid:").push_str(mid);
        });
    }
    if a.cap.rtcp_attribute && !rtcp_mux && a.cap.is_rtp() {
        writer::rtcp(b, port.saturating_add(1), a.family, addr);
    }
    if let (true, Some(ice)) = (a.ice, &caps.ice) {
        writer::ice(b, ice, a.cap.media, addr, port, rtcp_mux || !a.cap.is_rtp());
    }
    match &a.keying {
        Keying::Plain => {}
        Keying::Dtls { setup } => writer::dtls(b, caps, *setup),
        Keying::Sdes { offered, key } => {
            writer::crypto(b, offered.tag, key, offered.session_params)
        }
    }
    if a.cap.is_rtp() {
        write_extmaps(b, scan, a.cap);
        b.line(b'a', a.direction.attribute_name());
        if rtcp_mux {
            b.line(b'a', "rtcp-mux");
        }
        let wants_fb = scan.line.transport().has_feedback()
            && a.formats.iter().any(|c| !c.codec.rtcp_fb.is_empty());
        let offered_fb = if wants_fb {
            let wanted = a
                .formats
                .iter()
                .filter(|c| !c.codec.rtcp_fb.is_empty())
                .fold(0u128, |m, c| m | 1u128 << c.offered.pt);
            offered_rtcp_fb(scan, wanted)
        } else {
            SmallVec::new()
        };
        for c in &a.formats {
            let o = &c.offered;
            writer::rtpmap(b, o.pt, o.encoding.name, o.encoding.clock_rate, o.channels);
            if let Some(f) = &c.fmtp {
                writer::fmtp(b, o.pt, f);
            }
            if wants_fb {
                write_rtcp_fb(b, &offered_fb, c);
            }
        }
        if let Some(d) = a.cap.ptime {
            writer::ptime(b, "ptime", d);
        }
        if let Some(d) = a.cap.maxptime {
            writer::ptime(b, "maxptime", d);
        }
    }
    if !a.cap.is_rtp() && a.direction != Direction::SENDRECV {
        b.line(b'a', a.direction.attribute_name());
    }
    for attr in &a.cap.attributes {
        b.line(b'a', attr);
    }
}

/// `a=extmap` for the offered header extensions we support, with the offer's ids (RFC 8285 §6).
fn write_extmaps(b: &mut SdpBuilder, scan: &MediaScan<'_>, cap: &MediaCapability) {
    if cap.extmaps.is_empty() {
        return;
    }
    for attr in scan.media.attributes().filter(|a| a.name() == "extmap") {
        let v = attr.value().unwrap_or("");
        let (id, rest) = crate::sdp::views::split_token(v);
        let (uri, _) = crate::sdp::views::split_token(rest);
        if cap.extmaps.iter().any(|u| &**u == uri) {
            b.line_with(b'a', |w| {
                w.push_str("extmap:")
                    .push_str(id)
                    .push_char(' ')
                    .push_str(uri);
            });
        }
    }
}

/// The offered `a=rtcp-fb` values: payload type (`None` for `*`) and feedback type.
/// Only the lines for `wanted` payload types (a bit per payload type) are kept.
fn offered_rtcp_fb<'o>(scan: &MediaScan<'o>, wanted: u128) -> SmallVec<[(Option<u8>, &'o str); 8]> {
    let mut out = SmallVec::new();
    for l in scan.media.lines() {
        let Some(v) = l.value().strip_prefix("rtcp-fb:") else {
            continue;
        };
        let (fpt, rest) = crate::sdp::views::split_token(v);
        let pt = match fpt {
            "*" => None,
            pt => match parse_pt(pt) {
                Some(pt) if wanted & (1u128 << pt) != 0 => Some(pt),
                _ => continue,
            },
        };
        if l.letter() == b'a' {
            out.push((pt, crate::sdp::text::trim_ws_end(rest)));
        }
    }
    out
}

/// `a=rtcp-fb` for the offered feedback types we support for this codec (RFC 4585 §4.2).
fn write_rtcp_fb(b: &mut SdpBuilder, offered: &[(Option<u8>, &str)], c: &Chosen<'_, '_>) {
    let pt = c.offered.pt;
    for fb in &c.codec.rtcp_fb {
        if offered
            .iter()
            .any(|(p, o)| p.is_none_or(|p| p == pt) && *o == &**fb)
        {
            b.line_with(b'a', |w| {
                w.push_str("rtcp-fb:")
                    .push_u64(u64::from(pt))
                    .push_char(' ')
                    .push_str(fb);
            });
        }
    }
}
