//! Completes an offer/answer exchange: checks the answer against the offer
//! (RFC 3264 §6) and reads the [`NegotiatedSession`] off the pair.
//!
//! The same code serves both roles: when we answered, it reads our own
//! answer (and so double-checks it); when we offered, it validates theirs.

use std::sync::Arc;

use super::codecs::{Encoding, fmtp_compatible};
use super::error::{AnswerError, RejectReason};
use super::negotiated::{
    DtlsSrtp, LocalIce, NegotiatedCodec, NegotiatedSession, NegotiatedStream, RemoteAddress,
    RemoteIce, SdesSrtp, SrtpKeying, StreamState, TransportAddress, bundled_indexes,
    share_bundle_transport,
};
use super::scan::{MediaScan, SessionScan};
use super::sdes::SdesCrypto;
use crate::sdp::views::parse_pt;
use crate::sdp::{Crypto, Direction, SdpError, SessionDescription, Setup, TransportProtocol};

/// Who wrote which side of the exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// We offered, the remote answered.
    Offerer,
    /// The remote offered, we answered (an answer the application wrote).
    Answerer,
}

/// Checks an answer against its offer (RFC 3264 §6: m-line count and media,
/// formats offered, fmtp of H.264/AMR/telephone-event, directions, SDES tag
/// and suite, DTLS fingerprint and setup) and returns what the pair agrees,
/// seen from the offerer.
///
/// Useful to B2BUAs and SBCs that relay both, and to test answers.
///
/// # Errors
/// The first [`AnswerError`] found.
pub fn validate_answer(
    offer: &SessionDescription,
    answer: &SessionDescription,
) -> Result<NegotiatedSession, AnswerError> {
    complete(offer, answer, Role::Offerer, &[])
}

/// Every way `answer` breaks the offer/answer rules against `offer`, for
/// tools that report them all ([`validate_answer`] stops at the first).
///
/// In order: what makes either SDP unreadable (malformed `o=`, `c=`,
/// `a=group`... as [`AnswerError::Sdp`]), a different m-line count
/// (RFC 3264 §6), then, for each m-line the two share, its faults as
/// [`validate_answer`] checks them: a changed media type or protocol, or
/// an accepted disabled stream (RFC 3264 §6) alone; else the first format
/// or fmtp fault (§6.1), a direction the offer does not allow (§6.1) and
/// the SDES (RFC 4568 §7.1.2) or DTLS-SRTP (RFC 5763 §5) fault. At most
/// three errors per m-line plus three; empty exactly when
/// [`validate_answer`] accepts the pair. Cost: about twice that of
/// [`validate_answer`].
pub fn answer_violations(
    offer: &SessionDescription,
    answer: &SessionDescription,
) -> Vec<AnswerError> {
    let mut out = Vec::new();
    let (os, ans) = match (SessionScan::new(offer), SessionScan::new(answer)) {
        (Ok(os), Ok(ans)) => (os, ans),
        (os, ans) => {
            out.extend(os.err().map(AnswerError::Sdp));
            out.extend(ans.err().map(AnswerError::Sdp));
            return out;
        }
    };
    if let Err(e) = super::mids::check_groups(answer) {
        out.push(e.into());
    }
    if offer.media_count() != answer.media_count() {
        out.push(AnswerError::MediaCountMismatch {
            offered: offer.media_count(),
            answered: answer.media_count(),
        });
    }
    for sdp in [offer, answer] {
        if let Err(e) = sdp.origin() {
            out.push(e.into());
        }
    }
    for (i, (om, am)) in offer
        .media_descriptions()
        .zip(answer.media_descriptions())
        .enumerate()
    {
        match MediaScan::new(om, &os).and_then(|om| Ok((om, MediaScan::new(am, &ans)?))) {
            Ok((om, am)) => stream_violations(i, &om, &am, &mut out),
            Err(e) => out.push(e.into()),
        }
    }
    out
}

