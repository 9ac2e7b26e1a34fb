//! `a=fingerprint` (RFC 8122 §5) and `a=setup` (RFC 4145 §4) for DTLS-SRTP (RFC 5763).

use super::split_token;
use crate::sdp::error::SdpError;

/// A typed `a=fingerprint` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint<'a> {
    /// The hash function name as written (`sha-256`, `SHA-256`): compare with [`Fingerprint::hash_is`].
    pub hash_function: &'a str,
    /// The colon-separated hex fingerprint as written.
    pub fingerprint: &'a str,
}

impl<'a> Fingerprint<'a> {
    /// Parses `sha-256 7B:8B:...`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the hash name or value is missing or the value is not hex pairs.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "a=fingerprint";
        let (hash_function, fingerprint) = split_token(value);
        let fingerprint = fingerprint.trim_end();
        if hash_function.is_empty() || fingerprint.is_empty() {
            return Err(SdpError::invalid(
                line,
                F,
                "expected <hash-func> <fingerprint>",
            ));
        }
        // Colon-separated hex pairs: `XX(:XX)*`.
        let bytes = fingerprint.as_bytes();
        let hex_pairs = (bytes.len() + 1) % 3 == 0
            && bytes.chunks(3).all(|c| match c {
                [a, b, b':'] | [a, b] => a.is_ascii_hexdigit() && b.is_ascii_hexdigit(),
                _ => false,
            });
        if !hex_pairs {
            return Err(SdpError::invalid(
                line,
                F,
                "fingerprint is not colon-separated hex pairs",
            ));
        }
        Ok(Fingerprint {
            hash_function,
            fingerprint,
        })
    }

    /// `true` when the hash function is `name`, compared case-insensitively (RFC 8122 §5).
    pub fn hash_is(&self, name: &str) -> bool {
        self.hash_function.eq_ignore_ascii_case(name)
    }
}

/// The `a=setup` role (RFC 4145 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "RFC 4145 §4 defines exactly these four roles"
)]
pub enum Setup {
    /// `active`: this side opens the connection (DTLS client).
    Active,
    /// `passive`: this side accepts the connection (DTLS server).
    Passive,
    /// `actpass`: either; only valid in an offer (RFC 5763 §5).
    Actpass,
    /// `holdconn`: no connection for now.
    Holdconn,
}

impl Setup {
    /// Parses the role (case-insensitive).
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] for any other value.
    pub fn parse(value: &str, line: usize) -> Result<Self, SdpError> {
        let v = value.trim();
        [
            ("active", Setup::Active),
            ("passive", Setup::Passive),
            ("actpass", Setup::Actpass),
            ("holdconn", Setup::Holdconn),
        ]
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(v))
        .map(|(_, s)| s)
        .ok_or(SdpError::invalid(
            line,
            "a=setup",
            "not active, passive, actpass or holdconn",
        ))
    }

    /// The value as written in SDP.
    pub fn as_str(self) -> &'static str {
        match self {
            Setup::Active => "active",
            Setup::Passive => "passive",
            Setup::Actpass => "actpass",
            Setup::Holdconn => "holdconn",
        }
    }
}
