//! Parsing a SIP message body into a [`MimePart`] tree (RFC 2046 §5.1).

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;
use mime::Mime;

use super::disposition::ContentDisposition;
use super::headers::split_part;
use super::media_type::{is_multipart, parse_content_type};
use super::part::{MimePart, PartContent};
use super::{BodyError, BodyLimits};

/// Longest `boundary` accepted. RFC 2046 §5.1.1 caps it at 70 characters;
/// longer ones seen in the wild are tolerated up to this.
const MAX_BOUNDARY_LEN: usize = 200;

/// Searcher for LF `--`, the start of every delimiter line but the first. An
/// immutable, lazily built constant (building it per body costs more than
/// the search).
static LF_DASH_DASH: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"\n--"));

/// Parses a SIP message body given its Content-Type header value
/// (RFC 3261 §20.15) into a [`MimePart`] tree.
///
/// * A non-multipart type gives a single part holding `body` as is.
/// * A `multipart/*` type (every subtype is framed the same way, RFC 2046
///   §5.1.7) is split on its `boundary` per RFC 2046 §5.1.1: the preamble
///   before the first delimiter line and the epilogue after the close
///   delimiter are ignored; delimiter lines may end in CRLF or a bare LF and
///   carry transport padding (spaces, tabs) before it; the line break before a
///   delimiter belongs to the delimiter, so part bodies are kept byte-exact
///   (NUL, CR and LF included). A line that starts with `--boundary` followed
///   by anything else is content, not a delimiter.
/// * Each body part's headers are read case-insensitively with folded lines
///   unfolded; Content-Type defaults to `text/plain` (`message/rfc822` inside
///   `multipart/digest`, RFC 2046 §5.1.5); Content-Length is ignored.
/// * Nested multiparts are parsed recursively.
///
/// The message's own Content-Disposition and Content-ID are not part of
/// this call: set them on the result, or use [`crate::body::MessageBody::parse`].
/// The `boundary` parameter is dropped from every multipart's media type
/// (see [`MimePart`]).
///
/// Cost is linear in `body.len()` times the nesting depth (one substring
/// search per level).
///
/// A part's Content-Type, Content-Disposition or Content-ID given twice,
/// or a parameter named twice in a Content-Type or Content-Disposition
/// (e.g. two `boundary`), is refused rather than resolved: a proxy or a
/// second stack reading the other one would see a different body.
///
/// Memory held at any time, the returned tree included, is linear in
/// `body.len()`: parts past [`BodyLimits::max_parts`] are never collected,
/// header blocks stop at [`BodyLimits::max_headers`] fields, folded values
/// are unfolded into buffers of their exact size.
///
/// # Errors
/// [`BodyError::TooLarge`], [`BodyError::TooDeep`],
/// [`BodyError::TooManyParts`] and [`BodyError::TooManyHeaders`] past
/// `limits`, [`BodyError::TooManyParameters`] past
/// [`MAX_PARAMS`](crate::body::MAX_PARAMS);
/// [`BodyError::DuplicateHeader`] and [`BodyError::DuplicateParameter`] for
/// the ambiguous input above;
/// [`BodyError::InvalidContentType`], [`BodyError::MissingBoundary`],
/// [`BodyError::InvalidBoundary`], [`BodyError::NoOpeningDelimiter`],
/// [`BodyError::MissingCloseDelimiter`] (a truncated body is refused, not
/// tolerated), [`BodyError::EmptyMultipart`],
/// [`BodyError::MalformedPartHeader`] and
/// [`BodyError::InvalidContentDisposition`] for malformed input.
pub fn parse_body(
    content_type: &str,
    body: &[u8],
    limits: &BodyLimits,
) -> Result<MimePart, BodyError> {
    if body.len() > limits.max_size {
        return Err(BodyError::TooLarge {
            size: body.len(),
            limit: limits.max_size,
        });
    }
    let (ty, boundary) = parse_content_type(content_type)?;
    let mut parser = Parser { limits, parts: 0 };
    parser.entity(ty, boundary, body, 0)
}

struct Parser<'l> {
    limits: &'l BodyLimits,
    parts: usize,
}

