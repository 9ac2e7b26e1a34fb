//! Typed views of the lines negotiation needs, read on demand from the line
//! model and borrowing from it. Each view's `parse` takes the line value
//! (after `x=`, and after `name:` for attributes) and its line number.

mod attribute;
mod bandwidth;
mod connection;
mod crypto;
mod direction;
mod dtls;
mod fmtp;
mod group;
mod ice;
mod media_line;
mod origin;
mod rtcp;
mod rtpmap;
mod timing;

pub use attribute::Attribute;
pub use bandwidth::{Bandwidth, BandwidthType};
pub use connection::{AddressType, Connection, ConnectionAddress};
pub use crypto::{Crypto, InlineKey, KeyParam};
pub use direction::Direction;
pub use dtls::{Fingerprint, Setup};
pub use fmtp::{Fmtp, FmtpParameter, FmtpParameters};
pub use group::Group;
pub use ice::Candidate;
pub use media_line::{MediaLine, MediaType, TransportProtocol};
pub use origin::Origin;
pub use rtcp::Rtcp;
pub use rtpmap::RtpMap;
pub(crate) use rtpmap::parse_pt;
pub use timing::parse_ptime;

/// Splits `s` at its first run of spaces: `("a", "b c")` for `"a  b c"`.
#[inline]
pub(crate) fn split_token(s: &str) -> (&str, &str) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    let start = i;
    while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
        i += 1;
    }
    let end = i;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    // All indices sit next to ASCII spaces/tabs or at the ends: char boundaries.
    (s.get(start..end).unwrap_or(""), s.get(i..).unwrap_or(""))
}

/// The first `N` space/tab-separated tokens of `s` (missing ones empty)
/// and the rest after them, in one pass.
#[inline]
pub(crate) fn tokens<const N: usize>(s: &str) -> ([&str; N], &str) {
    let b = s.as_bytes();
    let mut out = [""; N];
    let mut i = 0;
    for slot in out.iter_mut() {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
            i += 1;
        }
        // Both ends sit next to ASCII spaces/tabs or at the ends: char boundaries.
        *slot = s.get(start..i).unwrap_or("");
    }
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    (out, s.get(i..).unwrap_or(""))
}

/// Parses a decimal `u64` made of ASCII digits only (no sign, no spaces).
#[inline]
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    let mut v: u64 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    Some(v)
}
