//! [`RecordingProvider`]: a media provider wrapper that records.

use std::fmt;

use mime::Mime;

use crate::media_provider::MediaProvider;
use crate::offer_answer::{
    OfferAnswerContext, OfferAnswerError, SdpAnswer, SdpAnswerStatus, SdpContentDescription,
    SdpOffer,
};

/// Most calls recorded; later ones are dropped.
const MAX_RECORDED: usize = 4096;

/// A [`MediaProvider`] operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProviderOp {
    /// [`MediaProvider::get_offer`].
    GetOffer,
    /// [`MediaProvider::get_answer`].
    GetAnswer,
    /// [`MediaProvider::set_answer`].
    SetAnswer,
    /// [`MediaProvider::set_incoming_call_offer`].
    SetIncomingCallOffer,
    /// [`MediaProvider::terminate_media`].
    TerminateMedia,
    /// [`MediaProvider::set_hold`].
    SetHold,
    /// [`MediaProvider::set_local_answer`].
    SetLocalAnswer,
}

impl ProviderOp {
    /// The snake-case method name, e.g. `"set_answer"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderOp::GetOffer => "get_offer",
            ProviderOp::GetAnswer => "get_answer",
            ProviderOp::SetAnswer => "set_answer",
            ProviderOp::SetIncomingCallOffer => "set_incoming_call_offer",
            ProviderOp::TerminateMedia => "terminate_media",
            ProviderOp::SetHold => "set_hold",
            ProviderOp::SetLocalAnswer => "set_local_answer",
        }
    }
}

/// One recorded call to the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderCall {
    /// Which operation.
    pub op: ProviderOp,
    /// Its context.
    pub context: OfferAnswerContext,
    /// How many SDPs the offer passed held (`get_offer`: the `last_sent`
    /// offer's, 0 when none).
    pub offer_sdps: usize,
    /// The answer status given (`set_answer` only).
    pub status: Option<SdpAnswerStatus>,
    /// Whether an answer SDP was given (`set_answer`) or returned (`get_answer`).
    pub has_answer: bool,
    /// Whether the call returned an error.
    pub failed: bool,
    /// `set_hold` only: on (`true`) or off hold.
    pub hold: Option<bool>,
}

impl fmt::Display for ProviderCall {
    /// E.g. `set_answer(OutgoingCallEstablishment, dialog=b1, early, Provisional, answer=SDP)`,
    /// `get_offer(OutgoingCallEstablishment, last_sent=2 SDP)` or
    /// `set_hold(OutgoingRenegotiation, dialog=b1, hold)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?}", self.op.as_str(), self.context.reason)?;
        if let Some(d) = &self.context.dialog_id {
            write!(f, ", dialog={d}")?;
        }
        if self.context.is_early_dialog {
            f.write_str(", early")?;
        }
        match self.op {
            ProviderOp::GetOffer if self.offer_sdps > 0 => {
                write!(f, ", last_sent={} SDP", self.offer_sdps)?;
            }
            ProviderOp::GetAnswer
            | ProviderOp::SetIncomingCallOffer
            | ProviderOp::SetLocalAnswer => {
                write!(f, ", offer={} SDP", self.offer_sdps)?;
            }
            ProviderOp::SetHold => {
                f.write_str(if self.hold == Some(true) {
                    ", hold"
                } else {
                    ", resume"
                })?;
            }
            ProviderOp::SetAnswer => {
                if let Some(s) = self.status {
                    write!(f, ", {s}")?;
                }
                f.write_str(if self.has_answer {
                    ", answer=SDP"
                } else {
                    ", answer=None"
                })?;
            }
            _ => {}
        }
        if self.failed {
            f.write_str(") -> Err")
        } else {
            f.write_str(")")
        }
    }
}

/// Wraps a [`MediaProvider`], recording every call ([`ProviderCall`]) and
/// failing the next call of an operation on demand. The queries without
/// side effects, `supported_media_types`, `supported_content_types` and
/// `is_session_refresh`, are
/// passed through and not recorded.
#[derive(Debug, Clone)]
pub struct RecordingProvider<P> {
    inner: P,
    calls: Vec<ProviderCall>,
    failures: Vec<(ProviderOp, OfferAnswerError)>,
}

