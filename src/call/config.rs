//! [`CallConfig`] (per Call) and [`CallEstablishOptions`] (per outgoing call).

use std::time::Duration;

use super::CallError;
use crate::body::{BodyLimits, MimePart};
use crate::sip::{SignalingHeader, check_tag};

/// How a [`Call`](super::Call) behaves: its randomness seed, its tag and
/// bounds. Time and randomness are inputs: the crate draws
/// nothing itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallConfig {
    /// Seeds every choice the Call makes: multipart boundaries
    /// ([`BoundaryGenerator`](crate::body::BoundaryGenerator)), our tag when
    /// [`local_tag`](Self::local_tag) is `None`, the Retry-After of a 500
    /// (0–10 s), the glare wait after a 491 (RFC 3261 §14.1), renegotiation
    /// operation ids and the `o=` session id of an all-rejecting answer.
    /// Draw it from your own randomness per call.
    pub seed: u64,
    /// Our dialog tag (the To-tag of our responses when we are called);
    /// `None`: 16 hex digits derived from `seed`. It must be an RFC 3261
    /// §25.1 token (RFC 3261 §19.3): a Call made with any other tag refuses
    /// its inputs with [`CallError::InvalidHeader`] and sends nothing
    /// ([`CallConfig::validate`] checks it beforehand).
    pub local_tag: Option<String>,
    /// The warn-agent of the Warning headers the Call writes (RFC 3261
    /// §20.43), e.g. `pbx.example.com`; `None`: `-`.
    pub warning_agent: Option<String>,
    /// Bounds on incoming bodies (size, multipart depth, part count).
    pub body_limits: BodyLimits,
    /// How long we wait for the ACK of a 2xx we sent before ending the call
    /// with BYE (RFC 3261 §13.3.1.4: 64·T1 = 32 s).
    pub ack_timeout: Duration,
    /// Who answers the remote's renegotiation offers (re-INVITE, UPDATE):
    /// the application ([`RenegotiationMode::Manual`], the default) or the
    /// media provider at once ([`RenegotiationMode::Automatic`]).
    pub renegotiation: RenegotiationMode,
    /// In [`RenegotiationMode::Manual`], how long an incoming renegotiation
    /// waits for [`Call::answer_renegotiation`](super::Call::answer_renegotiation)
    /// or [`Call::dismiss_renegotiation`](super::Call::dismiss_renegotiation)
    /// before the Call dismisses it itself (488 without Warning,
    /// [`RenegotiationFailure::DecisionTimeout`](super::RenegotiationFailure::DecisionTimeout)).
    /// Default 10 s: well inside the 32 s (64·T1) after which the remote's
    /// UPDATE transaction times out (RFC 3261 §17.1.2.2).
    pub renegotiation_decision_timeout: Duration,
}

/// Who answers an offer the remote sends on an established call (a
/// re-INVITE or UPDATE, or an UPDATE in an early dialog).
///
/// Either way the Call creates a [`Renegotiation`](crate::renegotiation::Renegotiation)
/// and reports [`CallEvent::RenegotiationStarted`](super::CallEvent::RenegotiationStarted)
/// and [`CallEvent::RenegotiationCompleted`](super::CallEvent::RenegotiationCompleted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RenegotiationMode {
    /// The application decides (UCWA's `audioVideoRenegotiation`: `answer`
    /// or `dismiss`): the request waits for
    /// [`Call::answer_renegotiation`](super::Call::answer_renegotiation) or
    /// [`Call::dismiss_renegotiation`](super::Call::dismiss_renegotiation),
    /// at most [`CallConfig::renegotiation_decision_timeout`].
    #[default]
    Manual,
    /// The media provider answers at once (UCMA's behaviour: `GetAnswer`
    /// with `IncomingRenegotiation`); a provider error declines the offer
    /// with the SIP response of its UCMA `OfferAnswerFailureReason` (see
    /// the crate manual (`crate::manual`)).
    Automatic,
}

impl CallConfig {
    /// The default configuration with `seed`.
    pub fn new(seed: u64) -> Self {
        CallConfig {
            seed,
            ..CallConfig::default()
        }
    }

    /// This configuration with our tag `tag` (an RFC 3261 token: see
    /// [`local_tag`](Self::local_tag) and [`CallConfig::validate`]).
    pub fn with_local_tag(mut self, tag: impl Into<String>) -> Self {
        self.local_tag = Some(tag.into());
        self
    }

