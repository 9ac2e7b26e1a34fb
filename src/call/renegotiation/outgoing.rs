//! Our renegotiation (UCMA `BeginSdpRenegotiation`): a re-INVITE, or an
//! UPDATE in an early dialog (RFC 3311), carrying the provider's offer; the
//! responses (each mapped to a UCMA `SdpAnswerStatus`); glare (491) and its
//! retry timer (RFC 3261 §14.1); hold and resume.

use std::time::Instant;

use crate::call::invite::outgoing::ack_request;
use crate::call::messages::bodies::answer_description;
use crate::call::renegotiation::{LocalCause, LocalPhase, LocalRenegotiation};
use crate::call::timers::TimerKind;
use crate::call::{
    Call, CallDirection, CallError, CallEvent, CallState, Method, RenegotiationFailure, SipHeaders,
    SipRequest, SipResponse,
};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{SdpAnswer, SdpAnswerStatus, SdpOfferAnswerReason};
use crate::renegotiation::PendingRenegotiation;

/// The most times one renegotiation of ours is sent again after a 491; the
/// next 491 ends it with `RequestPending`.
pub const MAX_GLARE_RETRIES: u8 = 3;

impl<P: MediaProvider> Call<P> {
    /// Starts a renegotiation of ours (UCMA `BeginSdpRenegotiation`; UCWA:
    /// a new outgoing `audioVideoRenegotiation`) and returns its operation
    /// id (UUID-shaped, drawn from the seed).
    ///
    /// The provider's offer ([`MediaProvider::get_offer`] with
    /// `OutgoingRenegotiation`) goes in a re-INVITE on an established call,
    /// or in an UPDATE in an early dialog where our INVITE's offer was
    /// answered by a reliable 1xx and the remote lists UPDATE in `Allow`
    /// (RFC 3311 §5.1; the provider is first told that reliable answer as
    /// `Final`). [`CallEvent::RenegotiationStarted`] reports it once sent.
    /// While the remote has a renegotiation (or a re-INVITE waiting for its
    /// ACK) in progress, ours is queued and sent when it ends (UCMA).
    ///
    /// Then:
    /// * 2xx: ACK (re-INVITE), `set_answer(Final)`: the new session is
    ///   active, `RenegotiationCompleted` `Ok`. A 2xx without an answer the
    ///   provider takes fails the renegotiation (`NotAcceptable` /
    ///   `NotAcceptableLocally`); the Call then re-offers once so that both
    ///   sides agree again.
    /// * 491: `set_answer(None, RequestPending)` and the glare timer
    ///   (RFC 3261 §14.1, [`Call::poll_timeout`]): 2.1–4 s when we sent the
    ///   initial INVITE (we own the Call-ID), else 0–2 s, in 10 ms steps from
    ///   the seed; then `get_offer` again (with `last_sent`) and a new
    ///   request, whose offer keeps the session's m-line order (the
    ///   negotiator never reorders). At most [`MAX_GLARE_RETRIES`] retries,
    ///   then `Failed` with `RequestPending`.
    /// * any other failure (488 → `NotAcceptableDueToBandwidthPolicy` with
    ///   Warning 370, else `NotAcceptable`; 408 is a transaction timeout):
    ///   `set_answer(None, status)`, `Failed`; the previous session stays
    ///   active (RFC 3261 §14.1). A 481 also ends the call (the dialog is
    ///   gone, RFC 3261 §12.2.1.2).
    ///
    /// # Errors
    /// [`CallError::AlreadyExists`] while a renegotiation of ours is in
    /// progress (UCWA 409); [`CallError::UpdateNotAllowed`] in an early
    /// dialog that cannot take an UPDATE offer; [`CallError::InvalidState`]
    /// in other states; [`CallError::QueueFull`]; [`CallError::Provider`]
    /// when `get_offer` fails; [`CallError::EmptyOffer`] when its offer
    /// holds no SDP; [`CallError::Body`] when the body cannot be
    /// built. Nothing is sent and no renegotiation exists then.
    pub fn begin_renegotiation(&mut self, _now: Instant) -> Result<String, CallError> {
        self.can_begin("begin_renegotiation")?;
        self.check_room()?;
        self.start_local(LocalCause::Application)
    }

