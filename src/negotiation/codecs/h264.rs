//! H.264 fmtp rules (RFC 6184 §8.1, §8.2.2): packetization-mode must be
//! equal; profile-level-id must name the same profile; the answer's level
//! is the lower of both unless level asymmetry is allowed.

use std::borrow::Cow;

use crate::sdp::FmtpParameters;

/// RFC 6184 §8.1 default when profile-level-id is absent: Baseline, level 1.0.
const DEFAULT_PLID: &str = "42000a";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    ConstrainedBaseline,
    Baseline,
    Main,
    Extended,
    High,
    ConstrainedHigh,
    PredictiveHigh444,
    /// Any other (profile_idc, profile-iop): compared exactly.
    Other(u8, u8),
}

/// (profile_idc, mask over profile-iop, value under mask, profile): the
/// classification WebRTC uses (RFC 6184 §8.1 Table 5).
const TABLE: [(u8, u8, u8, Profile); 9] = [
    (0x42, 0b0100_1111, 0b0100_0000, Profile::ConstrainedBaseline),
    (0x4D, 0b1000_1111, 0b1000_0000, Profile::ConstrainedBaseline),
    (0x58, 0b1100_1111, 0b1100_0000, Profile::ConstrainedBaseline),
    (0x42, 0b0100_1111, 0b0000_0000, Profile::Baseline),
    (0x58, 0b1100_1111, 0b1000_0000, Profile::Baseline),
    (0x58, 0b1100_1111, 0b0000_0000, Profile::Extended),
    (0x4D, 0b1010_1111, 0b0000_0000, Profile::Main),
    (0x64, 0b1111_1111, 0b0000_0000, Profile::High),
    (0x64, 0b1111_1111, 0b0000_1100, Profile::ConstrainedHigh),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ProfileLevelId {
    profile: Profile,
    level: u8,
}

fn parse_plid(s: &str) -> Option<ProfileLevelId> {
    let s = s.trim();
    if s.len() != 6 || !s.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(s.get(i..i + 2)?, 16).ok();
    let (idc, iop, level) = (byte(0)?, byte(2)?, byte(4)?);
    let profile = if idc == 0xF4 && iop == 0 {
        Profile::PredictiveHigh444
    } else {
        TABLE
            .iter()
            .find(|(i, mask, value, _)| *i == idc && iop & mask == *value)
            .map_or(Profile::Other(idc, iop), |t| t.3)
    };
    Some(ProfileLevelId { profile, level })
}

fn params(fmtp: Option<&str>) -> (Option<ProfileLevelId>, &str, bool) {
    let p = FmtpParameters::new(fmtp.unwrap_or(""));
    let plid = parse_plid(p.clone().get("profile-level-id").unwrap_or(DEFAULT_PLID));
    let mode = p.clone().get("packetization-mode").map_or("0", str::trim);
    let asym = p
        .get("level-asymmetry-allowed")
        .is_some_and(|v| v.trim() == "1");
    (plid, mode, asym)
}

pub(super) fn compatible(offered: Option<&str>, ours: Option<&str>) -> bool {
    let (theirs, their_mode, _) = params(offered);
    let (mine, my_mode, _) = params(ours);
    match (theirs, mine) {
        (Some(t), Some(m)) => same_profile(t.profile, m.profile) && their_mode == my_mode,
        _ => false,
    }
}

/// The same profile, counting Baseline and Constrained Baseline as one:
/// SIP phones offer `42801f`/`42001f` for streams every constrained-baseline
/// decoder plays (PJSIP and Linphone match on profile_idc the same way).
fn same_profile(a: Profile, b: Profile) -> bool {
    use Profile::{Baseline, ConstrainedBaseline};
    a == b
        || matches!(
            (a, b),
            (Baseline, ConstrainedBaseline) | (ConstrainedBaseline, Baseline)
        )
}

/// Our fmtp with profile-level-id set to the offer's profile (so the answer
/// names the same profile, RFC 6184 §8.2.2) at the negotiated level: the
/// lower of both, or ours when both allow level asymmetry.
pub(super) fn answer_fmtp<'a>(
    offered: Option<&'a str>,
    ours: Option<&'a str>,
) -> Option<Cow<'a, str>> {
    let (theirs, _, their_asym) = params(offered);
    let (mine, _, my_asym) = params(ours);
    let (Some(t), Some(m)) = (theirs, mine) else {
        return ours.map(Cow::Borrowed);
    };
    let level = if their_asym && my_asym {
        m.level
    } else {
        t.level.min(m.level)
    };
    let ours = ours.unwrap_or("");
    let their_plid = FmtpParameters::new(offered.unwrap_or(""))
        .get("profile-level-id")
        .unwrap_or(DEFAULT_PLID);
    let my_plid = FmtpParameters::new(ours)
        .get("profile-level-id")
        .unwrap_or(DEFAULT_PLID);
    let profile = their_plid.get(..4).unwrap_or("42e0");
    if level == m.level
        && my_plid
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(profile))
    {
        return Some(Cow::Borrowed(ours));
    }
    let plid = format!("{profile}{level:02x}");
    let mut out = String::with_capacity(ours.len() + 24);
    let mut wrote_plid = false;
    for p in FmtpParameters::new(ours) {
        if !out.is_empty() {
            out.push(';');
        }
        match p.name {
            Some(n) if n.eq_ignore_ascii_case("profile-level-id") => {
                out.push_str("profile-level-id=");
                out.push_str(&plid);
                wrote_plid = true;
            }
            Some(n) => {
                out.push_str(n);
                out.push('=');
                out.push_str(p.value);
            }
            None => out.push_str(p.value),
        }
    }
    if !wrote_plid {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str("profile-level-id=");
        out.push_str(&plid);
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_classify_like_webrtc() {
        assert_eq!(
            parse_plid("42e01f").map(|p| p.profile),
            Some(Profile::ConstrainedBaseline)
        );
        assert_eq!(
            parse_plid("42001f").map(|p| p.profile),
            Some(Profile::Baseline)
        );
        assert_eq!(parse_plid("4d001f").map(|p| p.profile), Some(Profile::Main));
        assert_eq!(
            parse_plid("640c1f").map(|p| p.profile),
            Some(Profile::ConstrainedHigh)
        );
        assert_eq!(
            parse_plid("42801F").map(|p| p.profile),
            Some(Profile::Baseline)
        );
        assert_eq!(parse_plid("zz"), None);
    }

    #[test]
    fn packetization_mode_and_profile_must_match() {
        let ours = Some("profile-level-id=42e01f;packetization-mode=1");
        assert!(compatible(
            Some("profile-level-id=42e01f;packetization-mode=1"),
            ours
        ));
        assert!(compatible(
            Some("profile-level-id=42e00d;packetization-mode=1"),
            ours
        ));
        assert!(!compatible(Some("profile-level-id=42e01f"), ours));
        assert!(!compatible(
            Some("profile-level-id=4d001f;packetization-mode=1"),
            ours
        ));
        assert!(compatible(
            Some("profile-level-id=42801F;packetization-mode=1"),
            ours
        ));
        assert!(!compatible(
            Some("profile-level-id=640c1f;packetization-mode=1"),
            ours
        ));
        assert!(!compatible(
            Some("profile-level-id=xyz;packetization-mode=1"),
            ours
        ));
    }

    #[test]
    fn answer_takes_the_lower_level() {
        let ours = Some("profile-level-id=42e01f;packetization-mode=1");
        assert_eq!(
            answer_fmtp(Some("profile-level-id=42e00d;packetization-mode=1"), ours).as_deref(),
            Some("profile-level-id=42e00d;packetization-mode=1")
        );
        assert_eq!(
            answer_fmtp(Some("profile-level-id=42e028;packetization-mode=1"), ours).as_deref(),
            ours
        );
        assert_eq!(
            answer_fmtp(
                Some("level-asymmetry-allowed=1;profile-level-id=42e00d;packetization-mode=1"),
                Some("level-asymmetry-allowed=1;profile-level-id=42e01f;packetization-mode=1")
            )
            .as_deref(),
            Some("level-asymmetry-allowed=1;profile-level-id=42e01f;packetization-mode=1")
        );
        assert_eq!(
            answer_fmtp(Some("profile-level-id=42801F;packetization-mode=1"), ours).as_deref(),
            Some("profile-level-id=42801f;packetization-mode=1")
        );
    }
}
