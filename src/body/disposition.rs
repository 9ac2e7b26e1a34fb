//! Content-Disposition (RFC 3261 §20.11, RFC 2183 §2) and its `handling`
//! parameter (RFC 3204 §5, RFC 5621 §9).

use std::borrow::Cow;
use std::fmt;

use memchr::memchr;

use super::BodyError;
use super::limits::MAX_PARAMS;
use super::media_type::{compact_whitespace, is_token_byte, push_param_value};

/// A disposition type: how the receiver is to interpret a body part
/// (RFC 3261 §20.11; IANA "Content Disposition Values").
///
/// Matching is case-insensitive; [`Other`](DispositionType::Other) holds any
/// unlisted type in lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DispositionType {
    /// `session`: a session description for offer/answer (RFC 3261 §20.11);
    /// the default for `application/sdp` (RFC 5621 §3.2).
    Session,
    /// `render`: to be rendered to the user; the default for every other
    /// media type (RFC 3261 §20.11).
    Render,
    /// `icon`: an image for the caller (RFC 3261 §20.11).
    Icon,
    /// `alert`: a ring tone (RFC 3261 §20.11).
    Alert,
    /// `early-session`: an early-media session description (RFC 3959).
    EarlySession,
    /// Any other type, lowercase (e.g. `signal`, `by-reference`, `info-package`).
    Other(String),
}

impl DispositionType {
    /// Reads a disposition type token, case-insensitively.
    pub fn from_token(token: &str) -> DispositionType {
        let (name, ty) = match token.len() {
            7 => ("session", DispositionType::Session),
            6 => ("render", DispositionType::Render),
            4 => ("icon", DispositionType::Icon),
            5 => ("alert", DispositionType::Alert),
            13 => ("early-session", DispositionType::EarlySession),
            _ => return DispositionType::Other(token.to_ascii_lowercase()),
        };
        if token.eq_ignore_ascii_case(name) {
            ty
        } else {
            DispositionType::Other(token.to_ascii_lowercase())
        }
    }

    /// The token as written on the wire, lowercase.
    pub fn as_str(&self) -> &str {
        match self {
            DispositionType::Session => "session",
            DispositionType::Render => "render",
            DispositionType::Icon => "icon",
            DispositionType::Alert => "alert",
            DispositionType::EarlySession => "early-session",
            DispositionType::Other(s) => s,
        }
    }
}

impl fmt::Display for DispositionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `handling` parameter of a Content-Disposition (RFC 3204 §5, RFC 3261
/// §20.11): what a receiver that does not understand the body part's media
/// type or disposition type must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "RFC 3261 §20.11 defines exactly `required` and `optional`; any other value reads as `Required`"
)]
pub enum Handling {
    /// `handling=required`: refuse the message with 415. This is the default
    /// when the parameter is absent (RFC 3261 §20.11, RFC 5621 §9), and what an
    /// unknown handling value is taken as.
    Required,
    /// `handling=optional`: ignore the body part.
    Optional,
}

impl Handling {
    /// The parameter value, `"required"` or `"optional"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Handling::Required => "required",
            Handling::Optional => "optional",
        }
    }
}

/// A Content-Disposition value: a disposition type and its parameters, in
/// order (RFC 3261 §20.11, RFC 2183 §2).
///
/// The `handling` parameter is kept apart
/// ([`handling`](ContentDisposition::handling) reads it with its RFC default,
/// [`handling_param`](ContentDisposition::handling_param) as written) and is
/// written first; the other parameters keep their order, names lowercase,
/// values unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentDisposition {
    disposition_type: DispositionType,
    handling: Option<HandlingValue>,
    params: Vec<(String, String)>,
}

/// A `handling` parameter value: the two defined ones without allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum HandlingValue {
    Required,
    Optional,
    Other(String),
}

impl HandlingValue {
    fn from_value(value: &str) -> Self {
        if value.eq_ignore_ascii_case("optional") {
            HandlingValue::Optional
        } else if value.eq_ignore_ascii_case("required") {
            HandlingValue::Required
        } else {
            HandlingValue::Other(value.to_owned())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            HandlingValue::Required => "required",
            HandlingValue::Optional => "optional",
            HandlingValue::Other(v) => v,
        }
    }
}

impl ContentDisposition {
    /// A disposition of the given type, without parameters.
    pub fn new(disposition_type: DispositionType) -> Self {
        ContentDisposition {
            disposition_type,
            handling: None,
            params: Vec::new(),
        }
    }

    /// `session` (RFC 3261 §20.11).
    pub fn session() -> Self {
        ContentDisposition::new(DispositionType::Session)
    }

    /// `render` (RFC 3261 §20.11).
    pub fn render() -> Self {
        ContentDisposition::new(DispositionType::Render)
    }

    /// This disposition with `handling` set to `handling` (replacing any).
    pub fn with_handling(mut self, handling: Handling) -> Self {
        self.handling = Some(match handling {
            Handling::Required => HandlingValue::Required,
            Handling::Optional => HandlingValue::Optional,
        });
        self
    }

