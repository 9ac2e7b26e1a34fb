//! Renegotiation on an established call (or, with UPDATE, an early dialog):
//! the two slots (the remote's renegotiation and ours), the
//! [`Renegotiation`] entities they carry, and what both directions share.
//! The flows are in `incoming.rs` (the remote's) and `outgoing.rs` (ours, with glare).
//!
//! One at a time (RFC 3261 §14, RFC 3311 §5.2, RFC 6337 §4.3): at most one
//! renegotiation of the remote's and one of ours exist; ours is only on the
//! wire while the remote has none in progress (else it is queued behind it,
//! as UCMA does), and a remote offer crossing ours gets 491.

pub(super) mod incoming;
pub(super) mod outgoing;

use crate::call::{Call, CallEvent, Method, RenegotiationFailure};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{OfferAnswerContext, SdpAnswerStatus, SdpOffer};
use crate::renegotiation::{IncomingPendingRenegotiation, PendingRenegotiation, Renegotiation};

/// How the application answers an incoming renegotiation
/// ([`Call::answer_renegotiation`]; UCWA: the `answer` link of an
/// `audioVideoRenegotiation`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenegotiationAnswer {
    /// The media provider answers:
    /// [`MediaProvider::get_answer`] with `IncomingRenegotiation`; for a
    /// re-INVITE without offer, [`MediaProvider::get_offer`] (our offer goes
    /// in the 2xx and the ACK answers it).
    Provider,
    /// This SDP is the answer (UCWA: the application's own media answer),
    /// given to [`MediaProvider::set_local_answer`], which checks it against
    /// the offer (RFC 3264 §6) and makes it the session. Not for a re-INVITE
    /// without offer (there is nothing to answer).
    Sdp(Vec<u8>),
}

/// Where the remote's renegotiation stands.
#[derive(Debug, Clone)]
pub(crate) enum RemotePhase {
    /// Nothing sent yet: waiting for the application (or, in Automatic
    /// mode, for the provider within the same input).
    Deciding {
        /// The remote's offer; `None` for a re-INVITE without offer.
        offer: Option<SdpOffer>,
    },
    /// A re-INVITE without offer: our offer went in the 2xx; the ACK brings
    /// the answer.
    AwaitingAck,
}

/// The remote's renegotiation in progress.
#[derive(Debug, Clone)]
pub(crate) struct RemoteRenegotiation {
    pub(crate) entity: IncomingPendingRenegotiation,
    /// INVITE or UPDATE: the request to answer.
    pub(crate) method: Method,
    pub(crate) ctx: OfferAnswerContext,
    pub(crate) phase: RemotePhase,
}

/// Where our renegotiation stands.
#[derive(Debug, Clone)]
pub(crate) enum LocalPhase {
    /// Waiting for the remote's renegotiation (and its ACK) to finish; no
    /// offer made yet.
    Queued,
    /// Our re-INVITE (or UPDATE) is out with this offer.
    Offered {
        /// INVITE or UPDATE.
        method: Method,
        offer: SdpOffer,
        /// The context the offer was made in (its dialog).
        ctx: OfferAnswerContext,
    },
    /// A 491 came back: the glare timer runs (RFC 3261 §14.1).
    GlareWait,
}

/// Our renegotiation in progress.
#[derive(Debug, Clone)]
pub(crate) struct LocalRenegotiation {
    pub(crate) entity: PendingRenegotiation,
    pub(crate) phase: LocalPhase,
    /// 491s answered with a new attempt so far (`RenegotiationStarted` is
    /// reported when the first attempt goes out, with none).
    pub(crate) glare_retries: u8,
    pub(crate) cause: LocalCause,
}

/// Why our renegotiation was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocalCause {
    /// The application asked (`begin_renegotiation`, `hold`, `resume`).
    Application,
    /// The Call itself, to put both sides in step after the remote's
    /// unusable answer: a failure of it starts no other.
    Resync,
}

impl RemoteRenegotiation {
    /// Nothing sent yet: the application (or the provider) decides.
    pub(crate) fn is_deciding(&self) -> bool {
        matches!(self.phase, RemotePhase::Deciding { .. })
    }

    /// Our offer in the 2xx of a re-INVITE without offer is out: its ACK
    /// brings the answer.
    pub(crate) fn is_awaiting_ack(&self) -> bool {
        matches!(self.phase, RemotePhase::AwaitingAck)
    }

    /// The remote's offer while deciding; `None` for a re-INVITE without
    /// offer, or once answered.
    pub(crate) fn offer(&self) -> Option<&SdpOffer> {
        match &self.phase {
            RemotePhase::Deciding { offer } => offer.as_ref(),
            RemotePhase::AwaitingAck => None,
        }
    }

    /// Takes the remote's offer to answer it (see [`Self::offer`]).
    pub(crate) fn take_offer(&mut self) -> Option<SdpOffer> {
        match &mut self.phase {
            RemotePhase::Deciding { offer } => offer.take(),
            RemotePhase::AwaitingAck => None,
        }
    }

    /// An undecided re-INVITE (which CANCEL can end, RFC 3261 §9.2).
    pub(crate) fn is_undecided_reinvite(&self) -> bool {
        self.is_deciding() && self.method == Method::Invite
    }

    /// The `Renegotiation` entity's operation id.
    pub(crate) fn operation_id(&self) -> &str {
        self.entity.entity().operation_id()
    }
}

