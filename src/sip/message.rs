//! [`SipRequest`] and [`SipResponse`]: SIP messages as plain data, with
//! the headers offer/answer reads typed ([`SipHeaders`]).
//!
//! Only what offer/answer needs is typed (method, status, Content-*,
//! Accept, Supported/Require, Warning, Retry-After, To-tag, RSeq/RAck);
//! anything else travels in [`SipHeaders::extra`]. Via, From, To, Call-ID,
//! CSeq, Contact, routing and retransmissions are the transport's.

use super::header::{HeaderFault, SignalingHeader, check_header_value, check_tag};
use super::method::Method;
use super::status::reason_phrase;
use super::warning::SipWarning;

/// The headers of a SIP message that offer/answer looks at, typed, plus
/// any others as [`SignalingHeader`]s.
///
/// In messages the [`Call`](crate::call::Call) emits, `to_tag` is: on a response,
/// our own tag (the To-tag the transport puts on it); on a request sent in a
/// dialog we created as the INVITE's sender (ACK, PRACK, BYE, CANCEL), the
/// remote tag of that dialog (several exist when the call forks); `None` on
/// the initial INVITE and on requests of the called side (the transport
/// knows its single dialog). In messages the Call takes, it is the To-tag
/// as received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SipHeaders {
    /// `Content-Type` (RFC 3261 §20.15), e.g. `application/sdp` or
    /// `multipart/mixed;boundary=...`. A body without it is read as
    /// `application/sdp`.
    pub content_type: Option<String>,
    /// `Content-Disposition` (RFC 3261 §20.11).
    pub content_disposition: Option<String>,
    /// `Content-ID` (RFC 2045 §7).
    pub content_id: Option<String>,
    /// `Accept` (RFC 3261 §20.1): the body types the sender takes. On a
    /// 415 it lists what the remote takes ([`crate::manual::retry_415`]).
    pub accept: Option<String>,
    /// `Supported` option tags (RFC 3261 §20.37), e.g. `100rel`.
    pub supported: Vec<String>,
    /// `Require` option tags (RFC 3261 §20.32), e.g. `100rel` on a reliable 1xx.
    pub require: Vec<String>,
    /// `Warning` (RFC 3261 §20.43), e.g. 370 on a 488.
    pub warning: Option<SipWarning>,
    /// `Retry-After` in seconds (RFC 3261 §20.33), e.g. on a 500 declining an offer.
    pub retry_after: Option<u32>,
    /// The To-tag (see the type docs for which tag an emitted message holds).
    pub to_tag: Option<String>,
    /// `RSeq` of a reliable provisional response (RFC 3262 §7.1).
    pub rseq: Option<u32>,
    /// On a PRACK, the RSeq being acknowledged: the response-num of the
    /// `RAck` header (RFC 3262 §7.2); the transport adds the CSeq number and
    /// method of the INVITE.
    pub rack: Option<u32>,
    /// Any other header, in order (e.g. `Allow`, custom `X-` headers, the
    /// entity headers of a body's root part).
    pub extra: Vec<SignalingHeader>,
}

impl SipHeaders {
    /// Whether `Supported` lists `tag` (ASCII case-insensitive).
    pub fn supports(&self, tag: &str) -> bool {
        self.supported.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    /// Whether `Require` lists `tag` (ASCII case-insensitive).
    pub fn requires(&self, tag: &str) -> bool {
        self.require.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    /// The value of the first extra header named `name` (case-insensitive).
    pub fn extra(&self, name: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|h| h.is(name))
            .map(|h| h.value.as_str())
    }
    /// The first header that cannot be written (RFC 3261 §7.3.1, §25.1): a
    /// To-tag that is not a token (§19.3), a value holding CR, LF or NUL, an
    /// extra header whose name is not a token. Gives the header's name (as
    /// given, for an extra header) and the fault.
    pub(crate) fn fault(&self) -> Option<(&str, HeaderFault)> {
        if let Some(Err(fault)) = self.to_tag.as_deref().map(check_tag) {
            return Some(("To", fault));
        }
        let typed = [
            ("Content-Type", self.content_type.as_deref()),
            ("Content-Disposition", self.content_disposition.as_deref()),
            ("Content-ID", self.content_id.as_deref()),
            ("Accept", self.accept.as_deref()),
        ];
        let lists = [("Supported", &self.supported), ("Require", &self.require)];
        let warning = self
            .warning
            .iter()
            .flat_map(|w| [w.agent.as_str(), w.text.as_str()])
            .map(|v| ("Warning", Some(v)));
        let values = typed.into_iter().chain(warning).chain(
            lists
                .into_iter()
                .flat_map(|(name, tags)| tags.iter().map(move |t| (name, Some(t.as_str())))),
        );
        for (name, value) in values {
            if let Some(Err(fault)) = value.map(check_header_value) {
                return Some((name, fault));
            }
        }
        self.extra
            .iter()
            .find_map(|h| h.check().err().map(|fault| (h.name.as_str(), fault)))
    }

    /// Drops every header [`fault`](Self::fault) would name, so that what
    /// is left can be written. The Warning is kept: its
    /// [`header_value`](SipWarning::header_value) is always valid.
    pub(crate) fn retain_valid(&mut self) {
        fn keep(value: &mut Option<String>) {
            if value
                .as_deref()
                .is_some_and(|v| check_header_value(v).is_err())
            {
                *value = None;
            }
        }
        if self
            .to_tag
            .as_deref()
            .is_some_and(|t| check_tag(t).is_err())
        {
            self.to_tag = None;
        }
        keep(&mut self.content_type);
        keep(&mut self.content_disposition);
        keep(&mut self.content_id);
        keep(&mut self.accept);
        self.supported.retain(|t| check_header_value(t).is_ok());
        self.require.retain(|t| check_header_value(t).is_ok());
        self.extra.retain(|h| h.check().is_ok());
    }
}

/// A SIP request as plain data: the method, the headers offer/answer needs,
/// and the body bytes (Content-Length is `body.len()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipRequest {
    /// The method.
    pub method: Method,
    /// The headers.
    pub headers: SipHeaders,
    /// The body; empty for none.
    pub body: Vec<u8>,
}

