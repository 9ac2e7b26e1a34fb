//! The UCWA `audioVideoRenegotiation` resource, in JSON and XML.

use serde::{Deserialize, Serialize};

use super::xml::{self, Element};
use super::{HrefJson, UcwaError, from_json_bounded, to_json_string};
use crate::renegotiation::{
    DataUriError, Renegotiation, RenegotiationDirection, RenegotiationState, decode_sdp_data_uri,
    encode_sdp_data_uri,
};

/// The `rel` of the resource: `"audioVideoRenegotiation"`.
pub const AUDIO_VIDEO_RENEGOTIATION_REL: &str = "audioVideoRenegotiation";

/// The UCWA `audioVideoRenegotiation` resource: one renegotiation of an
/// audio/video session, as the event channel and `GET` show it.
///
/// JSON (members in this order; absent links are left out):
///
/// ```json
/// {"rel":"audioVideoRenegotiation","direction":"Incoming","operationId":"op-1",
///  "_links":{"self":{"href":"/ucwa/.../renegotiations/op-1"},
///            "mediaOffer":{"href":"data:application/sdp;base64,..."},
///            "mediaAnswer":{"href":"data:application/sdp;base64,..."},
///            "answer":{"href":".../answer"},"dismiss":{"href":".../dismiss"},
///            "audioVideoSession":{"href":"..."},"conversation":{"href":"..."}}}
/// ```
///
/// XML (namespace [`UCWA_NAMESPACE`](super::UCWA_NAMESPACE); the self link is
/// the `href` of `<resource>`; links, then properties):
///
/// ```xml
/// <?xml version="1.0" encoding="utf-8"?>
/// <resource rel="audioVideoRenegotiation" href="/ucwa/.../renegotiations/op-1"
///     xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
///   <link rel="mediaOffer" href="data:application/sdp;base64,..."/>
///   ...
///   <property name="rel">audioVideoRenegotiation</property>
///   <property name="direction">Incoming</property>
///   <property name="operationId">op-1</property>
/// </resource>
/// ```
///
/// (written without the line breaks and indentation shown here), the shape
/// of UCWA's `audioVideoRenegotiation` reference sample.
///
/// `mediaOffer` and `mediaAnswer` are links whose `href` is the SDP as a
/// `data:application/sdp;base64,` URI (RFC 2397), the way UCWA carries
/// content in links; [`Self::media_offer_sdp`] decodes them. UCWA's
/// reference lists them as properties, so on input a `mediaOffer` /
/// `mediaAnswer` property (JSON member or XML `<property>`) is also accepted
/// when the link is absent; output always uses links.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ResourceJson", into = "ResourceJson")]
#[non_exhaustive]
pub struct AudioVideoRenegotiationResource {
    /// The resource's own URL (`_links.self.href`; XML: `href` of `<resource>`).
    pub self_href: String,
    /// Who sent the offer (property `direction`).
    pub direction: RenegotiationDirection,
    /// The operation id (property `operationId`).
    pub operation_id: String,
    /// The offer (link `mediaOffer`): normally a
    /// `data:application/sdp;base64,...` URI.
    pub media_offer: String,
    /// The final answer (link `mediaAnswer`), once there is one.
    pub media_answer: Option<String>,
    /// Where to `POST` the answer (link `answer`): only while an incoming
    /// renegotiation is pending.
    pub answer: Option<String>,
    /// Where to `POST` a [`DismissInput`](super::DismissInput) (link
    /// `dismiss`): only while an incoming renegotiation is pending.
    pub dismiss: Option<String>,
    /// The audio/video session renegotiated (link `audioVideoSession`).
    pub audio_video_session: Option<String>,
    /// The conversation (link `conversation`).
    pub conversation: Option<String>,
}