    /// Puts the remote on hold: tells the provider
    /// ([`MediaProvider::set_hold`], RFC 3264 §8.4: our streams stop
    /// receiving, e.g. `sendrecv` → `sendonly`), then
    /// [`Call::begin_renegotiation`]. The hold stays the provider's intent
    /// for later offers and answers, also when this renegotiation fails.
    ///
    /// # Errors
    /// As [`Call::begin_renegotiation`], checked before the provider is
    /// told; [`CallError::Provider`] when the provider has no hold (the
    /// default of [`MediaProvider::set_hold`]).
    pub fn hold(&mut self, _now: Instant) -> Result<String, CallError> {
        self.hold_or_resume(true)
    }

    /// Takes the remote off hold: [`MediaProvider::set_hold`] with `false`,
    /// then [`Call::begin_renegotiation`].
    ///
    /// # Errors
    /// As [`Call::hold`].
    pub fn resume(&mut self, _now: Instant) -> Result<String, CallError> {
        self.hold_or_resume(false)
    }

    fn hold_or_resume(&mut self, hold: bool) -> Result<String, CallError> {
        let operation = if hold { "hold" } else { "resume" };
        self.can_begin(operation)?;
        self.check_room()?;
        let (dialog, early) = match self.early_update_dialog() {
            Some(tag) if self.state() == CallState::Establishing => (Some(tag), true),
            _ => (self.dialog_id().map(str::to_owned), false),
        };
        let ctx = self.context(
            SdpOfferAnswerReason::OutgoingRenegotiation,
            dialog.as_deref(),
            early,
        );
        self.provider.set_hold(&ctx, hold)?;
        self.start_local(LocalCause::Application)
    }

    /// Whether a renegotiation of ours may start now.
    fn can_begin(&self, operation: &'static str) -> Result<(), CallError> {
        if let Some(local) = &self.reneg_out {
            return Err(CallError::AlreadyExists {
                operation_id: local.entity.entity().operation_id().to_owned(),
            });
        }
        match self.state() {
            CallState::Established => Ok(()),
            CallState::Establishing if self.direction() == Some(CallDirection::Outgoing) => self
                .early_update_dialog()
                .map(|_| ())
                .ok_or(CallError::UpdateNotAllowed),
            state => Err(CallError::InvalidState { operation, state }),
        }
    }

    /// The early dialog an UPDATE offer can go to: one whose reliable 1xx
    /// answered our INVITE's offer, with a remote listing UPDATE in Allow.
    pub(in crate::call) fn early_update_dialog(&self) -> Option<String> {
        if !self
            .remote
            .contains(crate::call::RemoteCapabilities::UPDATE)
        {
            return None;
        }
        let out = self.phase.invite().filter(|o| o.offer.is_some())?;
        out.dialogs.first_reliable().map(|d| d.tag.clone())
    }

    /// Creates our renegotiation and sends it, or queues it behind the
    /// remote's.
    fn start_local(&mut self, cause: LocalCause) -> Result<String, CallError> {
        let entity = PendingRenegotiation::outgoing(self.ids.operation_id());
        let operation_id = entity.entity().operation_id().to_owned();
        self.reneg_out = Some(LocalRenegotiation {
            entity,
            phase: LocalPhase::Queued,
            glare_retries: 0,
            cause,
        });
        if !self.remote_exchange_in_progress()
            && let Err(e) = self.send_local_offer()
        {
            self.reneg_out = None;
            return Err(e);
        }
        Ok(operation_id)
    }

