//! Offer generation: the initial offer from capabilities, and re-offers
//! (RFC 3264 §8) that keep m-line count and order, payload types, ports and mids.

use super::capabilities::{Codec, LocalCapabilities, MediaCapability, SrtpPolicy};
use super::codecs::{Encoding, FmtpKey};
use super::error::NegotiationError;
use super::negotiated::NegotiatedSession;
use super::writer::{self, Family};
use crate::sdp::views::parse_pt;
use crate::sdp::{
    Direction, MediaDescription, MediaType, SdpBuilder, SessionDescription, Setup,
    TransportProtocol,
};

/// What an offer is built from.
pub(crate) struct OfferParams<'a> {
    pub(crate) caps: &'a LocalCapabilities,
    pub(crate) session_id: u64,
    pub(crate) version: u64,
    pub(crate) hold: &'a super::Hold,
    pub(crate) add: &'a [MediaType],
    pub(crate) remove: &'a [usize],
    pub(crate) local: Option<&'a SessionDescription>,
    pub(crate) remote: Option<&'a SessionDescription>,
    pub(crate) negotiated: Option<&'a NegotiatedSession>,
}

/// One m-line of the offer to write.
enum Slot<'a> {
    /// A stream from the capabilities (new, or kept from the session).
    Stream {
        cap: &'a MediaCapability,
        port: u16,
        mid: Option<String>,
        /// The session's m-line (payload types and proto to keep), for a kept stream.
        previous: Option<MediaDescription<'a>>,
        remote: Option<MediaDescription<'a>>,
    },
    /// A disabled m-line copied with port 0.
    Disabled(MediaDescription<'a>),
}

/// Builds an offer at version `p.version` (the negotiator re-versions it).
pub(crate) fn build_offer(p: &OfferParams<'_>) -> Result<SessionDescription, NegotiationError> {
    let slots = plan(p);
    let family = Family::preferred(p.caps);
    let mut b = SdpBuilder::with_capacity(1024, 64);
    writer::session_header(&mut b, p.caps, p.session_id, p.version, family);
    if p.caps.ice.as_ref().is_some_and(|i| i.lite) {
        b.line(b'a', "ice-lite");
    }
    if p.caps.bundle {
        let mids: Vec<&str> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Stream { mid: Some(m), .. } => Some(m.as_str()),
                _ => None,
            })
            .collect();
        if !mids.is_empty() {
            b.line_with(b'a', |w| {
                w.push_str("group:BUNDLE");
                for m in &mids {
                    w.push_char(' ').push_str(m);
                }
            });
        }
    }
    let extmaps = extmap_ids(p.caps, p.local);
    // Payload types given in earlier bundled m-lines (RFC 8843 §9.1).
    let mut bundle_pts = [false; 128];
    for (index, slot) in slots.iter().enumerate() {
        match slot {
            Slot::Disabled(m) => write_disabled(&mut b, m),
            Slot::Stream {
                cap,
                port,
                mid,
                previous,
                remote,
            } => {
                write_stream(
                    &mut b,
                    p,
                    index,
                    cap,
                    *port,
                    mid.as_deref(),
                    (*previous, *remote),
                    family,
                    &extmaps,
                    &mut bundle_pts,
                )?;
                if !p.caps.bundle {
                    bundle_pts = [false; 128];
                }
            }
        }
    }
    Ok(b.build())
}