impl AudioVideoRenegotiationResource {
    /// The representation of a renegotiation in a given state.
    ///
    /// * `self_href`: the resource's URL; the `answer` and `dismiss` links
    ///   are `{self_href}/answer` and `{self_href}/dismiss` (a trailing `/`
    ///   of `self_href` is not doubled).
    /// * `media_offer` / `media_answer`: SDP bytes, written as
    ///   `data:application/sdp;base64,` URIs; `mediaAnswer` appears only when
    ///   `media_answer` is `Some`.
    /// * `state`: `answer` and `dismiss` links appear only for an `Incoming`
    ///   renegotiation that is [`RenegotiationState::Pending`] (only the
    ///   receiver of an offer can answer or dismiss it).
    ///
    /// `audioVideoSession` and `conversation` links are added with
    /// [`Self::with_audio_video_session`] and [`Self::with_conversation`].
    pub fn new(
        self_href: impl Into<String>,
        operation_id: impl Into<String>,
        direction: RenegotiationDirection,
        media_offer: &[u8],
        media_answer: Option<&[u8]>,
        state: RenegotiationState,
    ) -> Self {
        let self_href = self_href.into();
        let actionable = state.is_pending() && direction == RenegotiationDirection::Incoming;
        let action =
            |name: &str| actionable.then(|| format!("{}/{name}", self_href.trim_end_matches('/')));
        AudioVideoRenegotiationResource {
            answer: action("answer"),
            dismiss: action("dismiss"),
            self_href,
            direction,
            operation_id: operation_id.into(),
            media_offer: encode_sdp_data_uri(media_offer),
            media_answer: media_answer.map(encode_sdp_data_uri),
            audio_video_session: None,
            conversation: None,
        }
    }

    /// The representation of a [`Renegotiation`] at `self_href` (see
    /// [`Self::new`]).
    pub fn from_renegotiation(renegotiation: &Renegotiation, self_href: impl Into<String>) -> Self {
        Self::new(
            self_href,
            renegotiation.operation_id(),
            renegotiation.direction(),
            renegotiation.media_offer(),
            renegotiation.media_answer(),
            renegotiation.state(),
        )
    }

    /// Sets the `audioVideoSession` link.
    #[must_use]
    pub fn with_audio_video_session(mut self, href: impl Into<String>) -> Self {
        self.audio_video_session = Some(href.into());
        self
    }

    /// Sets the `conversation` link.
    #[must_use]
    pub fn with_conversation(mut self, href: impl Into<String>) -> Self {
        self.conversation = Some(href.into());
        self
    }

    /// `true` when the resource offers `answer` or `dismiss`, i.e. an incoming
    /// renegotiation awaits the application's decision.
    pub fn is_pending(&self) -> bool {
        self.answer.is_some() || self.dismiss.is_some()
    }

    /// The offer SDP, decoded from the `mediaOffer` data URI (at most
    /// [`DEFAULT_MAX_DECODED_LEN`](crate::renegotiation::DEFAULT_MAX_DECODED_LEN)
    /// bytes).
    ///
    /// # Errors
    /// A [`DataUriError`] when the href is not an SDP data URI.
    pub fn media_offer_sdp(&self) -> Result<Vec<u8>, DataUriError> {
        decode_sdp_data_uri(&self.media_offer)
    }

    /// The answer SDP, decoded from the `mediaAnswer` data URI; `None` when
    /// there is no answer yet.
    ///
    /// # Errors
    /// A [`DataUriError`] when the href is not an SDP data URI.
    pub fn media_answer_sdp(&self) -> Option<Result<Vec<u8>, DataUriError>> {
        self.media_answer.as_deref().map(decode_sdp_data_uri)
    }

    /// The JSON representation (compact, members in the order shown above).
    pub fn to_json(&self) -> String {
        to_json_string(&ResourceJson::from(self))
    }