    /// Asks the provider for our offer and sends the re-INVITE or UPDATE.
    fn send_local_offer(&mut self) -> Result<(), CallError> {
        let (method, dialog, early) = match self.state() {
            CallState::Established => (Method::Invite, self.dialog_id().map(str::to_owned), false),
            CallState::Establishing => match self.early_update_dialog() {
                Some(_) => (Method::Update, Some(self.finalize_early_answer()?), true),
                None => return Err(CallError::UpdateNotAllowed),
            },
            state => {
                return Err(CallError::InvalidState {
                    operation: "begin_renegotiation",
                    state,
                });
            }
        };
        let ctx = self.context(
            SdpOfferAnswerReason::OutgoingRenegotiation,
            dialog.as_deref(),
            early,
        );
        self.media.involve();
        let offer = self.provider_offer(&ctx)?;
        let mut headers = SipHeaders {
            accept: Some(self.accept_value()),
            ..SipHeaders::default()
        };
        let body = match self.offer_body(&offer, &mut headers) {
            Ok(body) => body,
            Err(e) => {
                self.close_offer(&ctx, &offer, SdpAnswerStatus::NotAcceptableLocally);
                return Err(e.into());
            }
        };
        let to_tag = match self.direction() {
            Some(CallDirection::Outgoing) => dialog,
            _ => None,
        };
        self.send_request(
            SipRequest {
                method: method.clone(),
                headers,
                body,
            },
            to_tag.as_deref(),
        );
        if method == Method::Invite
            && let Some(dialog) = self.phase.dialog_mut()
        {
            dialog.sent_reinvite = true;
        }
        self.last_offer_sent = Some(offer.clone());
        let media_offer = offer
            .descriptions
            .last()
            .map(|d| d.body.clone())
            .unwrap_or_default();
        let Some(local) = self.reneg_out.as_mut() else {
            return Ok(());
        };
        local.entity.set_media_offer(media_offer);
        local.phase = LocalPhase::Offered { method, offer, ctx };
        if local.glare_retries == 0 {
            let renegotiation = local.entity.entity().clone();
            self.events
                .push(CallEvent::RenegotiationStarted { renegotiation });
        }
        Ok(())
    }

    /// Sends our queued or retried offer; a local failure ends our
    /// renegotiation (`Failed` with `NotAcceptableLocally`).
    fn send_local_offer_or_fail(&mut self) {
        if self.send_local_offer().is_err()
            && let Some(local) = self.reneg_out.take()
        {
            let finished = local.entity.failed();
            self.complete(
                finished,
                Err(RenegotiationFailure::Failed {
                    status: SdpAnswerStatus::NotAcceptableLocally,
                    response: None,
                }),
            );
        }
    }

    /// The remote's exchange ended: our queued renegotiation goes now.
    pub(in crate::call) fn after_remote_exchange(&mut self) {
        let queued = self
            .reneg_out
            .as_ref()
            .is_some_and(|o| matches!(o.phase, LocalPhase::Queued));
        if queued && !self.remote_exchange_in_progress() {
            self.send_local_offer_or_fail();
        }
    }

    /// The remote's answer left the two sides possibly disagreeing: re-offer
    /// the current session once (unless a renegotiation of ours will go
    /// anyway, or this was already such a re-offer).
    pub(in crate::call) fn resync(&mut self) {
        if self.reneg_out.is_none() && self.state() == CallState::Established {
            // A provider that cannot offer leaves the application to act.
            if let Err(error) = self.start_local(LocalCause::Resync) {
                self.events.push(CallEvent::ResyncFailed { error });
            }
        }
    }

    /// The glare timer fired: send our offer again, or queue it behind the
    /// remote's renegotiation that started meanwhile.
    pub(in crate::call) fn on_glare_timer(&mut self) {
        let waiting = self
            .reneg_out
            .as_ref()
            .is_some_and(|o| matches!(o.phase, LocalPhase::GlareWait));
        if !waiting {
            return;
        }
        if self.remote_exchange_in_progress() {
            if let Some(local) = self.reneg_out.as_mut() {
                local.phase = LocalPhase::Queued;
            }
        } else {
            self.send_local_offer_or_fail();
        }
    }

    /// Whether `response` answers our re-INVITE or UPDATE on the wire: its
    /// method, and (when we sent the initial INVITE and the response has a
    /// To-tag) its dialog.
    pub(in crate::call) fn answers_local_offer(&self, response: &SipResponse) -> bool {
        let Some(local) = self.reneg_out.as_ref() else {
            return false;
        };
        let LocalPhase::Offered { method, ctx, .. } = &local.phase else {
            return false;
        };
        if *method != response.method {
            return false;
        }
        match (self.direction(), &response.headers.to_tag) {
            (Some(CallDirection::Outgoing), Some(tag)) => {
                ctx.dialog_id.as_deref() == Some(tag.as_str())
            }
            _ => true,
        }
    }