impl Parser<'_> {
    /// The entity of type `ty` (with `boundary` when multipart) with body
    /// `body`, nested in `depth` multiparts.
    fn entity(
        &mut self,
        ty: Mime,
        boundary: Option<String>,
        body: &[u8],
        depth: usize,
    ) -> Result<MimePart, BodyError> {
        if !is_multipart(&ty) {
            return Ok(MimePart::raw(ty, PartContent::Single(body.to_vec())));
        }
        if depth >= self.limits.max_depth {
            return Err(BodyError::TooDeep {
                limit: self.limits.max_depth,
            });
        }
        let boundary = boundary.ok_or(BodyError::MissingBoundary)?;
        check_boundary(&boundary)?;
        // Parts past the bound are not even collected.
        let room = self.limits.max_parts.saturating_sub(self.parts);
        let raw_parts = split_multipart(body, &boundary, room).map_err(|e| match e {
            Split::TooMany => BodyError::TooManyParts {
                limit: self.limits.max_parts,
            },
            Split::Body(e) => e,
        })?;
        let digest = ty.subtype() == "digest";
        let mut parts = Vec::with_capacity(raw_parts.len());
        for (i, raw) in raw_parts.into_iter().enumerate() {
            // Nested parts count too: the room left may have shrunk.
            self.parts += 1;
            if self.parts > self.limits.max_parts {
                return Err(BodyError::TooManyParts {
                    limit: self.limits.max_parts,
                });
            }
            parts.push(self.body_part(raw, i + 1, digest, depth + 1)?);
        }
        Ok(MimePart::raw(ty, PartContent::Multipart(parts)))
    }

    fn body_part(
        &mut self,
        raw: &[u8],
        index: usize,
        digest: bool,
        depth: usize,
    ) -> Result<MimePart, BodyError> {
        let headers = split_part(raw, index, self.limits.max_headers)?;
        let (ty, boundary) = match headers.content_type.as_deref() {
            Some(v) => parse_content_type(v)?,
            None if digest => (mime_const("message/rfc822"), None),
            None => (mime::TEXT_PLAIN, None),
        };
        let disposition = headers
            .content_disposition
            .as_deref()
            .map(ContentDisposition::parse)
            .transpose()?;
        let mut part = self.entity(ty, boundary, headers.body, depth)?;
        part.set_content_disposition(disposition);
        part.set_content_id(headers.content_id.map(Cow::into_owned));
        *part.headers_mut() = headers.other;
        Ok(part)
    }
}

fn mime_const(text: &'static str) -> Mime {
    text.parse().unwrap_or(mime::TEXT_PLAIN)
}

/// RFC 2046 §5.1.1: `boundary := 0*69<bchars> bcharsnospace`, with
/// `bchars` = DIGIT / ALPHA / `'()+_,-./:=?` / space. Lengths up to
/// [`MAX_BOUNDARY_LEN`] are tolerated.
fn check_boundary(boundary: &str) -> Result<(), BodyError> {
    let ok = !boundary.is_empty()
        && boundary.len() <= MAX_BOUNDARY_LEN
        && !boundary.ends_with(' ')
        && boundary.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'\''
                        | b'('
                        | b')'
                        | b'+'
                        | b'_'
                        | b','
                        | b'-'
                        | b'.'
                        | b'/'
                        | b':'
                        | b'='
                        | b'?'
                        | b' '
                )
        });
    if ok {
        Ok(())
    } else {
        Err(BodyError::InvalidBoundary {
            boundary: boundary.to_owned(),
        })
    }
}

/// Why [`split_multipart`] stopped.
#[derive(Debug, PartialEq, Eq)]
enum Split {
    /// More parts than there was room for.
    TooMany,
    /// A framing error.
    Body(BodyError),
}

/// The raw body parts of a multipart body framed by `boundary`, at most
/// `room` of them (one more is [`Split::TooMany`], found before the rest of
/// the body is looked at).
///
/// Delimiters start a line, so only lines starting with `--` are looked at:
/// the body is scanned once for LF `--`, and each hit is compared with
/// `--boundary` (a comparison stops at the first differing byte, and hits do
/// not overlap, so the whole walk is linear in the body length).
fn split_multipart<'b>(
    body: &'b [u8],
    boundary: &str,
    room: usize,
) -> Result<Vec<&'b [u8]>, Split> {
    let mut parts = Vec::new();
    // Start of the current part's bytes, once the opening delimiter is seen.
    let mut part_start: Option<usize> = None;
    // Line starts that begin with "--": the body start, and each "\n--".
    let candidates = std::iter::once(0).chain(LF_DASH_DASH.find_iter(body).map(|i| i + 1));
    for line in candidates {
        if let Some(delimiter) = delimiter_at(body, line, boundary.as_bytes()) {
            match delimiter {
                Delimiter::Close => {
                    let Some(start) = part_start else {
                        // A close delimiter before any opening one: no parts.
                        return Err(Split::Body(BodyError::EmptyMultipart));
                    };
                    parts.push(part_slice(body, start, line));
                    return Ok(parts);
                }
                Delimiter::Open { next } => {
                    if let Some(start) = part_start {
                        parts.push(part_slice(body, start, line));
                    }
                    // This delimiter opens part `parts.len() + 1`.
                    if parts.len() == room {
                        return Err(Split::TooMany);
                    }
                    part_start = Some(next);
                }
                Delimiter::Truncated => break,
            }
        }
    }
    Err(Split::Body(if part_start.is_some() {
        BodyError::MissingCloseDelimiter
    } else {
        BodyError::NoOpeningDelimiter
    }))
}

