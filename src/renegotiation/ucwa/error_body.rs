//! UCWA error bodies (`code`, `subcode`, `message`) for the failures of a
//! renegotiation request.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::xml::{self, Element};
use super::{UcwaError, from_json_bounded, to_json_string};

/// The UCWA errors of the `audioVideoRenegotiation` resource and its
/// requests, as `code`/`subcode` pairs and HTTP statuses: the synchronous
/// errors UCWA's reference lists for the resource (409
/// `Conflict`/`AlreadyExists`, `TooManyGroups` or no subcode; 410
/// `Gone`/`CannotRedirect`; 500 `ServiceFailure`/`InvalidExchangeServerVersion`
/// or `CallbackChannelError`), the generic 404 `NotFound`/`ResourceNotFound`
/// (the resource does not exist), and each code without subcode.
///
/// UCWA's programming contract says "new subcodes can be introduced at any
/// time; clients should ignore missing or unknown subcodes": reading a body
/// with a known code and an unknown subcode gives the code's kind without
/// subcode ([`UcwaErrorKind::Conflict`], [`UcwaErrorKind::Gone`],
/// [`UcwaErrorKind::NotFound`], [`UcwaErrorKind::ServiceFailure`]). UCWA
/// writes "no subcode" as `None` in its tables; a literal `None` subcode
/// reads the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UcwaErrorKind {
    /// `Conflict` / `AlreadyExists`, HTTP 409: another renegotiation (or the
    /// same operation) is already in progress or already decided.
    ConflictAlreadyExists,
    /// `Conflict` / `TooManyGroups`, HTTP 409.
    ConflictTooManyGroups,
    /// `Conflict` without subcode, HTTP 409 (UCWA: "Un-supported
    /// Service/Resource/API error").
    Conflict,
    /// `Gone` / `CannotRedirect`, HTTP 410: "cannot redirect since there is
    /// no back up pool configured".
    GoneCannotRedirect,
    /// `Gone` without subcode, HTTP 410.
    Gone,
    /// `NotFound` / `ResourceNotFound`, HTTP 404: the resource (e.g. a
    /// renegotiation with that operation id) does not exist.
    ResourceNotFound,
    /// `NotFound` without subcode, HTTP 404.
    NotFound,
    /// `ServiceFailure` / `InvalidExchangeServerVersion`, HTTP 500.
    ServiceFailureInvalidExchangeServerVersion,
    /// `ServiceFailure` / `CallbackChannelError`, HTTP 500: "the remote
    /// event channel is not reachable".
    ServiceFailureCallbackChannelError,
    /// `ServiceFailure` without subcode, HTTP 500: the server failed to
    /// carry the request out.
    ServiceFailure,
}

impl UcwaErrorKind {
    /// All kinds.
    pub const ALL: [UcwaErrorKind; 10] = [
        Self::ConflictAlreadyExists,
        Self::ConflictTooManyGroups,
        Self::Conflict,
        Self::GoneCannotRedirect,
        Self::Gone,
        Self::ResourceNotFound,
        Self::NotFound,
        Self::ServiceFailureInvalidExchangeServerVersion,
        Self::ServiceFailureCallbackChannelError,
        Self::ServiceFailure,
    ];

