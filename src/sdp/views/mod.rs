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
pub(crate) fn split_token(s: &str) -> (&str, &str) {
    let s = s.trim_start_matches([' ', '\t']);
    match s.find([' ', '\t']) {
        Some(i) => (&s[..i], s[i..].trim_start_matches([' ', '\t'])),
        None => (s, ""),
    }
}

/// Parses a decimal `u64` made of ASCII digits only (no sign, no spaces).
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 20 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