/// The faults of one answered m-line, for [`answer_violations`]: a changed
/// media or protocol, or an accepted disabled stream, alone (nothing else
/// can be compared); else the missing or first bad format or fmtp, a
/// direction the offer does not allow, and the SDES/DTLS fault, each as
/// [`stream`] finds them.
fn stream_violations(
    index: usize,
    om: &MediaScan<'_>,
    am: &MediaScan<'_>,
    out: &mut Vec<AnswerError>,
) {
    let first = out.len();
    let Err(e) = stream(index, om, am, Role::Offerer, None) else {
        return;
    };
    out.push(e);
    let stream_level = matches!(
        out.get(first),
        Some(
            AnswerError::MediaTypeMismatch { .. }
                | AnswerError::ProtocolMismatch { .. }
                | AnswerError::AcceptedDisabledStream { .. }
                | AnswerError::Sdp(_)
        )
    );
    if stream_level {
        return;
    }
    // `stream` stopped at its first fault: look for the later ones (the
    // first comes back once more, and is dropped).
    let allowed = om.direction.reversed();
    let mut later = Vec::new();
    if !allowed.contains(am.direction) {
        later.push(AnswerError::DirectionNotAllowed {
            index,
            offered: om.direction,
            answered: am.direction,
        });
    }
    if om.line.transport().is_rtp() {
        if let Err(e) = codecs(index, om, am, Role::Offerer) {
            later.push(e);
        }
    }
    let mut s = inactive_stream(index, om, StreamState::Active);
    if let Err(e) = keying(index, om, am, Role::Offerer, &mut s) {
        later.push(e);
    }
    for e in later {
        if !out[first..].contains(&e) {
            out.push(e);
        }
    }
}

/// Validates `answer` against `offer` and returns what was agreed.
/// `our_rejections[i]` is why we rejected stream `i` when we answered.
pub(crate) fn complete(
    offer: &SessionDescription,
    answer: &SessionDescription,
    role: Role,
    our_rejections: &[Option<RejectReason>],
) -> Result<NegotiatedSession, AnswerError> {
    let os = SessionScan::new(offer)?;
    let ans = SessionScan::new(answer)?;
    super::mids::check_groups(answer)?;
    if offer.media_count() != answer.media_count() {
        return Err(AnswerError::MediaCountMismatch {
            offered: offer.media_count(),
            answered: answer.media_count(),
        });
    }
    let version = |sdp: &SessionDescription| -> Result<u64, SdpError> {
        Ok(sdp.origin()?.map_or(0, |o| o.session_version))
    };
    let (offer_version, answer_version) = (version(offer)?, version(answer)?);
    let (local_version, remote_version) = match role {
        Role::Offerer => (offer_version, answer_version),
        Role::Answerer => (answer_version, offer_version),
    };
    let mut streams = Vec::with_capacity(offer.media_count());
    for (i, (om, am)) in offer
        .media_descriptions()
        .zip(answer.media_descriptions())
        .enumerate()
    {
        let om = MediaScan::new(om, &os)?;
        let am = MediaScan::new(am, &ans)?;
        let rejected = our_rejections.get(i).copied().flatten();
        streams.push(stream(i, &om, &am, role, rejected)?);
    }
    let bundle_group = match ans.bundle {
        Some(ids) if os.bundle.is_some() => {
            let mids: Vec<&str> = ids.split_ascii_whitespace().collect();
            bundled_indexes(&streams, &mids)
        }
        _ => Vec::new(),
    };
    share_bundle_transport(&mut streams, &bundle_group);
    Ok(NegotiatedSession {
        streams,
        bundle_group,
        local_version,
        remote_version,
    })
}

