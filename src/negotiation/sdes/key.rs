//! SRTP master keys as SDES carries them: `inline:<key||salt>[|lifetime][|MKI:length]`
//! (RFC 4568 §6.1, §9.2), read into bytes and checked against the suite.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};

use super::{SdesError, SrtpSuite};

/// At most this many keys in one `a=crypto` line (RFC 4568 allows several,
/// each with an MKI; real peers send one).
pub(crate) const MAX_KEYS: usize = 16;

/// A master key index (RFC 3711 §3.1, RFC 4568 §6.1): its value and its
/// length in bytes on the wire (1..=128).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mki {
    /// The MKI value (decimal in SDP).
    pub value: u64,
    /// Its length in bytes in every SRTP packet.
    pub length: u8,
}

/// One SRTP master key and salt (RFC 3711 §8.2) with its lifetime and MKI.
///
/// `Debug` does not print the key or the salt, only their lengths.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SrtpMasterKey {
    /// The master key: [`SrtpSuite::master_key_len`] bytes.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::base64_bytes"))]
    pub key: Vec<u8>,
    /// The master salt: [`SrtpSuite::master_salt_len`] bytes.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::base64_bytes"))]
    pub salt: Vec<u8>,
    /// The lifetime in packets, when the line gives one (at most
    /// [`SrtpSuite::max_lifetime`]); `None` = the suite's default.
    pub lifetime: Option<u64>,
    /// The master key index, when the line gives one.
    pub mki: Option<Mki>,
}

impl fmt::Debug for SrtpMasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SrtpMasterKey")
            .field("key", &format_args!("<{} bytes>", self.key.len()))
            .field("salt", &format_args!("<{} bytes>", self.salt.len()))
            .field("lifetime", &self.lifetime)
            .field("mki", &self.mki)
            .finish()
    }
}

impl SrtpMasterKey {
    /// A key for `suite` from `key_salt` (master key then master salt,
    /// [`SrtpSuite::key_salt_len`] bytes), without lifetime or MKI.
    ///
    /// # Errors
    /// [`SdesError::WrongKeyLength`] when `key_salt` has another length.
    pub fn new(suite: SrtpSuite, key_salt: &[u8]) -> Result<Self, SdesError> {
        if key_salt.len() != suite.key_salt_len() {
            return Err(SdesError::WrongKeyLength {
                expected: suite.key_salt_len(),
                found: key_salt.len(),
            });
        }
        let (key, salt) = key_salt.split_at(suite.master_key_len());
        Ok(SrtpMasterKey {
            key: key.to_vec(),
            salt: salt.to_vec(),
            lifetime: None,
            mki: None,
        })
    }

    /// Reads one key param, `inline:<base64 key||salt>[|lifetime][|MKI:length]`
    /// (RFC 4568 §6.1, §9.2), for `suite`. The base64 may omit its padding;
    /// `inline` and the suite's name are case-insensitive.
    ///
    /// ```
    /// use sdp_offer_answer::negotiation::{SrtpMasterKey, SrtpSuite};
    /// let k = SrtpMasterKey::from_inline(
    ///     SrtpSuite::AesCm128HmacSha1_80,
    ///     "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4",
    /// )?;
    /// assert_eq!((k.key.len(), k.salt.len(), k.lifetime), (16, 14, Some(1 << 20)));
    /// assert_eq!(k.to_inline(), "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4");
    /// # Ok::<(), sdp_offer_answer::negotiation::SdesError>(())
    /// ```
    ///
    /// # Errors
    /// Why it is unusable: not `inline:` ([`SdesError::NotInline`]), not
    /// base64 ([`SdesError::NotBase64`]), the wrong length for the suite
    /// ([`SdesError::WrongKeyLength`]), a lifetime or MKI that does not read
    /// or is out of range, or extra `|` fields.
    pub fn from_inline(suite: SrtpSuite, param: &str) -> Result<Self, SdesError> {
        let (method, info) = param.split_once(':').ok_or(SdesError::NotInline)?;
        if !method.eq_ignore_ascii_case("inline") {
            return Err(SdesError::NotInline);
        }
        let mut parts = info.split('|');
        let key_salt = parts.next().unwrap_or("");
        let mut buf = [0u8; 48];
        // 64 base64 characters hold 48 bytes, more than any suite needs.
        if key_salt.is_empty() || key_salt.len() > 64 {
            return Err(SdesError::WrongKeyLength {
                expected: suite.key_salt_len(),
                found: key_salt.len() / 4 * 3,
            });
        }
        let n = STANDARD_PAD_INDIFFERENT
            .decode_slice(key_salt, &mut buf)
            .map_err(|_| SdesError::NotBase64)?;
        let mut k = SrtpMasterKey::new(suite, buf.get(..n).unwrap_or(&[]))?;
        for part in parts {
            match part.split_once(':') {
                Some((value, length)) if k.mki.is_none() => k.mki = Some(parse_mki(value, length)?),
                None if k.lifetime.is_none() && k.mki.is_none() => {
                    k.lifetime = Some(parse_lifetime(suite, part)?);
                }
                _ => return Err(SdesError::InvalidKeyParam),
            }
        }
        Ok(k)
    }

