//! What the remote supports ([`RemoteCapabilities`]), learned from the
//! headers of its messages and from the application.

use super::{Call, RemoteCapabilities, SipHeaders};
use crate::body::supports_multipart_alternative;
use crate::media_provider::MediaProvider;

impl<P: MediaProvider> Call<P> {
    /// What the remote has shown it supports: learned from the headers of
    /// its messages within this call, and from what the application gave
    /// ([`Call::learn_remote_capabilities`],
    /// [`Call::add_remote_capabilities`]). The 415 retry reads
    /// [`RemoteCapabilities::MULTIPART_ALTERNATIVE`], an UPDATE offer in an
    /// early dialog [`RemoteCapabilities::UPDATE`].
    pub fn remote_capabilities(&self) -> RemoteCapabilities {
        let mut caps = self.remote;
        if self.remote_takes_alternative() {
            caps |= RemoteCapabilities::MULTIPART_ALTERNATIVE;
        }
        caps
    }

    /// Whether the remote's latest Accept takes `multipart/alternative`
    /// (read when it matters: after a 415).
    pub(super) fn remote_takes_alternative(&self) -> bool {
        self.remote_accept
            .as_deref()
            .is_some_and(|a| supports_multipart_alternative(Some(a)))
    }

    /// Learns what the remote supports from `headers` of a message outside
    /// this call, e.g. the 200 to an OPTIONS the stack sent first (RFC 3261
    /// §11: its Accept, Allow and Supported say what the remote takes): its
    /// Accept listing `multipart/alternative` (or a range covering it) sets
    /// [`RemoteCapabilities::MULTIPART_ALTERNATIVE`] (the latest Accept
    /// decides, unless [`Call::add_remote_capabilities`] added it),
    /// `Supported`/`Require: 100rel`
    /// sets [`RemoteCapabilities::REL100`], `Allow: UPDATE`
    /// [`RemoteCapabilities::UPDATE`]. The remote's own messages in the
    /// call are read the same way.
    pub fn learn_remote_capabilities(&mut self, headers: &SipHeaders) {
        self.learn_remote(headers);
    }

    /// Adds what the application knows the remote supports (from a
    /// registration, a previous call, configuration).
    pub fn add_remote_capabilities(&mut self, capabilities: RemoteCapabilities) {
        self.remote |= capabilities;
    }

    /// Learns what the remote supports from a message's headers.
    pub(super) fn learn_remote(&mut self, headers: &SipHeaders) {
        if let Some(accept) = &headers.accept {
            // Kept as text, read only when it matters (after a 415); copied
            // only when it changes (it repeats from message to message).
            if self.remote_accept.as_deref() != Some(accept.as_str()) {
                self.remote_accept = Some(accept.clone());
            }
        }
        if headers.supports("100rel") || headers.requires("100rel") {
            self.remote |= RemoteCapabilities::REL100;
        }
        let allows_update = headers
            .extra
            .iter()
            .filter(|h| h.is("Allow"))
            .any(|h| h.value.split(',').any(|m| m.trim() == "UPDATE"));
        if allows_update {
            self.remote |= RemoteCapabilities::UPDATE;
        }
    }
}