impl SipRequest {
    /// A request `method` with no headers and no body.
    pub fn new(method: Method) -> Self {
        SipRequest {
            method,
            headers: SipHeaders::default(),
            body: Vec::new(),
        }
    }

    /// This request with `headers`.
    pub fn with_headers(mut self, headers: SipHeaders) -> Self {
        self.headers = headers;
        self
    }

    /// This request with body `body` of type `content_type`.
    pub fn with_body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.headers.content_type = Some(content_type.to_owned());
        self.body = body.into();
        self
    }
}

/// A SIP response as plain data: the status code, the method of the request
/// it answers (its CSeq method), headers and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipResponse {
    /// Status code, 100–699.
    pub status: u16,
    /// The CSeq method: which request this answers.
    pub method: Method,
    /// The headers.
    pub headers: SipHeaders,
    /// The body; empty for none.
    pub body: Vec<u8>,
}

impl SipResponse {
    /// A response `status` to `method` with no headers and no body.
    pub fn new(status: u16, method: Method) -> Self {
        SipResponse {
            status,
            method,
            headers: SipHeaders::default(),
            body: Vec::new(),
        }
    }

    /// This response with `headers`.
    pub fn with_headers(mut self, headers: SipHeaders) -> Self {
        self.headers = headers;
        self
    }

    /// This response with To-tag `tag`.
    pub fn with_to_tag(mut self, tag: &str) -> Self {
        self.headers.to_tag = Some(tag.to_owned());
        self
    }

    /// This response with body `body` of type `content_type`.
    pub fn with_body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.headers.content_type = Some(content_type.to_owned());
        self.body = body.into();
        self
    }

    /// The RFC 3261 §21 reason phrase of [`status`](Self::status): see
    /// [`reason_phrase`].
    pub fn reason_phrase(&self) -> &'static str {
        reason_phrase(self.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::{HeaderFault, reason_phrase};

    #[test]
    fn warning_round_trip() {
        let w = SipWarning::parse(r#"370 sbc.example.com "Insufficient \"bandwidth\"""#).unwrap();
        assert_eq!((w.code, w.agent.as_str()), (370, "sbc.example.com"));
        assert_eq!(w.text, "Insufficient \"bandwidth\"");
        assert_eq!(SipWarning::parse(&w.header_value()), Some(w));
        assert_eq!(
            SipWarning::parse("305"),
            Some(SipWarning::new(305, None, ""))
        );
        assert_eq!(SipWarning::parse("abc - \"x\""), None);
        assert_eq!(SipWarning::parse("99 - \"x\""), None);
    }

    #[test]
    fn faults_and_retain_valid_agree() {
        use crate::sip::SignalingHeader;
        let mut h = SipHeaders {
            to_tag: Some("b1".to_owned()),
            content_type: Some("application/sdp".to_owned()),
            supported: vec!["100rel".to_owned()],
            extra: vec![SignalingHeader::new("X-A", "1")],
            ..SipHeaders::default()
        };
        assert_eq!(h.fault(), None);
        let clean = h.clone();
        h.content_id = Some("<a@b>\r\nX: 1".to_owned());
        h.supported.push("x\0".to_owned());
        h.extra.push(SignalingHeader::new("X B", "1"));
        h.extra.push(SignalingHeader::new("X-C", "1\n"));
        assert_eq!(
            h.fault(),
            Some(("Content-ID", HeaderFault::ForbiddenCharacter))
        );
        h.retain_valid();
        assert_eq!(h, clean);
        h.to_tag = Some("b 1".to_owned());
        assert_eq!(h.fault(), Some(("To", HeaderFault::TagNotToken)));
        h.retain_valid();
        assert_eq!(h.to_tag, None);
        h.warning = Some(SipWarning::new(399, Some("x\r"), "t"));
        assert_eq!(
            h.fault(),
            Some(("Warning", HeaderFault::ForbiddenCharacter))
        );
    }

    #[test]
    fn warning_text_is_bounded_on_a_char_boundary() {
        let w = SipWarning::new(399, None, "é".repeat(200));
        assert_eq!(w.text.len(), 256);
        let w = SipWarning::new(399, None, format!("a{}", "é".repeat(200)));
        assert_eq!(w.text.len(), 255);
    }

    #[test]
    fn phrases() {
        assert_eq!(reason_phrase(415), "Unsupported Media Type");
        assert_eq!(reason_phrase(499), "Client Error");
        assert_eq!(reason_phrase(42), "Unknown");
        assert_eq!(Method::parse("UPDATE"), Method::Update);
        assert_eq!(Method::parse("invite"), Method::Other("invite".into()));
    }
}