    /// The key param `inline:<base64 key||salt>[|<lifetime>][|<MKI>:<length>]`
    /// (padded base64, RFC 4648 §4; a power-of-two lifetime as `2^n`).
    pub fn to_inline(&self) -> String {
        let mut out = String::with_capacity(72);
        self.write_inline(&mut out);
        out
    }

    /// Appends [`SrtpMasterKey::to_inline`] to `out`.
    pub(crate) fn write_inline(&self, out: &mut String) {
        let mut key_salt = [0u8; 48];
        let n = self.key.len() + self.salt.len();
        if let Some(dst) = key_salt.get_mut(..n) {
            let (k, s) = dst.split_at_mut(self.key.len());
            k.copy_from_slice(&self.key);
            s.copy_from_slice(&self.salt);
        }
        out.push_str("inline:");
        STANDARD.encode_string(key_salt.get(..n).unwrap_or(&[]), out);
        if let Some(l) = self.lifetime {
            out.push('|');
            if l.is_power_of_two() {
                out.push_str("2^");
                out.push_str(itoa::Buffer::new().format(l.trailing_zeros()));
            } else {
                out.push_str(itoa::Buffer::new().format(l));
            }
        }
        if let Some(m) = self.mki {
            out.push('|');
            out.push_str(itoa::Buffer::new().format(m.value));
            out.push(':');
            out.push_str(itoa::Buffer::new().format(m.length));
        }
    }
}

/// `2^<n>` or a decimal number of packets, 1..=the suite's maximum.
fn parse_lifetime(suite: SrtpSuite, s: &str) -> Result<u64, SdesError> {
    let digits = |t: &str| !t.is_empty() && t.len() <= 20 && t.bytes().all(|b| b.is_ascii_digit());
    let value = match s.strip_prefix("2^") {
        Some(exp) if digits(exp) && exp.len() <= 2 => {
            let e: u32 = exp.parse().map_err(|_| SdesError::InvalidLifetime)?;
            1u64.checked_shl(e).filter(|_| e < 64)
        }
        Some(_) => None,
        None if digits(s) => s.parse::<u64>().ok(),
        None => None,
    }
    .ok_or(SdesError::InvalidLifetime)?;
    if value == 0 || value > suite.max_lifetime() {
        return Err(SdesError::InvalidLifetime);
    }
    Ok(value)
}

/// `<value>:<length>`: length 1..=128 bytes, the value fitting in it.
fn parse_mki(value: &str, length: &str) -> Result<Mki, SdesError> {
    let num = |t: &str, max_len: usize| {
        (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u64>().ok())
            .flatten()
    };
    let length = num(length, 3)
        .filter(|l| (1..=128).contains(l))
        .ok_or(SdesError::InvalidMki)? as u8;
    let value = num(value, 20).ok_or(SdesError::InvalidMki)?;
    if length < 8 && value >> (8 * u32::from(length)) != 0 {
        return Err(SdesError::InvalidMki);
    }
    Ok(Mki { value, length })
}