/// Decides every m-line of the offer.
fn plan<'a>(p: &OfferParams<'a>) -> Vec<Slot<'a>> {
    let caps = p.caps;
    let mut slots = Vec::new();
    let mut per_kind: Vec<(MediaType, usize)> = Vec::new();
    let mut next_port = |media: MediaType| -> Option<(&'a MediaCapability, u16)> {
        let k = match per_kind.iter_mut().find(|(m, _)| *m == media) {
            Some((_, k)) => {
                *k += 1;
                *k - 1
            }
            None => {
                per_kind.push((media, 1));
                0
            }
        };
        caps.media_for(media, k)
    };
    let mut adds = p.add.iter().copied();
    let Some(local) = p.local else {
        let initial = caps.media.iter().map(|c| c.media).chain(adds);
        for (i, media) in initial.enumerate() {
            if let Some((cap, port)) = next_port(media) {
                let mid = caps.bundle.then(|| i.to_string());
                slots.push(Slot::Stream {
                    cap,
                    port,
                    mid,
                    previous: None,
                    remote: None,
                });
            }
        }
        return slots;
    };
    let mut pending_add: Option<MediaType> = adds.next();
    let mut used_mids: Vec<String> = local
        .media_descriptions()
        .filter_map(|m| {
            m.attribute("mid")
                .and_then(|a| a.value())
                .map(str::to_owned)
        })
        .collect();
    for (i, lm) in local.media_descriptions().enumerate() {
        let active = p
            .negotiated
            .and_then(|n| n.streams.get(i))
            .is_some_and(|s| s.is_active());
        let media = lm
            .media_line()
            .map(|l| l.media_type())
            .unwrap_or(MediaType::Other);
        let remote = p.remote.and_then(|r| r.media(i));
        if active && !p.remove.contains(&i) {
            let port = lm.media_line().map(|l| l.port).unwrap_or(0);
            if let Some((cap, fresh)) = next_port(media) {
                let mid = lm
                    .attribute("mid")
                    .and_then(|a| a.value())
                    .map(str::to_owned);
                let port = if port != 0 { port } else { fresh };
                slots.push(Slot::Stream {
                    cap,
                    port,
                    mid,
                    previous: Some(lm),
                    remote,
                });
                continue;
            }
        }
        if !active && !p.remove.contains(&i) {
            if let Some(media) = pending_add.take() {
                if let Some((cap, port)) = next_port(media) {
                    pending_add = adds.next();
                    let mid = caps.bundle.then(|| fresh_mid(&mut used_mids));
                    slots.push(Slot::Stream {
                        cap,
                        port,
                        mid,
                        previous: None,
                        remote: None,
                    });
                    continue;
                }
            }
        }
        slots.push(Slot::Disabled(lm));
    }
    for media in pending_add.into_iter().chain(adds) {
        if let Some((cap, port)) = next_port(media) {
            let mid = caps.bundle.then(|| fresh_mid(&mut used_mids));
            slots.push(Slot::Stream {
                cap,
                port,
                mid,
                previous: None,
                remote: None,
            });
        }
    }
    distinct_ports(&mut slots, caps);
    slots
}

/// A new stream never takes the port of another stream of the offer (a
/// kept one, or a new one before it): a reused slot before a kept stream
/// of its kind would otherwise get that stream's port (RFC 3264 §8.1).
fn distinct_ports(slots: &mut [Slot<'_>], caps: &LocalCapabilities) {
    for i in 0..slots.len() {
        let Slot::Stream {
            cap,
            previous: None,
            ..
        } = &slots[i]
        else {
            continue;
        };
        let media = cap.media;
        let taken = |port: u16| {
            slots.iter().enumerate().any(|(j, s)| {
                matches!(s, Slot::Stream { port: q, previous, .. }
                    if j != i && *q == port && (j < i || previous.is_some()))
            })
        };
        let Slot::Stream { port, .. } = &slots[i] else {
            continue;
        };
        let mut next = *port;
        let mut k = 0;
        while taken(next) {
            match caps.media_for(media, k) {
                Some((_, p)) => next = p,
                None => break,
            }
            k += 1;
        }
        if let Slot::Stream { port, .. } = &mut slots[i] {
            *port = next;
        }
    }
}

fn fresh_mid(used: &mut Vec<String>) -> String {
    let mut n = used.len();
    loop {
        let candidate = n.to_string();
        if !used.contains(&candidate) {
            used.push(candidate.clone());
            return candidate;
        }
        n += 1;
    }
}

fn write_disabled(b: &mut SdpBuilder, m: &MediaDescription<'_>) {
    let (media, proto, formats) = match m.media_line() {
        Ok(l) => (l.media, l.proto, l.formats),
        Err(_) => ("audio", "RTP/AVP", "0"),
    };
    b.line_with(b'm', |w| {
        w.push_str(media)
            .push_str(" 0 ")
            .push_str(proto)
            .push_char(' ')
            .push_str(if formats.is_empty() { "0" } else { formats });
    });
    if let Some(mid) = m.attribute("mid").and_then(|a| a.value()) {
        b.line_with(b'a', |w| {
            w.push_str("mid:").push_str(mid);
        });
    }
}

/// The RTP profile of a new stream (design.md §4.1).
fn rtp_proto(caps: &LocalCapabilities) -> &'static str {
    if caps.dtls == SrtpPolicy::Required {
        "UDP/TLS/RTP/SAVPF"
    } else if caps.sdes == SrtpPolicy::Required {
        "RTP/SAVP"
    } else {
        "RTP/AVP"
    }
}

