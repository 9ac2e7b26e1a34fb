//! [`Transmit`]: what a [`Call`](crate::call::Call) asks the transport to send.
//! The messages themselves are the [`sip`](crate::sip) layer's.

pub(super) mod bodies;
mod send;

use crate::sip::{SipHeaders, SipRequest, SipResponse};

/// A message the [`Call`](crate::call::Call) asks the transport to send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "a SIP message is a request or a response (RFC 3261 §7)"
)]
pub enum Transmit {
    /// Send this request (the transport adds Via, CSeq, routing...).
    Request(SipRequest),
    /// Send this response to the request of its method.
    Response(SipResponse),
}

impl Transmit {
    /// The headers of the message.
    pub fn headers(&self) -> &SipHeaders {
        match self {
            Transmit::Request(r) => &r.headers,
            Transmit::Response(r) => &r.headers,
        }
    }

    /// The body of the message.
    pub fn body(&self) -> &[u8] {
        match self {
            Transmit::Request(r) => &r.body,
            Transmit::Response(r) => &r.body,
        }
    }

    /// The request, when this is one.
    pub fn as_request(&self) -> Option<&SipRequest> {
        match self {
            Transmit::Request(r) => Some(r),
            Transmit::Response(_) => None,
        }
    }

    /// The response, when this is one.
    pub fn as_response(&self) -> Option<&SipResponse> {
        match self {
            Transmit::Request(_) => None,
            Transmit::Response(r) => Some(r),
        }
    }
}
