//! SRTP crypto suites of SDES (RFC 4568 §6.2, RFC 6188 §7, RFC 7714 §12).

use std::fmt;

/// An SRTP crypto suite an `a=crypto` line names (RFC 4568 §6.2), with the
/// lengths of its master key and master salt.
///
/// Suite names are matched case-insensitively (RFC 4568 §9.2's ABNF strings,
/// RFC 5234 §2.3) and written in the registered upper-case spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SrtpSuite {
    /// `AES_CM_128_HMAC_SHA1_80` (RFC 4568 §6.2.1): 128-bit key, 112-bit salt, 80-bit tag.
    AesCm128HmacSha1_80,
    /// `AES_CM_128_HMAC_SHA1_32` (RFC 4568 §6.2.2): 128-bit key, 112-bit salt, 32-bit tag.
    AesCm128HmacSha1_32,
    /// `F8_128_HMAC_SHA1_80` (RFC 4568 §6.2.3): 128-bit key, 112-bit salt.
    F8_128HmacSha1_80,
    /// `AES_192_CM_HMAC_SHA1_80` (RFC 6188 §7.1): 192-bit key, 112-bit salt.
    Aes192CmHmacSha1_80,
    /// `AES_192_CM_HMAC_SHA1_32` (RFC 6188 §7.1).
    Aes192CmHmacSha1_32,
    /// `AES_256_CM_HMAC_SHA1_80` (RFC 6188 §7.1): 256-bit key, 112-bit salt.
    Aes256CmHmacSha1_80,
    /// `AES_256_CM_HMAC_SHA1_32` (RFC 6188 §7.1).
    Aes256CmHmacSha1_32,
    /// `AEAD_AES_128_GCM` (RFC 7714 §12): 128-bit key, 96-bit salt.
    AeadAes128Gcm,
    /// `AEAD_AES_256_GCM` (RFC 7714 §12): 256-bit key, 96-bit salt.
    AeadAes256Gcm,
}

impl SrtpSuite {
    /// Every suite, in the order above.
    pub const ALL: [SrtpSuite; 9] = [
        SrtpSuite::AesCm128HmacSha1_80,
        SrtpSuite::AesCm128HmacSha1_32,
        SrtpSuite::F8_128HmacSha1_80,
        SrtpSuite::Aes192CmHmacSha1_80,
        SrtpSuite::Aes192CmHmacSha1_32,
        SrtpSuite::Aes256CmHmacSha1_80,
        SrtpSuite::Aes256CmHmacSha1_32,
        SrtpSuite::AeadAes128Gcm,
        SrtpSuite::AeadAes256Gcm,
    ];

    /// The suite a name denotes, case-insensitively; `None` for a suite we do not know.
    pub fn from_name(name: &str) -> Option<SrtpSuite> {
        SrtpSuite::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }

    /// The registered name, e.g. `AES_CM_128_HMAC_SHA1_80`.
    pub fn name(self) -> &'static str {
        match self {
            SrtpSuite::AesCm128HmacSha1_80 => "AES_CM_128_HMAC_SHA1_80",
            SrtpSuite::AesCm128HmacSha1_32 => "AES_CM_128_HMAC_SHA1_32",
            SrtpSuite::F8_128HmacSha1_80 => "F8_128_HMAC_SHA1_80",
            SrtpSuite::Aes192CmHmacSha1_80 => "AES_192_CM_HMAC_SHA1_80",
            SrtpSuite::Aes192CmHmacSha1_32 => "AES_192_CM_HMAC_SHA1_32",
            SrtpSuite::Aes256CmHmacSha1_80 => "AES_256_CM_HMAC_SHA1_80",
            SrtpSuite::Aes256CmHmacSha1_32 => "AES_256_CM_HMAC_SHA1_32",
            SrtpSuite::AeadAes128Gcm => "AEAD_AES_128_GCM",
            SrtpSuite::AeadAes256Gcm => "AEAD_AES_256_GCM",
        }
    }

    /// Master key length in bytes: 16, 24 or 32.
    pub fn master_key_len(self) -> usize {
        match self {
            SrtpSuite::AesCm128HmacSha1_80
            | SrtpSuite::AesCm128HmacSha1_32
            | SrtpSuite::F8_128HmacSha1_80
            | SrtpSuite::AeadAes128Gcm => 16,
            SrtpSuite::Aes192CmHmacSha1_80 | SrtpSuite::Aes192CmHmacSha1_32 => 24,
            SrtpSuite::Aes256CmHmacSha1_80
            | SrtpSuite::Aes256CmHmacSha1_32
            | SrtpSuite::AeadAes256Gcm => 32,
        }
    }

    /// Master salt length in bytes: 14 for the counter-mode and f8 suites,
    /// 12 for AEAD-GCM (RFC 7714 §12).
    pub fn master_salt_len(self) -> usize {
        match self {
            SrtpSuite::AeadAes128Gcm | SrtpSuite::AeadAes256Gcm => 12,
            _ => 14,
        }
    }

    /// Length of the decoded `inline:` key‖salt in bytes: 30, 38, 46, 28 or 44.
    pub fn key_salt_len(self) -> usize {
        self.master_key_len() + self.master_salt_len()
    }

    /// The longest master key lifetime in packets: 2^48 (RFC 4568 §6.2.1,
    /// RFC 6188 §7.1, RFC 7714 §12; SRTCP allows 2^31 of those).
    pub fn max_lifetime(self) -> u64 {
        1 << 48
    }
}

impl fmt::Display for SrtpSuite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_of_every_suite() {
        let lens: Vec<(&str, usize)> = SrtpSuite::ALL
            .iter()
            .map(|s| (s.name(), s.key_salt_len()))
            .collect();
        assert_eq!(
            lens,
            [
                ("AES_CM_128_HMAC_SHA1_80", 30),
                ("AES_CM_128_HMAC_SHA1_32", 30),
                ("F8_128_HMAC_SHA1_80", 30),
                ("AES_192_CM_HMAC_SHA1_80", 38),
                ("AES_192_CM_HMAC_SHA1_32", 38),
                ("AES_256_CM_HMAC_SHA1_80", 46),
                ("AES_256_CM_HMAC_SHA1_32", 46),
                ("AEAD_AES_128_GCM", 28),
                ("AEAD_AES_256_GCM", 44),
            ]
        );
    }

    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(
            SrtpSuite::from_name("aes_cm_128_hmac_sha1_80"),
            Some(SrtpSuite::AesCm128HmacSha1_80)
        );
        assert_eq!(
            SrtpSuite::from_name("Aead_Aes_256_Gcm"),
            Some(SrtpSuite::AeadAes256Gcm)
        );
        assert_eq!(SrtpSuite::from_name("AES_CM_128_HMAC_SHA1_81"), None);
        assert_eq!(SrtpSuite::from_name(""), None);
    }
}
