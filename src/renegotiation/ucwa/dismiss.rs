//! The input of UCWA's `dismiss` link: why the application declines an
//! incoming renegotiation.

use serde::{Deserialize, Serialize};

use super::xml;
use super::{UcwaError, from_json_bounded, to_json_string};
use crate::renegotiation::ReNegotiationDeclineReason;

/// The body `POST`ed to an `audioVideoRenegotiation`'s `dismiss` link.
///
/// JSON: `{"reason":"InsufficientBandwidth"}`.
/// XML: `<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="reason">Unknown</property></input>`.
///
/// UCWA marks `reason` optional; an input without one (`{}`, `"reason":
/// null`, `<input/>`) reads as [`ReNegotiationDeclineReason::Unknown`]
/// ("not specified"). Output always carries the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DismissJson", into = "DismissJson")]
pub struct DismissInput {
    /// Why the offer is declined; [`ReNegotiationDeclineReason::sip_response`]
    /// gives the SIP response to send.
    pub reason: ReNegotiationDeclineReason,
}

impl DismissInput {
    /// An input with this reason.
    pub const fn new(reason: ReNegotiationDeclineReason) -> Self {
        DismissInput { reason }
    }

    /// The JSON form, e.g. `{"reason":"InsufficientBandwidth"}`.
    pub fn to_json(&self) -> String {
        to_json_string(&DismissJson::from(*self))
    }

    /// Reads the JSON form.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Json`] (not a JSON object, or
    /// `reason` not a string), [`UcwaError::UnknownDeclineReason`].
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<DismissJson>(json)?.try_into()
    }

    /// The XML form (compact, no XML declaration).
    pub fn to_xml(&self) -> String {
        let mut out = xml::XmlWriter::with_capacity(128);
        out.open_root("input", &[]);
        out.property("reason", self.reason.as_str());
        out.close("input");
        out.finish()
    }

    /// Reads the XML form: an `<input>` root in the UCWA namespace or none,
    /// whose `<property name="reason">` (text trimmed of XML whitespace) gives
    /// the reason. Other properties are ignored.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Xml`], [`UcwaError::XmlTooDeep`],
    /// [`UcwaError::UnexpectedElement`], [`UcwaError::WrongNamespace`],
    /// [`UcwaError::Missing`] (a `<property>` without `name`),
    /// [`UcwaError::Duplicate`], [`UcwaError::UnknownDeclineReason`].
    pub fn from_xml(xml: &str) -> Result<Self, UcwaError> {
        let root = xml::parse_root(xml, "input")?;
        let mut reason = None;
        for property in root.children_named("property") {
            let name = property
                .attr("name")
                .ok_or(UcwaError::Missing("name of a <property>"))?;
            if name == "reason" {
                if reason.is_some() {
                    return Err(UcwaError::Duplicate("reason property"));
                }
                reason = Some(property.trimmed_text().parse()?);
            }
        }
        Ok(DismissInput::new(
            reason.unwrap_or(ReNegotiationDeclineReason::Unknown),
        ))
    }
}

impl From<ReNegotiationDeclineReason> for DismissInput {
    fn from(reason: ReNegotiationDeclineReason) -> Self {
        DismissInput::new(reason)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DismissJson {
    #[serde(default)]
    reason: Option<String>,
}

impl From<DismissInput> for DismissJson {
    fn from(input: DismissInput) -> Self {
        DismissJson {
            reason: Some(input.reason.as_str().to_owned()),
        }
    }
}

impl TryFrom<DismissJson> for DismissInput {
    type Error = UcwaError;

    fn try_from(json: DismissJson) -> Result<Self, UcwaError> {
        let reason = match json.reason {
            Some(reason) => reason.parse()?,
            None => ReNegotiationDeclineReason::Unknown,
        };
        Ok(DismissInput::new(reason))
    }
}
