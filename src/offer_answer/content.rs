//! [`SdpContentDescription`], [`SdpOffer`] and [`SdpAnswer`].

use std::sync::LazyLock;

use mime::Mime;

use crate::body::{ContentDisposition, MimePart};

use super::SdpAnswerStatus;
use crate::sip::SignalingHeader;

/// `application/sdp`, parsed once (an immutable constant).
static APPLICATION_SDP: LazyLock<Mime> =
    LazyLock::new(|| "application/sdp".parse().unwrap_or(mime::STAR_STAR));

/// One session description of an offer or an answer (UCMA's
/// `ContentDescription` of type `application/sdp`): the SDP bytes and the
/// MIME headers of the body part that carries them.
///
/// The content type is always `application/sdp` (RFC 4566 §8.1); the bytes
/// are not checked here (the provider parses them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdpContentDescription {
    /// The SDP text as bytes (UTF-8, CRLF line ends when we wrote it).
    pub body: Vec<u8>,
    /// The Content-ID of the body part, angle brackets included (RFC 2392),
    /// e.g. `<sdp1@example.com>`.
    pub content_id: Option<String>,
    /// The Content-Disposition of the body part; `None` means the default
    /// for SDP, `session` (RFC 5621 §3.2).
    pub content_disposition: Option<ContentDisposition>,
}

impl SdpContentDescription {
    /// A description holding `sdp`, without Content-ID or Content-Disposition.
    pub fn new(sdp: impl Into<Vec<u8>>) -> Self {
        SdpContentDescription {
            body: sdp.into(),
            content_id: None,
            content_disposition: None,
        }
    }

    /// This description with Content-ID `id` (written as given, e.g. `<a@b>`).
    pub fn with_content_id(mut self, id: impl Into<String>) -> Self {
        self.content_id = Some(id.into());
        self
    }

    /// This description with Content-Disposition `disposition`.
    pub fn with_content_disposition(mut self, disposition: ContentDisposition) -> Self {
        self.content_disposition = Some(disposition);
        self
    }

    /// The SDP as text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// This description as an `application/sdp` body part.
    pub fn to_mime_part(&self) -> MimePart {
        // A copy of a parsed media type costs less than parsing it again.
        let mut part = MimePart::single(APPLICATION_SDP.clone(), self.body.clone())
            .unwrap_or_else(|_| MimePart::sdp(self.body.clone()));
        if let Some(d) = &self.content_disposition {
            part = part.with_content_disposition(d.clone());
        }
        if let Some(id) = &self.content_id {
            part = part.with_content_id(id.clone());
        }
        part
    }

    /// The description carried by the `application/sdp` part `part`
    /// (`None` for a multipart).
    pub fn from_mime_part(part: &MimePart) -> Option<Self> {
        Some(SdpContentDescription {
            body: part.body()?.to_vec(),
            content_id: part.content_id().map(str::to_owned),
            content_disposition: part.content_disposition().cloned(),
        })
    }
}

/// An SDP offer (UCMA's `SdpOffer`): one or more session descriptions and
/// the message headers that go with them.
///
/// One description is sent as an `application/sdp` body; several are sent
/// as a `multipart/alternative` body, least preferred first (RFC 2046
/// §5.1.4, RFC 5621 §5), and the answerer picks one. Custom MIME parts
/// ([`crate::call::CallEstablishOptions::custom_mime_parts`]) wrap the whole
/// in a `multipart/mixed`.
///
/// In an offer we received, `descriptions` holds the session descriptions
/// of the body in body order (every understood alternative of a
/// `multipart/alternative`), and `headers` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SdpOffer {
    /// The session descriptions, least preferred first.
    pub descriptions: Vec<SdpContentDescription>,
    /// Extra message headers to send with the offer (e.g. a custom
    /// `X-` header); never Content-* headers.
    pub headers: Vec<SignalingHeader>,
}

impl SdpOffer {
    /// An offer of one session description.
    pub fn single(description: SdpContentDescription) -> Self {
        SdpOffer {
            descriptions: vec![description],
            headers: Vec::new(),
        }
    }

    /// An offer of several alternative descriptions, least preferred first.
    pub fn alternatives(descriptions: Vec<SdpContentDescription>) -> Self {
        SdpOffer {
            descriptions,
            headers: Vec::new(),
        }
    }

    /// The most preferred description (the last), when there is one.
    pub fn preferred(&self) -> Option<&SdpContentDescription> {
        self.descriptions.last()
    }

    /// The offer as a body part: `application/sdp` for one description,
    /// `multipart/alternative` for several; `None` when it holds none.
    pub fn to_mime_part(&self) -> Option<MimePart> {
        match self.descriptions.as_slice() {
            [] => None,
            [one] => Some(one.to_mime_part()),
            many => Some(MimePart::alternative(
                many.iter()
                    .map(SdpContentDescription::to_mime_part)
                    .collect(),
            )),
        }
    }
}

/// An SDP answer (UCMA's `SdpAnswer`): the answer description, if any, and
/// the status of the exchange.
///
/// `answer` is `None` whenever `status` is a failure
/// ([`SdpAnswerStatus::is_failure`]): the offer was declined or could not be
/// answered. For a [`SdpAnswerStatus::Provisional`] or
/// [`SdpAnswerStatus::Final`] answer it holds the remote's (or our) SDP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdpAnswer {
    /// The answer; `None` when declined.
    pub answer: Option<SdpContentDescription>,
    /// Where the exchange stands.
    pub status: SdpAnswerStatus,
    /// Message headers that came with the answer (or, for an answer we give,
    /// extra headers for the response that carries it).
    pub headers: Vec<SignalingHeader>,
    /// For an answer we give to an offer of several alternatives
    /// (`multipart/alternative`, RFC 2046 §5.1.4, RFC 5621 §5): which of
    /// the offer's [`descriptions`](SdpOffer::descriptions) it answers, by
    /// index. `None`: not said (the Call then takes the most preferred, the
    /// last). Not a UCMA member: UCMA leaves the choice inside the
    /// provider; the Call records the answered description in the
    /// [`Renegotiation`](crate::renegotiation::Renegotiation) it reports.
    pub answered_description: Option<usize>,
}

impl SdpAnswer {
    /// An answer `description` with `status` and no headers.
    pub fn new(description: SdpContentDescription, status: SdpAnswerStatus) -> Self {
        SdpAnswer {
            answer: Some(description),
            status,
            headers: Vec::new(),
            answered_description: None,
        }
    }

    /// This answer, saying it answers the offer's description `index`
    /// ([`SdpAnswer::answered_description`]).
    pub fn answering(mut self, index: usize) -> Self {
        self.answered_description = Some(index);
        self
    }

    /// No answer, with failure `status` (on every failure the answer is
    /// `None`: [`crate::manual::answer_status`]).
    pub fn declined(status: SdpAnswerStatus) -> Self {
        SdpAnswer {
            answer: None,
            status,
            headers: Vec::new(),
            answered_description: None,
        }
    }
}
