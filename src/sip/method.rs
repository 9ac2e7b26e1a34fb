//! [`Method`]: the SIP request methods the offer/answer driver knows.

use std::fmt;

/// A SIP method (RFC 3261 §7.1; PRACK RFC 3262, UPDATE RFC 3311).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "extension methods are kept in `Other`"
)]
pub enum Method {
    /// INVITE: establishes the call (offer in it, or in the 2xx).
    Invite,
    /// ACK for a 2xx to INVITE (carries the answer when the 2xx offered).
    Ack,
    /// PRACK: acknowledges a reliable 1xx (RFC 3262).
    Prack,
    /// UPDATE: an offer/answer within a dialog (RFC 3311).
    Update,
    /// BYE: ends the call.
    Bye,
    /// CANCEL: cancels a pending INVITE.
    Cancel,
    /// Any other method (OPTIONS, INFO, REFER, ...), upper-case as written.
    Other(String),
}

impl Method {
    /// The method token, e.g. `"INVITE"`.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Invite => "INVITE",
            Method::Ack => "ACK",
            Method::Prack => "PRACK",
            Method::Update => "UPDATE",
            Method::Bye => "BYE",
            Method::Cancel => "CANCEL",
            Method::Other(m) => m,
        }
    }

    /// The method named `token` (SIP methods are case-sensitive, RFC 3261
    /// §7.1: `invite` is an unknown method).
    pub fn parse(token: &str) -> Method {
        match token {
            "INVITE" => Method::Invite,
            "ACK" => Method::Ack,
            "PRACK" => Method::Prack,
            "UPDATE" => Method::Update,
            "BYE" => Method::Bye,
            "CANCEL" => Method::Cancel,
            other => Method::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
