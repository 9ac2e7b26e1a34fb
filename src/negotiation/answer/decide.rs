//! Accepting or rejecting one offered stream: media, transport, address
//! family, keying (RFC 4568, RFC 5763), ports.

use super::*;

use super::formats::{check_non_rtp_formats, choose_formats};
use crate::negotiation::sdes::{SdesCrypto, duplicate_tags};

/// How many streams of this answer each capability m-line carries, by its
/// index in [`LocalCapabilities::media`].
pub(super) type CapUses = SmallVec<[u8; 8]>;

/// Accept or reject one offered stream (RFC 3264 §6): against every
/// capability m-line of its media type that could carry it, in this order:
///
/// 1. the capability that carried this stream in the session (RFC 3264
///    §8.3.2: a stream keeps its meaning across re-offers);
/// 2. each capability not yet used by another stream of this answer, in
///    capability order;
/// 3. a used one, shared on a port 2 higher per extra stream.
///
/// The first that accepts takes the stream; when none does, the most
/// specific reason of all candidates names the rejection. Returns the
/// capability's index with the accepted stream.
pub(super) fn decide<'o, 'c: 'o>(
    scan: &MediaScan<'o>,
    p: &AnswerParams<'c>,
    uses: &CapUses,
) -> Result<(usize, Accept<'o, 'c>), Fail> {
    let caps = p.caps;
    if scan.is_disabled(caps.bundle) {
        return Err(Fail::Reject(RejectReason::DisabledInOffer));
    }
    let media = scan.line.media_type();
    let index = scan.media.index();
    let of_type = |k: &usize| caps.media.get(*k).is_some_and(|c| c.media == media);
    let previous = p
        .previous_caps
        .get(index)
        .copied()
        .flatten()
        .map(usize::from)
        .filter(of_type);
    let used = |k: usize| uses.get(k).copied().unwrap_or(0);
    let unused = (0..caps.media.len()).filter(|k| of_type(k) && used(*k) == 0);
    let shared = (0..caps.media.len()).filter(|k| of_type(k) && used(*k) > 0);
    let mut best: Option<RejectReason> = None;
    for k in previous.into_iter().chain(unused).chain(shared) {
        let Some(cap) = caps.media.get(k) else {
            continue;
        };
        let Some(fresh_port) = cap.port.checked_add(2 * u16::from(used(k))) else {
            continue;
        };
        match decide_with(scan, p, cap, fresh_port) {
            Ok(a) => return Ok((k, a)),
            Err(Fail::Reject(r)) => {
                if best.is_none_or(|b| r.rank() > b.rank()) {
                    best = Some(r);
                }
            }
            Err(e @ Fail::Sdp(_)) => return Err(e),
        }
    }
    Err(Fail::Reject(
        best.unwrap_or(RejectReason::UnsupportedMediaType),
    ))
}

/// Accept or reject one offered stream with capability `cap` on
/// `fresh_port`, checking in the order that names the most useful reason:
/// transport, address family, keying, formats, bandwidth.
fn decide_with<'o, 'c: 'o>(
    scan: &MediaScan<'o>,
    p: &AnswerParams<'c>,
    cap: &'c MediaCapability,
    fresh_port: u16,
) -> Result<Accept<'o, 'c>, Fail> {
    let caps = p.caps;
    let media = scan.line.media_type();
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
    if scan
        .connection
        .is_some_and(|c| !c.net_type.eq_ignore_ascii_case("IN"))
    {
        return Err(Fail::Reject(RejectReason::IncompatibleNetworkProtocol));
    }
    let family = match scan.connection.map(|c| c.address_type) {
        Some(AddressType::Ip6) if !caps.has_ip6() => {
            return Err(Fail::Reject(RejectReason::Ipv6NotSupported));
        }
        Some(AddressType::Ip6) => Family::Ip6,
        Some(AddressType::Ip4) if !caps.has_ip4() => {
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
    let offered_ice = scan.ice_ufrag.is_some() && scan.ice_pwd.is_some() && caps.ice.is_some();
    let ice_mismatch = offered_ice && scan.ice_mismatch();
    Ok(Accept {
        cap,
        port,
        family,
        direction,
        keying,
        formats,
        rtcp_mux: scan.rtcp_mux && caps.rtcp_mux,
        ice: offered_ice && !ice_mismatch,
        ice_mismatch,
        session_ptime: caps.leniency.session_level_ptime,
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
pub(super) fn distinct_ports(plans: &mut [Plan<'_, '_>], p: &AnswerParams<'_>) {
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

/// RFC 4568 SDES and RFC 5763 DTLS-SRTP against our policies ([`crate::manual::negotiation_rules`]).
fn keying<'o, 'c>(
    scan: &MediaScan<'o>,
    transport: TransportProtocol,
    caps: &'c LocalCapabilities,
) -> Result<Keying, RejectReason> {
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

/// The first usable offered crypto line whose suite we do (RFC 4568
/// §7.1.1: the offerer's order is its preference). Lines whose tag another
/// line of the m-line repeats are skipped (the answer's tag must name one
/// line), and so is any line [`SdesCrypto::read`] refuses.
fn sdes(scan: &MediaScan<'_>, caps: &LocalCapabilities) -> Option<Keying> {
    let duplicates = duplicate_tags(scan.cryptos().filter_map(Result::ok).map(|c| c.tag));
    scan.cryptos()
        .filter_map(Result::ok)
        .filter(|c| duplicates.binary_search(&c.tag).is_err())
        .find_map(|c| {
            let suite = crate::negotiation::sdes::SrtpSuite::from_name(c.suite)?;
            if !caps.has_sdes_suite(suite) {
                return None;
            }
            SdesCrypto::read(&c)
                .ok()
                .map(|offered| Keying::Sdes { offered })
        })
}
