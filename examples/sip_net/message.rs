//! SIP messages on the wire: one UDP datagram ⇄ [`Message`], with
//! `ezk-sip-types` doing the parsing (message head, compact header names,
//! folded lines, typed headers) and the printing.

use std::fmt::Write as _;

use bytes::Bytes;
use bytesstr::BytesStr;
use ezk_sip_types::header::typed::{CSeq, CallID, Contact, FromTo, Via};
use ezk_sip_types::msg::{Line, MessageLine, PullParser, RequestLine, StatusLine};
use ezk_sip_types::parse::Parse;
use ezk_sip_types::print::AppendCtx;
use ezk_sip_types::uri::SipUri;
use ezk_sip_types::{Headers, Method as SipMethod, Name, StatusCode};

/// Largest datagram read or written (RFC 3261 §18.1.1 says UDP up to 1300
/// bytes is safe; loopback takes more, and multipart offers can be long).
pub const MAX_DATAGRAM: usize = 65_000;

/// A parsed SIP request or response.
#[derive(Debug, Clone)]
pub struct Message {
    /// The request line or the status line.
    pub line: MessageLine,
    /// Every header, in order; compact forms read as their full names.
    pub headers: Headers,
    /// The body, cut to Content-Length.
    pub body: Bytes,
}

impl Message {
    /// A request `method uri` with no headers.
    pub fn request(method: &str, uri: SipUri) -> Message {
        Message {
            line: MessageLine::Request(RequestLine {
                method: SipMethod::from(method),
                uri,
            }),
            headers: Headers::new(),
            body: Bytes::new(),
        }
    }

    /// A response `status reason` with no headers.
    pub fn response(status: u16, reason: &str) -> Message {
        Message {
            line: MessageLine::Response(StatusLine {
                code: StatusCode::from(status),
                reason: Some(BytesStr::from(reason.to_owned())),
            }),
            headers: Headers::new(),
            body: Bytes::new(),
        }
    }

    /// Reads one datagram (RFC 3261 §7, §18.3: on UDP, Content-Length cuts
    /// the body; a shorter body is an error).
    pub fn parse(datagram: &[u8]) -> Result<Message, String> {
        let src = Bytes::copy_from_slice(datagram);
        let mut lines = PullParser::new(&src, 0);
        let first = match lines.next() {
            Some(Ok(line)) => line,
            _ => return Err("no complete message head".into()),
        };
        let first = std::str::from_utf8(first).map_err(|e| e.to_string())?;
        let (_, line) =
            MessageLine::parse(&src)(first).map_err(|_| format!("bad start line {first:?}"))?;
        let mut headers = Headers::new();
        for raw in lines.by_ref() {
            let raw = raw.map_err(|_| "incomplete message head".to_string())?;
            let raw = std::str::from_utf8(raw).map_err(|e| e.to_string())?;
            let (_, Line { name, value }) =
                Line::parse(&src, raw).map_err(|_| format!("bad header line {raw:?}"))?;
            // Folded lines (RFC 3261 §7.3.1) read as one space.
            if value.contains('\n') {
                let unfolded: Vec<&str> = value.split_whitespace().collect();
                headers.insert(name, unfolded.join(" "));
            } else {
                headers.insert(name, value);
            }
        }
        let mut body = src.slice(lines.head_end().min(src.len())..);
        if let Some(length) = headers.get_raw(&Name::CONTENT_LENGTH).next() {
            let length: usize = length
                .trim()
                .parse()
                .map_err(|_| format!("bad Content-Length {length:?}"))?;
            if length > body.len() {
                return Err(format!(
                    "Content-Length {length} but {} body bytes",
                    body.len()
                ));
            }
            body.truncate(length);
        }
        Ok(Message {
            line,
            headers,
            body,
        })
    }