    /// This disposition with parameter `name` set to `value` (replacing any
    /// parameter of that name, compared case-insensitively). `value` is given
    /// unquoted; it is quoted on output when it is not a token.
    pub fn with_param(mut self, name: &str, value: &str) -> Self {
        if name.eq_ignore_ascii_case("handling") {
            self.handling = Some(HandlingValue::from_value(value));
            return self;
        }
        let name = name.to_ascii_lowercase();
        self.params.retain(|(n, _)| *n != name);
        self.params.push((name, value.to_owned()));
        self
    }

    /// The disposition type.
    pub fn disposition_type(&self) -> &DispositionType {
        &self.disposition_type
    }

    /// The parameters other than `handling`, in order: (lowercase name,
    /// unquoted value).
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The value of parameter `name` (case-insensitive, `handling`
    /// included), unquoted.
    pub fn param(&self, name: &str) -> Option<&str> {
        if name.eq_ignore_ascii_case("handling") {
            return self.handling_param();
        }
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `handling` parameter, if present: `"required"` or `"optional"`
    /// (lowercase), or any other value as written.
    pub fn handling_param(&self) -> Option<&str> {
        self.handling.as_ref().map(HandlingValue::as_str)
    }

    /// The effective handling: `optional` only when the parameter says so
    /// (case-insensitively); absent or any other value is
    /// [`Handling::Required`] (RFC 3261 §20.11, RFC 5621 §9).
    pub fn handling(&self) -> Handling {
        match self.handling {
            Some(HandlingValue::Optional) => Handling::Optional,
            _ => Handling::Required,
        }
    }

    /// Parses a Content-Disposition header value:
    /// `disp-type *( SEMI disp-param )`, `disp-param = token EQUAL (token / quoted-string)`
    /// (RFC 3261 §20.11 and §25.1; whitespace around `;` and `=` allowed).
    ///
    /// # Errors
    /// [`BodyError::InvalidContentDisposition`] when the type is not a token,
    /// a parameter has no name or `=`, or a quoted string is not closed;
    /// [`BodyError::DuplicateParameter`] when a parameter (`handling`
    /// included) is named twice, compared case-insensitively (RFC 3261
    /// §7.3.1: a parameter name MUST NOT appear more than once; a reader
    /// taking the first `handling` and one taking the last would disagree on
    /// whether the part is optional); [`BodyError::TooManyParameters`] past
    /// [`MAX_PARAMS`](crate::body::MAX_PARAMS).
    pub fn parse(value: &str) -> Result<Self, BodyError> {
        let bad = |reason| BodyError::InvalidContentDisposition {
            value: value.to_owned(),
            reason,
        };
        let compact = compact_whitespace(value);
        let s = compact.as_ref();
        let (ty, mut rest) = match memchr(b';', s.as_bytes()) {
            Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..).unwrap_or("")),
            None => (s, ""),
        };
        if !is_token(ty) {
            return Err(bad("disposition type is not a token"));
        }
        let mut disposition = ContentDisposition::new(DispositionType::from_token(ty));
        while !rest.is_empty() {
            let eq = memchr(b'=', rest.as_bytes()).ok_or_else(|| bad("parameter without '='"))?;
            let name = rest.get(..eq).unwrap_or("");
            if !is_token(name) {
                return Err(bad("parameter name is not a token"));
            }
            let after = rest.get(eq + 1..).unwrap_or("");
            let (val, next): (Cow<'_, str>, &str) = if let Some(quoted) = after.strip_prefix('"') {
                let (v, used) = unquote(quoted).ok_or_else(|| bad("unterminated quoted string"))?;
                let tail = quoted.get(used..).unwrap_or("");
                let next = if tail.is_empty() {
                    ""
                } else if let Some(t) = tail.strip_prefix(';') {
                    t
                } else {
                    return Err(bad("text after a quoted string"));
                };
                (Cow::Owned(v), next)
            } else {
                let end = memchr(b';', after.as_bytes()).unwrap_or(after.len());
                let v = after.get(..end).unwrap_or("");
                if !is_token(v) {
                    return Err(bad("parameter value is not a token"));
                }
                (Cow::Borrowed(v), after.get(end + 1..).unwrap_or(""))
            };
            let repeated = if name.eq_ignore_ascii_case("handling") {
                disposition.handling.is_some()
            } else {
                disposition
                    .params
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(name))
            };
            if repeated {
                return Err(BodyError::DuplicateParameter {
                    header: "Content-Disposition",
                    name: name.to_owned(),
                });
            }
            if disposition.params.len() + usize::from(disposition.handling.is_some()) == MAX_PARAMS
            {
                return Err(BodyError::TooManyParameters {
                    header: "Content-Disposition",
                    limit: MAX_PARAMS,
                });
            }
            if name.eq_ignore_ascii_case("handling") {
                disposition.handling = Some(HandlingValue::from_value(&val));
            } else {
                disposition
                    .params
                    .push((name.to_ascii_lowercase(), val.into_owned()));
            }
            rest = next;
        }
        Ok(disposition)
    }
}

