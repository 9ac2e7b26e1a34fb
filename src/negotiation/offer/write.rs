//! Writing one m-line of an offer.

use super::*;

use super::payload_types::{Format, assign_payload_types};

pub(super) fn write_disabled(b: &mut SdpBuilder, m: &MediaDescription<'_>) {
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

/// The RTP profile of a new stream (the capability SDP convention of
/// [`crate::manual::negotiation_rules`]).
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
pub(super) fn write_stream<'c>(
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
    keys: &mut SessionKeys,
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
    if let (Some(ice), Some(creds)) = (&caps.ice, p.ice.creds(index, caps)) {
        writer::ice(
            b,
            ice,
            creds,
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
        // One line per suite, each with this session's own key for the stream.
        for (tag, &suite) in (1u32..).zip(&caps.sdes_suites) {
            if let Some(key) = caps.session_key(keys, index, suite) {
                writer::crypto(b, tag, suite, key, &SrtpSessionParams::default());
            }
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
