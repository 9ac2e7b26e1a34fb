//! AV1 (the AOM "RTP Payload Format For AV1", §7.2): `profile` (default 0)
//! names the codec and must be equal; the answer's `level-idx` (default 5)
//! and `tier` (default 0) are at most the offer's.

use std::borrow::Cow;

use super::{Family, Words, param, with_param};

/// The AV1 family.
pub(super) struct Av1;

fn num(fmtp: Option<&str>, name: &str, default: u64) -> u64 {
    param(fmtp, name).map_or(default, |v| v.parse().unwrap_or(u64::MAX))
}

impl Family for Av1 {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("AV1")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        [
            num(fmtp, "profile", 0),
            num(fmtp, "level-idx", 5),
            num(fmtp, "tier", 0),
            0,
        ]
    }

    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        theirs[0] == ours[0] && theirs[0] != u64::MAX
    }

    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, mine): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        let mut out: Option<String> = None;
        for (i, name) in [(1, "level-idx"), (2, "tier")] {
            if theirs[i] < mine[i] {
                let v = itoa::Buffer::new().format(theirs[i]).to_owned();
                out = Some(with_param(out.as_deref().or(ours), name, &v));
            }
        }
        match out {
            Some(o) => Some(Cow::Owned(o)),
            None => ours.map(Cow::Borrowed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FmtpKey, answer_fmtp};

    #[test]
    fn profile_must_match_and_level_tier_do_not_exceed_the_offer() {
        let k = |f| FmtpKey::read("AV1", f);
        assert!(k(None).compatible(&k(Some("profile=0"))));
        assert!(!k(Some("profile=1")).compatible(&k(None)));
        let ours = Some("profile=0;level-idx=8;tier=1");
        assert_eq!(
            answer_fmtp("AV1", (Some("level-idx=5"), None), (ours, &k(ours))).as_deref(),
            Some("profile=0;level-idx=5;tier=0")
        );
    }
}
