//! Just enough SIP (RFC 3261 §7) to find the SDP in a message: the start
//! line, the headers (folded lines joined, compact names expanded, §7.3.3),
//! and the body, framed by Content-Length when there is one (§18.3: a
//! stream transport needs it) or the rest of the input.
//!
//! Used for a whole SIP message given as input and, in `sdpoa pcap`, for
//! every message of a UDP datagram or a TCP stream.

use std::fmt;

/// The most header lines one message may have, and the longest head (start
/// line and headers): a bound for hostile captures.
const MAX_HEADERS: usize = 128;
const MAX_HEAD_LEN: usize = 16 * 1024;
/// The longest body taken (the crate's own SDP cap is 64 KiB).
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// A request or a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartLine {
    /// `INVITE sip:bob@example.com SIP/2.0`
    Request { method: String, uri: String },
    /// `SIP/2.0 200 OK`
    Response { code: u16, reason: String },
}

/// One parsed SIP message.
#[derive(Clone, Debug)]
pub struct SipMessage {
    pub start: StartLine,
    /// (name as written, value), folded lines joined with a space.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The 1-based line of the input where the body starts.
    pub body_line: usize,
}

/// Why bytes are not a SIP message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SipError {
    /// The first line is neither a request line nor a status line.
    NotSip,
    /// The head does not end with an empty line, or is too long.
    Incomplete,
    /// A header line without `:`, or too many headers.
    BadHeader(usize),
    /// Content-Length is not a number, or says more than there is.
    BadContentLength,
}

impl fmt::Display for SipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SipError::NotSip => f.write_str("not a SIP request or response line"),
            SipError::Incomplete => f.write_str("SIP headers do not end with an empty line"),
            SipError::BadHeader(line) => write!(f, "line {line}: not a SIP header line"),
            SipError::BadContentLength => {
                f.write_str("Content-Length is not a number or exceeds the message")
            }
        }
    }
}

/// The full name of a compact header form (RFC 3261 §7.3.3, RFC 3515,
/// RFC 4028...), else the name as written.
fn expand(name: &str) -> &str {
    match name.to_ascii_lowercase().as_str() {
        "c" => "Content-Type",
        "l" => "Content-Length",
        "i" => "Call-ID",
        "f" => "From",
        "t" => "To",
        "m" => "Contact",
        "v" => "Via",
        "e" => "Content-Encoding",
        "k" => "Supported",
        "s" => "Subject",
        _ => name,
    }
}

impl SipMessage {
    /// The first value of header `name` (case-insensitive; compact forms
    /// were expanded when parsing).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name`, comma-separated lists split.
    pub fn header_tokens<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// `INVITE`, `200`... : the method or the status code.
    pub fn label(&self) -> String {
        match &self.start {
            StartLine::Request { method, .. } => method.clone(),
            StartLine::Response { code, reason } => format!("{code} {reason}"),
        }
    }

    /// The method of a request, or the CSeq method of a response.
    pub fn method(&self) -> Option<&str> {
        match &self.start {
            StartLine::Request { method, .. } => Some(method),
            StartLine::Response { .. } => self.cseq().map(|(_, m)| m),
        }
    }

    /// The CSeq number and method.
    pub fn cseq(&self) -> Option<(u32, &str)> {
        let mut it = self.header("CSeq")?.split_ascii_whitespace();
        let n = it.next()?.parse().ok()?;
        Some((n, it.next()?))
    }

    /// The status code of a response.
    pub fn status(&self) -> Option<u16> {
        match self.start {
            StartLine::Response { code, .. } => Some(code),
            StartLine::Request { .. } => None,
        }
    }
}

/// Whether `bytes` start like a SIP message (a request or status line).
pub fn looks_like_sip(bytes: &[u8]) -> bool {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    start_line(first.trim_end_matches('\r')).is_some()
}