    /// Reads the JSON representation.
    ///
    /// Requires `direction`, `operationId`, `_links.self` and `mediaOffer`;
    /// `rel`, when present, must be `audioVideoRenegotiation`.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Json`], [`UcwaError::WrongRel`],
    /// [`UcwaError::Missing`], [`UcwaError::UnknownDirection`].
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<ResourceJson>(json)?.try_into()
    }

    /// The XML representation (compact), as UCWA's sample: the XML
    /// declaration, then links, then the `rel`, `direction` and
    /// `operationId` properties.
    pub fn to_xml(&self) -> String {
        let mut out = xml::XmlWriter::document(300 + self.media_offer.len());
        self.write_xml(&mut out, true);
        out.finish()
    }

    /// Writes the `<resource>` element: as a document's root (with the
    /// namespace), or embedded in an event.
    pub(super) fn write_xml(&self, out: &mut xml::XmlWriter, root: bool) {
        let attrs = [
            ("rel", AUDIO_VIDEO_RENEGOTIATION_REL),
            ("href", self.self_href.as_str()),
        ];
        if root {
            out.open_root("resource", &attrs);
        } else {
            out.open("resource", &attrs);
        }
        for (rel, href) in self.links() {
            if let Some(href) = href {
                out.link(rel, href);
            }
        }
        out.property("rel", AUDIO_VIDEO_RENEGOTIATION_REL);
        out.property("direction", self.direction.as_str());
        out.property("operationId", &self.operation_id);
        out.close("resource");
    }

    /// Reads the XML representation: a `<resource>` root, in the UCWA
    /// namespace or none. Property text is trimmed of XML whitespace.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Xml`], [`UcwaError::XmlTooDeep`],
    /// [`UcwaError::UnexpectedElement`], [`UcwaError::WrongNamespace`],
    /// [`UcwaError::WrongRel`], [`UcwaError::Missing`],
    /// [`UcwaError::Duplicate`], [`UcwaError::UnknownDirection`].
    pub fn from_xml(xml: &str) -> Result<Self, UcwaError> {
        let root = xml::parse_root(xml, "resource")?;
        Self::from_xml_element(&root)
    }

    pub(super) fn from_xml_element(root: &Element) -> Result<Self, UcwaError> {
        let mut parts = Parts {
            rel: root.attr("rel").map(str::to_owned),
            self_href: root.attr("href").map(str::to_owned),
            ..Parts::default()
        };
        for link in root.children_named("link") {
            let (Some(rel), Some(href)) = (link.attr("rel"), link.attr("href")) else {
                return Err(UcwaError::Missing("rel and href of a <link>"));
            };
            if let Some((name, slot)) = parts.link_slot(rel) {
                set_once(slot, name, href)?;
            }
        }
        for property in root.children_named("property") {
            let name = property
                .attr("name")
                .ok_or(UcwaError::Missing("name of a <property>"))?;
            let (name, slot) = match name {
                "direction" => ("direction property", &mut parts.direction),
                "operationId" => ("operationId property", &mut parts.operation_id),
                "mediaOffer" => ("mediaOffer property", &mut parts.media_offer_property),
                "mediaAnswer" => ("mediaAnswer property", &mut parts.media_answer_property),
                _ => continue,
            };
            set_once(slot, name, property.trimmed_text())?;
        }
        parts.build()
    }

    /// The links other than `self`, in output order.
    fn links(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("mediaOffer", Some(self.media_offer.as_str())),
            ("mediaAnswer", self.media_answer.as_deref()),
            ("answer", self.answer.as_deref()),
            ("dismiss", self.dismiss.as_deref()),
            ("audioVideoSession", self.audio_video_session.as_deref()),
            ("conversation", self.conversation.as_deref()),
        ]
    }
}

fn set_once(slot: &mut Option<String>, name: &'static str, value: &str) -> Result<(), UcwaError> {
    if slot.is_some() {
        return Err(UcwaError::Duplicate(name));
    }
    *slot = Some(value.to_owned());
    Ok(())
}

/// What JSON or XML gave, before validation.
#[derive(Default)]
struct Parts {
    rel: Option<String>,
    self_href: Option<String>,
    direction: Option<String>,
    operation_id: Option<String>,
    media_offer: Option<String>,
    media_answer: Option<String>,
    media_offer_property: Option<String>,
    media_answer_property: Option<String>,
    answer: Option<String>,
    dismiss: Option<String>,
    audio_video_session: Option<String>,
    conversation: Option<String>,
}

impl Parts {
    /// The slot of a link relation (and its name for errors); `None` for a
    /// relation this resource does not model.
    fn link_slot(&mut self, rel: &str) -> Option<(&'static str, &mut Option<String>)> {
        Some(match rel {
            "self" => ("self link", &mut self.self_href),
            "mediaOffer" => ("mediaOffer link", &mut self.media_offer),
            "mediaAnswer" => ("mediaAnswer link", &mut self.media_answer),
            "answer" => ("answer link", &mut self.answer),
            "dismiss" => ("dismiss link", &mut self.dismiss),
            "audioVideoSession" => ("audioVideoSession link", &mut self.audio_video_session),
            "conversation" => ("conversation link", &mut self.conversation),
            _ => return None,
        })
    }

