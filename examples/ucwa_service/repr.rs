//! Representations: JSON or XML by `Accept`, and error responses with a
//! UCWA error body in the requested representation.
//!
//! The crate's [`UcwaErrorBody`] covers UCWA's 404/409/410/500 set; for the
//! HTTP-level refusals UCWA's generic errors name (400 `BadRequest`, 401
//! `Unauthorized`, 403 `Forbidden`, 406 `NotAcceptable`, 415
//! `UnsupportedMediaType`) the same shape is written here.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sdp_offer_answer::renegotiation::ucwa::{UCWA_NAMESPACE, UcwaErrorBody, UcwaErrorKind};

/// The two media types served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// `application/json`.
    Json,
    /// `application/xml` (UCWA namespace).
    Xml,
}

impl Repr {
    /// The Content-Type.
    pub fn content_type(self) -> &'static str {
        match self {
            Repr::Json => "application/json",
            Repr::Xml => "application/xml",
        }
    }

    /// The representation `Accept` asks for (the first it lists that we
    /// have; none, `*/*` or `application/*` → JSON); `None` → 406.
    pub fn from_accept(headers: &HeaderMap) -> Option<Repr> {
        let Some(accept) = headers.get(header::ACCEPT) else {
            return Some(Repr::Json);
        };
        let accept = accept.to_str().ok()?;
        for item in accept.split(',') {
            let media = item
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match media.as_str() {
                "application/json" | "*/*" | "application/*" => return Some(Repr::Json),
                "application/xml" => return Some(Repr::Xml),
                _ => {}
            }
        }
        None
    }

    /// Accept as far as it names one of ours, else JSON: the form of an error.
    pub fn for_error(headers: &HeaderMap) -> Repr {
        Repr::from_accept(headers).unwrap_or(Repr::Json)
    }
}

/// A 2xx body in `repr`.
pub fn ok(status: StatusCode, repr: Repr, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, repr.content_type())], body).into_response()
}

/// An error with its UCWA body.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// One of the crate's UCWA error set.
    Ucwa(UcwaErrorBody),
    /// An HTTP-level refusal: status, UCWA `code`, message.
    Http(u16, &'static str, String),
}

impl ApiError {
    /// 400 `BadRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::Http(400, "BadRequest", message.into())
    }
    /// 404 `NotFound`/`ResourceNotFound`.
    pub fn not_found(what: &str) -> Self {
        ApiError::Ucwa(UcwaErrorBody::new(
            UcwaErrorKind::ResourceNotFound,
            format!("No such {what}."),
        ))
    }
    /// 410 `Gone`: the call has ended.
    pub fn gone() -> Self {
        ApiError::Ucwa(UcwaErrorBody::new(
            UcwaErrorKind::Gone,
            "The call has ended.",
        ))
    }

    /// The response in `repr`.
    pub fn response(&self, repr: Repr) -> Response {
        let (status, body) = match (self, repr) {
            (ApiError::Ucwa(e), Repr::Json) => (e.http_status(), e.to_json()),
            (ApiError::Ucwa(e), Repr::Xml) => (e.http_status(), e.to_xml()),
            (ApiError::Http(s, code, message), Repr::Json) => (
                *s,
                serde_json::json!({ "code": code, "message": message }).to_string(),
            ),
            (ApiError::Http(s, code, message), Repr::Xml) => (
                *s,
                format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><reason xmlns=\"{UCWA_NAMESPACE}\"><code>{code}</code><message>{}</message></reason>",
                    escape(message)
                ),
            ),
        };
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = ok(status, repr, body);
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// XML text escaping.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
