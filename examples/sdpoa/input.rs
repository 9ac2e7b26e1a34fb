//! Reading input: a file, stdin (`-`) or the bundled default offer, each
//! holding bare SDP or a whole SIP request or response (start line,
//! headers, body; a `multipart/*` body is split by the crate's `body`
//! module). Every failure becomes a message for exit code 1; line numbers
//! in messages are those of the input, so an SDP error inside a SIP
//! message names the message's line.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use sdp_offer_answer::body::{BodyLimits, MimePart, PartContent, parse_body};
use sdp_offer_answer::sdp::{ParseLimits, SdpError, SessionDescription};

use crate::sip;

/// The most bytes read from one input (a SIP message with a multipart body
/// of the largest SDP we parse, and some).
const MAX_INPUT: usize = 256 * 1024;

/// Where an input comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file path.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// A text compiled into the binary, with a name to show.
    Bundled(&'static str, &'static str),
}

/// The SDP of an input, and where it sits in it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The input's name (`offer.sdp`, `<stdin>`).
    pub source: String,
    /// The SDP text.
    pub text: String,
    /// Input line of the SDP's first line, minus one (0 for bare SDP).
    pub line_offset: usize,
    /// `INVITE`, `200 OK`...: the SIP message the SDP came in, if any.
    pub message: Option<String>,
}

impl Source {
    /// `-` is stdin, anything else a path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }

    /// Reads the whole input as bytes, at most [`MAX_INPUT`].
    pub fn read_bytes(&self) -> Result<Vec<u8>, InputError> {
        let io = |e: std::io::Error| InputError::Io(self.to_string(), e);
        let mut buf = Vec::new();
        let limit = MAX_INPUT as u64 + 1;
        match self {
            Source::File(path) => {
                std::fs::File::open(path)
                    .and_then(|f| f.take(limit).read_to_end(&mut buf))
                    .map_err(io)?;
            }
            Source::Stdin => {
                std::io::stdin()
                    .lock()
                    .take(limit)
                    .read_to_end(&mut buf)
                    .map_err(io)?;
            }
            Source::Bundled(_, text) => buf.extend_from_slice(text.as_bytes()),
        }
        if buf.len() > MAX_INPUT {
            return Err(InputError::Message(
                self.to_string(),
                format!("more than {MAX_INPUT} bytes"),
            ));
        }
        Ok(buf)
    }

    /// Reads the input and finds its SDP: the input itself, or the SDP
    /// body of the SIP message it holds.
    pub fn load(&self) -> Result<Loaded, InputError> {
        let bytes = self.read_bytes()?;
        if sip::looks_like_sip(&bytes) {
            return self.load_message(&bytes);
        }
        Ok(Loaded {
            source: self.to_string(),
            text: utf8(self, bytes, 0)?,
            line_offset: 0,
            message: None,
        })
    }

    fn load_message(&self, bytes: &[u8]) -> Result<Loaded, InputError> {
        let source = self.to_string();
        let fail = |m: String| InputError::Message(source.clone(), m);
        let (msg, _) = sip::parse(bytes, false).map_err(|e| fail(e.to_string()))?;
        let label = msg.label();
        let (sdp, offset) = sdp_of(&msg).map_err(|e| fail(format!("{label}: {e}")))?;
        let text = utf8(self, sdp, offset)?;
        Ok(Loaded {
            source,
            text,
            line_offset: offset,
            message: Some(label),
        })
    }
}