    /// The UCWA `code`: `"Conflict"`, `"Gone"`, `"NotFound"` or
    /// `"ServiceFailure"`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::ConflictAlreadyExists | Self::ConflictTooManyGroups | Self::Conflict => {
                "Conflict"
            }
            Self::GoneCannotRedirect | Self::Gone => "Gone",
            Self::ResourceNotFound | Self::NotFound => "NotFound",
            Self::ServiceFailureInvalidExchangeServerVersion
            | Self::ServiceFailureCallbackChannelError
            | Self::ServiceFailure => "ServiceFailure",
        }
    }

    /// The UCWA `subcode`, e.g. `"AlreadyExists"`; `None` for the kinds
    /// without one.
    pub const fn subcode(self) -> Option<&'static str> {
        match self {
            Self::ConflictAlreadyExists => Some("AlreadyExists"),
            Self::ConflictTooManyGroups => Some("TooManyGroups"),
            Self::GoneCannotRedirect => Some("CannotRedirect"),
            Self::ResourceNotFound => Some("ResourceNotFound"),
            Self::ServiceFailureInvalidExchangeServerVersion => {
                Some("InvalidExchangeServerVersion")
            }
            Self::ServiceFailureCallbackChannelError => Some("CallbackChannelError"),
            Self::Conflict | Self::Gone | Self::NotFound | Self::ServiceFailure => None,
        }
    }

    /// The HTTP status of the response carrying this error: 404, 409, 410
    /// or 500.
    pub const fn http_status(self) -> u16 {
        match self {
            Self::ConflictAlreadyExists | Self::ConflictTooManyGroups | Self::Conflict => 409,
            Self::GoneCannotRedirect | Self::Gone => 410,
            Self::ResourceNotFound | Self::NotFound => 404,
            Self::ServiceFailureInvalidExchangeServerVersion
            | Self::ServiceFailureCallbackChannelError
            | Self::ServiceFailure => 500,
        }
    }

    /// The kind of a `code` and optional `subcode`, both matched
    /// ASCII-case-insensitively; an unknown (or `None`) subcode is ignored
    /// (the code's kind without subcode).
    ///
    /// # Errors
    /// [`UcwaError::UnknownErrorCode`] for a code none of the kinds has.
    pub fn from_codes(code: &str, subcode: Option<&str>) -> Result<Self, UcwaError> {
        let of_code = || {
            Self::ALL
                .into_iter()
                .filter(|k| k.code().eq_ignore_ascii_case(code))
        };
        let exact = subcode.and_then(|sub| {
            of_code().find(|k| k.subcode().is_some_and(|s| s.eq_ignore_ascii_case(sub)))
        });
        exact
            .or_else(|| of_code().find(|k| k.subcode().is_none()))
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
/// (`subcode` left out for the kinds without one).
/// XML, the `<reason>` element of UCWA's error sample:
/// `<?xml version="1.0" encoding="utf-8"?><reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><code>Conflict</code><subcode>AlreadyExists</subcode><message>...</message></reason>`.
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

    /// The HTTP status to send it with: 404, 409, 410 or 500.
    pub const fn http_status(&self) -> u16 {
        self.kind.http_status()
    }

    /// The JSON form (compact; `code`, `subcode`, `message`).
    pub fn to_json(&self) -> String {
        to_json_string(&ErrorJson::from(self))
    }

    /// Reads the JSON form. Other members (e.g. `debugInfo`) and an unknown
    /// subcode are ignored.
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Json`],
    /// [`UcwaError::Missing`] (no `code`), [`UcwaError::UnknownErrorCode`].
    pub fn from_json(json: &str) -> Result<Self, UcwaError> {
        from_json_bounded::<ErrorJson>(json)?.try_into()
    }

    /// The XML form (compact): the XML declaration and a `<reason>` root.
    pub fn to_xml(&self) -> String {
        let mut out = xml::XmlWriter::document(160 + self.message.len());
        out.open_root("reason", &[]);
        out.text_element("code", self.kind.code());
        if let Some(subcode) = self.kind.subcode() {
            out.text_element("subcode", subcode);
        }
        out.text_element("message", &self.message);
        out.close("reason");
        out.finish()
    }

    /// Reads the XML form: a `<reason>` root in the UCWA namespace or none
    /// (other children, e.g. `<debugInfo>` and `<parameters>`, ignored),
    /// with `<code>`, optional `<subcode>` (both trimmed of XML whitespace)
    /// and optional `<message>` (kept as is).
    ///
    /// # Errors
    /// [`UcwaError::TooLarge`], [`UcwaError::Xml`], [`UcwaError::XmlTooDeep`],
    /// [`UcwaError::UnexpectedElement`], [`UcwaError::WrongNamespace`],
    /// [`UcwaError::Missing`] (no `<code>`), [`UcwaError::Duplicate`],
    /// [`UcwaError::UnknownErrorCode`].
    pub fn from_xml(xml: &str) -> Result<Self, UcwaError> {
        let root = xml::parse_root(xml, "reason")?;
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
