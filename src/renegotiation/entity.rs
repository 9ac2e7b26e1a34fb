//! The `Renegotiation` entity: one offer/answer exchange on an established
//! session (UCWA `audioVideoRenegotiation`).

use std::fmt;

use super::{ReNegotiationDeclineReason, RenegotiationDirection};

/// Where a [`Renegotiation`] stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RenegotiationState {
    /// The offer has been sent or received and has no answer yet. Only now
    /// can an incoming renegotiation be answered or dismissed.
    Pending,
    /// The offer has its final answer ([`Renegotiation::media_answer`]).
    Answered,
    /// The application dismissed the incoming offer for this reason.
    Dismissed(ReNegotiationDeclineReason),
    /// The exchange ended without an answer for another cause: the remote
    /// rejected our offer (488, 491...), the request was canceled, the
    /// dialog ended. The previous session stays active.
    Failed,
}

impl RenegotiationState {
    /// `true` for [`RenegotiationState::Pending`].
    pub const fn is_pending(self) -> bool {
        matches!(self, Self::Pending)
    }
}

/// A call to [`Renegotiation`] that its state or direction does not allow
/// (local misuse; the entity is left unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenegotiationError {
    /// The renegotiation is no longer pending: it was already answered,
    /// dismissed or failed.
    #[error("renegotiation is no longer pending (state {state:?})")]
    NotPending {
        /// The state it is in.
        state: RenegotiationState,
    },
    /// Only an incoming offer can be dismissed: our own offer is answered or
    /// rejected by the remote.
    #[error("only an incoming renegotiation can be dismissed")]
    NotIncoming,
}

/// One renegotiation (re-INVITE or UPDATE offer/answer) on an established
/// session, modelled on UCWA's `audioVideoRenegotiation` resource:
/// `operation_id`, `direction`, `media_offer`, `media_answer` (the final
/// answer) and a [`RenegotiationState`].
///
/// Offer and answer are raw SDP bytes (use
/// [`encode_sdp_data_uri`](crate::renegotiation::encode_sdp_data_uri) for the
/// UCWA `data:` form). The entity only records the exchange; the SIP work is
/// the [`Call`](crate::call::Call)'s, which creates one per re-INVITE/UPDATE
/// offer/answer and reports it with
/// [`CallEvent::RenegotiationStarted`](crate::call::CallEvent::RenegotiationStarted)
/// and [`CallEvent::RenegotiationCompleted`](crate::call::CallEvent::RenegotiationCompleted). An incoming renegotiation ends with
/// [`Self::answer`] or [`Self::dismiss`] (whose reason gives the SIP response,
/// see [`ReNegotiationDeclineReason::sip_response`]); an outgoing one with
/// [`Self::answer`] when the remote's answer arrives or [`Self::fail`].
///
/// Its `Debug` shows the SDP bodies as text (lossy UTF-8, at most
/// [`DEBUG_SDP_LIMIT`] bytes each, then the count of bytes left out), so
/// a log line reads like the SIP message it came from.
///
/// With the `serde` feature it serializes as `operation_id`, `direction`,
/// `media_offer`, `media_answer` and `state`; the SDP bodies are strings
/// when they are UTF-8 (else bytes).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Renegotiation {
    operation_id: String,
    direction: RenegotiationDirection,
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::sdp_bytes"))]
    media_offer: Vec<u8>,
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::opt_sdp_bytes"))]
    media_answer: Option<Vec<u8>>,
    state: RenegotiationState,
}

/// The most bytes of each SDP body [`Renegotiation`]'s `Debug` shows.
pub const DEBUG_SDP_LIMIT: usize = 1024;

impl fmt::Debug for Renegotiation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Renegotiation")
            .field("operation_id", &self.operation_id)
            .field("direction", &self.direction)
            .field("media_offer", &SdpText(&self.media_offer))
            .field("media_answer", &self.media_answer.as_deref().map(SdpText))
            .field("state", &self.state)
            .finish()
    }
}

/// SDP bytes shown as a quoted, escaped string: lossy UTF-8, cut at
/// [`DEBUG_SDP_LIMIT`] bytes (on a character boundary) with `... (N more
/// bytes)` after the quote.
struct SdpText<'a>(&'a [u8]);