impl LocalRenegotiation {
    /// Our offer on the wire and the context it was made in; `None` while
    /// queued or waiting out a 491.
    pub(crate) fn offered(&self) -> Option<(&OfferAnswerContext, &SdpOffer)> {
        match &self.phase {
            LocalPhase::Offered { offer, ctx, .. } => Some((ctx, offer)),
            LocalPhase::Queued | LocalPhase::GlareWait => None,
        }
    }
}

impl<P: MediaProvider> Call<P> {
    /// The renegotiation in progress: the remote's while it has one, else
    /// ours (queued, sent, or waiting to retry after 491); `None` when
    /// there is none. UCWA: the `audioVideoRenegotiation` resource.
    pub fn renegotiation(&self) -> Option<&Renegotiation> {
        self.incoming_renegotiation()
            .or_else(|| self.outgoing_renegotiation())
    }

    /// The remote's renegotiation in progress (direction `Incoming`): it
    /// waits for [`Call::answer_renegotiation`] or
    /// [`Call::dismiss_renegotiation`], or (re-INVITE without offer) for the
    /// ACK answering our offer.
    pub fn incoming_renegotiation(&self) -> Option<&Renegotiation> {
        self.reneg_in.as_ref().map(|r| r.entity.entity())
    }

    /// Our renegotiation in progress (direction `Outgoing`). Its
    /// `media_offer` is empty while it is queued behind the remote's, and
    /// is the offer last sent once on the wire.
    pub fn outgoing_renegotiation(&self) -> Option<&Renegotiation> {
        self.reneg_out.as_ref().map(|r| r.entity.entity())
    }

    /// The last renegotiation that completed (either direction), in its
    /// final state.
    pub fn last_renegotiation(&self) -> Option<&Renegotiation> {
        self.last_reneg.as_ref()
    }

    /// The renegotiation with `operation_id`: in progress, or the last
    /// completed.
    pub fn find_renegotiation(&self, operation_id: &str) -> Option<&Renegotiation> {
        [
            self.incoming_renegotiation(),
            self.outgoing_renegotiation(),
            self.last_renegotiation(),
        ]
        .into_iter()
        .flatten()
        .find(|r| r.operation_id() == operation_id)
    }

    /// The UCWA `audioVideoRenegotiation` resource of the renegotiation
    /// with `operation_id` (in progress or the last completed) at
    /// `self_href` (cargo feature `ucwa`). Its `answer`/`dismiss` links are
    /// there only while the remote's offer waits for the application.
    #[cfg(feature = "ucwa")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ucwa")))]
    pub fn renegotiation_resource(
        &self,
        operation_id: &str,
        self_href: impl Into<String>,
    ) -> Option<crate::renegotiation::ucwa::AudioVideoRenegotiationResource> {
        use crate::renegotiation::ucwa::AudioVideoRenegotiationResource;
        let renegotiation = self.find_renegotiation(operation_id)?;
        let mut resource =
            AudioVideoRenegotiationResource::from_renegotiation(renegotiation, self_href);
        let deciding = self
            .reneg_in
            .as_ref()
            .is_some_and(|r| r.is_deciding() && r.operation_id() == operation_id);
        if !deciding {
            resource.answer = None;
            resource.dismiss = None;
        }
        Some(resource)
    }

    /// Whether the remote has an offer/answer exchange in progress: a
    /// renegotiation, or an INVITE transaction waiting for its ACK (RFC
    /// 3261 §14.1: no new INVITE while one is in progress either way).
    pub(in crate::call) fn remote_exchange_in_progress(&self) -> bool {
        self.reneg_in.is_some() || self.phase.exchange().is_some()
    }

    /// Whether our re-INVITE or UPDATE offer is on the wire unanswered.
    pub(in crate::call) fn local_offer_outstanding(&self) -> bool {
        self.reneg_out
            .as_ref()
            .is_some_and(|o| o.offered().is_some())
    }

    /// Reports the end of `entity` and keeps it as the last one.
    pub(in crate::call) fn complete(
        &mut self,
        entity: Renegotiation,
        result: Result<(), RenegotiationFailure>,
    ) {
        self.last_reneg = Some(entity.clone());
        self.events.push(CallEvent::RenegotiationCompleted {
            renegotiation: entity,
            result,
        });
    }

    /// The call is ending: the remote's pending request gets 487 (RFC 3261
    /// §15.1.2), our pending offer (in a re-INVITE/UPDATE, or in the 2xx of
    /// a re-INVITE without offer) is closed with `set_answer(None,
    /// Failure)`, and both renegotiations complete with
    /// [`RenegotiationFailure::CallEnded`].
    pub(in crate::call) fn abort_renegotiations(&mut self) {
        if let Some(remote) = self.reneg_in.take() {
            if remote.is_deciding() {
                self.respond_status(487, remote.method.clone());
            }
            // Our offer in the 2xx of a re-INVITE without offer: no answer
            // will come.
            let ours = remote.is_awaiting_ack().then(|| self.phase.awaiting_ack());
            if let Some((ctx, offer)) = ours
                .flatten()
                .and_then(|i| i.our_offer.clone().map(|o| (i.ctx.clone(), o)))
            {
                self.close_offer(&ctx, &offer, SdpAnswerStatus::Failure);
            }
            let finished = remote.entity.failed();
            self.complete(finished, Err(RenegotiationFailure::CallEnded));
        }
        if let Some(local) = self.reneg_out.take() {
            if let Some((ctx, offer)) = local.offered() {
                self.close_offer(ctx, offer, SdpAnswerStatus::Failure);
            }
            let finished = local.entity.failed();
            self.complete(finished, Err(RenegotiationFailure::CallEnded));
        }
    }
}