    fn build(self) -> Result<AudioVideoRenegotiationResource, UcwaError> {
        if let Some(rel) = self.rel
            && rel != AUDIO_VIDEO_RENEGOTIATION_REL
        {
            return Err(UcwaError::WrongRel {
                expected: AUDIO_VIDEO_RENEGOTIATION_REL,
                found: rel,
            });
        }
        let direction = self.direction.ok_or(UcwaError::Missing("direction"))?;
        Ok(AudioVideoRenegotiationResource {
            self_href: self.self_href.ok_or(UcwaError::Missing("self link"))?,
            direction: direction.parse()?,
            operation_id: self.operation_id.ok_or(UcwaError::Missing("operationId"))?,
            media_offer: self
                .media_offer
                .or(self.media_offer_property)
                .ok_or(UcwaError::Missing("mediaOffer"))?,
            media_answer: self.media_answer.or(self.media_answer_property),
            answer: self.answer,
            dismiss: self.dismiss,
            audio_video_session: self.audio_video_session,
            conversation: self.conversation,
        })
    }
}

/// The JSON wire shape.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct ResourceJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    direction: Option<String>,
    #[serde(
        rename = "operationId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    operation_id: Option<String>,
    /// Tolerated on input (UCWA's reference calls it a property); never written.
    #[serde(rename = "mediaOffer", default, skip_serializing)]
    media_offer: Option<String>,
    /// Tolerated on input; never written.
    #[serde(rename = "mediaAnswer", default, skip_serializing)]
    media_answer: Option<String>,
    #[serde(rename = "_links", default)]
    links: LinksJson,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct LinksJson {
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    self_link: Option<HrefJson>,
    #[serde(
        rename = "mediaOffer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    media_offer: Option<HrefJson>,
    #[serde(
        rename = "mediaAnswer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    media_answer: Option<HrefJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<HrefJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dismiss: Option<HrefJson>,
    #[serde(
        rename = "audioVideoSession",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    audio_video_session: Option<HrefJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conversation: Option<HrefJson>,
}

impl From<&AudioVideoRenegotiationResource> for ResourceJson {
    fn from(r: &AudioVideoRenegotiationResource) -> Self {
        let link = |href: &Option<String>| href.as_deref().map(HrefJson::new);
        ResourceJson {
            rel: Some(AUDIO_VIDEO_RENEGOTIATION_REL.to_owned()),
            direction: Some(r.direction.as_str().to_owned()),
            operation_id: Some(r.operation_id.clone()),
            media_offer: None,
            media_answer: None,
            links: LinksJson {
                self_link: Some(HrefJson::new(&r.self_href)),
                media_offer: Some(HrefJson::new(&r.media_offer)),
                media_answer: link(&r.media_answer),
                answer: link(&r.answer),
                dismiss: link(&r.dismiss),
                audio_video_session: link(&r.audio_video_session),
                conversation: link(&r.conversation),
            },
        }
    }
}

impl From<AudioVideoRenegotiationResource> for ResourceJson {
    fn from(r: AudioVideoRenegotiationResource) -> Self {
        ResourceJson::from(&r)
    }
}

impl TryFrom<ResourceJson> for AudioVideoRenegotiationResource {
    type Error = UcwaError;

    fn try_from(json: ResourceJson) -> Result<Self, UcwaError> {
        let href = |link: Option<HrefJson>| link.map(|l| l.href);
        let links = json.links;
        Parts {
            rel: json.rel,
            self_href: href(links.self_link),
            direction: json.direction,
            operation_id: json.operation_id,
            media_offer: href(links.media_offer),
            media_answer: href(links.media_answer),
            media_offer_property: json.media_offer,
            media_answer_property: json.media_answer,
            answer: href(links.answer),
            dismiss: href(links.dismiss),
            audio_video_session: href(links.audio_video_session),
            conversation: href(links.conversation),
        }
        .build()
    }
}
