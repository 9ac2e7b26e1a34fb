//! The SIP message model the upper layers share: requests and responses as
//! plain data ([`SipRequest`], [`SipResponse`], [`SipHeaders`],
//! [`Method`]), headers ([`SignalingHeader`] and the one check every
//! header the crate writes passes, [`HeaderFault`]), the typed `Warning`
//! ([`SipWarning`], RFC 3261 §20.43), the one reason-phrase table
//! ([`reason_phrase`], RFC 3261 §21) and the one decline type
//! ([`SipDecline`]).
//!
//! This is the lowest layer next to [`sdp`](crate::sdp): it depends on
//! nothing else in the crate. The [`negotiation`](crate::negotiation)
//! layer declines offers with a [`SipDecline`]; the
//! [`offer_answer`](crate::offer_answer) types carry a [`SipWarning`]; the
//! [`Call`](crate::call::Call) takes and gives these messages (the
//! [`call`](crate::call) module re-exports them).
//!
//! Everything here is pure data: no parsing of the wire format (the
//! transport's job), no I/O.

mod decline;
mod header;
mod message;
mod method;
mod status;
mod warning;

pub use decline::SipDecline;
pub use header::{HeaderFault, SignalingHeader};
pub(crate) use header::{check_header, check_header_name, check_tag};
pub use message::{SipHeaders, SipRequest, SipResponse};
pub use method::Method;
pub use status::reason_phrase;
pub(crate) use warning::warn_text_of;
pub use warning::{
    MAX_WARN_TEXT_LEN, SipWarning, WarningHeaderError, standard_warn_text, warning_header_value,
};