fn stream(
    index: usize,
    om: &MediaScan<'_>,
    am: &MediaScan<'_>,
    role: Role,
    our_rejection: Option<RejectReason>,
) -> Result<NegotiatedStream, AnswerError> {
    if !om.line.media.eq_ignore_ascii_case(am.line.media) {
        return Err(AnswerError::MediaTypeMismatch { index });
    }
    if !om.line.proto.eq_ignore_ascii_case(am.line.proto) {
        return Err(AnswerError::ProtocolMismatch { index });
    }
    let (local, remote) = match role {
        Role::Offerer => (om, am),
        Role::Answerer => (am, om),
    };
    let mut s = inactive_stream(index, om, StreamState::Active);
    if s.mid.is_none() {
        s.mid = am.mid.map(str::to_owned);
    }
    let offer_disabled = om.line.port == 0 && !om.bundle_only;
    if offer_disabled {
        if am.line.port != 0 {
            return Err(AnswerError::AcceptedDisabledStream { index });
        }
        s.state = StreamState::Disabled;
        return Ok(s);
    }
    if am.line.port == 0 {
        s.state = match role {
            Role::Offerer => StreamState::RejectedByRemote,
            // A port-0 `bundle-only` offer we did not reject: we do not do
            // BUNDLE, so to us it was disabled (RFC 9143 §7.3.3).
            Role::Answerer if our_rejection.is_none() && om.line.port == 0 => StreamState::Disabled,
            Role::Answerer => {
                StreamState::Rejected(our_rejection.unwrap_or(RejectReason::NoCommonFormat))
            }
        };
        return Ok(s);
    }
    if am.line.formats().next().is_none() {
        return Err(AnswerError::NoFormat { index });
    }
    let allowed = om.direction.reversed();
    if !allowed.contains(am.direction) {
        return Err(AnswerError::DirectionNotAllowed {
            index,
            offered: om.direction,
            answered: am.direction,
        });
    }
    s.direction = match role {
        Role::Offerer => om.direction & am.direction.reversed(),
        Role::Answerer => am.direction,
    };
    // Who holds whom (RFC 3264 §8.4): a side holds the other when its SDP
    // drops RECV on its own account (as the offerer, or against an offer
    // that wanted to send), or when it says `c=0.0.0.0` (no RTP to it).
    let (local_dir, remote_dir) = (local.direction, remote.direction);
    s.holding_remote = (!local_dir.contains(Direction::RECV)
        && (role == Role::Offerer || remote_dir.contains(Direction::SEND)))
        || local.is_old_style_hold();
    s.held_by_remote = (!remote_dir.contains(Direction::RECV)
        && (role == Role::Answerer || local_dir.contains(Direction::SEND)))
        || remote.is_old_style_hold();
    if om.line.transport().is_rtp() {
        (s.codecs, s.extra_formats) = codecs(index, om, am, role)?;
    } else if !am
        .line
        .formats()
        .any(|f| om.line.formats().any(|o| o.eq_ignore_ascii_case(f)))
    {
        // Extra formats are allowed (RFC 3264 §6.1); none of the offer's is not.
        return Err(AnswerError::FormatNotOffered {
            index,
            format: am.line.formats().next().unwrap_or("").to_owned(),
        });
    }
    keying(index, om, am, role, &mut s)?;
    s.local_port = local.line.port;
    s.rtcp_mux = om.rtcp_mux && am.rtcp_mux;
    let local_ice = local.ice_ufrag.is_some() && local.ice_pwd.is_some();
    remote_side(&mut s, remote, local_ice, true);
    if let (true, Some(ufrag), Some(pwd)) = (s.ice.is_some(), local.ice_ufrag, local.ice_pwd) {
        s.local_ice = Some(LocalIce {
            ufrag: ufrag.to_owned(),
            pwd: pwd.to_owned(),
        });
    }
    s.ice_mismatch = am.ice_mismatch_attribute;
    Ok(s)
}

/// Fills what the remote SDP says about where and how to send: RTP and
/// RTCP addresses (RFC 3605, RFC 5761), ptime, bandwidth, ICE credentials.
/// `s.rtcp_mux` must be set first.
/// With `session_ptime`, a session-level `a=ptime` applies to a stream
/// without its own (the leniency of the same name).
pub(crate) fn remote_side(
    s: &mut NegotiatedStream,
    remote: &MediaScan<'_>,
    local_ice: bool,
    session_ptime: bool,
) {
    // `c=0.0.0.0` without ICE (RFC 3264 §8.4): "neither RTP nor RTCP
    // should be sent to the peer", so there is no destination.
    let remote_address = remote
        .connection
        .filter(|_| !remote.is_old_style_hold())
        .map(|c| RemoteAddress::from(c.address));
    if let Some(address) = &remote_address {
        s.remote_rtp = Some(TransportAddress {
            address: address.clone(),
            port: remote.line.port,
        });
    }
    if !s.rtcp_mux {
        s.remote_rtcp = match (remote.rtcp, &remote_address) {
            (Some(r), _) if r.connection.is_some() => r.connection.map(|c| TransportAddress {
                address: RemoteAddress::from(c.address),
                port: r.port,
            }),
            (Some(r), Some(a)) => Some(TransportAddress {
                address: a.clone(),
                port: r.port,
            }),
            (None, Some(a)) => remote
                .line
                .port
                .checked_add(1)
                .map(|port| TransportAddress {
                    address: a.clone(),
                    port,
                }),
            _ => None,
        };
    }
    s.ptime = remote
        .ptime
        .or(remote.session_ptime.filter(|_| session_ptime));
    s.maxptime = remote.maxptime;
    s.bandwidth_kbps = remote.bandwidth_kbps;
    if let (true, Some(ufrag), Some(pwd)) = (local_ice, remote.ice_ufrag, remote.ice_pwd) {
        s.ice = Some(RemoteIce {
            ufrag: ufrag.to_owned(),
            pwd: pwd.to_owned(),
            lite: remote.ice_lite,
        });
    }
}

