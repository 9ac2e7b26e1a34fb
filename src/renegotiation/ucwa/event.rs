//! UCWA event-channel entries announcing renegotiations (`started`,
//! `updated`, `completed`), in JSON and XML.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::resource::ResourceJson;
use super::xml::{self, Element, XmlWriter};
use super::{
    AUDIO_VIDEO_RENEGOTIATION_REL, AudioVideoRenegotiationResource, HrefJson, UcwaError,
    from_json_bounded, to_json_string,
};

/// The `type` of a UCWA event entry.
///
/// A renegotiation is announced with `started` (an incoming offer awaits the
/// application, or our offer was sent), `updated`, and `completed` (answered,
/// dismissed or failed). `added` and `deleted` are UCWA's other event types,
/// modelled so that a sender mixing them still parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
#[non_exhaustive]
pub enum UcwaEventType {
    /// `"added"`: a resource was created.
    Added,
    /// `"updated"`: a resource changed.
    Updated,
    /// `"deleted"`: a resource went away.
    Deleted,
    /// `"started"`: an operation began.
    Started,
    /// `"completed"`: an operation ended.
    Completed,
}

impl UcwaEventType {
    /// The UCWA spelling: `"added"`, `"updated"`, `"deleted"`, `"started"`,
    /// `"completed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Updated => "updated",
            Self::Deleted => "deleted",
            Self::Started => "started",
            Self::Completed => "completed",
        }
    }
}

impl fmt::Display for UcwaEventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<UcwaEventType> for &'static str {
    fn from(t: UcwaEventType) -> Self {
        t.as_str()
    }
}

/// A string that is none of UCWA's event types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown UCWA event type {0:?}")]
pub struct UnknownEventType(pub String);

impl FromStr for UcwaEventType {
    type Err = UnknownEventType;

    /// Parses an event type, ASCII-case-insensitively.
    ///
    /// # Errors
    /// [`UnknownEventType`] for any other string.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Self::Added,
            Self::Updated,
            Self::Deleted,
            Self::Started,
            Self::Completed,
        ]
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(s))
        .ok_or_else(|| UnknownEventType(s.to_owned()))
    }
}

impl TryFrom<String> for UcwaEventType {
    type Error = UnknownEventType;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// A typed link, `{"rel": "...", "href": "..."}`: what an event is about,
/// or who sent it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UcwaLink {
    /// The link relation, e.g. `"audioVideoRenegotiation"`.
    pub rel: String,
    /// The URL of the resource.
    pub href: String,
}

impl UcwaLink {
    /// A link with this relation and URL.
    pub fn new(rel: impl Into<String>, href: impl Into<String>) -> Self {
        UcwaLink {
            rel: rel.into(),
            href: href.into(),
        }
    }
}

/// One UCWA event entry:
///
/// ```json
/// {"link":{"rel":"audioVideoRenegotiation","href":"..."},"type":"started",
///  "_embedded":{"audioVideoRenegotiation":{...}}}
/// ```
///
/// Only an embedded `audioVideoRenegotiation` is modelled; other embedded
/// resources, and other members (such as a `completed` event's `status`),
/// are ignored on input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "EventJson", into = "EventJson")]
#[non_exhaustive]
pub struct UcwaEvent {
    /// The resource the event is about.
    pub link: UcwaLink,
    /// What happened to it.
    pub event_type: UcwaEventType,
    /// The renegotiation resource embedded in the event, if any.
    pub embedded: Option<AudioVideoRenegotiationResource>,
}

impl UcwaEvent {
    /// An event about `link`, with nothing embedded.
    pub fn new(link: UcwaLink, event_type: UcwaEventType) -> Self {
        UcwaEvent {
            link,
            event_type,
            embedded: None,
        }
    }

    /// An event about a renegotiation, embedding its representation (the
    /// link is `audioVideoRenegotiation` at the resource's `self_href`).
    pub fn renegotiation(
        event_type: UcwaEventType,
        resource: AudioVideoRenegotiationResource,
    ) -> Self {
        UcwaEvent {
            link: UcwaLink::new(AUDIO_VIDEO_RENEGOTIATION_REL, resource.self_href.clone()),
            event_type,
            embedded: Some(resource),
        }
    }

    /// The `started` event of a renegotiation, embedding it.
    pub fn started(resource: AudioVideoRenegotiationResource) -> Self {
        Self::renegotiation(UcwaEventType::Started, resource)
    }

    /// The JSON form (compact).
    pub fn to_json(&self) -> String {
        to_json_string(&EventJson::from(self))
    }

