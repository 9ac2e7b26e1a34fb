//! [`OfferAnswerContext`] and [`SdpOfferAnswerReason`].

use std::sync::Arc;

use mime::Mime;

/// Why an offer/answer exchange happens (UCMA's `SdpOfferAnswerReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SdpOfferAnswerReason {
    /// Our INVITE establishing the call (offer in the INVITE, or answer in
    /// the ACK for a third-party call control INVITE without offer).
    OutgoingCallEstablishment,
    /// A remote INVITE establishing the call.
    IncomingCallEstablishment,
    /// Our re-INVITE or UPDATE on an established call.
    OutgoingRenegotiation,
    /// A remote re-INVITE or UPDATE on an established call.
    IncomingRenegotiation,
}

/// What an offer/answer exchange is about (UCMA's `OfferAnswerContext`),
/// given to every [`MediaProvider`](crate::media_provider::MediaProvider) call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferAnswerContext {
    /// Why the exchange happens.
    pub reason: SdpOfferAnswerReason,
    /// `true` while the dialog is early (answers in 1xx responses, RFC 3261
    /// §12.1): a provisional answer, or our answer in a reliable 1xx/PRACK.
    pub is_early_dialog: bool,
    /// The dialog the exchange belongs to: the remote To-tag when we sent
    /// the INVITE (distinct To-tags are distinct dialogs when the call forks,
    /// RFC 3261 §12.1.2), our own tag when we received it; `None` before any
    /// dialog exists (our first offer).
    pub dialog_id: Option<String>,
    /// The media types of the leaf body parts of the initial INVITE, in body
    /// order, e.g. `[application/sdp, application/x-custom]`; empty for an
    /// INVITE without body. Shared (cloning a context does not copy it).
    pub initial_offer_media_types: Arc<[Mime]>,
}

impl OfferAnswerContext {
    /// A context for `reason`, outside any dialog, with no initial media types.
    pub fn new(reason: SdpOfferAnswerReason) -> Self {
        OfferAnswerContext {
            reason,
            is_early_dialog: false,
            dialog_id: None,
            initial_offer_media_types: Arc::from(Vec::new()),
        }
    }

    /// This context in dialog `dialog_id`, early or not.
    pub fn in_dialog(mut self, dialog_id: Option<String>, early: bool) -> Self {
        self.dialog_id = dialog_id;
        self.is_early_dialog = early;
        self
    }
}