#[allow(clippy::too_many_arguments)]
fn write_stream<'c>(
    b: &mut SdpBuilder,
    p: &OfferParams<'_>,
    index: usize,
    cap: &'c MediaCapability,
    port: u16,
    mid: Option<&str>,
    (previous, remote): (Option<MediaDescription<'c>>, Option<MediaDescription<'c>>),
    family: Family,
    extmaps: &[(&str, u16)],
    bundle_pts: &mut [bool; 128],
) -> Result<(), NegotiationError> {
    let caps = p.caps;
    let prev_line = previous.and_then(|m| m.media_line().ok());
    let proto: &str = match (&cap.protocol, prev_line) {
        (Some(proto), _) => proto,
        (None, Some(l)) => l.proto,
        (None, None) => rtp_proto(caps),
    };
    let transport = TransportProtocol::parse(proto);
    let pts = if cap.is_rtp() {
        assign_payload_types(cap, previous, remote, bundle_pts)?
    } else {
        Vec::new()
    };
    b.line_with(b'm', |w| {
        w.push_str(cap.media.as_str())
            .push_char(' ')
            .push_u64(u64::from(port))
            .push_char(' ')
            .push_str(proto);
        if cap.is_rtp() {
            for f in &pts {
                w.push_char(' ').push_u64(u64::from(f.pt));
            }
        } else {
            for f in &cap.formats {
                w.push_char(' ').push_str(f);
            }
        }
    });
    if let Some(kbps) = cap.bandwidth_kbps {
        writer::bandwidth_as(b, kbps);
    }
    if let Some(mid) = mid {
        b.line_with(b'a', |w| {
            w.push_str("mid:").push_str(mid);
        });
    }
    let addr = family.address(caps);
    if cap.rtcp_attribute && !caps.rtcp_mux && cap.is_rtp() {
        writer::rtcp(b, port.saturating_add(1), family, addr);
    }
    if let Some(ice) = &caps.ice {
        writer::ice(
            b,
            ice,
            cap.media,
            addr,
            port,
            caps.rtcp_mux || !cap.is_rtp(),
        );
    }
    if transport.is_dtls_srtp() || transport == TransportProtocol::DtlsSctp {
        writer::dtls(b, caps, Setup::Actpass);
    }
    let sdes = transport.is_sdes_srtp()
        || (transport.is_rtp() && !transport.is_dtls_srtp() && caps.sdes == SrtpPolicy::Optional);
    if sdes && caps.sdes != SrtpPolicy::Off {
        for (tag, key) in (1u32..).zip(&caps.sdes_keys) {
            writer::crypto(b, tag, key, "");
        }
    }
    if cap.is_rtp() {
        for uri in &cap.extmaps {
            let Some(&(_, id)) = extmaps.iter().find(|(u, _)| *u == &**uri) else {
                continue;
            };
            b.line_with(b'a', |w| {
                w.push_str("extmap:")
                    .push_u64(u64::from(id))
                    .push_char(' ')
                    .push_str(uri);
            });
        }
        let mut direction = cap.direction;
        if p.hold.holds(index) {
            direction.remove(Direction::RECV);
        }
        b.line(b'a', direction.attribute_name());
        if caps.rtcp_mux {
            b.line(b'a', "rtcp-mux");
        }
        for &Format {
            pt,
            codec,
            apt,
            session_fmtp,
        } in &pts
        {
            let channels = (codec.channels != 1).then_some(codec.channels);
            writer::rtpmap(b, pt, &codec.name, codec.clock_rate, channels);
            match (apt, session_fmtp.or(codec.fmtp.as_deref())) {
                (Some(apt), _) => b.line_with(b'a', |w| {
                    w.push_str("fmtp:")
                        .push_u64(u64::from(pt))
                        .push_str(" apt=")
                        .push_u64(u64::from(apt));
                }),
                (None, Some(f)) if !f.is_empty() => writer::fmtp(b, pt, f),
                (None, _) => {}
            }
            if transport.has_feedback() {
                for fb in &codec.rtcp_fb {
                    b.line_with(b'a', |w| {
                        w.push_str("rtcp-fb:")
                            .push_u64(u64::from(pt))
                            .push_char(' ')
                            .push_str(fb);
                    });
                }
            }
        }
        if let Some(d) = cap.ptime {
            writer::ptime(b, "ptime", d);
        }
        if let Some(d) = cap.maxptime {
            writer::ptime(b, "maxptime", d);
        }
    }
    for attr in &cap.attributes {
        b.line(b'a', attr);
    }
    Ok(())
}

