//! The outgoing call: `establish` and the responses to our INVITE
//! (each mapped to a UCMA `SdpAnswerStatus`; RFC 3261 §13.2, RFC 3262, RFC 6337).

use std::time::Instant;

use crate::body::MimePart;
use crate::call::decline::reject_answer::rejecting_answer;
use crate::call::invite::early_dialogs::{EarlyAnswer, EarlyDialogs, ReliableOffer};
use crate::call::messages::bodies::{answer_description, offer_tree, write_body, write_sdp};
use crate::call::phase::Phase;
use crate::call::{
    Call, CallError, CallEstablishOptions, CallEvent, CallState, Method, SipHeaders, SipRequest,
    SipResponse, TerminationCause,
};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{
    SdpAnswer, SdpAnswerStatus, SdpContentDescription, SdpOffer, SdpOfferAnswerReason,
    SignalingHeader,
};

const OUTGOING: SdpOfferAnswerReason = SdpOfferAnswerReason::OutgoingCallEstablishment;

/// The 415 retries done (RFC 3261 §21.4.13).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RetryState {
    /// Branch 1: the offer was re-sent without its optional parts.
    pub(crate) dropped_optional: bool,
    /// Branch 2: a new offer was asked for after `UnsupportedMediaCanRetry`.
    pub(crate) new_offer: bool,
}

impl RetryState {
    /// Retries so far: one per branch taken.
    pub(crate) fn count(self) -> u8 {
        u8::from(self.dropped_optional) + u8::from(self.new_offer)
    }
}

/// Our INVITE and what came back: the outgoing offer/answer slot.
#[derive(Debug, Clone)]
pub(crate) struct OutgoingInvite {
    pub(crate) options: CallEstablishOptions,
    /// What we offered; `None` for third-party call control.
    pub(crate) offer: Option<SdpOffer>,
    /// The body tree of the last INVITE.
    pub(crate) last_tree: Option<MimePart>,
    pub(crate) retry: RetryState,
    pub(crate) dialogs: EarlyDialogs,
    /// The ACK of the 2xx we took was sent (re-sent for its retransmissions).
    pub(crate) acked: bool,
    /// The answer it carried (third-party call control), if any.
    pub(crate) ack_answer: Option<SdpContentDescription>,
    /// The reliable answer of an early dialog was given to the provider as
    /// `Final` (before an UPDATE offer in that dialog, RFC 3311): the 2xx
    /// does not give it again.
    pub(crate) final_given: bool,
}

impl<P: MediaProvider> Call<P> {
    /// Starts an outgoing call (UCMA `BeginEstablish`): asks the provider for
    /// its offer (unless `options.third_party_call_control`) and queues the
    /// INVITE carrying it: one SDP as `application/sdp`, several as
    /// `multipart/alternative`, and with custom MIME parts a
    /// `multipart/mixed`; `Accept` lists the provider's media types and,
    /// with early media, `Supported: 100rel`.
    ///
    /// # Errors
    /// [`CallError::InvalidState`] unless idle; [`CallError::QueueFull`];
    /// [`CallError::InvalidHeader`] when a header of `options` fails
    /// [`SignalingHeader::check`](crate::offer_answer::SignalingHeader::check)
    /// (name not an RFC 3261 token, value holding CR, LF or NUL; checked
    /// before the provider is asked), or one of the provider's offer headers
    /// does (the provider is told `NotAcceptableLocally`);
    /// [`CallError::Provider`] when `get_offer` fails;
    /// [`CallError::EmptyOffer`] when its offer holds no SDP, and
    /// [`CallError::Body`] when the body cannot be built (both: the provider
    /// is told `NotAcceptableLocally`). On error the call stays idle and
    /// nothing is sent.
    pub fn establish(
        &mut self,
        options: CallEstablishOptions,
        _now: Instant,
    ) -> Result<(), CallError> {
        if !matches!(self.phase, Phase::Idle) {
            return Err(CallError::InvalidState {
                operation: "establish",
                state: self.state(),
            });
        }
        self.check_room()?;
        check_headers(&options.headers)?;
        let mut ctx = self.context(OUTGOING, None, false);
        // Before our first offer exists, the call's default media are the
        // provider's (UCMA: InitialOfferMediaTypes "to initialize the flow").
        ctx.initial_offer_media_types = self.provider.supported_media_types().into();
        let offer = if options.third_party_call_control {
            None
        } else {
            Some(self.provider_offer(&ctx)?)
        };
        let tree = offer_tree(offer.as_ref(), &options.custom_mime_parts);
        let request = offer
            .as_ref()
            .map_or(Ok(()), |o| check_headers(&o.headers))
            .and_then(|()| Ok(self.invite(tree.as_ref(), &options, offer.as_ref())?));
        let request = match request {
            Ok(r) => r,
            Err(e) => {
                if let Some(offer) = &offer {
                    self.close_offer(&ctx, offer, SdpAnswerStatus::NotAcceptableLocally);
                }
                return Err(e);
            }
        };
        self.set_initial_types(tree.as_ref(), offer.as_ref());
        if offer.is_some() {
            self.media.involve();
        }
        self.last_offer_sent.clone_from(&offer);
        self.phase = Phase::Outgoing {
            invite: OutgoingInvite {
                last_tree: tree,
                options,
                offer,
                retry: RetryState::default(),
                dialogs: EarlyDialogs::default(),
                acked: false,
                ack_answer: None,
                final_given: false,
            },
            cancelled: false,
        };
        self.send_request(request, None);
        Ok(())
    }

