//! VP9 (RFC 9628 §6): `profile-id` (default 0) names the codec and must be
//! equal; the answer carries our own parameters.

use super::{Family, Words, param};

/// The VP9 family.
pub(super) struct Vp9;

impl Family for Vp9 {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("VP9")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        let profile = param(fmtp, "profile-id").map_or(0, |v| v.parse().unwrap_or(u64::MAX));
        [profile, 0, 0, 0]
    }

    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        theirs[0] == ours[0] && theirs[0] != u64::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::super::FmtpKey;

    #[test]
    fn profile_id_must_match() {
        let k = |f| FmtpKey::read("VP9", f);
        assert!(k(None).compatible(&k(Some("profile-id=0"))));
        assert!(!k(Some("profile-id=2")).compatible(&k(None)));
        assert!(!k(Some("profile-id=z")).compatible(&k(Some("profile-id=z"))));
    }
}
