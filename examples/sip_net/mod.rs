//! The SIP side shared by the `sip_ua` and `ucwa_service` examples: UDP
//! transport, message framing (`ezk-sip-types`), RFC 3261 §17
//! transactions, dialog headers, the mapping to the Call's
//! `SipRequest`/`SipResponse`, and ladder logging.
//!
//! Each example includes it with `#[path = "../sip_net/mod.rs"] mod sip_net;`
//! (it is not an example of its own: it has no `main.rs`). Each uses a
//! subset of it, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod dialog;
pub mod log;
pub mod mapping;
pub mod message;
pub mod send;
pub mod transaction;
pub mod transport;
