//! Format selection (RFC 3264 §6.1): which offered formats the answer lists.

use super::*;

/// The offered RTP formats we can read, in offer order (unknown dynamic
/// payload types without rtpmap and malformed rtpmaps cannot be matched).
fn offered_formats<'o>(
    scan: &MediaScan<'o>,
    leniency: Leniency,
) -> Result<SmallVec<[Offered<'o>; 16]>, crate::sdp::SdpError> {
    let mut out = SmallVec::new();
    // A payload type listed twice is read once (RFC 8866 §5.14 names each
    // format once; the repeat adds nothing and must not cost anything).
    let mut seen = 0u128;
    for f in scan.line.formats() {
        let Some(pt) = parse_pt(f) else { continue };
        if seen & (1u128 << pt) != 0 {
            continue;
        }
        seen |= 1u128 << pt;
        let rtpmap = scan.rtpmap(pt)?;
        let Some(mut encoding) = Encoding::resolve(pt, rtpmap) else {
            continue;
        };
        let mut channels = rtpmap.and_then(|r| r.channels);
        if leniency.opus_without_channels
            && channels.is_none()
            && encoding.clock_rate == 48000
            && encoding.name.eq_ignore_ascii_case("opus")
        {
            // RFC 7587 §7: opus is always `opus/48000/2`; answered so.
            encoding.channels = 2;
            channels = Some(2);
        }
        let fmtp = scan.fmtp(pt);
        out.push(Offered {
            pt,
            encoding,
            role: encoding.role(),
            channels,
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
    lenient_g722: bool,
) -> Option<(&'c Codec, Option<FmtpKey>)> {
    let mut key = None;
    let g722_16k = lenient_g722
        && o.encoding.clock_rate == 16000
        && o.encoding.name.eq_ignore_ascii_case("G722");
    let codec = cap.codecs.iter().find(|c| {
        (o.encoding.same_as(&c.name, c.clock_rate, c.channels)
            || (g722_16k && c.clock_rate == 8000 && o.encoding.same_as(&c.name, 16000, c.channels)))
            && (o.fmtp == c.fmtp.as_deref()
                || key.get_or_insert_with(|| o.key()).compatible(&c.key))
    })?;
    Some((codec, key))
}

/// RFC 3264 §6.1 format selection for an RTP stream: media codecs first
/// (offer or local order, all or the first), then telephone-event and CN
/// per chosen clock rate, RTX for chosen codecs, RED/FEC.
pub(super) fn choose_formats<'o, 'c: 'o>(
    scan: &MediaScan<'o>,
    cap: &'c MediaCapability,
    caps: &LocalCapabilities,
) -> Result<ChosenFormats<'o, 'c>, Fail> {
    let limit = match (scan.bandwidth(), cap.bandwidth_kbps) {
        (Some(a), Some(b)) => Some(a.min(u64::from(b))),
        (a, b) => a.or(b.map(u64::from)),
    };
    let offered = offered_formats(scan, caps.leniency)?;
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
        let Some((codec, key)) = find_codec(cap, o, caps.leniency.g722_clock_16000) else {
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
        let Some((codec, key)) = find_codec(cap, o, caps.leniency.g722_clock_16000) else {
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
            .find_map(|o| {
                find_codec(cap, o, caps.leniency.g722_clock_16000)
                    .map(|(codec, key)| (o, codec, key))
            });
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
pub(super) fn check_non_rtp_formats<'o, 'c>(
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
