//! G.722.1 (RFC 5577 §6): `bitrate` (24000 or 32000 at 16 kHz; 24000,
//! 32000 or 48000 at 32 kHz) identifies the format, so it must be equal:
//! `G7221/16000` at 24 kbit/s and at 32 kbit/s are two codecs.

use super::{Family, Words, param};

/// The G.722.1 family.
pub(super) struct G7221;

impl Family for G7221 {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("G7221")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        // RFC 5577 makes bitrate mandatory; absent reads as 0 (matches only absent).
        let bitrate = param(fmtp, "bitrate").map_or(0, |v| v.parse().unwrap_or(u64::MAX));
        [bitrate, 0, 0, 0]
    }

    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        theirs[0] == ours[0] && theirs[0] != u64::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::super::FmtpKey;

    #[test]
    fn bitrate_identifies_the_format() {
        let k = |f| FmtpKey::read("G7221", f);
        assert!(k(Some("bitrate=32000")).compatible(&k(Some("bitrate=32000"))));
        assert!(!k(Some("bitrate=32000")).compatible(&k(Some("bitrate=24000"))));
        assert!(!k(None).compatible(&k(Some("bitrate=24000"))));
        assert!(!k(Some("bitrate=x")).compatible(&k(Some("bitrate=x"))));
    }
}
