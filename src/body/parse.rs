//! Parsing a SIP message body into a [`MimePart`] tree (RFC 2046 §5.1).

use memchr::memmem;
use mime::Mime;

use super::disposition::ContentDisposition;
use super::headers::split_part;
use super::media_type::{is_multipart, parse_media_type, without_boundary};
use super::part::{MimePart, PartContent};
use super::{BodyError, BodyLimits};

/// Longest `boundary` accepted. RFC 2046 §5.1.1 caps it at 70 characters;
/// longer ones seen in the wild are tolerated up to this.
const MAX_BOUNDARY_LEN: usize = 200;

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
/// # Errors
/// [`BodyError::TooLarge`], [`BodyError::TooDeep`] and
/// [`BodyError::TooManyParts`] past `limits`;
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
    let ty = parse_media_type(content_type)?;
    let mut parser = Parser { limits, parts: 0 };
    parser.entity(ty, body, 0)
}

struct Parser<'l> {
    limits: &'l BodyLimits,
    parts: usize,
}

impl Parser<'_> {
    /// The entity of type `ty` with body `body`, nested in `depth` multiparts.
    fn entity(&mut self, ty: Mime, body: &[u8], depth: usize) -> Result<MimePart, BodyError> {
        if !is_multipart(&ty) {
            return Ok(MimePart::raw(ty, PartContent::Single(body.to_vec())));
        }
        if depth >= self.limits.max_depth {
            return Err(BodyError::TooDeep {
                limit: self.limits.max_depth,
            });
        }
        let boundary = ty
            .get_param(mime::BOUNDARY)
            .ok_or(BodyError::MissingBoundary)?
            .as_str();
        check_boundary(boundary)?;
        let raw_parts = split_multipart(body, boundary)?;
        let digest = ty.subtype() == "digest";
        let mut parts = Vec::with_capacity(raw_parts.len());
        for (i, raw) in raw_parts.into_iter().enumerate() {
            self.parts += 1;
            if self.parts > self.limits.max_parts {
                return Err(BodyError::TooManyParts {
                    limit: self.limits.max_parts,
                });
            }
            parts.push(self.body_part(raw, i + 1, digest, depth + 1)?);
        }
        let ty = without_boundary(&ty)?;
        Ok(MimePart::raw(ty, PartContent::Multipart(parts)))
    }

    fn body_part(
        &mut self,
        raw: &[u8],
        index: usize,
        digest: bool,
        depth: usize,
    ) -> Result<MimePart, BodyError> {
        let headers = split_part(raw, index)?;
        let ty = match headers.content_type.as_deref() {
            Some(v) => parse_media_type(v)?,
            None if digest => mime_const("message/rfc822"),
            None => mime::TEXT_PLAIN,
        };
        let disposition = headers
            .content_disposition
            .as_deref()
            .map(ContentDisposition::parse)
            .transpose()?;
        let mut part = self.entity(ty, headers.body, depth)?;
        part.set_content_disposition(disposition);
        part.set_content_id(headers.content_id);
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

/// The raw body parts of a multipart body framed by `boundary`.
fn split_multipart<'b>(body: &'b [u8], boundary: &str) -> Result<Vec<&'b [u8]>, BodyError> {
    let mut dash_boundary = Vec::with_capacity(boundary.len() + 2);
    dash_boundary.extend_from_slice(b"--");
    dash_boundary.extend_from_slice(boundary.as_bytes());
    let finder = memmem::Finder::new(&dash_boundary);

    let mut parts = Vec::new();
    // Start of the current part's bytes, once the opening delimiter is seen.
    let mut part_start: Option<usize> = None;
    let mut search = 0;
    while let Some(found) = body.get(search..).and_then(|rest| finder.find(rest)) {
        let at = search + found;
        search = at + 1;
        // A delimiter starts a line.
        if at > 0 && body.get(at - 1) != Some(&b'\n') {
            continue;
        }
        let after = at + dash_boundary.len();
        let rest = body.get(after..).unwrap_or(&[]);
        let close = rest.starts_with(b"--");
        let line_rest = if close {
            rest.get(2..).unwrap_or(&[])
        } else {
            rest
        };
        let padding = line_rest
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let tail = line_rest.get(padding..).unwrap_or(&[]);
        let line_end = if tail.starts_with(b"\r\n") {
            Some(2)
        } else if tail.starts_with(b"\n") {
            Some(1)
        } else {
            None
        };
        match (line_end, close) {
            // `--boundary--` at the very end of the body, or any text after
            // the close delimiter (RFC 2046 allows only padding there; be
            // lenient, it is the epilogue).
            (_, true) => {
                let Some(start) = part_start else {
                    // A close delimiter before any opening one: no parts.
                    return Err(BodyError::EmptyMultipart);
                };
                parts.push(part_slice(body, start, at));
                return Ok(parts);
            }
            (Some(eol), false) => {
                if let Some(start) = part_start {
                    parts.push(part_slice(body, start, at));
                }
                let next = after + padding + eol;
                part_start = Some(next);
                search = next;
            }
            // `--boundary` ending the body without a line break.
            (None, false) if tail.is_empty() => {
                return Err(if part_start.is_some() {
                    BodyError::MissingCloseDelimiter
                } else {
                    BodyError::NoOpeningDelimiter
                });
            }
            // `--boundaryX...`: content, not a delimiter.
            (None, false) => {}
        }
    }
    Err(if part_start.is_some() {
        BodyError::MissingCloseDelimiter
    } else {
        BodyError::NoOpeningDelimiter
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
        let parts = split_multipart(body, "b").unwrap();
        assert_eq!(parts, vec![&b"A\r\n"[..], &b"\nB\r"[..]]);
    }

    #[test]
    fn prefix_of_boundary_is_content() {
        let body = b"--b\r\n\r\nx\r\n--bx\r\ny\r\n--b--";
        let parts = split_multipart(body, "b").unwrap();
        assert_eq!(parts, vec![&b"\r\nx\r\n--bx\r\ny"[..]]);
    }

    #[test]
    fn shared_line_break_gives_empty_part() {
        let parts = split_multipart(b"--b\r\n--b--", "b").unwrap();
        assert_eq!(parts, vec![&b""[..]]);
    }

    #[test]
    fn framing_errors() {
        assert_eq!(
            split_multipart(b"no delimiter", "b"),
            Err(BodyError::NoOpeningDelimiter)
        );
        assert_eq!(
            split_multipart(b"x--b\r\n", "b"),
            Err(BodyError::NoOpeningDelimiter)
        );
        assert_eq!(
            split_multipart(b"--b\r\nabc", "b"),
            Err(BodyError::MissingCloseDelimiter)
        );
        assert_eq!(
            split_multipart(b"--b\r\nabc\r\n--b", "b"),
            Err(BodyError::MissingCloseDelimiter)
        );
        assert_eq!(
            split_multipart(b"--b--\r\n", "b"),
            Err(BodyError::EmptyMultipart)
        );
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
