//! `c=<nettype> <addrtype> <connection-address>` (RFC 8866 §5.7).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::tokens;
use crate::sdp::error::SdpError;
use crate::sdp::text::split_once_byte;

/// The `<addrtype>` of a `c=` or `o=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "unknown address types are kept in `Other`"
)]
pub enum AddressType {
    /// `IP4`.
    Ip4,
    /// `IP6`.
    Ip6,
    /// Anything else, as written.
    Other,
}

impl AddressType {
    /// Reads `IP4`/`IP6` (case-insensitive).
    pub fn parse(s: &str) -> Self {
        if s.eq_ignore_ascii_case("IP4") {
            AddressType::Ip4
        } else if s.eq_ignore_ascii_case("IP6") {
            AddressType::Ip6
        } else {
            AddressType::Other
        }
    }

    /// The token as written in SDP.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressType::Ip4 => "IP4",
            AddressType::Ip6 => "IP6",
            AddressType::Other => "X",
        }
    }
}

/// A connection address: a literal IP address or a fully qualified domain name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "RFC 8866 §5.7: a unicast address is an IP literal or an FQDN; anything else is a parse error"
)]
pub enum ConnectionAddress<'a> {
    /// An IPv4 or IPv6 literal.
    Ip(IpAddr),
    /// A domain name (RFC 8866 allows an FQDN in `c=`).
    Fqdn(&'a str),
}

/// A typed `c=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connection<'a> {
    /// `<nettype>`, `IN` in practice.
    pub net_type: &'a str,
    /// `<addrtype>`.
    pub address_type: AddressType,
    /// The address without any `/ttl/count` suffix.
    pub address: ConnectionAddress<'a>,
    /// The address as written, without suffix.
    pub address_text: &'a str,
    /// Multicast TTL (IPv4 only), when given.
    pub ttl: Option<u8>,
    /// Number of multicast addresses, when given.
    pub count: Option<u32>,
}

impl<'a> Connection<'a> {
    /// Parses `IN IP4 192.0.2.1`, `IN IP6 ::1`, `IN IP4 host.example.com`, `IN IP4 224.2.1.1/127/3`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when a field is missing, the address is
    /// neither an address of its type nor a domain name, or a suffix is not a number.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "c= line";
        let ([net_type, addr_type, addr_full], extra) = tokens(value);
        if net_type.is_empty() || addr_type.is_empty() || addr_full.is_empty() {
            return Err(SdpError::invalid(
                line,
                F,
                "expected <nettype> <addrtype> <address>",
            ));
        }
        if !extra.is_empty() {
            return Err(SdpError::invalid(
                line,
                F,
                "unexpected text after the address",
            ));
        }
        let address_type = AddressType::parse(addr_type);
        let (address_text, suffixes) = split_once_byte(addr_full, b'/');
        let (first, second) = match suffixes {
            None => (None, None),
            Some(rest) => match split_once_byte(rest, b'/') {
                (a, None) => (Some(a), None),
                (_, Some(b)) if b.contains('/') => {
                    return Err(SdpError::invalid(line, F, "too many / suffixes"));
                }
                (a, Some(b)) => (Some(a), Some(b)),
            },
        };
        let (ttl, count) = match (address_type, first, second) {
            (_, None, _) => (None, None),
            (AddressType::Ip6, Some(n), None) => (None, Some(num(n, line)?)),
            (AddressType::Ip6, Some(_), Some(_)) => {
                return Err(SdpError::invalid(line, F, "IP6 takes no TTL"));
            }
            (_, Some(t), c) => {
                let ttl = u8::try_from(num(t, line)?)
                    .map_err(|_| SdpError::invalid(line, F, "TTL over 255"))?;
                (Some(ttl), c.map(|c| num(c, line)).transpose()?)
            }
        };
        let address = parse_address(address_type, address_text).ok_or(SdpError::invalid(
            line,
            F,
            "not an address of its type nor a domain name",
        ))?;
        Ok(Connection {
            net_type,
            address_type,
            address,
            address_text,
            ttl,
            count,
        })
    }

    /// `true` for the RFC 2543 hold address `0.0.0.0` (RFC 3264 §8.4 asks answerers to accept it).
    pub fn is_unspecified(&self) -> bool {
        matches!(self.address, ConnectionAddress::Ip(ip) if ip.is_unspecified())
    }

    /// The IP literal, when the address is one.
    pub fn ip(&self) -> Option<IpAddr> {
        match self.address {
            ConnectionAddress::Ip(ip) => Some(ip),
            ConnectionAddress::Fqdn(_) => None,
        }
    }
}

fn num(s: &str, line: usize) -> Result<u32, SdpError> {
    super::parse_u64(s)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or(SdpError::invalid(line, "c= line", "suffix is not a number"))
}

/// Reads an address of the given type: a literal, else a plausible domain name.
pub(crate) fn parse_address(
    address_type: AddressType,
    text: &str,
) -> Option<ConnectionAddress<'_>> {
    match address_type {
        AddressType::Ip4 => {
            if let Some(ip) = dotted_quad(text).or_else(|| text.parse::<Ipv4Addr>().ok()) {
                return Some(ConnectionAddress::Ip(IpAddr::V4(ip)));
            }
        }
        AddressType::Ip6 => {
            if let Ok(ip) = text.parse::<Ipv6Addr>() {
                return Some(ConnectionAddress::Ip(IpAddr::V6(ip)));
            }
        }
        AddressType::Other => {}
    }
    let fqdn_ok = !text.is_empty()
        && text.len() <= 255
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && text.bytes().any(|b| b.is_ascii_alphabetic());
    fqdn_ok.then_some(ConnectionAddress::Fqdn(text))
}

/// A canonical dotted-quad IPv4 address (`192.0.2.1`: four 0..=255 parts
/// without leading zeros), read without the general parser.
fn dotted_quad(text: &str) -> Option<Ipv4Addr> {
    let b = text.as_bytes();
    if b.len() < 7 || b.len() > 15 {
        return None;
    }
    let mut octets = [0u8; 4];
    let mut i = 0;
    for (n, octet) in octets.iter_mut().enumerate() {
        if n > 0 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let start = i;
        let mut v: u32 = 0;
        while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            v = v * 10 + u32::from(d - b'0');
            i += 1;
            if i - start > 3 {
                return None;
            }
        }
        let len = i - start;
        if len == 0 || v > 255 || (len > 1 && b[start] == b'0') {
            return None;
        }
        *octet = v as u8;
    }
    (i == b.len()).then(|| Ipv4Addr::from(octets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quad_agrees_with_std() {
        for t in [
            "192.0.2.1",
            "0.0.0.0",
            "255.255.255.255",
            "10.0.0.01",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            "a.b.c.d",
            "1.2.3.4 ",
        ] {
            assert_eq!(dotted_quad(t), t.parse::<Ipv4Addr>().ok(), "{t}");
        }
    }
}