    /// The datagram: start line, headers (Content-Length written from the
    /// body), blank line, body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = String::with_capacity(512);
        let _ = write!(head, "{}\r\n", self.line.default_print_ctx());
        for (name, value) in self.headers.iter() {
            if *name != Name::CONTENT_LENGTH {
                let _ = write!(head, "{}: {}\r\n", name.as_print_str(), value);
            }
        }
        let _ = write!(head, "Content-Length: {}\r\n\r\n", self.body.len());
        let mut out = head.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }

    /// The method of a request, e.g. `INVITE`.
    pub fn method(&self) -> Option<String> {
        match &self.line {
            MessageLine::Request(r) => Some(r.method.to_string()),
            MessageLine::Response(_) => None,
        }
    }

    /// The status of a response.
    pub fn status(&self) -> Option<u16> {
        match &self.line {
            MessageLine::Response(s) => Some(s.code.into_u16()),
            MessageLine::Request(_) => None,
        }
    }

    /// The Request-URI of a request.
    pub fn request_uri(&self) -> Option<&SipUri> {
        match &self.line {
            MessageLine::Request(r) => Some(&r.uri),
            MessageLine::Response(_) => None,
        }
    }

    /// The first value of header `name`.
    pub fn header(&self, name: &Name) -> Option<&str> {
        self.headers.get_raw(name).next().map(|v| v.as_str())
    }

    /// Every value of header `name`, comma lists split.
    pub fn header_tokens(&self, name: &Name) -> Vec<String> {
        self.headers
            .get_raw(name)
            .flat_map(|v| v.split(','))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The Call-ID.
    pub fn call_id(&self) -> Option<String> {
        let id: CallID = self.headers.get_named().ok()?;
        Some(id.0.to_string())
    }

    /// The CSeq number and method.
    pub fn cseq(&self) -> Option<(u32, String)> {
        let cseq: CSeq = self.headers.get_named().ok()?;
        Some((cseq.cseq, cseq.method.to_string()))
    }

    /// The topmost Via.
    pub fn top_via(&self) -> Option<Via> {
        let vias: Vec<Via> = self.headers.get_named().ok()?;
        vias.into_iter().next()
    }

    /// The branch of the topmost Via.
    pub fn branch(&self) -> Option<String> {
        let via = self.top_via()?;
        via.params.get_val("branch").map(|b| b.to_string())
    }

    /// The From header (the sender).
    pub fn sender(&self) -> Option<FromTo> {
        self.headers.get(Name::FROM).ok()
    }

    /// The To header.
    pub fn to_header(&self) -> Option<FromTo> {
        self.headers.get(Name::TO).ok()
    }

    /// The URI of the first Contact.
    pub fn contact_uri(&self) -> Option<SipUri> {
        let contacts: Vec<Contact> = self.headers.get_named().ok()?;
        contacts.into_iter().next().map(|c| c.uri.uri)
    }
}

/// `name-addr` text of a From/To header without its tag, e.g.
/// `"Bob" <sip:bob@127.0.0.1>`.
pub fn without_tag(header: &FromTo) -> String {
    let mut copy = header.clone();
    copy.tag = None;
    copy.default_print_ctx().to_string()
}

/// A header name, including ones `ezk-sip-types` has no constant for.
pub fn name(text: &str) -> Name {
    Name::from(BytesStr::from(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_folded_and_content_length() {
        let wire = b"INVITE sip:a@127.0.0.1:5080 SIP/2.0\r\n\
v: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n\
f: <sip:b@127.0.0.1>;tag=9\r\nt: <sip:a@127.0.0.1>\r\ni: abc\r\n\
CSeq: 7 INVITE\r\nSubject: a\r\n  folded\r\nc: application/sdp\r\nl: 3\r\n\r\nv=0junk";
        let m = Message::parse(wire).unwrap();
        assert_eq!(m.method().as_deref(), Some("INVITE"));
        assert_eq!(m.branch().as_deref(), Some("z9hG4bK-1"));
        assert_eq!(m.cseq(), Some((7, "INVITE".into())));
        assert_eq!(m.call_id().as_deref(), Some("abc"));
        assert_eq!(
            m.sender().unwrap().tag.as_deref().map(|t| t.to_string()),
            Some("9".into())
        );
        assert_eq!(m.header(&name("Subject")), Some("a folded"));
        assert_eq!(m.header(&Name::CONTENT_TYPE), Some("application/sdp"));
        assert_eq!(&m.body[..], b"v=0");
        let again = Message::parse(&m.to_bytes()).unwrap();
        assert_eq!(&again.body[..], b"v=0");
        assert_eq!(again.header(&Name::CONTENT_LENGTH), Some("3"));
    }

    #[test]
    fn short_body_is_an_error() {
        let wire = b"SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nv=0";
        assert!(Message::parse(wire).is_err());
        assert!(Message::parse(b"").is_err());
    }

    #[test]
    fn empty_supported_reads_as_nothing() {
        let wire = b"SIP/2.0 200 OK\r\nSupported:\r\nCSeq: 1 INVITE\r\n\r\n";
        let m = Message::parse(wire).unwrap();
        assert!(m.header_tokens(&Name::SUPPORTED).is_empty());
        assert_eq!(m.status(), Some(200));
    }
}
