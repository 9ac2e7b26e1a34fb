//! Writing the answer: session lines, BUNDLE and other groups, each m-line.

use super::*;

/// The answer's BUNDLE group: the offered ids (unique, checked before)
/// whose m-line we accept, in the offer's order; ids no m-line carries are
/// left out (RFC 9143 §7.3.1).
pub(super) fn bundle_group<'o>(
    plans: &[Plan<'o, '_>],
    session: &SessionScan<'o>,
    index: &MidIndex<'o>,
    caps: &LocalCapabilities,
) -> Option<Bundle<'o>> {
    if !caps.bundle {
        return None;
    }
    let ids = session.bundle?;
    let mut mids = Vec::new();
    let mut port = None;
    for id in ids.split_ascii_whitespace() {
        if let Some(Ok(a)) = index
            .get(id)
            .and_then(|i| plans.get(i))
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
    mids: &MidIndex<'_>,
    p: &AnswerParams<'_>,
    keys: &mut SessionKeys,
) -> Result<SessionDescription, crate::sdp::SdpError> {
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
    write_other_groups(&mut b, offer, plans, mids);
    for pl in plans {
        match &pl.outcome {
            Ok(a) => {
                let in_bundle = bundle
                    .as_ref()
                    .filter(|bd| pl.scan.mid.is_some_and(|m| bd.mids.contains(&m)));
                write_accepted(
                    &mut b,
                    pl,
                    a,
                    in_bundle.map(|bd| bd.port),
                    family,
                    caps,
                    keys,
                    p.ice,
                );
            }
            Err(_) => write_rejected(&mut b, &pl.scan),
        }
    }
    b.finish(&crate::sdp::ParseLimits::DEFAULT)
}

