//! The `a=` lines of one section (session or media), read through their
//! typed views, and the `a=mid`/`a=group` cross-checks (RFC 5888).

use std::collections::HashMap;

use super::{ProblemKind as K, Report, quote};
use crate::sdp::views::{
    Attribute, Candidate, Crypto, Direction, Fingerprint, Fmtp, Group, Rtcp, RtpMap, Setup,
    parse_ptime,
};

/// Which section the attributes belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    /// Before the first `m=`.
    Session,
    /// Under an `m=` line.
    Media,
}

/// What the media and cross-section checks need from one section.
#[derive(Default)]
pub(super) struct SectionInfo<'a> {
    /// Well-formed `a=rtpmap` values and their lines: the first per payload
    /// type (a second is reported as it is read), so at most 128.
    pub(super) rtpmaps: Vec<(RtpMap<'a>, usize)>,
    /// The payload types of `rtpmaps`.
    rtpmap_pts: u128,
    /// Formats of well-formed `a=fmtp` lines, and their lines.
    pub(super) fmtps: Vec<(&'a str, usize)>,
    /// `a=mid` values and their lines: the first of the section (a second
    /// is reported as it is read).
    pub(super) mids: Vec<(&'a str, usize)>,
    /// Well-formed `a=group` values and their lines.
    pub(super) groups: Vec<(Group<'a>, usize)>,
}

/// Attributes defined for media level only, with the section defining them.
const MEDIA_ONLY: [(&str, &str); 8] = [
    ("rtpmap", "RFC 8866 §6.6"),
    ("fmtp", "RFC 8866 §6.15"),
    ("ptime", "RFC 8866 §6.4"),
    ("maxptime", "RFC 8866 §6.5"),
    ("rtcp", "RFC 3605 §2.1"),
    ("crypto", "RFC 4568 §9"),
    ("candidate", "RFC 8839 §5.1"),
    ("mid", "RFC 5888 §4"),
];

/// Checks each attribute of a section and collects what later checks need.
pub(super) fn check_section<'a>(
    attrs: impl Iterator<Item = Attribute<'a>>,
    level: Level,
    r: &mut Report,
) -> SectionInfo<'a> {
    let mut info = SectionInfo::default();
    let mut direction_line: Option<usize> = None;
    for a in attrs {
        let n = a.line();
        let name = a.name();
        let value = a.value().unwrap_or("");
        if level == Level::Session {
            if let Some((_, rfc)) = MEDIA_ONLY.iter().find(|(m, _)| *m == name) {
                r.warning(
                    n,
                    K::MediaAttributeAtSessionLevel,
                    format!("a={name} is a media-level attribute ({rfc})"),
                );
            }
        } else if name == "group" {
            r.warning(
                n,
                K::GroupAtMediaLevel,
                "a=group is a session-level attribute (RFC 5888 §5)".to_owned(),
            );
        }
        match name {
            "rtpmap" => match RtpMap::parse(value, n) {
                Ok(map) if info.rtpmap_pts & (1u128 << (map.payload_type & 0x7f)) != 0 => {
                    let pt = map.payload_type;
                    r.error(
                        n,
                        K::DuplicateRtpmap,
                        format!("a second a=rtpmap for payload type {pt} (RFC 8866 §6.6)"),
                    );
                }
                Ok(map) => {
                    info.rtpmap_pts |= 1u128 << (map.payload_type & 0x7f);
                    info.rtpmaps.push((map, n));
                }
                Err(e) => r.invalid(&e, n, K::InvalidRtpmap),
            },
            "fmtp" => match Fmtp::parse(value, n) {
                Ok(f) => info.fmtps.push((f.format, n)),
                Err(e) => r.invalid(&e, n, K::InvalidFmtp),
            },
            "ptime" | "maxptime" => {
                let (field, rfc, invalid, decimal) = if name == "ptime" {
                    ("a=ptime", "RFC 8866 §6.4", K::InvalidPtime, K::DecimalPtime)
                } else {
                    (
                        "a=maxptime",
                        "RFC 8866 §6.5",
                        K::InvalidMaxptime,
                        K::DecimalMaxptime,
                    )
                };
                match parse_ptime(value, n, field) {
                    Err(e) => r.invalid(&e, n, invalid),
                    Ok(_) if value.contains('.') => r.warning(
                        n,
                        decimal,
                        format!("{field} has a decimal value, which some stacks refuse ({rfc})"),
                    ),
                    Ok(_) => {}
                }
            }
            "rtcp" => {
                if let Err(e) = Rtcp::parse(value, n) {
                    r.invalid(&e, n, K::InvalidRtcp);
                }
            }
            "crypto" => {
                if let Err(e) = Crypto::parse(value, n) {
                    r.invalid(&e, n, K::InvalidCrypto);
                }
            }
            "fingerprint" => match Fingerprint::parse(value, n) {
                Err(e) => r.invalid(&e, n, K::InvalidFingerprint),
                Ok(f) if f.hash_function.bytes().any(|b| b.is_ascii_uppercase()) => r.warning(
                    n,
                    K::UppercaseFingerprintHash,
                    format!(
                        "a=fingerprint hash name {} is upper-case; legal, but some stacks only match lower case (RFC 8122 §5)",
                        quote(f.hash_function)
                    ),
                ),
                Ok(_) => {}
            },
            "setup" => {
                if let Err(e) = Setup::parse(value, n) {
                    r.invalid(&e, n, K::InvalidSetup);
                }
            }
            "candidate" => {
                if let Err(e) = Candidate::parse(value, n) {
                    r.invalid(&e, n, K::InvalidCandidate);
                }
            }
            "group" => {
                let g = Group::parse(value);
                if g.semantics.is_empty() {
                    r.error(
                        n,
                        K::InvalidGroup,
                        "invalid a=group: missing semantics (RFC 5888 §5)".to_owned(),
                    );
                } else {
                    info.groups.push((g, n));
                }
            }
            "mid" => {
                let mid = value.trim_matches([' ', '\t']);
                if mid.is_empty() {
                    r.error(
                        n,
                        K::InvalidMid,
                        "invalid a=mid: missing identification tag (RFC 5888 §4)".to_owned(),
                    );
                } else if !crate::sdp::text::is_token(mid) {
                    r.error(
                        n,
                        K::InvalidMid,
                        "invalid a=mid: the identification tag is not a token (RFC 5888 §4, RFC 8866 §9)"
                            .to_owned(),
                    );
                } else if !info.mids.is_empty() {
                    r.error(
                        n,
                        K::SecondMid,
                        "more than one a=mid in this media description (RFC 5888 §4)".to_owned(),
                    );
                } else {
                    info.mids.push((mid, n));
                }
            }
            _ => {
                if Direction::from_attribute(name).is_some() {
                    match direction_line {
                        Some(first) => r.error(
                            n,
                            K::SecondDirection,
                            format!(
                                "a={name} is a second direction attribute in this section, after line {first} (RFC 3264 §5.1)"
                            ),
                        ),
                        None => direction_line = Some(n),
                    }
                }
            }
        }
    }
    info
}

/// `a=mid` values unique and one per media (RFC 5888 §4); every mid named by
/// an `a=group` carried by some m-line (RFC 5888 §5).
///
/// `mids` holds (value, line, m-line index) in source order.
pub(super) fn check_mids_and_groups(
    groups: &[(Group<'_>, usize)],
    mids: &[(&str, usize, usize)],
    r: &mut Report,
) {
    let mut first_by_value: HashMap<&str, usize> = HashMap::new();
    let mut last_media: Option<usize> = None;
    for &(mid, line, media) in mids {
        if last_media == Some(media) {
            r.error(
                line,
                K::SecondMid,
                "more than one a=mid in this media description (RFC 5888 §4)".to_owned(),
            );
        } else if let Some(first) = first_by_value.get(mid) {
            r.error(
                line,
                K::DuplicateMid,
                format!(
                    "a=mid:{} is already used on line {first} (RFC 5888 §4)",
                    quote(mid)
                ),
            );
        }
        first_by_value.entry(mid).or_insert(line);
        last_media = Some(media);
    }
    for (group, line) in groups {
        for mid in group.mids() {
            if !first_by_value.contains_key(mid) {
                r.error(
                    *line,
                    K::UnknownGroupMid,
                    format!(
                        "a=group:{} names mid {}, which no m-line carries (RFC 5888 §5)",
                        quote(group.semantics),
                        quote(mid)
                    ),
                );
            }
        }
    }
}
