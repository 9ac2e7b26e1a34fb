//! `a=rtcp:<port> [<nettype> <addrtype> <connection-address>]` (RFC 3605).

use super::connection::Connection;
use super::{parse_u64, split_token};
use crate::sdp::error::SdpError;

/// A typed `a=rtcp` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rtcp<'a> {
    /// The RTCP port.
    pub port: u16,
    /// The RTCP address, when given.
    pub connection: Option<Connection<'a>>,
}

impl<'a> Rtcp<'a> {
    /// Parses `53020` or `53020 IN IP4 126.16.64.4`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the port is not a number or the address is malformed.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        let (port, rest) = split_token(value);
        let port = parse_u64(port)
            .and_then(|p| u16::try_from(p).ok())
            .ok_or(SdpError::invalid(line, "a=rtcp", "port is not 0..=65535"))?;
        let connection = if rest.trim().is_empty() {
            None
        } else {
            Some(Connection::parse(rest, line)?)
        };
        Ok(Rtcp { port, connection })
    }
}