/// RTP header extension ids of the offer (RFC 8285), one mapping for the
/// whole session: bundled m-lines share one RTP stream demultiplexer, so an
/// id must name the same extension in every one of them (RFC 8843 §9.2;
/// Chromium refuses an offer that maps one id to two URIs: "A BUNDLE group
/// contains a codec collision for header extension id=2"). Ids of our
/// previous SDP are kept (a re-offer does not remap them); other URIs take
/// the lowest free id, one-byte ids (1..=14, RFC 8285 §4.2) first.
fn extmap_ids<'a>(
    caps: &'a LocalCapabilities,
    local: Option<&'a SessionDescription>,
) -> Vec<(&'a str, u16)> {
    let mut ids: Vec<(&str, u16)> = Vec::new();
    let wanted = |uri: &str| {
        caps.media
            .iter()
            .any(|m| m.extmaps.iter().any(|u| &**u == uri))
    };
    for m in local.iter().flat_map(|l| l.media_descriptions()) {
        for attr in m.attributes().filter(|a| a.name() == "extmap") {
            let (id, rest) = crate::sdp::views::split_token(attr.value().unwrap_or(""));
            let (uri, _) = crate::sdp::views::split_token(rest);
            let id = id.split('/').next().and_then(|i| i.parse::<u16>().ok());
            if let Some(id) = id.filter(|i| (1..=255).contains(i)) {
                if wanted(uri) && !ids.iter().any(|(u, i)| *u == uri || *i == id) {
                    ids.push((uri, id));
                }
            }
        }
    }
    for uri in caps.media.iter().flat_map(|m| m.extmaps.iter()) {
        if ids.iter().any(|(u, _)| *u == &**uri) {
            continue;
        }
        if let Some(id) = (1u16..=255).find(|i| !ids.iter().any(|(_, t)| t == i)) {
            ids.push((uri, id));
        }
    }
    ids
}

/// One format of an offered RTP stream. `apt` is set for an RTX format made
/// for one media codec: an `rtx` capability without `apt` is offered once per
/// media codec of its clock rate, as `a=fmtp:<pt> apt=<codec pt>` (RFC 4588
/// §8.6 makes `apt` mandatory; Chromium refuses an offer with an `rtx`
/// format lacking it: "Failed to set remote video description send parameters").
struct Format<'c> {
    pt: u8,
    codec: &'c Codec,
    apt: Option<u8>,
    /// The fmtp our previous SDP gave this payload type, written again so the
    /// number keeps its meaning (RFC 3264 §8.3.2).
    session_fmtp: Option<&'c str>,
}

/// An `rtx` capability that names no `apt`: it stands for RTX of every media codec.
fn is_generic_rtx(c: &Codec) -> bool {
    c.name.eq_ignore_ascii_case("rtx")
        && c.fmtp
            .as_deref()
            .and_then(|f| crate::sdp::FmtpParameters::new(f).get("apt"))
            .is_none()
}