/// The SDP body of a message and its line offset in the input.
pub fn sdp_of(msg: &sip::SipMessage) -> Result<(Vec<u8>, usize), String> {
    if msg.body.is_empty() {
        return Err("the message has no body".into());
    }
    let content_type = msg.header("Content-Type").unwrap_or("application/sdp");
    let root = parse_body(content_type, &msg.body, &BodyLimits::default())
        .map_err(|e| format!("body: {e}"))?;
    let mut found = Vec::new();
    sdp_parts(&root, &mut found);
    // In a multipart/alternative the last alternative is preferred (RFC 2046
    // §5.1.4); elsewhere the first SDP.
    let alternative = root.content_type().subtype() == "alternative";
    let part = if alternative {
        found.last()
    } else {
        found.first()
    }
    .copied()
    .ok_or_else(|| format!("no application/sdp in its {content_type} body"))?;
    let body = part.body().unwrap_or_default();
    let at = memchr::memmem::find(&msg.body, body).unwrap_or(0);
    let lines_before = msg.body[..at].iter().filter(|&&b| b == b'\n').count();
    let mut sdp = body.to_vec();
    // In a multipart body the CRLF before a delimiter belongs to the
    // delimiter (RFC 2046 §5.1.1): it still ends the SDP's last line.
    if root.is_multipart() && !sdp.ends_with(b"\n") {
        sdp.extend_from_slice(b"\r\n");
    }
    Ok((sdp, msg.body_line - 1 + lines_before))
}

fn sdp_parts<'a>(part: &'a MimePart, out: &mut Vec<&'a MimePart>) {
    match part.content() {
        PartContent::Single(_) => {
            if part.content_type().essence_str() == "application/sdp" {
                out.push(part);
            }
        }
        PartContent::Multipart(parts) => parts.iter().for_each(|p| sdp_parts(p, out)),
    }
}

/// The bytes as UTF-8; bytes that are not give the SDP layer's typed
/// error, with the line of the first bad byte.
fn utf8(source: &Source, bytes: Vec<u8>, offset: usize) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let err = match SessionDescription::parse_bytes(e.as_bytes(), &ParseLimits::DEFAULT) {
            Err(err) => err,
            Ok(_) => SdpError::InvalidUtf8 { line: 1 },
        };
        InputError::Sdp(source.to_string(), offset, err)
    })
}

impl Loaded {
    /// Parses the SDP with the default limits (64 KiB, 256 m-lines).
    pub fn parse(&self) -> Result<SessionDescription, InputError> {
        SessionDescription::parse(&self.text).map_err(|e| self.error(e))
    }

    /// An SDP error of this input, its line made the input's.
    pub fn error(&self, e: SdpError) -> InputError {
        InputError::Sdp(self.source.clone(), self.line_offset, e)
    }

    /// An SDP line number as a line of the input (0 stays 0).
    pub fn line(&self, sdp_line: usize) -> usize {
        if sdp_line == 0 {
            0
        } else {
            sdp_line + self.line_offset
        }
    }

    /// `offer.sip (INVITE)`, or the source alone for bare SDP.
    pub fn describe(&self) -> String {
        match &self.message {
            Some(m) => format!("{} ({m})", self.source),
            None => self.source.clone(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("<stdin>"),
            Source::Bundled(name, _) => f.write_str(name),
        }
    }
}

/// Input that could not be read or parsed (exit code 1).
#[derive(Debug)]
pub enum InputError {
    /// The file or stdin could not be read.
    Io(String, std::io::Error),
    /// The SDP does not parse; the error carries the SDP's line, the
    /// offset makes it the input's.
    Sdp(String, usize, SdpError),
    /// The input is not usable as a SIP message or holds no SDP.
    Message(String, String),
}

impl InputError {
    /// The line of the input the error is on, if it names one.
    pub fn line(&self) -> Option<usize> {
        match self {
            InputError::Sdp(_, offset, e) => e.line().map(|l| l + offset),
            _ => None,
        }
    }
}

impl fmt::Display for InputError {
    /// `<source>: line 7: invalid a=rtpmap: clock rate is not a number`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(source, e) => write!(f, "cannot read {source}: {e}"),
            InputError::Sdp(source, offset, e) => {
                let text = e.to_string();
                match e.line() {
                    Some(line) if *offset > 0 => write!(
                        f,
                        "{source}: {}",
                        text.replacen(
                            &format!("line {line}: "),
                            &format!("line {}: ", line + offset),
                            1
                        )
                    ),
                    _ => write!(f, "{source}: {text}"),
                }
            }
            InputError::Message(source, m) => write!(f, "{source}: {m}"),
        }
    }
}