    /// Checks what this configuration would make the Call write:
    /// [`local_tag`](Self::local_tag) must be an RFC 3261 §25.1 token
    /// (RFC 3261 §19.3: `tag-param = "tag" EQUAL token`), so that it cannot
    /// break or extend the From and To headers it goes into.
    /// [`Call::new`](super::Call::new) runs this check: a Call made with a
    /// configuration that fails it stays idle and refuses its inputs with
    /// the same error.
    ///
    /// # Errors
    /// [`CallError::InvalidHeader`] named `tag`, with
    /// [`HeaderFault::ForbiddenCharacter`](crate::sip::HeaderFault::ForbiddenCharacter)
    /// for CR, LF or NUL and
    /// [`HeaderFault::TagNotToken`](crate::sip::HeaderFault::TagNotToken)
    /// for any other non-token tag.
    pub fn validate(&self) -> Result<(), CallError> {
        match self.local_tag.as_deref().map(check_tag) {
            Some(Err(reason)) => Err(CallError::InvalidHeader {
                name: "tag".to_owned(),
                reason,
            }),
            _ => Ok(()),
        }
    }

    /// This configuration with incoming renegotiations answered by `mode`.
    pub fn with_renegotiation_mode(mut self, mode: RenegotiationMode) -> Self {
        self.renegotiation = mode;
        self
    }
}

impl Default for CallConfig {
    /// Seed 0, tag from the seed, agent `-`, default body limits, 32 s ACK
    /// timeout, manual renegotiation with a 10 s decision timeout.
    fn default() -> Self {
        CallConfig {
            seed: 0,
            local_tag: None,
            warning_agent: None,
            body_limits: BodyLimits::DEFAULT,
            ack_timeout: Duration::from_secs(32),
            renegotiation: RenegotiationMode::Manual,
            renegotiation_decision_timeout: Duration::from_secs(10),
        }
    }
}

/// Options of an outgoing call (UCMA's `CallEstablishOptions`), given to
/// [`Call::establish`](super::Call::establish).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallEstablishOptions {
    /// Custom MIME parts sent next to the offer in a `multipart/mixed` body
    /// (UCMA's `CustomMimeParts`). Parts whose Content-Disposition says
    /// `handling=optional` — build them with [`MimePart::optional`] — are
    /// dropped on the first retry after a 415 (UCMA: "exclude the custom
    /// optional MIME parts and retry the INVITE with the same offer");
    /// required parts ([`MimePart::required`]) are always sent. A part
    /// without Content-Disposition ([`MimePart::single`]) counts as
    /// required, RFC 3261 §20.11's default.
    pub custom_mime_parts: Vec<MimePart>,
    /// Early media (UCMA's `SupportsEarlyMedia`): the INVITE carries
    /// `Supported: 100rel` (RFC 3262) so the callee may answer in a
    /// reliable 1xx. Provisional answers of unreliable 1xx are taken either way.
    pub supports_early_media: bool,
    /// Third-party call control: the INVITE carries no offer; the offer
    /// comes in the 2xx (or a reliable 1xx) and is answered in the ACK (or
    /// the PRACK) (RFC 3725 flow I, RFC 6337 §2).
    pub third_party_call_control: bool,
    /// The most INVITEs re-sent after a 415 (RFC 3261 §21.4.13; see
    /// the crate manual (`crate::manual`)). Each branch
    /// is tried at most once, so values over 2 act as 2; 0 turns retries off.
    pub max_retries: u8,
    /// Extra headers for the INVITE (UCMA's `Headers`), and for the INVITEs
    /// re-sent after a 415. Each must pass [`SignalingHeader::check`] (the
    /// name an RFC 3261 token, the value free of CR, LF and NUL, RFC 3261
    /// §7.3.1), or [`Call::establish`](super::Call::establish) refuses the
    /// options with [`CallError::InvalidHeader`].
    pub headers: Vec<SignalingHeader>,
}

impl CallEstablishOptions {
    /// The default options: no custom parts, no early media, offer in the
    /// INVITE, 2 retries, no extra headers.
    pub fn new() -> Self {
        CallEstablishOptions::default()
    }

    /// These options with one more custom MIME part (see
    /// [`custom_mime_parts`](Self::custom_mime_parts) for optional and
    /// required parts).
    pub fn with_custom_mime_part(mut self, part: MimePart) -> Self {
        self.custom_mime_parts.push(part);
        self
    }

    /// These options with early media (100rel) on or off.
    pub fn with_early_media(mut self, on: bool) -> Self {
        self.supports_early_media = on;
        self
    }

    /// These options with third-party call control (INVITE without offer).
    pub fn with_third_party_call_control(mut self, on: bool) -> Self {
        self.third_party_call_control = on;
        self
    }

    /// These options with at most `retries` retries after a 415.
    pub fn with_max_retries(mut self, retries: u8) -> Self {
        self.max_retries = retries;
        self
    }
}

impl Default for CallEstablishOptions {
    fn default() -> Self {
        CallEstablishOptions {
            custom_mime_parts: Vec::new(),
            supports_early_media: false,
            third_party_call_control: false,
            max_retries: 2,
            headers: Vec::new(),
        }
    }
}
