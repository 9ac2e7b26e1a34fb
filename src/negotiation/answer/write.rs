//! Writing the answer: session lines, BUNDLE and other groups, each m-line.

use super::*;

pub(super) fn bundle_group<'o>(
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

pub(super) fn write(
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
