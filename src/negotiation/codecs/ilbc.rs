//! iLBC (RFC 3952 §5): `mode` is 20 or 30 ms frames (default 30). When the
//! two sides differ, both use 30 (§5: "the mode that requires less
//! bandwidth"), so the answer carries `mode=30` whenever either side says 30.

use std::borrow::Cow;

use super::{Family, Words, param, with_param};

/// The iLBC family.
pub(super) struct Ilbc;

/// The frame length in ms an iLBC fmtp asks for: 20, or 30 (the default,
/// and for any other value).
pub(crate) fn mode(fmtp: Option<&str>) -> u64 {
    match param(fmtp, "mode") {
        Some("20") => 20,
        _ => 30,
    }
}

impl Family for Ilbc {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("iLBC")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        [mode(fmtp), 0, 0, 0]
    }

    fn compatible(&self, _: &Words, _: &Words) -> bool {
        true
    }

    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, mine): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        let agreed = theirs[0].max(mine[0]);
        if agreed == mine[0] && (ours.is_some() || agreed == 30) {
            return ours.map(Cow::Borrowed);
        }
        let v = itoa::Buffer::new().format(agreed).to_owned();
        Some(Cow::Owned(with_param(ours, "mode", &v)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FmtpKey, answer_fmtp};

    fn answer(offered: Option<&str>, ours: Option<&'static str>) -> Option<String> {
        answer_fmtp(
            "iLBC",
            (offered, None),
            (ours, &FmtpKey::read("iLBC", ours)),
        )
        .map(|c| c.into_owned())
    }

    #[test]
    fn thirty_wins() {
        assert_eq!(
            answer(Some("mode=30"), Some("mode=20")).as_deref(),
            Some("mode=30")
        );
        assert_eq!(answer(None, Some("mode=20")).as_deref(), Some("mode=30"));
        assert_eq!(
            answer(Some("mode=20"), Some("mode=20")).as_deref(),
            Some("mode=20")
        );
        assert_eq!(answer(Some("mode=20"), None), None);
        assert_eq!(answer(Some("mode=30"), None), None);
    }
}
