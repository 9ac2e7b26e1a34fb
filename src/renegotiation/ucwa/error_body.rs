//! UCWA error bodies (`code`, `subcode`, `message`) for the failures of a
//! renegotiation request.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::xml::{self, Element};
use super::{UcwaError, from_json_bounded, to_json_string};

/// The UCWA errors a renegotiation request (`answer`, `dismiss`, a new
/// outgoing renegotiation) can fail with, as `code`/`subcode` pairs and HTTP
/// statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UcwaErrorKind {
    /// `Conflict` / `AlreadyExists`, HTTP 409: another renegotiation (or the
    /// same operation) is already in progress or already decided.
    ConflictAlreadyExists,
    /// `Gone` / `CannotRedirect`, HTTP 410: the renegotiation or its session
    /// no longer exists.
    GoneCannotRedirect,
    /// `ServiceFailure` (no subcode), HTTP 500: the server failed to carry the
    /// request out.
    ServiceFailure,
}

impl UcwaErrorKind {
    /// All kinds.
    pub const ALL: [UcwaErrorKind; 3] = [
        Self::ConflictAlreadyExists,
        Self::GoneCannotRedirect,
        Self::ServiceFailure,
    ];

    /// The UCWA `code`: `"Conflict"`, `"Gone"` or `"ServiceFailure"`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::ConflictAlreadyExists => "Conflict",
            Self::GoneCannotRedirect => "Gone",
            Self::ServiceFailure => "ServiceFailure",
        }
    }

    /// The UCWA `subcode`: `"AlreadyExists"`, `"CannotRedirect"`, or none.
    pub const fn subcode(self) -> Option<&'static str> {
        match self {
            Self::ConflictAlreadyExists => Some("AlreadyExists"),
            Self::GoneCannotRedirect => Some("CannotRedirect"),
            Self::ServiceFailure => None,
        }
    }

    /// The HTTP status of the response carrying this error: 409, 410 or 500.
    pub const fn http_status(self) -> u16 {
        match self {
            Self::ConflictAlreadyExists => 409,
            Self::GoneCannotRedirect => 410,
            Self::ServiceFailure => 500,
        }
    }

    /// The kind of a `code` and optional `subcode`, both matched
    /// ASCII-case-insensitively. The pair must be exactly one of the three
    /// (`ServiceFailure` has no subcode).
    ///
    /// # Errors
    /// [`UcwaError::UnknownErrorCode`] for any other pair.
    pub fn from_codes(code: &str, subcode: Option<&str>) -> Result<Self, UcwaError> {
        Self::ALL
            .into_iter()
            .find(|kind| {
                kind.code().eq_ignore_ascii_case(code)
                    && match (kind.subcode(), subcode) {
                        (Some(expected), Some(found)) => expected.eq_ignore_ascii_case(found),
                        (None, None) => true,
                        _ => false,
                    }
            })
            .ok_or_else(|| UcwaError::UnknownErrorCode {
                code: code.to_owned(),
                subcode: subcode.map(str::to_owned),
            })
    }
}

impl fmt::Display for UcwaErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.subcode() {
            Some(subcode) => write!(f, "{}/{subcode}", self.code()),
            None => f.write_str(self.code()),
        }
    }
}

/// A UCWA error body.
///
/// JSON: `{"code":"Conflict","subcode":"AlreadyExists","message":"..."}`
/// (`subcode` left out for `ServiceFailure`).
/// XML: `<error xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><code>Conflict</code><subcode>AlreadyExists</subcode><message>...</message></error>`.
///
/// Send it with [`Self::http_status`]. A body without `message` reads with
/// an empty message; output always carries one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ErrorJson", into = "ErrorJson")]
#[non_exhaustive]
pub struct UcwaErrorBody {
    /// The `code`/`subcode` pair.
    pub kind: UcwaErrorKind,
    /// Human-readable text (`message`).
    pub message: String,
}

impl UcwaErrorBody {
    /// An error body of this kind and message.
    pub fn new(kind: UcwaErrorKind, message: impl Into<String>) -> Self {
        UcwaErrorBody {
            kind,
            message: message.into(),
        }
    }

    /// The HTTP status to send it with: 409, 410 or 500.
    pub const fn http_status(&self) -> u16 {
        self.kind.http_status()
    }

    /// The JSON form (compact; `code`, `subcode`, `message`).
    pub fn to_json(&self) -> String {
        to_json_string(&ErrorJson::from(self))
    }

    /// Reads the JSON form. Other members (e.g. `debugInfo`) are ignored.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Json`],
    /// [`UcwaError::Missing`] (no `code`), [`UcwaError::UnknownErrorCode`].
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<ErrorJson>(json)?.try_into()
    }

    /// The XML form (compact, no XML declaration).
    pub fn to_xml(&self) -> String {
        let mut out = xml::XmlWriter::with_capacity(160 + self.message.len());
        out.open_root("error", &[]);
        out.text_element("code", self.kind.code());
        if let Some(subcode) = self.kind.subcode() {
            out.text_element("subcode", subcode);
        }
        out.text_element("message", &self.message);
        out.close("error");
        out.finish()
    }

    /// Reads the XML form: an `<error>` root in the UCWA namespace or none,
    /// with `<code>`, optional `<subcode>` (both trimmed of XML whitespace)
    /// and optional `<message>` (kept as is).
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Xml`], [`UcwaError::XmlTooDeep`],
    /// [`UcwaError::UnexpectedElement`], [`UcwaError::WrongNamespace`],
    /// [`UcwaError::Missing`] (no `<code>`), [`UcwaError::Duplicate`],
    /// [`UcwaError::UnknownErrorCode`].
    pub fn from_xml(xml: &str) -> Result<Self, UcwaError> {
        let root = xml::parse_root(xml, "error")?;
        let code = root
            .unique_child("code")?
            .ok_or(UcwaError::Missing("code"))?
            .trimmed_text();
        let subcode = root.unique_child("subcode")?.map(Element::trimmed_text);
        let message = root
            .unique_child("message")?
            .map(|m| m.text.clone())
            .unwrap_or_default();
        Ok(UcwaErrorBody::new(
            UcwaErrorKind::from_codes(code, subcode)?,
            message,
        ))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ErrorJson {
    #[serde(default)]
    code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subcode: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

impl From<&UcwaErrorBody> for ErrorJson {
    fn from(e: &UcwaErrorBody) -> Self {
        ErrorJson {
            code: Some(e.kind.code().to_owned()),
            subcode: e.kind.subcode().map(str::to_owned),
            message: Some(e.message.clone()),
        }
    }
}

impl From<UcwaErrorBody> for ErrorJson {
    fn from(e: UcwaErrorBody) -> Self {
        ErrorJson::from(&e)
    }
}

impl TryFrom<ErrorJson> for UcwaErrorBody {
    type Error = UcwaError;

    fn try_from(json: ErrorJson) -> Result<Self, UcwaError> {
        let code = json.code.ok_or(UcwaError::Missing("code"))?;
        Ok(UcwaErrorBody::new(
            UcwaErrorKind::from_codes(&code, json.subcode.as_deref())?,
            json.message.unwrap_or_default(),
        ))
    }
}
