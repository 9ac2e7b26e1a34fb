//! H.265 (RFC 7798 §7.1, §7.2.2): `profile-space`, `profile-id` and
//! `tier-flag` name the codec and must be equal (defaults 0, 1, 0); the
//! answer's `level-id` (default 93, level 3.1) is the lower of both.

use std::borrow::Cow;

use super::{Family, Words, param, with_param};

/// The H.265 family.
pub(super) struct H265;

fn num(fmtp: Option<&str>, name: &str, default: u64) -> u64 {
    match param(fmtp, name) {
        Some(v) => v.parse().unwrap_or(u64::MAX),
        None => default,
    }
}

impl Family for H265 {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("H265")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        [
            num(fmtp, "profile-space", 0),
            num(fmtp, "profile-id", 1),
            num(fmtp, "tier-flag", 0),
            num(fmtp, "level-id", 93),
        ]
    }

    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        theirs[..3] == ours[..3] && !theirs.contains(&u64::MAX)
    }

    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, mine): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        if theirs[3] >= mine[3] {
            return ours.map(Cow::Borrowed);
        }
        let level = itoa::Buffer::new().format(theirs[3]).to_owned();
        Some(Cow::Owned(with_param(ours, "level-id", &level)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FmtpKey, answer_fmtp};

    #[test]
    fn profile_and_tier_must_match_and_the_level_is_the_lower() {
        let k = |f| FmtpKey::read("H265", f);
        assert!(k(None).compatible(&k(Some("profile-id=1;level-id=120"))));
        assert!(!k(Some("profile-id=2")).compatible(&k(None)));
        assert!(!k(Some("tier-flag=1")).compatible(&k(None)));
        assert!(!k(Some("profile-id=x")).compatible(&k(Some("profile-id=x"))));
        let ours = Some("profile-id=1;level-id=120");
        assert_eq!(
            answer_fmtp("H265", (Some("level-id=93"), None), (ours, &k(ours))).as_deref(),
            Some("profile-id=1;level-id=93")
        );
        assert_eq!(
            answer_fmtp("H265", (Some("level-id=150"), None), (ours, &k(ours))).as_deref(),
            ours
        );
    }
}