    /// Reads the JSON form.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Json`],
    /// [`UcwaError::UnknownEventType`], and the errors of
    /// [`AudioVideoRenegotiationResource::from_json`] for an embedded
    /// resource.
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<EventJson>(json)?.try_into()
    }

    /// In XML the event type is the element's name and the link its `rel`
    /// and `href`: `<started rel="audioVideoRenegotiation" href="..."><resource .../></started>`.
    fn write_xml(&self, out: &mut XmlWriter) {
        let name = self.event_type.as_str();
        let attrs = [
            ("rel", self.link.rel.as_str()),
            ("href", self.link.href.as_str()),
        ];
        match &self.embedded {
            Some(resource) => {
                out.open(name, &attrs);
                resource.write_xml(out, false);
                out.close(name);
            }
            None => out.empty(name, &attrs),
        }
    }

    fn from_xml_element(element: &Element) -> Result<Self, UcwaError> {
        let event_type = element.name.parse()?;
        let (Some(rel), Some(href)) = (element.attr("rel"), element.attr("href")) else {
            return Err(UcwaError::Missing("rel and href of an event"));
        };
        let embedded = element
            .children_named("resource")
            .find(|r| r.attr("rel") == Some(AUDIO_VIDEO_RENEGOTIATION_REL))
            .map(AudioVideoRenegotiationResource::from_xml_element)
            .transpose()?;
        Ok(UcwaEvent {
            link: UcwaLink::new(rel, href),
            event_type,
            embedded,
        })
    }
}

/// A `sender` entry of a UCWA events page: the resource whose events follow.
///
/// ```json
/// {"rel":"conversation","href":"...","events":[{...}, ...]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SenderJson", into = "SenderJson")]
#[non_exhaustive]
pub struct UcwaEventSender {
    /// The sender's relation, e.g. `"conversation"`.
    pub rel: String,
    /// The sender's URL.
    pub href: String,
    /// Its events, in order.
    pub events: Vec<UcwaEvent>,
}

impl UcwaEventSender {
    /// A sender with these events.
    pub fn new(rel: impl Into<String>, href: impl Into<String>, events: Vec<UcwaEvent>) -> Self {
        UcwaEventSender {
            rel: rel.into(),
            href: href.into(),
            events,
        }
    }

    /// The JSON form (compact).
    pub fn to_json(&self) -> String {
        to_json_string(&SenderJson::from(self))
    }

    /// Reads the JSON form.
    ///
    /// # Errors
    /// As [`UcwaEvent::from_json`].
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<SenderJson>(json)?.try_into()
    }

    /// `<sender rel="..." href="...">` and its events.
    fn write_xml(&self, out: &mut XmlWriter) {
        out.open("sender", &[("rel", &self.rel), ("href", &self.href)]);
        for event in &self.events {
            event.write_xml(out);
        }
        out.close("sender");
    }

    fn from_xml_element(element: &Element) -> Result<Self, UcwaError> {
        let (Some(rel), Some(href)) = (element.attr("rel"), element.attr("href")) else {
            return Err(UcwaError::Missing("rel and href of a <sender>"));
        };
        Ok(UcwaEventSender {
            rel: rel.to_owned(),
            href: href.to_owned(),
            events: element
                .children
                .iter()
                .map(UcwaEvent::from_xml_element)
                .collect::<Result<_, _>>()?,
        })
    }
}

/// A UCWA events page, the body of a `GET .../events?ack=N`:
///
/// ```json
/// {"_links":{"self":{"href":"/ucwa/.../events?ack=2"},"next":{"href":"/ucwa/.../events?ack=3"}},
///  "sender":[{...}, ...]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "EventsJson", into = "EventsJson")]
#[non_exhaustive]
pub struct UcwaEvents {
    /// The page's own URL (`_links.self`).
    pub self_href: String,
    /// The URL to fetch the next page from (`_links.next`).
    pub next_href: Option<String>,
    /// The senders and their events, in order.
    pub senders: Vec<UcwaEventSender>,
}

impl UcwaEvents {
    /// A page with these senders.
    pub fn new(
        self_href: impl Into<String>,
        next_href: Option<String>,
        senders: Vec<UcwaEventSender>,
    ) -> Self {
        UcwaEvents {
            self_href: self_href.into(),
            next_href,
            senders,
        }
    }

    /// The JSON form (compact).
    pub fn to_json(&self) -> String {
        to_json_string(&EventsJson::from(self))
    }