impl fmt::Debug for SdpText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.0;
        let mut shown = all.get(..DEBUG_SDP_LIMIT).unwrap_or(all);
        if shown.len() < all.len() {
            shown = without_cut_character(shown);
        }
        write!(f, "{:?}", String::from_utf8_lossy(shown))?;
        if shown.len() < all.len() {
            write!(f, "... ({} more bytes)", all.len() - shown.len())?;
        }
        Ok(())
    }
}

/// `bytes` without a UTF-8 sequence that the cut left incomplete at its end.
fn without_cut_character(bytes: &[u8]) -> &[u8] {
    // The last lead byte among the final four, and how long its sequence is.
    let start = bytes.len().saturating_sub(4);
    let Some(lead) = (start..bytes.len())
        .rev()
        .find(|&i| bytes[i] & 0xc0 != 0x80)
    else {
        return bytes;
    };
    let needed = match bytes[lead] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    };
    if bytes.len() - lead < needed {
        &bytes[..lead]
    } else {
        bytes
    }
}

impl Renegotiation {
    /// A pending renegotiation with this direction and offer.
    ///
    /// `operation_id` identifies the exchange to the application (UCWA's
    /// `operationId`; UCWA caps it at 50 characters, this type does not).
    pub fn new(
        operation_id: impl Into<String>,
        direction: RenegotiationDirection,
        media_offer: impl Into<Vec<u8>>,
    ) -> Self {
        Renegotiation {
            operation_id: operation_id.into(),
            direction,
            media_offer: media_offer.into(),
            media_answer: None,
            state: RenegotiationState::Pending,
        }
    }

    /// A pending renegotiation of an offer the remote sent us.
    pub fn incoming(operation_id: impl Into<String>, media_offer: impl Into<Vec<u8>>) -> Self {
        Self::new(operation_id, RenegotiationDirection::Incoming, media_offer)
    }

    /// A pending renegotiation of an offer we sent.
    pub fn outgoing(operation_id: impl Into<String>, media_offer: impl Into<Vec<u8>>) -> Self {
        Self::new(operation_id, RenegotiationDirection::Outgoing, media_offer)
    }

    /// The operation id (UCWA `operationId`).
    pub fn operation_id(&self) -> &str {
        &self.operation_id
    }

    /// Who sent the offer.
    pub const fn direction(&self) -> RenegotiationDirection {
        self.direction
    }

    /// The offer SDP (UCWA `mediaOffer`).
    pub fn media_offer(&self) -> &[u8] {
        &self.media_offer
    }

    /// The final answer SDP (UCWA `mediaAnswer`), once answered.
    pub fn media_answer(&self) -> Option<&[u8]> {
        self.media_answer.as_deref()
    }

    /// The current state.
    pub const fn state(&self) -> RenegotiationState {
        self.state
    }

    /// `true` while the offer has no answer and no decline.
    pub const fn is_pending(&self) -> bool {
        self.state.is_pending()
    }

    /// Records the final answer: ours to an incoming offer, or the remote's to
    /// our outgoing offer. Pending → [`RenegotiationState::Answered`].
    ///
    /// # Errors
    /// [`RenegotiationError::NotPending`] if no longer pending.
    pub fn answer(&mut self, media_answer: impl Into<Vec<u8>>) -> Result<(), RenegotiationError> {
        self.ensure_pending()?;
        self.media_answer = Some(media_answer.into());
        self.state = RenegotiationState::Answered;
        Ok(())
    }

    /// Dismisses (declines) an incoming offer. Pending →
    /// [`RenegotiationState::Dismissed`]. The SIP response to send is
    /// `reason.sip_response(..)`.
    ///
    /// # Errors
    /// [`RenegotiationError::NotIncoming`] for an outgoing renegotiation;
    /// [`RenegotiationError::NotPending`] if no longer pending.
    pub fn dismiss(
        &mut self,
        reason: ReNegotiationDeclineReason,
    ) -> Result<(), RenegotiationError> {
        if self.direction != RenegotiationDirection::Incoming {
            return Err(RenegotiationError::NotIncoming);
        }
        self.ensure_pending()?;
        self.state = RenegotiationState::Dismissed(reason);
        Ok(())
    }