/// Payload types for each codec: the session's number for a codec already
/// negotiated (a PT never changes meaning, RFC 3264 §8.3.2), else the
/// codec's preferred or static number when free, else the lowest free
/// dynamic number (96..=127) not used by either side in this m-line. A
/// generic `rtx` capability gets one format per media codec ([`Format`]),
/// keeping the session's RTX number for that codec.
fn assign_payload_types<'c>(
    cap: &'c MediaCapability,
    previous: Option<MediaDescription<'c>>,
    remote: Option<MediaDescription<'c>>,
    elsewhere: &mut [bool; 128],
) -> Result<Vec<Format<'c>>, NegotiationError> {
    // Numbers other bundled m-lines of this offer use stay free of new meanings
    // (RFC 8843 §9.1: one payload type, one codec configuration per BUNDLE group).
    let mut used = *elsewhere;
    // (pt, encoding, fmtp, from our previous SDP)
    let mut known: Vec<(u8, Encoding<'c>, Option<&'c str>, bool)> = Vec::new();
    for (m, ours) in previous
        .iter()
        .map(|m| (m, true))
        .chain(remote.iter().map(|m| (m, false)))
    {
        if let Ok(line) = m.media_line() {
            for pt in line.formats().filter_map(parse_pt) {
                used[usize::from(pt)] = true;
                if let Some(e) = Encoding::resolve(pt, m.rtpmap(pt)) {
                    known.push((
                        pt,
                        e,
                        m.fmtp(line_format(line.formats, pt)).map(|f| f.params),
                        ours,
                    ));
                }
            }
        }
    }
    let mut out: Vec<Format<'c>> = Vec::with_capacity(cap.codecs.len());
    let mut taken = [false; 128];
    let mut pending: Vec<&Codec> = Vec::new();
    for codec in cap.codecs.iter().filter(|c| !is_generic_rtx(c)) {
        // A number the session gave this codec (same name, clock, channels
        // and compatible fmtp) is kept, with the fmtp our SDP gave it.
        let same = known.iter().find(|(pt, e, fmtp, _)| {
            e.same_as(&codec.name, codec.clock_rate, codec.channels)
                && !taken[usize::from(*pt)]
                && (*fmtp == codec.fmtp.as_deref()
                    || FmtpKey::read(&codec.name, *fmtp).compatible(&codec.key))
        });
        let preferred = codec
            .payload_type
            .filter(|&pt| !used[usize::from(pt)] && !taken[usize::from(pt)]);
        match (same, preferred) {
            (Some(&(pt, _, fmtp, ours)), _) => {
                taken[usize::from(pt)] = true;
                let session_fmtp = if ours { fmtp } else { None };
                out.push(Format {
                    pt,
                    codec,
                    apt: None,
                    session_fmtp,
                });
            }
            (None, Some(pt)) => {
                taken[usize::from(pt)] = true;
                out.push(Format {
                    pt,
                    codec,
                    apt: None,
                    session_fmtp: None,
                });
            }
            (None, None) => pending.push(codec),
        }
    }
    for codec in pending {
        let pt = (96u8..=127)
            .find(|&pt| !used[usize::from(pt)] && !taken[usize::from(pt)])
            .ok_or(NegotiationError::PayloadTypesExhausted)?;
        taken[usize::from(pt)] = true;
        out.push(Format {
            pt,
            codec,
            apt: None,
            session_fmtp: None,
        });
    }
    out.sort_by_key(|f| cap.codecs.iter().position(|k| std::ptr::eq(k, f.codec)));
    let mains: Vec<(u8, u32)> = out
        .iter()
        .filter(|f| super::codecs::Role::of(&f.codec.name) == super::codecs::Role::Main)
        .map(|f| (f.pt, f.codec.clock_rate))
        .collect();
    for rtx in cap.codecs.iter().filter(|c| is_generic_rtx(c)) {
        for &(apt, _) in mains.iter().filter(|(_, clock)| *clock == rtx.clock_rate) {
            let session_pt = rtx_payload_type(previous.iter().chain(remote.iter()), apt)
                .filter(|&pt| !taken[usize::from(pt)]);
            // RTX is optional: without a free number the codec goes without it.
            let Some(pt) = session_pt.or_else(|| {
                (96u8..=127).find(|&pt| !used[usize::from(pt)] && !taken[usize::from(pt)])
            }) else {
                break;
            };
            taken[usize::from(pt)] = true;
            out.push(Format {
                pt,
                codec: rtx,
                apt: Some(apt),
                session_fmtp: None,
            });
        }
    }
    for f in &out {
        elsewhere[usize::from(f.pt)] = true;
    }
    Ok(out)
}

/// The format token of `pt` as written on the m-line (`"0"`, `"96"`).
fn line_format(formats: &str, pt: u8) -> &str {
    formats
        .split_ascii_whitespace()
        .find(|f| parse_pt(f) == Some(pt))
        .unwrap_or("")
}

/// The RTX payload type the session's m-lines use for the codec at `apt`.
fn rtx_payload_type<'m>(
    mut media: impl Iterator<Item = &'m MediaDescription<'m>>,
    apt: u8,
) -> Option<u8> {
    media.find_map(|m| {
        m.rtpmaps()
            .filter_map(Result::ok)
            .filter(|r| r.encoding_name.eq_ignore_ascii_case("rtx"))
            .find(|r| {
                m.fmtps()
                    .filter_map(Result::ok)
                    .find(|f| parse_pt(f.format) == Some(r.payload_type))
                    .and_then(|f| f.get("apt"))
                    .and_then(|a| parse_pt(a.trim()))
                    == Some(apt)
            })
            .map(|r| r.payload_type)
    })
}

/// A copy of `sdp` whose `o=` line carries `version`.
pub(crate) fn with_version(sdp: &SessionDescription, version: u64) -> SessionDescription {
    let mut b = SdpBuilder::with_capacity(sdp.serialize().len() + 8, sdp.line_count());
    for l in sdp.lines() {
        match (l.letter(), crate::sdp::Origin::parse(l.value(), l.number())) {
            (b'o', Ok(o)) => b.line_with(b'o', |w| {
                w.push_str(o.username)
                    .push_char(' ')
                    .push_str(o.session_id)
                    .push_char(' ')
                    .push_u64(version);
                w.push_char(' ')
                    .push_str(o.net_type)
                    .push_char(' ')
                    .push_str(o.address_type.as_str())
                    .push_char(' ')
                    .push_str(o.address);
            }),
            (letter, _) => b.line(letter, l.value()),
        }
    }
    b.build()
}
