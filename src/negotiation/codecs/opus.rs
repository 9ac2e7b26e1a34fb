//! opus (RFC 7587 §6.1): the rtpmap is always `opus/48000/2`; the fmtp
//! parameters (`maxplaybackrate`, `stereo`, `useinbandfec`, `usedtx`,
//! `maxaveragebitrate`, ...) describe what their writer receives, so they
//! never make two opus formats different and the answer carries ours.

use super::{Family, Words};

/// The opus family.
pub(super) struct Opus;

impl Family for Opus {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("opus")
    }

    fn read(&self, _: Option<&str>) -> Words {
        [0; 4]
    }

    fn compatible(&self, _: &Words, _: &Words) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FmtpKey, answer_fmtp};

    #[test]
    fn receiver_parameters_are_ours() {
        let ours = Some("minptime=10;useinbandfec=1");
        let k = FmtpKey::read("opus", ours);
        assert!(FmtpKey::read("opus", Some("stereo=1;maxplaybackrate=16000")).compatible(&k));
        assert_eq!(
            answer_fmtp(
                "opus",
                (Some("stereo=1;maxplaybackrate=16000"), None),
                (ours, &k)
            )
            .as_deref(),
            ours
        );
    }
}