/// A stream not (yet) active: everything empty.
pub(crate) fn inactive_stream(
    index: usize,
    scan: &MediaScan<'_>,
    state: StreamState,
) -> NegotiatedStream {
    NegotiatedStream {
        index,
        media: scan.line.media_type(),
        mid: scan.mid.map(str::to_owned),
        state,
        direction: Direction::INACTIVE,
        held_by_remote: false,
        holding_remote: false,
        local_port: 0,
        codecs: Vec::new(),
        extra_formats: Vec::new(),
        remote_rtp: None,
        remote_rtcp: None,
        rtcp_mux: false,
        ptime: None,
        maxptime: None,
        bandwidth_kbps: None,
        sdes: None,
        dtls: None,
        ice: None,
        local_ice: None,
        ice_restart: false,
        ice_mismatch: false,
    }
}

/// The agreed formats, in the answer's order.
///
/// Formats the offer did not list are allowed (RFC 3264 §6.1: the answer
/// "MAY indicate additional media formats, not listed in the corresponding
/// stream in the offer, that the answerer is willing to send or receive"):
/// they are returned apart, never used to send in this exchange. An answer
/// with none of the offer's formats, or one that gives an offered payload
/// type another encoding, is still refused.
fn codecs(
    index: usize,
    om: &MediaScan<'_>,
    am: &MediaScan<'_>,
    role: Role,
) -> Result<(Vec<NegotiatedCodec>, Vec<NegotiatedCodec>), AnswerError> {
    let offered = OfferedPts::new(om);
    let mut out = Vec::new();
    let mut extra = Vec::new();
    let mut first_extra = None;
    // Each payload type once, however often the answer lists it: the
    // work stays linear in the answer whatever its shape.
    let mut seen = 0u128;
    for f in am.line.formats() {
        let not_offered = || AnswerError::FormatNotOffered {
            index,
            format: f.to_owned(),
        };
        let pt = parse_pt(f).ok_or_else(not_offered)?;
        if seen & (1u128 << pt) != 0 {
            continue;
        }
        seen |= 1u128 << pt;
        let answered = Encoding::resolve(pt, am.rtpmap(pt)?);
        let Some(offered_pt) = offered_payload_type(om, &offered, pt, answered)? else {
            if offered.contains(pt) {
                // An offered number with another meaning (RFC 3264 §8.3.2).
                return Err(not_offered());
            }
            first_extra.get_or_insert_with(not_offered);
            let e = answered.unwrap_or(Encoding {
                name: "",
                clock_rate: 0,
                channels: 1,
            });
            let fmtp = am.fmtp(pt).map(Arc::from);
            extra.push(NegotiatedCodec {
                encoding_name: Arc::from(e.name),
                clock_rate: e.clock_rate,
                channels: e.channels,
                send_payload_type: pt,
                recv_payload_type: pt,
                send_fmtp: fmtp.clone(),
                recv_fmtp: fmtp,
            });
            continue;
        };
        let enc = match answered {
            Some(e) => e,
            None => Encoding::resolve(offered_pt, om.rtpmap(offered_pt)?).unwrap_or(Encoding {
                name: "",
                clock_rate: 0,
                channels: 1,
            }),
        };
        let (offer_fmtp, answer_fmtp) = (om.fmtp(offered_pt), am.fmtp(pt));
        if !fmtp_compatible(enc.name, offer_fmtp, answer_fmtp) {
            return Err(AnswerError::FmtpMismatch {
                index,
                payload_type: pt,
            });
        }
        let ((local_pt, local_fmtp), (remote_pt, remote_fmtp)) = match role {
            Role::Offerer => ((offered_pt, offer_fmtp), (pt, answer_fmtp)),
            Role::Answerer => ((pt, answer_fmtp), (offered_pt, offer_fmtp)),
        };
        out.push(NegotiatedCodec {
            encoding_name: Arc::from(enc.name),
            clock_rate: enc.clock_rate,
            channels: enc.channels,
            send_payload_type: remote_pt,
            recv_payload_type: local_pt,
            send_fmtp: remote_fmtp.map(Arc::from),
            recv_fmtp: local_fmtp.map(Arc::from),
        });
    }
    match first_extra {
        Some(e) if out.is_empty() => Err(e),
        _ => Ok((out, extra)),
    }
}