    /// Reads the JSON form; requires `_links.self`.
    ///
    /// # Errors
    /// [`UcwaError::Missing`] without a self link, and as
    /// [`UcwaEvent::from_json`].
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<EventsJson>(json)?.try_into()
    }

    /// The XML form (compact), UCWA's event-channel shape (sent for
    /// `Accept: application/vnd.microsoft.com.ucwa+xml`): the XML
    /// declaration, `<events href="self">`, a `<link rel="next">`, then
    /// `<sender>` blocks whose children are the events, named by their
    /// type (`<started rel="audioVideoRenegotiation" href="...">` with the
    /// embedded `<resource>`).
    pub fn to_xml(&self) -> String {
        let mut out = xml::XmlWriter::document(512);
        out.open_root("events", &[("href", &self.self_href)]);
        if let Some(next) = &self.next_href {
            out.link("next", next);
        }
        for sender in &self.senders {
            sender.write_xml(&mut out);
        }
        out.close("events");
        out.finish()
    }

    /// Reads the XML form: an `<events>` root (its `href` the self link),
    /// in the UCWA namespace or none. Other elements than `<link>` and
    /// `<sender>` are ignored.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Xml`], [`UcwaError::XmlTooDeep`],
    /// [`UcwaError::UnexpectedElement`], [`UcwaError::WrongNamespace`],
    /// [`UcwaError::Missing`], [`UcwaError::UnknownEventType`], and the
    /// errors of [`AudioVideoRenegotiationResource::from_xml`] for an
    /// embedded resource.
    pub fn from_xml(xml: &str) -> Result<Self, UcwaError> {
        let root = xml::parse_root(xml, "events")?;
        let self_href = root.attr("href").ok_or(UcwaError::Missing("self link"))?;
        let next_href = root
            .children_named("link")
            .find(|l| l.attr("rel") == Some("next"))
            .and_then(|l| l.attr("href"))
            .map(str::to_owned);
        Ok(UcwaEvents {
            self_href: self_href.to_owned(),
            next_href,
            senders: root
                .children_named("sender")
                .map(UcwaEventSender::from_xml_element)
                .collect::<Result<_, _>>()?,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct EventJson {
    link: UcwaLink,
    #[serde(rename = "type")]
    event_type: String,
    #[serde(rename = "_embedded", default, skip_serializing_if = "Option::is_none")]
    embedded: Option<EmbeddedJson>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct EmbeddedJson {
    #[serde(
        rename = "audioVideoRenegotiation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    audio_video_renegotiation: Option<ResourceJson>,
}

impl From<&UcwaEvent> for EventJson {
    fn from(e: &UcwaEvent) -> Self {
        EventJson {
            link: e.link.clone(),
            event_type: e.event_type.as_str().to_owned(),
            embedded: e.embedded.as_ref().map(|r| EmbeddedJson {
                audio_video_renegotiation: Some(ResourceJson::from(r)),
            }),
        }
    }
}

impl From<UcwaEvent> for EventJson {
    fn from(e: UcwaEvent) -> Self {
        EventJson::from(&e)
    }
}

impl TryFrom<EventJson> for UcwaEvent {
    type Error = UcwaError;

    fn try_from(json: EventJson) -> Result<Self, UcwaError> {
        Ok(UcwaEvent {
            link: json.link,
            event_type: json.event_type.parse()?,
            embedded: json
                .embedded
                .and_then(|e| e.audio_video_renegotiation)
                .map(AudioVideoRenegotiationResource::try_from)
                .transpose()?,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SenderJson {
    rel: String,
    href: String,
    #[serde(default)]
    events: Vec<EventJson>,
}

impl From<&UcwaEventSender> for SenderJson {
    fn from(s: &UcwaEventSender) -> Self {
        SenderJson {
            rel: s.rel.clone(),
            href: s.href.clone(),
            events: s.events.iter().map(EventJson::from).collect(),
        }
    }
}

impl From<UcwaEventSender> for SenderJson {
    fn from(s: UcwaEventSender) -> Self {
        SenderJson::from(&s)
    }
}

impl TryFrom<SenderJson> for UcwaEventSender {
    type Error = UcwaError;

    fn try_from(json: SenderJson) -> Result<Self, UcwaError> {
        Ok(UcwaEventSender {
            rel: json.rel,
            href: json.href,
            events: json
                .events
                .into_iter()
                .map(UcwaEvent::try_from)
                .collect::<Result<_, _>>()?,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct EventsJson {
    #[serde(rename = "_links", default)]
    links: EventsLinksJson,
    #[serde(default)]
    sender: Vec<SenderJson>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct EventsLinksJson {
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    self_link: Option<HrefJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    next: Option<HrefJson>,
}

impl From<&UcwaEvents> for EventsJson {
    fn from(p: &UcwaEvents) -> Self {
        EventsJson {
            links: EventsLinksJson {
                self_link: Some(HrefJson::new(&p.self_href)),
                next: p.next_href.as_deref().map(HrefJson::new),
            },
            sender: p.senders.iter().map(SenderJson::from).collect(),
        }
    }
}

impl From<UcwaEvents> for EventsJson {
    fn from(p: UcwaEvents) -> Self {
        EventsJson::from(&p)
    }
}

impl TryFrom<EventsJson> for UcwaEvents {
    type Error = UcwaError;

    fn try_from(json: EventsJson) -> Result<Self, UcwaError> {
        Ok(UcwaEvents {
            self_href: json
                .links
                .self_link
                .map(|l| l.href)
                .ok_or(UcwaError::Missing("self link"))?,
            next_href: json.links.next.map(|l| l.href),
            senders: json
                .sender
                .into_iter()
                .map(UcwaEventSender::try_from)
                .collect::<Result<_, _>>()?,
        })
    }
}
