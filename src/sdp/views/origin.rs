//! `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (RFC 8866 §5.2).

use super::connection::AddressType;
use super::{parse_u64, tokens};
use crate::sdp::error::SdpError;

/// A typed `o=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin<'a> {
    /// `<username>`, `-` when none.
    pub username: &'a str,
    /// `<sess-id>` as written (a numeric string; may exceed 64 bits in the wild).
    pub session_id: &'a str,
    /// `<sess-version>`: increased by one for each changed offer (RFC 3264 §8).
    pub session_version: u64,
    /// `<nettype>`, `IN` in practice.
    pub net_type: &'a str,
    /// `<addrtype>`.
    pub address_type: AddressType,
    /// `<unicast-address>` as written.
    pub address: &'a str,
}

impl<'a> Origin<'a> {
    /// Parses `- 2890844526 2890844526 IN IP4 192.0.2.1`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when a field is missing or the version is not a number.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        const F: &str = "o= line";
        let ([username, session_id, version, net_type, addr_type, address], extra) = tokens(value);
        if address.is_empty() || !extra.is_empty() {
            return Err(SdpError::invalid(line, F, "expected 6 fields"));
        }
        let session_version = parse_u64(version).ok_or(SdpError::invalid(
            line,
            F,
            "session version is not a number",
        ))?;
        Ok(Origin {
            username,
            session_id,
            session_version,
            net_type,
            address_type: AddressType::parse(addr_type),
            address,
        })
    }

    /// `true` when both lines name the same session (RFC 8866 §5.2: all fields but the version).
    pub fn same_session(&self, other: &Origin<'_>) -> bool {
        self.username == other.username
            && self.session_id == other.session_id
            && self.net_type == other.net_type
            && self.address_type == other.address_type
            && self.address == other.address
    }
}
