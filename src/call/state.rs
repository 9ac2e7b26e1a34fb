//! [`CallState`], [`CallDirection`] and [`RemoteCapabilities`].

/// The state of a call (UCMA's `CallState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallState {
    /// Nothing sent or received yet.
    Idle,
    /// An INVITE arrived; the application has not accepted or declined it.
    Incoming,
    /// Our INVITE is out (waiting for the final response), or we accepted
    /// and wait for the ACK.
    Establishing,
    /// Offer/answer done and the dialog confirmed.
    Established,
    /// We are ending it: CANCEL sent and waiting for the INVITE's final
    /// response, or waiting for the ACK before sending BYE.
    Terminating,
    /// Over (ended, declined or failed).
    Terminated,
}

/// Who sent the initial INVITE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "a call has one initial INVITE, sent or received"
)]
pub enum CallDirection {
    /// We did ([`Call::establish`](super::Call::establish)).
    Outgoing,
    /// The remote did.
    Incoming,
}

bitflags::bitflags! {
    /// What the remote has shown it supports (the remote's
    /// capability set), learned from the headers of its messages.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct RemoteCapabilities: u8 {
        /// Its Accept lists `multipart/alternative` (or a range covering it).
        const MULTIPART_ALTERNATIVE = 1;
        /// Its Supported or Require lists `100rel` (RFC 3262).
        const REL100 = 1 << 1;
        /// Its Allow lists UPDATE (RFC 3311).
        const UPDATE = 1 << 2;
    }
}