    /// Before an offer/answer in an early dialog (an UPDATE, RFC 3311
    /// §5.1): the reliable answer that completed our INVITE's offer in it
    /// becomes `Final` for the provider (once). Returns the dialog's tag.
    ///
    /// # Errors
    /// [`CallError::UpdateNotAllowed`] without such a dialog;
    /// [`CallError::Provider`] when the provider refuses the answer.
    pub(in crate::call) fn finalize_early_answer(&mut self) -> Result<String, CallError> {
        let Some(out) = self.phase.invite() else {
            return Err(CallError::UpdateNotAllowed);
        };
        let Some(dialog) = out.dialogs.first_reliable() else {
            return Err(CallError::UpdateNotAllowed);
        };
        let tag = dialog.tag.clone();
        if out.final_given {
            return Ok(tag);
        }
        let (Some(offer), Some(answer)) =
            (out.offer.clone(), dialog.answer.sdp().map(<[u8]>::to_vec))
        else {
            return Err(CallError::UpdateNotAllowed);
        };
        let ctx = self.context(OUTGOING, Some(&tag), true);
        let answer = SdpAnswer::new(SdpContentDescription::new(answer), SdpAnswerStatus::Final);
        self.provider.set_answer(&ctx, &offer, answer)?;
        if let Some(out) = self.phase.invite_mut() {
            out.final_given = true;
        }
        Ok(tag)
    }

    /// The INVITE carrying `tree`.
    pub(in crate::call) fn invite(
        &mut self,
        tree: Option<&MimePart>,
        options: &CallEstablishOptions,
        offer: Option<&SdpOffer>,
    ) -> Result<SipRequest, crate::body::BodyError> {
        let mut headers = SipHeaders {
            accept: Some(self.accept_value()),
            ..SipHeaders::default()
        };
        if options.supports_early_media && offer.is_some() {
            headers.supported.push("100rel".to_owned());
        }
        let body = write_body(tree, &mut self.boundaries, &mut headers)?;
        headers.extra.extend(options.headers.iter().cloned());
        if let Some(offer) = offer {
            headers.extra.extend(offer.headers.iter().cloned());
        }
        Ok(SipRequest {
            method: Method::Invite,
            headers,
            body,
        })
    }

    /// A response to our INVITE.
    pub(in crate::call) fn on_invite_response(&mut self, response: &mut SipResponse) {
        match (self.state(), response.status) {
            (CallState::Establishing, 100..=199) => self.on_provisional(response),
            (CallState::Establishing, 200..=299) => self.on_success(response),
            (CallState::Establishing, 415) => self.on_unsupported_media(response),
            (CallState::Establishing, _) => self.on_failure(response),
            (CallState::Terminating, 200..=299) => {
                // The 2xx crossed our CANCEL (RFC 3261 §9.1): confirm and end.
                let tag = response.headers.to_tag.clone().unwrap_or_default();
                let body = self.late_ack_body(response);
                self.phase.confirm_outgoing(&tag);
                self.send_ack(&tag, body);
                self.send_bye();
                self.terminated(TerminationCause::Local);
            }
            (CallState::Terminating, 300..=699) => self.terminated(TerminationCause::Local),
            (CallState::Established | CallState::Terminated, 200..=299) => {
                self.on_late_success(response);
            }
            (CallState::Established | CallState::Terminated, _) => {
                // A retransmitted 1xx or final response of an INVITE
                // transaction that is over.
                self.events.push(CallEvent::Discarded {
                    noise: crate::call::PeerNoise::UnmatchedResponse {
                        status: response.status,
                        method: Method::Invite,
                    },
                });
            }
            _ => {}
        }
    }