/// Reads the `;`-separated key params of an `a=crypto` line (RFC 4568
/// §9.1): one key, or several that all carry an MKI of one length.
///
/// # Errors
/// The first unusable key, or [`SdesError::InvalidKeyParam`] for several
/// keys without MKIs, with MKIs of different lengths, or more than 16.
pub(crate) fn parse_keys(
    suite: SrtpSuite,
    key_params: &str,
) -> Result<smallvec::SmallVec<[SrtpMasterKey; 1]>, SdesError> {
    let mut keys = smallvec::SmallVec::new();
    for p in key_params.split(';') {
        if keys.len() >= MAX_KEYS {
            return Err(SdesError::InvalidKeyParam);
        }
        keys.push(SrtpMasterKey::from_inline(suite, p)?);
    }
    if keys.len() > 1 {
        let first_len = keys
            .first()
            .and_then(|k: &SrtpMasterKey| k.mki)
            .map(|m| m.length);
        if first_len.is_none() || keys.iter().any(|k| k.mki.map(|m| m.length) != first_len) {
            return Err(SdesError::InvalidKeyParam);
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(n: usize) -> String {
        STANDARD.encode((0..n as u8).collect::<Vec<u8>>())
    }

    #[test]
    fn every_suite_needs_its_length() {
        for suite in SrtpSuite::ALL {
            let n = suite.key_salt_len();
            let k = SrtpMasterKey::from_inline(suite, &format!("inline:{}", b64(n))).unwrap();
            assert_eq!(
                (k.key.len(), k.salt.len()),
                (suite.master_key_len(), suite.master_salt_len())
            );
            assert_eq!(k.key[0], 0);
            assert_eq!(k.salt[0], suite.master_key_len() as u8);
            for wrong in [n - 1, n + 1, 3, 0] {
                let text = format!("inline:{}", b64(wrong));
                assert!(
                    SrtpMasterKey::from_inline(suite, &text).is_err(),
                    "{suite} {wrong}"
                );
            }
        }
    }

    #[test]
    fn padding_is_optional_and_text_must_be_base64() {
        let s = SrtpSuite::Aes192CmHmacSha1_80;
        let padded = b64(38);
        assert!(padded.ends_with('='));
        let bare = padded.trim_end_matches('=');
        assert!(SrtpMasterKey::from_inline(s, &format!("inline:{padded}")).is_ok());
        assert!(SrtpMasterKey::from_inline(s, &format!("inline:{bare}")).is_ok());
        let a = SrtpSuite::AesCm128HmacSha1_80;
        assert_eq!(
            SrtpMasterKey::from_inline(a, "inline:!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"),
            Err(SdesError::NotBase64)
        );
        assert_eq!(
            SrtpMasterKey::from_inline(a, "inline:"),
            Err(SdesError::WrongKeyLength {
                expected: 30,
                found: 0
            })
        );
        assert_eq!(
            SrtpMasterKey::from_inline(a, &format!("uri:{}", b64(30))),
            Err(SdesError::NotInline)
        );
        assert_eq!(
            SrtpMasterKey::from_inline(a, &format!("INLINE:{}", b64(30))).map(|k| k.key.len()),
            Ok(16)
        );
    }

    #[test]
    fn lifetime_and_mki() {
        let a = SrtpSuite::AesCm128HmacSha1_80;
        let k = b64(30);
        let key = |rest: &str| SrtpMasterKey::from_inline(a, &format!("inline:{k}{rest}"));
        assert_eq!(key("|2^20").unwrap().lifetime, Some(1 << 20));
        assert_eq!(key("|1048576").unwrap().lifetime, Some(1 << 20));
        assert_eq!(key("|2^48").unwrap().lifetime, Some(1 << 48));
        assert_eq!(key("|2^49"), Err(SdesError::InvalidLifetime));
        assert_eq!(key("|0"), Err(SdesError::InvalidLifetime));
        assert_eq!(key("|2^x"), Err(SdesError::InvalidLifetime));
        assert_eq!(
            key("|2^20|1:4").unwrap().mki,
            Some(Mki {
                value: 1,
                length: 4
            })
        );
        assert_eq!(
            key("|1:4").unwrap().mki,
            Some(Mki {
                value: 1,
                length: 4
            })
        );
        assert_eq!(key("|256:1"), Err(SdesError::InvalidMki));
        assert_eq!(
            key("|255:1").unwrap().mki,
            Some(Mki {
                value: 255,
                length: 1
            })
        );
        assert_eq!(key("|1:0"), Err(SdesError::InvalidMki));
        assert_eq!(key("|1:129"), Err(SdesError::InvalidMki));
        assert_eq!(key("|1:4|2^20"), Err(SdesError::InvalidKeyParam));
        assert_eq!(key("|2^20|2^20"), Err(SdesError::InvalidKeyParam));
    }

    #[test]
    fn several_keys_need_mkis_of_one_length() {
        let a = SrtpSuite::AesCm128HmacSha1_80;
        let k = b64(30);
        assert_eq!(
            parse_keys(a, &format!("inline:{k}|1:4;inline:{k}|2:4"))
                .unwrap()
                .len(),
            2
        );
        assert!(parse_keys(a, &format!("inline:{k};inline:{k}")).is_err());
        assert!(parse_keys(a, &format!("inline:{k}|1:4;inline:{k}|2:2")).is_err());
    }

    #[test]
    fn written_as_read_and_debug_hides_the_key() {
        let a = SrtpSuite::AesCm128HmacSha1_80;
        let text = format!("inline:{}|2^31|7:2", b64(30));
        let k = SrtpMasterKey::from_inline(a, &text).unwrap();
        let mut out = String::new();
        k.write_inline(&mut out);
        assert_eq!(out, text);
        let dbg = format!("{k:?}");
        assert!(dbg.contains("<16 bytes>") && !dbg.contains("[0"), "{dbg}");
    }
}
