//! AMR and AMR-WB (RFC 4867 §8.3.1): `octet-align`, `crc` and
//! `robust-sorting` (default 0) change the payload format, so they must be
//! equal; `mode-set` (default: every mode) restricts the codec modes, so the
//! answer's is the intersection of both, and none in common is no match.
//! `mode-change-period`, `mode-change-capability` and `mode-change-neighbor`
//! describe their writer and are answered with ours.

use std::borrow::Cow;

use super::{Family, Words, param, with_param};

/// The AMR and AMR-WB family.
pub(super) struct Amr;

/// Every mode: AMR has 0..=7, AMR-WB 0..=8.
const ALL_MODES: u64 = 0x1ff;

fn flag(fmtp: Option<&str>, name: &str) -> u64 {
    u64::from(param(fmtp, name) == Some("1"))
}

/// The mode-set as a bit set (bit n = mode n), every mode when absent, 0
/// when it does not read.
fn mode_set(fmtp: Option<&str>) -> u64 {
    let Some(list) = param(fmtp, "mode-set") else {
        return ALL_MODES;
    };
    let mut set = 0u64;
    for m in list.split(',') {
        match crate::sdp::text::trim_ws(m).parse::<u8>() {
            Ok(n) if n <= 8 => set |= 1 << n,
            _ => return 0,
        }
    }
    set
}

impl Family for Amr {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("AMR") || name.eq_ignore_ascii_case("AMR-WB")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        [
            flag(fmtp, "octet-align"),
            flag(fmtp, "crc"),
            flag(fmtp, "robust-sorting"),
            mode_set(fmtp),
        ]
    }

    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        theirs[..3] == ours[..3] && theirs[3] & ours[3] != 0
    }

    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, mine): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        let both = theirs[3] & mine[3];
        if both == mine[3] {
            return ours.map(Cow::Borrowed);
        }
        let modes: Vec<String> = (0..=8)
            .filter(|n| both & (1 << n) != 0)
            .map(|n: u8| n.to_string())
            .collect();
        Some(Cow::Owned(with_param(ours, "mode-set", &modes.join(","))))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FmtpKey, answer_fmtp};

    fn k(f: Option<&str>) -> FmtpKey {
        FmtpKey::read("AMR-WB", f)
    }

    #[test]
    fn payload_format_parameters_must_match() {
        assert!(k(Some("octet-align=1")).compatible(&k(Some("octet-align=1"))));
        assert!(!k(Some("octet-align=1")).compatible(&k(None)));
        assert!(k(None).compatible(&k(Some("octet-align=0"))));
        assert!(!k(Some("octet-align=1;crc=1")).compatible(&k(Some("octet-align=1"))));
        assert!(!k(Some("mode-set=0,1")).compatible(&k(Some("mode-set=2"))));
        assert!(!k(Some("mode-set=x")).compatible(&k(None)));
    }

    #[test]
    fn the_answer_mode_set_is_the_intersection() {
        let ours = Some("octet-align=1;mode-set=0,1,2");
        let a = |offered| {
            answer_fmtp("AMR-WB", (offered, None), (ours, &k(ours))).map(|c| c.into_owned())
        };
        assert_eq!(
            a(Some("octet-align=1;mode-set=1,2,8")).as_deref(),
            Some("octet-align=1;mode-set=1,2")
        );
        assert_eq!(a(Some("octet-align=1")).as_deref(), ours);
        let none = answer_fmtp(
            "AMR",
            (Some("mode-set=7"), None),
            (None, &FmtpKey::read("AMR", None)),
        );
        assert_eq!(none.as_deref(), Some("mode-set=7"));
    }
}