    /// A 1xx: early dialogs, provisional answers, PRACK.
    fn on_provisional(&mut self, response: &mut SipResponse) {
        let Some(tag) = response.headers.to_tag.as_deref() else {
            return;
        };
        let reliable = response.headers.requires("100rel") && response.headers.rseq.is_some();
        let sdp = answer_description(
            &response.headers,
            &mut response.body,
            self.provider.supported_content_types(),
            &self.config.body_limits,
        );
        let ctx = self.context(OUTGOING, Some(tag), true);
        let Some(out) = self.phase.invite_mut() else {
            return;
        };
        let offer_taken = out.dialogs.offer_taken();
        let Some(dialog) = out.dialogs.get_or_insert(tag) else {
            return;
        };
        if reliable {
            let rseq = response.headers.rseq.unwrap_or(0);
            if dialog.last_rseq.is_some_and(|last| rseq <= last) {
                return; // a retransmission: its PRACK is already out
            }
            dialog.last_rseq = Some(rseq);
        }
        let mut prack_body = None;
        let mut provisional = None;
        match (&out.offer, sdp) {
            (Some(_), Some(description)) => {
                let repeated = dialog.answer.is_reliable()
                    || dialog.answer.sdp() == Some(description.body.as_slice());
                if !repeated {
                    let sdp = description.body.clone();
                    dialog.answer = if reliable {
                        EarlyAnswer::Reliable(sdp)
                    } else {
                        EarlyAnswer::Provisional(sdp)
                    };
                    provisional = Some(description);
                }
            }
            (None, Some(description)) if reliable && dialog.offer == ReliableOffer::None => {
                // Third-party call control: an offer in a reliable 1xx,
                // answered in the PRACK (RFC 3262 §5).
                dialog.offer = ReliableOffer::Answered;
                let answer = if offer_taken {
                    None
                } else {
                    let offer = SdpOffer::single(description.clone());
                    self.media.involve();
                    match self.provider.get_answer(&ctx, &offer) {
                        Ok(SdpAnswer {
                            answer: Some(a), ..
                        }) => Some(a),
                        _ => None,
                    }
                };
                let answer = answer.or_else(|| {
                    if let Some(d) = self
                        .phase
                        .invite_mut()
                        .and_then(|o| o.dialogs.get_or_insert(tag))
                    {
                        d.offer = ReliableOffer::Rejected;
                    }
                    rejecting_answer(&description.body, self.config.seed)
                        .map(SdpContentDescription::new)
                });
                prack_body = answer;
            }
            _ => {}
        }
        if let Some(description) = provisional {
            let offer = self.phase.invite().and_then(|o| o.offer.as_ref());
            if let Some(offer) = offer {
                let answer = SdpAnswer::new(description, SdpAnswerStatus::Provisional);
                // An early answer the provider refuses is not fatal: the
                // 2xx's answer decides.
                if self.provider.set_answer(&ctx, offer, answer).is_ok() {
                    self.events.push(CallEvent::ProvisionalAnswer {
                        dialog_id: tag.to_owned(),
                        reliable,
                    });
                }
            }
        }
        if reliable {
            let mut prack = SipRequest::new(Method::Prack);
            prack.headers.rack = response.headers.rseq;
            if let Some(answer) = &prack_body {
                prack.body = write_sdp(answer, &mut prack.headers);
            }
            self.send_request(prack, Some(tag));
        }
    }

    /// The first 2xx: the final answer (or, without our offer, the offer to
    /// answer in the ACK).
    fn on_success(&mut self, response: &mut SipResponse) {
        let tag = response.headers.to_tag.clone().unwrap_or_default();
        let sdp = answer_description(
            &response.headers,
            &mut response.body,
            self.provider.supported_content_types(),
            &self.config.body_limits,
        );
        let ctx = self.context(OUTGOING, Some(&tag), false);
        let Some(out) = self.phase.invite() else {
            return;
        };
        let dialog = out.dialogs.get(&tag);
        let outcome: Result<Option<SdpContentDescription>, SdpAnswerStatus> = match &out.offer {
            // The early dialog's reliable answer is already final (an
            // UPDATE went in it): the session is the provider's.
            Some(_) if out.final_given => Ok(None),
            Some(offer) => {
                let earlier = || {
                    dialog
                        .and_then(|d| d.answer.sdp().map(<[u8]>::to_vec))
                        .map(SdpContentDescription::new)
                };
                match sdp.or_else(earlier) {
                    Some(description) => {
                        let answer = SdpAnswer::new(description, SdpAnswerStatus::Final);
                        match self.provider.set_answer(&ctx, offer, answer) {
                            Ok(()) => Ok(None),
                            Err(_) => Err(SdpAnswerStatus::NotAcceptableLocally),
                        }
                    }
                    None => {
                        let offer = offer.clone();
                        self.close_offer(&ctx, &offer, SdpAnswerStatus::NotAcceptable);
                        Err(SdpAnswerStatus::NotAcceptable)
                    }
                }
            }
            None => match (dialog, sdp) {
                (Some(d), _) if d.offer == ReliableOffer::Rejected => {
                    Err(SdpAnswerStatus::NotAcceptableLocally)
                }
                (Some(d), _) if d.offer == ReliableOffer::Answered => Ok(None),
                (_, Some(description)) => {
                    let offer = SdpOffer::single(description.clone());
                    self.media.involve();
                    let answered = if out.dialogs.offer_taken() {
                        None
                    } else {
                        match self.provider.get_answer(&ctx, &offer) {
                            Ok(SdpAnswer {
                                answer: Some(a), ..
                            }) => Some(a),
                            _ => None,
                        }
                    };
                    match answered {
                        Some(a) => Ok(Some(a)),
                        None => {
                            // RFC 3261 §13.2.2.4: answer validly, then BYE.
                            let body = rejecting_answer(&description.body, self.config.seed)
                                .map(SdpContentDescription::new);
                            self.phase.confirm_outgoing(&tag);
                            self.send_ack(&tag, body);
                            self.send_bye();
                            self.fail(SdpAnswerStatus::NotAcceptableLocally, Some(response.status));
                            return;
                        }
                    }
                }
                (_, None) => Err(SdpAnswerStatus::NotAcceptable),
            },
        };
        self.phase.confirm_outgoing(&tag);
        match outcome {
            Ok(ack_body) => {
                self.send_ack(&tag, ack_body);
                self.events.push(CallEvent::Established { dialog_id: tag });
            }
            Err(status) => {
                self.send_ack(&tag, None);
                self.send_bye();
                self.fail(status, Some(response.status));
            }
        }
    }

