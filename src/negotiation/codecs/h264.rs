//! H.264 fmtp rules (RFC 6184 §8.1, §8.2.2): packetization-mode must be
//! equal; profile-level-id must name the same profile; the answer's level
//! is the lower of both unless level asymmetry is allowed.

use std::borrow::Cow;

use super::{Family, Words, with_param};
use crate::sdp::FmtpParameters;

/// The H.264 family.
pub(super) struct H264;

impl Family for H264 {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("H264")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        Params::read(fmtp).to_words()
    }

    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        Params::from_words(theirs).compatible(&Params::from_words(ours))
    }

    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, mine): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        answer_fmtp(&Params::from_words(theirs), &Params::from_words(mine), ours)
    }
}

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
    /// profile_idc and profile-iop as written, for answers that echo the offer's profile.
    idc: u8,
    iop: u8,
    level: u8,
}

fn parse_plid(s: &str) -> Option<ProfileLevelId> {
    let s = crate::sdp::text::trim_ws(s).as_bytes();
    if s.len() != 6 {
        return None;
    }
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let byte = |i: usize| Some(hex(*s.get(i)?)? << 4 | hex(*s.get(i + 1)?)?);
    let (idc, iop, level) = (byte(0)?, byte(2)?, byte(4)?);
    Some(classify(idc, iop, level))
}

/// The profile of (profile_idc, profile-iop), at `level`.
fn classify(idc: u8, iop: u8, level: u8) -> ProfileLevelId {
    let profile = if idc == 0xF4 && iop == 0 {
        Profile::PredictiveHigh444
    } else {
        TABLE
            .iter()
            .find(|(i, mask, value, _)| *i == idc && iop & mask == *value)
            .map_or(Profile::Other(idc, iop), |t| t.3)
    };
    ProfileLevelId {
        profile,
        idc,
        iop,
        level,
    }
}

/// What an H.264 fmtp means for offer/answer, read once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Params {
    /// `None` when profile-level-id is unreadable: such a format matches nothing.
    plid: Option<ProfileLevelId>,
    /// packetization-mode (default 0); 255 when unreadable.
    mode: u8,
    asym: bool,
}

impl Params {
    /// profile-level-id (default `42000a`), packetization-mode (default 0)
    /// and level-asymmetry-allowed, in one pass.
    pub(crate) fn read(fmtp: Option<&str>) -> Params {
        let (mut plid, mut mode, mut asym) = (DEFAULT_PLID, 0u8, false);
        for p in FmtpParameters::new(fmtp.unwrap_or("")) {
            let Some(n) = p.name else { continue };
            if n.eq_ignore_ascii_case("profile-level-id") {
                plid = p.value;
            } else if n.eq_ignore_ascii_case("packetization-mode") {
                mode = crate::sdp::text::trim_ws(p.value).parse().unwrap_or(255);
            } else if n.eq_ignore_ascii_case("level-asymmetry-allowed") {
                asym = crate::sdp::text::trim_ws(p.value) == "1";
            }
        }
        Params {
            plid: parse_plid(plid),
            mode,
            asym,
        }
    }

    /// Packed into words: `[plid? | idc << 8 | iop << 16 | level << 24, mode, asym, 0]`.
    fn to_words(self) -> Words {
        let plid = self.plid.map_or(0, |p| {
            1 | u64::from(p.idc) << 8 | u64::from(p.iop) << 16 | u64::from(p.level) << 24
        });
        [plid, u64::from(self.mode), u64::from(self.asym), 0]
    }

    /// Unpacks [`Params::to_words`].
    fn from_words(w: &Words) -> Params {
        let byte = |shift: u32| ((w[0] >> shift) & 0xff) as u8;
        let plid = (w[0] & 1 == 1).then(|| classify(byte(8), byte(16), byte(24)));
        Params {
            plid,
            mode: (w[1] & 0xff) as u8,
            asym: w[2] == 1,
        }
    }

    /// Same profile (see [`same_profile`]) and packetization-mode.
    pub(crate) fn compatible(&self, ours: &Params) -> bool {
        match (self.plid, ours.plid) {
            (Some(t), Some(m)) => same_profile(t.profile, m.profile) && self.mode == ours.mode,
            _ => false,
        }
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
fn answer_fmtp<'a>(theirs: &Params, mine: &Params, ours: Option<&'a str>) -> Option<Cow<'a, str>> {
    let (Some(t), Some(m)) = (theirs.plid, mine.plid) else {
        return ours.map(Cow::Borrowed);
    };
    let level = if theirs.asym && mine.asym {
        m.level
    } else {
        t.level.min(m.level)
    };
    if level == m.level && (t.idc, t.iop) == (m.idc, m.iop) {
        return ours.map(Cow::Borrowed);
    }
    let plid = format!("{:02x}{:02x}{:02x}", t.idc, t.iop, level);
    Some(Cow::Owned(with_param(ours, "profile-level-id", &plid)))
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

    fn compatible(offered: Option<&str>, ours: Option<&str>) -> bool {
        Params::read(offered).compatible(&Params::read(ours))
    }

    fn answer_fmtp<'a>(offered: Option<&'a str>, ours: Option<&'a str>) -> Option<Cow<'a, str>> {
        super::answer_fmtp(&Params::read(offered), &Params::read(ours), ours)
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
