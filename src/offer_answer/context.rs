//! [`OfferAnswerContext`] and [`SdpOfferAnswerReason`].

use std::sync::Arc;

use mime::Mime;

use crate::sdp::MediaType;

/// Why an offer/answer exchange happens (UCMA's `SdpOfferAnswerReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
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
    /// The media of the call's initial offer (UCMA's
    /// `InitialOfferMediaTypes`, "the call's default media types, the
    /// MediaProvider could use these media types to initialize the flow"):
    /// the media of its m-lines, each once, in order, e.g. `[Audio, Video]`
    /// (of the preferred SDP when it offered several). For our own first
    /// offer (`get_offer` of an outgoing call), the provider's
    /// [`supported_media_types`](crate::media_provider::MediaProvider::supported_media_types);
    /// empty for an INVITE without offer. Shared (cloning a context does
    /// not copy it).
    pub initial_offer_media_types: Arc<[MediaType]>,
    /// The body types of the leaf parts of the initial INVITE, in body
    /// order, e.g. `[application/sdp, application/x-custom]` (RFC 5621);
    /// empty for an INVITE without body. Shared.
    pub initial_offer_content_types: Arc<[Mime]>,
}

impl OfferAnswerContext {
    /// A context for `reason`, outside any dialog, with no initial media types.
    pub fn new(reason: SdpOfferAnswerReason) -> Self {
        OfferAnswerContext {
            reason,
            is_early_dialog: false,
            dialog_id: None,
            initial_offer_media_types: Arc::from(Vec::new()),
            initial_offer_content_types: Arc::from(Vec::new()),
        }
    }

    /// This context in dialog `dialog_id`, early or not.
    pub fn in_dialog(mut self, dialog_id: Option<String>, early: bool) -> Self {
        self.dialog_id = dialog_id;
        self.is_early_dialog = early;
        self
    }
}