fn start_line(line: &str) -> Option<StartLine> {
    let mut parts = line.splitn(3, ' ');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if a == "SIP/2.0" {
        let code: u16 = b.parse().ok().filter(|c| (100..700).contains(c))?;
        return Some(StartLine::Response {
            code,
            reason: c.to_owned(),
        });
    }
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
    };
    (c == "SIP/2.0" && token(a) && !b.is_empty()).then(|| StartLine::Request {
        method: a.to_owned(),
        uri: b.to_owned(),
    })
}

/// Parses one message from the start of `bytes`; returns it and the bytes
/// it took. Without Content-Length the body is the rest of `bytes`
/// (`stream == false`, a datagram or a file); on a stream a missing
/// Content-Length means no body.
pub fn parse(bytes: &[u8], stream: bool) -> Result<(SipMessage, usize), SipError> {
    let head_end = find_head_end(bytes).ok_or(SipError::Incomplete)?;
    let (head, after) = (&bytes[..head_end.0], head_end.1);
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let start = start_line(lines.next().unwrap_or_default()).ok_or(SipError::NotSip)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line_count = 1;
    for line in lines {
        line_count += 1;
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
                continue;
            }
            return Err(SipError::BadHeader(line_count));
        }
        let (name, value) = line
            .split_once(':')
            .ok_or(SipError::BadHeader(line_count))?;
        if headers.len() >= MAX_HEADERS {
            return Err(SipError::BadHeader(line_count));
        }
        headers.push((expand(name.trim()).to_owned(), value.trim().to_owned()));
    }
    let rest = &bytes[after..];
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.parse::<usize>().map_err(|_| SipError::BadContentLength))
        .transpose()?;
    let body_len = match length {
        Some(n) if n > rest.len() || n > MAX_BODY_LEN => return Err(SipError::BadContentLength),
        Some(n) => n,
        None if stream => 0,
        None => rest.len().min(MAX_BODY_LEN),
    };
    let message = SipMessage {
        start,
        headers,
        body: rest[..body_len].to_vec(),
        body_line: line_count + 2,
    };
    Ok((message, after + body_len))
}

/// The end of the head (before the empty line) and the start of the body.
fn find_head_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let limit = bytes.len().min(MAX_HEAD_LEN);
    let window = &bytes[..limit];
    let crlf = memchr::memmem::find(window, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(window, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_request_with_folded_and_compact_headers() {
        let text = b"INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a1\r\nc: application/sdp\r\nSubject: one\r\n two\r\nl: 4\r\n\r\nv=0\r\nnext";
        let (m, used) = parse(text, true).unwrap();
        assert_eq!(m.label(), "INVITE");
        assert_eq!(m.header("content-type"), Some("application/sdp"));
        assert_eq!(m.header("Subject"), Some("one two"));
        assert_eq!(m.body, b"v=0\r");
        assert_eq!(m.body_line, 8);
        assert_eq!(&text[used..], b"\nnext");
    }

    #[test]
    fn parses_a_response() {
        let (m, _) = parse(
            b"SIP/2.0 183 Session Progress\nCSeq: 1 INVITE\nTo: <sip:b@x>;tag=9\n\n",
            false,
        )
        .unwrap();
        assert_eq!(m.status(), Some(183));
        assert_eq!(m.method(), Some("INVITE"));
        assert_eq!(m.header("to"), Some("<sip:b@x>;tag=9"));
        assert!(m.body.is_empty());
    }

    #[test]
    fn refuses_what_is_not_sip() {
        assert!(!looks_like_sip(b"v=0\r\n"));
        assert_eq!(parse(b"v=0\r\n\r\n", false).unwrap_err(), SipError::NotSip);
        assert_eq!(
            parse(b"INVITE x SIP/2.0\r\nA: b", false).unwrap_err(),
            SipError::Incomplete
        );
        assert_eq!(
            parse(b"INVITE x SIP/2.0\r\nContent-Length: 9\r\n\r\nv=0", false).unwrap_err(),
            SipError::BadContentLength
        );
    }
}