impl ContentDisposition {
    /// Appends the header value to `out` (the [`fmt::Display`] form, without
    /// going through the formatter).
    pub(crate) fn write_to(&self, out: &mut String) {
        out.push_str(self.disposition_type.as_str());
        if let Some(h) = &self.handling {
            out.push_str(";handling=");
            push_param_value(out, h.as_str());
        }
        for (name, value) in &self.params {
            out.push(';');
            out.push_str(name);
            out.push('=');
            push_param_value(out, value);
        }
    }

    /// Appends the header value to `out` as bytes.
    pub(crate) fn write_bytes(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.disposition_type.as_str().as_bytes());
        let handling = self.handling.as_ref().map(|h| ("handling", h.as_str()));
        let params = self.params.iter().map(|(n, v)| (n.as_str(), v.as_str()));
        for (name, value) in handling.into_iter().chain(params) {
            out.push(b';');
            out.extend_from_slice(name.as_bytes());
            out.push(b'=');
            if !value.is_empty() && value.bytes().all(is_token_byte) {
                out.extend_from_slice(value.as_bytes());
            } else {
                let mut quoted = String::with_capacity(value.len() + 2);
                push_param_value(&mut quoted, value);
                out.extend_from_slice(quoted.as_bytes());
            }
        }
    }

    /// An upper-bound guess of the written length, for buffer sizing.
    pub(crate) fn len_hint(&self) -> usize {
        let handling = self.handling.as_ref().map_or(0, |h| h.as_str().len() + 12);
        self.params.iter().map(|(n, v)| n.len() + v.len() + 4).fold(
            self.disposition_type.as_str().len() + handling,
            usize::saturating_add,
        )
    }
}

impl fmt::Display for ContentDisposition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(self.len_hint());
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

/// Reads a quoted string body (after the opening quote): the unescaped value
/// and the number of bytes used, closing quote included.
fn unquote(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            return Some((out, i + 1));
        } else {
            out.push(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_type_and_handling() {
        let d = ContentDisposition::parse("Session ; handling = optional").unwrap();
        assert_eq!(d.disposition_type(), &DispositionType::Session);
        assert_eq!(d.handling(), Handling::Optional);
        assert_eq!(d.to_string(), "session;handling=optional");
    }

    #[test]
    fn default_handling_is_required() {
        let d = ContentDisposition::parse("render").unwrap();
        assert_eq!(d.handling(), Handling::Required);
        assert_eq!(d.handling_param(), None);
        let d = ContentDisposition::parse("render;handling=sometimes").unwrap();
        assert_eq!(d.handling(), Handling::Required);
    }

    #[test]
    fn quoted_param_round_trips() {
        let d = ContentDisposition::parse("icon;filename=\"a b;c.png\";x=1").unwrap();
        assert_eq!(d.param("filename"), Some("a b;c.png"));
        assert_eq!(d.param("X"), Some("1"));
        assert_eq!(d.to_string(), "icon;filename=\"a b;c.png\";x=1");
    }

    #[test]
    fn malformed_values_are_typed() {
        for (v, reason) in [
            ("", "disposition type is not a token"),
            ("session;handling", "parameter without '='"),
            ("session;=x", "parameter name is not a token"),
            ("session;a=\"x", "unterminated quoted string"),
            ("session;a=\"x\"y", "text after a quoted string"),
            ("session;a=b c", "parameter value is not a token"),
        ] {
            assert_eq!(
                ContentDisposition::parse(v),
                Err(BodyError::InvalidContentDisposition {
                    value: v.to_owned(),
                    reason
                }),
                "{v}"
            );
        }
    }

    #[test]
    fn repeated_and_too_many_params_are_refused() {
        for (v, name) in [
            ("render;handling=optional;handling=required", "handling"),
            ("render;HANDLING=optional;handling=optional", "handling"),
            ("icon;filename=a;x=1;Filename=\"b\"", "Filename"),
        ] {
            assert_eq!(
                ContentDisposition::parse(v),
                Err(BodyError::DuplicateParameter {
                    header: "Content-Disposition",
                    name: name.to_owned()
                }),
                "{v}"
            );
        }
        let mut v = "render;handling=optional".to_owned();
        for i in 1..MAX_PARAMS {
            v.push_str(&format!(";p{i}=x"));
        }
        assert_eq!(
            ContentDisposition::parse(&v).unwrap().params().len(),
            MAX_PARAMS - 1
        );
        v.push_str(";one=more");
        assert_eq!(
            ContentDisposition::parse(&v),
            Err(BodyError::TooManyParameters {
                header: "Content-Disposition",
                limit: MAX_PARAMS
            })
        );
    }
}
