//! The initial INVITE transaction, both ways: ours ([`outgoing`]: `establish`
//! and the responses to our INVITE, with the early dialogs of a forked call
//! in [`early_dialogs`] and the 415 retry in [`unsupported_media`]) and the
//! remote's ([`incoming`]: `accept`, `accept_early_media`, `decline`, the ACK
//! of our 2xx).

pub(super) mod early_dialogs;
pub(super) mod incoming;
pub(super) mod outgoing;
mod unsupported_media;