/// Echoes the offer's other groups we keep the semantics of (RFC 5888 §9.2):
/// `LS` (lip sync) and `FID` with the mids we accepted (when two or more
/// remain), `ANAT` (RFC 4091) as offered, its alternatives all staying in
/// the answer (one accepted, the others at port 0).
fn write_other_groups(
    b: &mut SdpBuilder,
    offer: &SessionDescription,
    plans: &[Plan<'_, '_>],
    index: &MidIndex<'_>,
) {
    let accepted = |mid: &str| {
        index
            .get(mid)
            .and_then(|i| plans.get(i))
            .is_some_and(|pl| pl.outcome.is_ok())
    };
    for a in offer.attributes().filter(|a| a.name() == "group") {
        let g = crate::sdp::Group::parse(a.value().unwrap_or(""));
        if g.is("ANAT") {
            // Only the ids of m-lines: an id no m-line carries is not echoed.
            b.line_with(b'a', |w| {
                w.push_str("group:ANAT");
                for m in g.mids().filter(|m| index.get(m).is_some()) {
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

/// A rejected m-line: port 0 and one format, the offer's first (RFC 3264
/// §6 needs only the port; RFC 8866 §5.14 wants at least one format, and
/// RFC 4317 §2.2 shows the first only), else `0` for RTP and `*` for
/// other protocols. One format keeps the answer small whatever the offer
/// listed.
fn write_rejected(b: &mut SdpBuilder, scan: &MediaScan<'_>) {
    let rtp = scan.line.transport().is_rtp();
    // An RTP format is a payload type: written as the number read (or 0).
    let (pt, token) = match scan.line.formats().next() {
        Some(f) if rtp => (parse_pt(f).unwrap_or(0), None),
        Some(f) => (0, Some(f)),
        None if rtp => (0, None),
        None => (0, Some("*")),
    };
    b.line_with(b'm', |w| {
        w.push_str(scan.line.media)
            .push_str(" 0 ")
            .push_str(scan.line.proto)
            .push_char(' ');
        match token {
            Some(t) => w.push_str(t),
            None => w.push_u64(u64::from(pt)),
        };
    });
    if let Some(mid) = scan.mid {
        b.line_with(b'a', |w| {
            w.push_str("mid:").push_str(mid);
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn write_accepted(
    b: &mut SdpBuilder,
    pl: &Plan<'_, '_>,
    a: &Accept<'_, '_>,
    bundle_port: Option<u16>,
    session_family: Family,
    caps: &LocalCapabilities,
    keys: &mut SessionKeys,
    p_ice: &crate::negotiation::ice::SessionIce,
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
            // Our spelling of each common format, once, in the offer's order.
            let mut written = 0u64;
            for f in scan.line.formats() {
                let Some(k) = a
                    .cap
                    .formats
                    .iter()
                    .take(64)
                    .position(|c| c.eq_ignore_ascii_case(f))
                else {
                    continue;
                };
                if written & (1u64 << k) == 0 {
                    written |= 1u64 << k;
                    w.push_char(' ').push_str(&a.cap.formats[k]);
                }
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
    if a.ice_mismatch {
        b.line(b'a', "ice-mismatch");
    } else if let (true, Some(ice), Some(creds)) =
        (a.ice, &caps.ice, p_ice.creds(scan.media.index(), caps))
    {
        writer::ice(
            b,
            ice,
            creds,
            a.cap.media,
            addr,
            port,
            rtcp_mux || !a.cap.is_rtp(),
        );
    }
    match &a.keying {
        Keying::Plain => {}
        Keying::Dtls { setup } => writer::dtls(b, caps, *setup),
        Keying::Sdes { offered, .. } => {
            // Our own key for the stream (RFC 4568 §7.1.2), the offered
            // tag and suite, and the declarative parameters we accept.
            if let Some(key) = caps.session_key(keys, scan.media.index(), offered.suite) {
                writer::crypto(
                    b,
                    offered.tag,
                    offered.suite,
                    key,
                    &offered.params.answered(),
                );
            }
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
        let offered_fb = wants_fb.then(|| OfferedFeedback::read(scan, &a.formats));
        for c in &a.formats {
            let o = &c.offered;
            writer::rtpmap(b, o.pt, o.encoding.name, o.encoding.clock_rate, o.channels);
            if let Some(f) = &c.fmtp {
                writer::fmtp(b, o.pt, f);
            }
            if let Some(offered_fb) = &offered_fb {
                write_rtcp_fb(b, offered_fb, c);
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

/// `a=extmap` for the offered header extensions we support, with the
/// offer's ids (RFC 8285 §6): each of our URIs once (the first offer of
/// it), its id read as a number 1..=255 and its direction reversed, our
/// URI text written, never the offer's.
fn write_extmaps(b: &mut SdpBuilder, scan: &MediaScan<'_>, cap: &MediaCapability) {
    if cap.extmaps.is_empty() {
        return;
    }
    let mut written = 0u64;
    for attr in scan.media.attributes().filter(|a| a.name() == "extmap") {
        let v = attr.value().unwrap_or("");
        let (id, rest) = crate::sdp::views::split_token(v);
        let (uri, _) = crate::sdp::views::split_token(rest);
        let Some(k) = cap.extmaps.iter().take(64).position(|u| &**u == uri) else {
            continue;
        };
        let (number, direction) = crate::sdp::text::split_once_byte(id, b'/');
        let Some(number) = crate::sdp::views::parse_u64(number).filter(|n| (1..=255).contains(n))
        else {
            continue;
        };
        let direction = match direction {
            None => None,
            Some(d) => match Direction::from_attribute(d) {
                Some(d) => Some(d.reversed()),
                None => continue,
            },
        };
        if written & (1u64 << k) != 0 {
            continue;
        }
        written |= 1u64 << k;
        b.line_with(b'a', |w| {
            w.push_str("extmap:").push_u64(number);
            if let Some(d) = direction.filter(|d| *d != Direction::SENDRECV) {
                w.push_char('/').push_str(d.attribute_name());
            }
            w.push_char(' ').push_str(&cap.extmaps[k]);
        });
    }
}

/// Which of our feedback types (RFC 4585 §4.2) the offer lists, for `*`
/// and per payload type: one pass over the section, then each answer
/// lookup is a bit test (the offer can list thousands of `a=rtcp-fb`).
struct OfferedFeedback<'c> {
    /// Our distinct feedback types over the chosen codecs (at most 64).
    ours: SmallVec<[&'c str; 8]>,
    /// Bit `k`: `ours[k]` offered for `*`.
    star: u64,
    /// Per payload type, the bits of `ours` offered for it.
    per_pt: [u64; 128],
}

impl<'c> OfferedFeedback<'c> {
    fn none() -> Self {
        OfferedFeedback {
            ours: SmallVec::new(),
            star: 0,
            per_pt: [0; 128],
        }
    }

    fn read(scan: &MediaScan<'_>, chosen: &[Chosen<'_, 'c>]) -> Self {
        let mut f = OfferedFeedback::none();
        let mut wanted = 0u128;
        for c in chosen.iter().filter(|c| !c.codec.rtcp_fb.is_empty()) {
            wanted |= 1u128 << c.offered.pt;
            for fb in &c.codec.rtcp_fb {
                if f.ours.len() < 64 && !f.ours.contains(&&**fb) {
                    f.ours.push(fb);
                }
            }
        }
        for a in scan.media.attributes().filter(|a| a.name() == "rtcp-fb") {
            let (fpt, rest) = crate::sdp::views::split_token(a.value().unwrap_or(""));
            let rest = crate::sdp::text::trim_ws_end(rest);
            let Some(k) = f.ours.iter().position(|o| *o == rest) else {
                continue;
            };
            let bit = 1u64 << k;
            match fpt {
                "*" => f.star |= bit,
                pt => match parse_pt(pt) {
                    Some(pt) if wanted & (1u128 << pt) != 0 => f.per_pt[usize::from(pt)] |= bit,
                    _ => {}
                },
            }
        }
        f
    }

    /// `true` when the offer lists feedback `fb` for `pt` (or for `*`).
    fn offered(&self, pt: u8, fb: &str) -> bool {
        let Some(k) = self.ours.iter().position(|o| *o == fb) else {
            return false;
        };
        let bits = self.star | self.per_pt[usize::from(pt & 0x7f)];
        bits & (1u64 << k) != 0
    }
}

/// `a=rtcp-fb` for the offered feedback types we support for this codec (RFC 4585 §4.2).
fn write_rtcp_fb(b: &mut SdpBuilder, offered: &OfferedFeedback<'_>, c: &Chosen<'_, '_>) {
    let pt = c.offered.pt;
    for fb in &c.codec.rtcp_fb {
        if offered.offered(pt, fb) {
            b.line_with(b'a', |w| {
                w.push_str("rtcp-fb:")
                    .push_u64(u64::from(pt))
                    .push_char(' ')
                    .push_str(fb);
            });
        }
    }
}
