//! `a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]` (RFC 4568 §9.1).

use super::{parse_u64, split_token};
use crate::sdp::error::SdpError;

/// A typed SDES `a=crypto` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crypto<'a> {
    /// The tag (1..=9 digits): the answer echoes the tag it accepts (RFC 4568 §5.1.2).
    pub tag: u32,
    /// The crypto suite, e.g. `AES_CM_128_HMAC_SHA1_80`.
    pub suite: &'a str,
    /// The key parameters as written (`inline:<key||salt>[|<lifetime>][|<MKI>:<length>]`, `;`-separated).
    pub key_params: &'a str,
    /// The session parameters as written (`UNENCRYPTED_SRTCP`, `KDR=...`), possibly empty.
    pub session_params: &'a str,
}

impl<'a> Crypto<'a> {
    /// Parses `1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the tag is not 1..=9 digits or the suite or key params are missing.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "a=crypto";
        let (tag, rest) = split_token(value);
        let (suite, rest) = split_token(rest);
        let (key_params, session_params) = split_token(rest);
        if tag.len() > 9 {
            return Err(SdpError::invalid(line, F, "tag has more than 9 digits"));
        }
        let tag = parse_u64(tag).ok_or(SdpError::invalid(line, F, "tag is not a number"))? as u32;
        if suite.is_empty() || key_params.is_empty() {
            return Err(SdpError::invalid(
                line,
                F,
                "expected <tag> <suite> <key-params>",
            ));
        }
        Ok(Crypto {
            tag,
            suite,
            key_params,
            session_params: session_params.trim_end(),
        })
    }

    /// The key parameters in order (`;`-separated, RFC 4568 §9.1).
    pub fn keys(&self) -> impl Iterator<Item = KeyParam<'a>> + 'a {
        self.key_params
            .split(';')
            .filter(|k| !k.is_empty())
            .map(KeyParam::parse)
    }
}

/// One key parameter: `<key-method>:<key-info>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyParam<'a> {
    /// The key method, `inline` for SRTP (RFC 4568 §6.1).
    pub method: &'a str,
    /// The key info as written.
    pub info: &'a str,
}

impl<'a> KeyParam<'a> {
    fn parse(s: &'a str) -> Self {
        match s.split_once(':') {
            Some((method, info)) => KeyParam { method, info },
            None => KeyParam {
                method: "",
                info: s,
            },
        }
    }

    /// The inline key, when the method is `inline`.
    pub fn inline(&self) -> Option<InlineKey<'a>> {
        if !self.method.eq_ignore_ascii_case("inline") {
            return None;
        }
        let mut parts = self.info.split('|');
        let key_salt = parts.next()?;
        let mut lifetime = None;
        let mut mki = None;
        for p in parts {
            if let Some((v, len)) = p.split_once(':') {
                mki = Some((v, len));
            } else {
                lifetime = Some(p);
            }
        }
        Some(InlineKey {
            key_salt,
            lifetime,
            mki,
        })
    }
}

/// An SRTP inline key (RFC 4568 §6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InlineKey<'a> {
    /// Base64 of the concatenated master key and salt.
    pub key_salt: &'a str,
    /// The master key lifetime (`2^31` or a number), when given.
    pub lifetime: Option<&'a str>,
    /// The MKI value and its length in bytes, when given.
    pub mki: Option<(&'a str, &'a str)>,
}