enum Delimiter {
    /// `--boundary` + padding + line break; the next part starts at `next`.
    Open { next: usize },
    /// `--boundary--`: whatever follows is the epilogue (RFC 2046 allows only
    /// padding before its line break; more text is tolerated as epilogue).
    Close,
    /// `--boundary` + padding at the very end of the body.
    Truncated,
}

/// The delimiter line starting at `at`, if the line there is one. A line
/// that starts with `--boundary` followed by anything but padding, a line
/// break or `--` is content.
fn delimiter_at(body: &[u8], at: usize, boundary: &[u8]) -> Option<Delimiter> {
    let rest = body
        .get(at..)?
        .strip_prefix(b"--")?
        .strip_prefix(boundary)?;
    if rest.starts_with(b"--") {
        return Some(Delimiter::Close);
    }
    let padding = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let tail = rest.get(padding..).unwrap_or(&[]);
    let eol = if tail.starts_with(b"\r\n") {
        2
    } else if tail.starts_with(b"\n") {
        1
    } else if tail.is_empty() {
        return Some(Delimiter::Truncated);
    } else {
        return None;
    };
    Some(Delimiter::Open {
        next: body.len() - tail.len() + eol,
    })
}

/// The bytes of a part from `start` up to the line break before the
/// delimiter at `delimiter` (the break belongs to the delimiter).
fn part_slice(body: &[u8], start: usize, delimiter: usize) -> &[u8] {
    let mut end = delimiter;
    if end > 0 && body.get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > 0 && body.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    }
    // A delimiter right after the previous one shares its line break.
    let end = end.max(start);
    body.get(start..end).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_bytes_exact() {
        let body = b"pre\r\n--b\r\nA\r\n\r\n--b  \t\n\nB\r\r\n--b--\r\nepi";
        let parts = split_multipart(body, "b", 16).unwrap();
        assert_eq!(parts, vec![&b"A\r\n"[..], &b"\nB\r"[..]]);
    }

    #[test]
    fn prefix_of_boundary_is_content() {
        let body = b"--b\r\n\r\nx\r\n--bx\r\ny\r\n--b--";
        let parts = split_multipart(body, "b", 16).unwrap();
        assert_eq!(parts, vec![&b"\r\nx\r\n--bx\r\ny"[..]]);
    }

    #[test]
    fn shared_line_break_gives_empty_part() {
        let parts = split_multipart(b"--b\r\n--b--", "b", 16).unwrap();
        assert_eq!(parts, vec![&b""[..]]);
    }

    #[test]
    fn framing_errors() {
        assert_eq!(
            split_multipart(b"no delimiter", "b", 16),
            Err(Split::Body(BodyError::NoOpeningDelimiter))
        );
        assert_eq!(
            split_multipart(b"x--b\r\n", "b", 16),
            Err(Split::Body(BodyError::NoOpeningDelimiter))
        );
        assert_eq!(
            split_multipart(b"--b\r\nabc", "b", 16),
            Err(Split::Body(BodyError::MissingCloseDelimiter))
        );
        assert_eq!(
            split_multipart(b"--b\r\nabc\r\n--b", "b", 16),
            Err(Split::Body(BodyError::MissingCloseDelimiter))
        );
        assert_eq!(
            split_multipart(b"--b--\r\n", "b", 16),
            Err(Split::Body(BodyError::EmptyMultipart))
        );
    }

    #[test]
    fn parts_past_the_room_are_not_collected() {
        let body = b"--b\nA\n--b\nB\n--b\nC\n--b--";
        assert_eq!(split_multipart(body, "b", 3).unwrap().len(), 3);
        assert_eq!(split_multipart(body, "b", 2), Err(Split::TooMany));
        // Found before the missing close delimiter is.
        assert_eq!(
            split_multipart(b"--b\nA\n--b\nB", "b", 1),
            Err(Split::TooMany)
        );
        assert_eq!(split_multipart(b"--b\nA", "b", 0), Err(Split::TooMany));
    }

    #[test]
    fn boundary_chars() {
        assert!(check_boundary("simple boundary").is_ok());
        assert!(check_boundary("a'()+_,-./:=?").is_ok());
        assert!(check_boundary("").is_err());
        assert!(check_boundary("ends ").is_err());
        assert!(check_boundary("semi;colon").is_err());
    }
}
