//! Payload type numbers of an offer (RFC 3264 §8.3.2, RFC 8843 §9.1, RFC 4588 §8.6).

use super::*;

/// One format of an offered RTP stream. `apt` is set for an RTX format made
/// for one media codec: an `rtx` capability without `apt` is offered once per
/// media codec of its clock rate, as `a=fmtp:<pt> apt=<codec pt>` (RFC 4588
/// §8.6 makes `apt` mandatory; Chromium refuses an offer with an `rtx`
/// format lacking it: "Failed to set remote video description send parameters").
pub(super) struct Format<'c> {
    pub(super) pt: u8,
    pub(super) codec: &'c Codec,
    pub(super) apt: Option<u8>,
    /// The fmtp our previous SDP gave this payload type, written again so the
    /// number keeps its meaning (RFC 3264 §8.3.2).
    pub(super) session_fmtp: Option<&'c str>,
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
pub(super) fn assign_payload_types<'c>(
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
        .filter(|f| {
            crate::negotiation::codecs::Role::of(&f.codec.name)
                == crate::negotiation::codecs::Role::Main
        })
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