    /// Queues the ACK for the 2xx of dialog `tag`, and keeps it for the
    /// 2xx's retransmissions.
    fn send_ack(&mut self, tag: &str, body: Option<SdpContentDescription>) {
        let ack = ack_request(body.as_ref());
        if let Some(out) = self.phase.invite_mut()
            && !out.acked
        {
            out.acked = true;
            out.ack_answer = body;
        }
        self.send_request(ack, Some(tag));
    }

    /// The ACK body for a 2xx we do not take: an all-rejecting answer when
    /// it carries an offer we never answered (third-party call control).
    fn late_ack_body(&self, response: &mut SipResponse) -> Option<SdpContentDescription> {
        let offered = self.phase.invite().is_some_and(|o| o.offer.is_some());
        if offered {
            return None;
        }
        let sdp = answer_description(
            &response.headers,
            &mut response.body,
            self.provider.supported_content_types(),
            &self.config.body_limits,
        )?;
        rejecting_answer(&sdp.body, self.config.seed).map(SdpContentDescription::new)
    }

    /// A 2xx after the call was established or ended: a retransmission of
    /// the one we took gets its ACK again; another fork's gets ACK and BYE
    /// (RFC 3261 §13.2.2.4).
    fn on_late_success(&mut self, response: &mut SipResponse) {
        let tag = response.headers.to_tag.clone().unwrap_or_default();
        if self.dialog_id() == Some(tag.as_str()) {
            let ack = self
                .phase
                .invite()
                .filter(|o| o.acked)
                .map(|o| ack_request(o.ack_answer.as_ref()));
            if let Some(ack) = ack {
                self.send_request(ack, Some(&tag));
            }
            return;
        }
        let body = self.late_ack_body(response);
        self.send_request(ack_request(body.as_ref()), Some(&tag));
        self.send_request(SipRequest::new(Method::Bye), Some(&tag));
    }

    /// A final failure other than 415 (UCMA `SdpAnswerStatus`
    /// `NotAcceptable`, `RequestPending` or
    /// `NotAcceptableDueToBandwidthPolicy`).
    fn on_failure(&mut self, response: &SipResponse) {
        let status = match response.status {
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
        let ctx = self.context(OUTGOING, response.headers.to_tag.as_deref(), false);
        if let Some(offer) = self.phase.invite().and_then(|o| o.offer.clone()) {
            self.close_offer(&ctx, &offer, status);
        }
        self.fail(status, Some(response.status));
    }
}

/// The first of `headers` that cannot be written, as
/// [`CallError::InvalidHeader`].
fn check_headers(headers: &[SignalingHeader]) -> Result<(), CallError> {
    match headers
        .iter()
        .find_map(|h| h.check().err().map(|reason| (h, reason)))
    {
        Some((h, reason)) => Err(CallError::InvalidHeader {
            name: h.name.clone(),
            reason,
        }),
        None => Ok(()),
    }
}

/// An ACK, carrying `answer` when there is one.
pub(in crate::call) fn ack_request(answer: Option<&SdpContentDescription>) -> SipRequest {
    let mut ack = SipRequest::new(Method::Ack);
    if let Some(answer) = answer {
        ack.body = write_sdp(answer, &mut ack.headers);
    }
    ack
}