/// The offer's payload type for an answered one: the same number when it
/// names the same encoding, else the offer's number for that encoding
/// (RFC 3264 §6.1 lets the answer renumber).
fn offered_payload_type(
    om: &MediaScan<'_>,
    offered: &OfferedPts,
    pt: u8,
    answered: Option<Encoding<'_>>,
) -> Result<Option<u8>, SdpError> {
    if offered.contains(pt) {
        let theirs = Encoding::resolve(pt, om.rtpmap(pt)?);
        match (answered, theirs) {
            (Some(a), Some(t)) if a.same_format(&t) => {
                return Ok(Some(pt));
            }
            (None, _) | (_, None) => return Ok(Some(pt)),
            _ => {}
        }
    }
    let Some(a) = answered else { return Ok(None) };
    for &p in &offered.order {
        if let Some(e) = Encoding::resolve(p, om.rtpmap(p)?) {
            if e.same_format(&a) {
                return Ok(Some(p));
            }
        }
    }
    Ok(None)
}

/// The payload types of an offered m-line, read once: a set for lookups
/// and the distinct ones in offer order (at most 128, however long the
/// m-line).
struct OfferedPts {
    set: u128,
    order: smallvec::SmallVec<[u8; 16]>,
}

impl OfferedPts {
    fn new(om: &MediaScan<'_>) -> Self {
        let mut o = OfferedPts {
            set: 0,
            order: smallvec::SmallVec::new(),
        };
        for p in om.line.formats().filter_map(parse_pt) {
            if !o.contains(p) {
                o.set |= 1u128 << p;
                o.order.push(p);
            }
        }
        o
    }

    fn contains(&self, pt: u8) -> bool {
        self.set & (1u128 << (pt & 0x7f)) != 0
    }
}

/// SDES and DTLS-SRTP checks (RFC 4568 §7.1.2, RFC 5763 §5).
fn keying(
    index: usize,
    om: &MediaScan<'_>,
    am: &MediaScan<'_>,
    role: Role,
    s: &mut NegotiatedStream,
) -> Result<(), AnswerError> {
    let transport = om.line.transport();
    // DTLS keys DTLS-SRTP and the SCTP of data channels alike (RFC 8841).
    if transport.is_dtls_srtp() || transport == TransportProtocol::DtlsSctp {
        let fp = am.fingerprint.ok_or(AnswerError::DtlsMismatch { index })?;
        // RFC 4145 §4.1: an answer without a=setup means passive.
        let answer_setup = am.setup.unwrap_or(Setup::Passive);
        if answer_setup == Setup::Actpass {
            return Err(AnswerError::DtlsMismatch { index });
        }
        let local_setup = match role {
            Role::Answerer => answer_setup,
            Role::Offerer => match answer_setup {
                Setup::Active => Setup::Passive,
                Setup::Passive => Setup::Active,
                other => other,
            },
        };
        let remote_fp = match role {
            Role::Offerer => Some(fp),
            Role::Answerer => om.fingerprint,
        };
        if let Some(fp) = remote_fp {
            s.dtls = Some(DtlsSrtp {
                remote_hash_function: fp.hash_function.to_ascii_lowercase(),
                remote_fingerprint: fp.fingerprint.to_owned(),
                local_setup,
            });
        }
        return Ok(());
    }
    if !(transport.is_sdes_srtp() || am.has_crypto) {
        return Ok(());
    }
    let mismatch = AnswerError::CryptoMismatch { index };
    // RFC 4568 §7.1.2: one crypto line in the answer, with a tag and suite
    // of the offer, and a key usable for that suite.
    let answered: Crypto<'_> = am.cryptos().next().ok_or(mismatch.clone())??;
    let answered = SdesCrypto::read(&answered)
        .map_err(|reason| AnswerError::InvalidCrypto { index, reason })?;
    let offered = om
        .cryptos()
        .filter_map(Result::ok)
        .find(|c| c.tag == answered.tag)
        .and_then(|c| SdesCrypto::read(&c).ok())
        .filter(|c| c.suite == answered.suite)
        .ok_or(mismatch)?;
    let (local, remote) = match role {
        Role::Offerer => (offered, answered),
        Role::Answerer => (answered, offered),
    };
    s.sdes = Some(SdesSrtp {
        suite: local.suite,
        tag: local.tag,
        send: SrtpKeying {
            master_keys: local.keys.into_vec(),
            session_params: local.params,
        },
        receive: SrtpKeying {
            master_keys: remote.keys.into_vec(),
            session_params: remote.params,
        },
    });
    Ok(())
}