    /// Ends the exchange without an answer (remote rejection, cancel, dialog
    /// ended). Pending → [`RenegotiationState::Failed`].
    ///
    /// # Errors
    /// [`RenegotiationError::NotPending`] if no longer pending.
    pub fn fail(&mut self) -> Result<(), RenegotiationError> {
        self.ensure_pending()?;
        self.state = RenegotiationState::Failed;
        Ok(())
    }

    fn ensure_pending(&self) -> Result<(), RenegotiationError> {
        if self.state.is_pending() {
            Ok(())
        } else {
            Err(RenegotiationError::NotPending { state: self.state })
        }
    }
}

/// A renegotiation that is pending by construction: the Call's handle on
/// the exchange it is driving. Its transitions consume it and give the
/// finished [`Renegotiation`], so none can fail and none can be applied
/// twice (the public, fallible [`Renegotiation::answer`]/[`Renegotiation::fail`]
/// are for entities the application holds).
#[derive(Debug, Clone)]
pub(crate) struct PendingRenegotiation(Renegotiation);

impl PendingRenegotiation {
    /// Our renegotiation, its offer not made yet (empty).
    pub(crate) fn outgoing(operation_id: String) -> Self {
        PendingRenegotiation(Renegotiation::outgoing(operation_id, Vec::new()))
    }

    /// The entity as it stands (state [`RenegotiationState::Pending`]).
    pub(crate) fn entity(&self) -> &Renegotiation {
        &self.0
    }

    /// Replaces the offer: ours once it is made (an outgoing renegotiation
    /// queued or retried after 491, or our offer in the 2xx of a re-INVITE
    /// without offer).
    pub(crate) fn set_media_offer(&mut self, media_offer: Vec<u8>) {
        self.0.media_offer = media_offer;
    }

    /// Pending → [`RenegotiationState::Answered`] with `media_answer`.
    pub(crate) fn answered(self, media_answer: Vec<u8>) -> Renegotiation {
        let mut entity = self.0;
        entity.media_answer = Some(media_answer);
        entity.state = RenegotiationState::Answered;
        entity
    }

    /// Pending → [`RenegotiationState::Failed`].
    pub(crate) fn failed(self) -> Renegotiation {
        let mut entity = self.0;
        entity.state = RenegotiationState::Failed;
        entity
    }
}

/// The remote's pending renegotiation: a [`PendingRenegotiation`] of
/// direction `Incoming`, the only kind that can be dismissed.
#[derive(Debug, Clone)]
pub(crate) struct IncomingPendingRenegotiation(PendingRenegotiation);

impl IncomingPendingRenegotiation {
    /// The remote's renegotiation of `media_offer` (empty for a re-INVITE
    /// without offer).
    pub(crate) fn new(operation_id: String, media_offer: Vec<u8>) -> Self {
        IncomingPendingRenegotiation(PendingRenegotiation(Renegotiation::incoming(
            operation_id,
            media_offer,
        )))
    }

    /// The entity as it stands (state [`RenegotiationState::Pending`]).
    pub(crate) fn entity(&self) -> &Renegotiation {
        self.0.entity()
    }

    /// See [`PendingRenegotiation::set_media_offer`].
    pub(crate) fn set_media_offer(&mut self, media_offer: Vec<u8>) {
        self.0.set_media_offer(media_offer);
    }

    /// Pending → [`RenegotiationState::Answered`] with `media_answer`.
    pub(crate) fn answered(self, media_answer: Vec<u8>) -> Renegotiation {
        self.0.answered(media_answer)
    }

    /// Pending → [`RenegotiationState::Failed`].
    pub(crate) fn failed(self) -> Renegotiation {
        self.0.failed()
    }

    /// Pending → [`RenegotiationState::Dismissed`] for `reason`.
    pub(crate) fn dismissed(self, reason: ReNegotiationDeclineReason) -> Renegotiation {
        let mut entity = (self.0).0;
        entity.state = RenegotiationState::Dismissed(reason);
        entity
    }
}