impl<P: MediaProvider> RecordingProvider<P> {
    /// Records the calls made to `inner`.
    pub fn new(inner: P) -> Self {
        RecordingProvider {
            inner,
            calls: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// The wrapped provider.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// The wrapped provider, mutably.
    pub fn inner_mut(&mut self) -> &mut P {
        &mut self.inner
    }

    /// The calls so far, oldest first.
    pub fn calls(&self) -> &[ProviderCall] {
        &self.calls
    }

    /// The calls so far as text ([`ProviderCall`]'s `Display`), and forgets them.
    pub fn take_log(&mut self) -> Vec<String> {
        self.calls.drain(..).map(|c| c.to_string()).collect()
    }

    /// The next call of `op` returns `error` instead of reaching the
    /// wrapped provider (failures queue up per operation).
    pub fn fail_next(&mut self, op: ProviderOp, error: OfferAnswerError) {
        self.failures.push((op, error));
    }

    fn injected(&mut self, op: ProviderOp) -> Option<OfferAnswerError> {
        let i = self.failures.iter().position(|(o, _)| *o == op)?;
        Some(self.failures.remove(i).1)
    }

    fn record(&mut self, call: ProviderCall) {
        if self.calls.len() < MAX_RECORDED {
            self.calls.push(call);
        }
    }

    fn call(
        op: ProviderOp,
        context: &OfferAnswerContext,
        offer_sdps: usize,
        status: Option<SdpAnswerStatus>,
    ) -> ProviderCall {
        ProviderCall {
            op,
            context: context.clone(),
            offer_sdps,
            status,
            has_answer: false,
            failed: false,
            hold: None,
        }
    }
}

impl<P: MediaProvider> MediaProvider for RecordingProvider<P> {
    fn supported_media_types(&self) -> &[crate::sdp::MediaType] {
        self.inner.supported_media_types()
    }

    fn supported_content_types(&self) -> &[Mime] {
        self.inner.supported_content_types()
    }

    fn is_session_refresh(&self, context: &OfferAnswerContext, offer: &SdpOffer) -> bool {
        self.inner.is_session_refresh(context, offer)
    }

    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError> {
        let count = last_sent.map_or(0, |o| o.descriptions.len());
        let mut call = Self::call(ProviderOp::GetOffer, context, count, None);
        let result = match self.injected(ProviderOp::GetOffer) {
            Some(e) => Err(e),
            None => self.inner.get_offer(context, last_sent),
        };
        call.failed = result.is_err();
        self.record(call);
        result
    }

    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError> {
        let mut call = Self::call(
            ProviderOp::GetAnswer,
            context,
            offer.descriptions.len(),
            None,
        );
        let result = match self.injected(ProviderOp::GetAnswer) {
            Some(e) => Err(e),
            None => self.inner.get_answer(context, offer),
        };
        call.failed = result.is_err();
        call.has_answer = result.as_ref().is_ok_and(|a| a.answer.is_some());
        self.record(call);
        result
    }

    fn set_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: SdpAnswer,
    ) -> Result<(), OfferAnswerError> {
        let mut call = Self::call(
            ProviderOp::SetAnswer,
            context,
            offer.descriptions.len(),
            Some(answer.status),
        );
        call.has_answer = answer.answer.is_some();
        let result = match self.injected(ProviderOp::SetAnswer) {
            Some(e) => Err(e),
            None => self.inner.set_answer(context, offer, answer),
        };
        call.failed = result.is_err();
        self.record(call);
        result
    }

    fn set_incoming_call_offer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError> {
        let mut call = Self::call(
            ProviderOp::SetIncomingCallOffer,
            context,
            offer.descriptions.len(),
            None,
        );
        let result = match self.injected(ProviderOp::SetIncomingCallOffer) {
            Some(e) => Err(e),
            None => self.inner.set_incoming_call_offer(context, offer),
        };
        call.failed = result.is_err();
        self.record(call);
        result
    }

    fn terminate_media(&mut self, context: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
        let mut call = Self::call(ProviderOp::TerminateMedia, context, 0, None);
        let result = match self.injected(ProviderOp::TerminateMedia) {
            Some(e) => Err(e),
            None => self.inner.terminate_media(context),
        };
        call.failed = result.is_err();
        self.record(call);
        result
    }

    fn set_hold(
        &mut self,
        context: &OfferAnswerContext,
        hold: bool,
    ) -> Result<(), OfferAnswerError> {
        let mut call = Self::call(ProviderOp::SetHold, context, 0, None);
        call.hold = Some(hold);
        let result = match self.injected(ProviderOp::SetHold) {
            Some(e) => Err(e),
            None => self.inner.set_hold(context, hold),
        };
        call.failed = result.is_err();
        self.record(call);
        result
    }

    fn set_local_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: &SdpContentDescription,
    ) -> Result<(), OfferAnswerError> {
        let mut call = Self::call(
            ProviderOp::SetLocalAnswer,
            context,
            offer.descriptions.len(),
            None,
        );
        call.has_answer = true;
        let result = match self.injected(ProviderOp::SetLocalAnswer) {
            Some(e) => Err(e),
            None => self.inner.set_local_answer(context, offer, answer),
        };
        call.failed = result.is_err();
        self.record(call);
        result
    }
}
