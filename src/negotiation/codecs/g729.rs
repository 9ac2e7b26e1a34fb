//! G.729 (RFC 4856 §2.1.9, audio/G729): `annexb` (default yes) turns on
//! silence suppression; an offerer that refused it (`annexb=no`) cannot be
//! answered with it on.

use std::borrow::Cow;

use super::{Family, Words, param};

/// The G.729 family.
pub(super) struct G729;

impl Family for G729 {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("G729")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        let no = param(fmtp, "annexb").is_some_and(|v| v.eq_ignore_ascii_case("no"));
        [u64::from(no), 0, 0, 0]
    }

    fn compatible(&self, _: &Words, _: &Words) -> bool {
        true
    }

    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, _): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        if theirs[0] == 1 {
            Some(Cow::Borrowed("annexb=no"))
        } else {
            ours.map(Cow::Borrowed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FmtpKey, answer_fmtp};

    #[test]
    fn annexb_no_is_kept() {
        let none = FmtpKey::read("G729", None);
        assert_eq!(
            answer_fmtp("G729", (Some("annexb=no"), None), (None, &none)).as_deref(),
            Some("annexb=no")
        );
        assert_eq!(answer_fmtp("G729", (None, None), (None, &none)), None);
    }
}