    /// A response to our re-INVITE or UPDATE (UCMA `SdpAnswerStatus` per
    /// response, RFC 3261 §14.1 glare).
    pub(in crate::call) fn on_local_response(&mut self, response: &mut SipResponse, now: Instant) {
        if response.status < 200 {
            return; // no early media or PRACK in a renegotiation
        }
        let Some(mut local) = self.reneg_out.take() else {
            return;
        };
        let LocalPhase::Offered { method, offer, ctx } =
            std::mem::replace(&mut local.phase, LocalPhase::Queued)
        else {
            self.reneg_out = Some(local);
            return;
        };
        let status = response.status;
        let failure = |status: SdpAnswerStatus| RenegotiationFailure::Failed {
            status,
            response: Some(response.status),
        };
        if (200..300).contains(&status) {
            if method == Method::Invite {
                self.send_reinvite_ack(ctx.dialog_id.as_deref());
            }
            let answer = answer_description(
                &response.headers,
                &mut response.body,
                self.provider.supported_content_types(),
                &self.config.body_limits,
            );
            let outcome = match answer {
                Some(description) => {
                    let body = description.body.clone();
                    let answer = SdpAnswer::new(description, SdpAnswerStatus::Final);
                    match self.provider.set_answer(&ctx, &offer, answer) {
                        Ok(()) => Ok(body),
                        Err(_) => Err(SdpAnswerStatus::NotAcceptableLocally),
                    }
                }
                None => {
                    self.close_offer(&ctx, &offer, SdpAnswerStatus::NotAcceptable);
                    Err(SdpAnswerStatus::NotAcceptable)
                }
            };
            match outcome {
                Ok(body) => {
                    let finished = local.entity.answered(body);
                    self.complete(finished, Ok(()));
                }
                Err(s) => {
                    let finished = local.entity.failed();
                    self.complete(finished, Err(failure(s)));
                    if local.cause == LocalCause::Application {
                        self.resync();
                    }
                }
            }
            return;
        }
        let answer_status = match status {
            491 => SdpAnswerStatus::RequestPending,
            488 if response
                .headers
                .warning
                .as_ref()
                .is_some_and(|w| w.code == 370) =>
            {
                SdpAnswerStatus::NotAcceptableDueToBandwidthPolicy
            }
            _ => SdpAnswerStatus::NotAcceptable,
        };
        self.close_offer(&ctx, &offer, answer_status);
        if status == 491 && local.glare_retries < MAX_GLARE_RETRIES {
            local.glare_retries += 1;
            local.phase = LocalPhase::GlareWait;
            let owner = self.direction() == Some(CallDirection::Outgoing);
            let delay = self.rng.glare_delay(owner);
            // A deadline past what `Instant` holds never fires: give up then.
            match now.checked_add(delay) {
                Some(at) => {
                    self.timers.set(TimerKind::GlareRetry, at);
                    self.reneg_out = Some(local);
                }
                None => {
                    let finished = local.entity.failed();
                    self.complete(finished, Err(failure(answer_status)));
                }
            }
            return;
        }
        let finished = local.entity.failed();
        self.complete(finished, Err(failure(answer_status)));
        if status == 481 {
            // RFC 3261 §12.2.1.2: the dialog is gone.
            self.fail(SdpAnswerStatus::NotAcceptable, Some(481));
        }
    }

    /// Queues the ACK for the 2xx to our re-INVITE in dialog `dialog`.
    fn send_reinvite_ack(&mut self, dialog: Option<&str>) {
        let to_tag = match self.direction() {
            Some(CallDirection::Outgoing) => dialog,
            _ => None,
        };
        self.send_request(ack_request(None), to_tag);
    }

    /// A 2xx to a re-INVITE of ours that is no longer pending (a
    /// retransmission, or one crossing the end of the call): ACK it again.
    pub(in crate::call) fn on_late_reinvite_success(&mut self, response: &SipResponse) {
        let dialog = response
            .headers
            .to_tag
            .clone()
            .or_else(|| self.dialog_id().map(str::to_owned));
        self.send_reinvite_ack(dialog.as_deref());
    }
}
