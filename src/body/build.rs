//! Building a SIP message body from a [`MimePart`] tree (RFC 2046 §5.1.1).

use std::sync::LazyLock;

use memchr::memmem;

use super::boundary::{BoundaryGenerator, PREFIX};
use super::headers::is_field_name_byte;
use super::limits::MAX_PARAMS;
use super::media_type::{check_params, is_token_byte};
use super::part::{MimePart, PartContent};
use super::{BodyError, MessageBody};

/// How many boundaries are tried per multipart before giving up with
/// [`BodyError::BoundaryCollision`].
const MAX_BOUNDARY_ATTEMPTS: usize = 16;

/// Deepest tree [`build_body`] writes (a guard against unbounded recursion on
/// a hand-made tree; parsing is bounded by [`crate::body::BodyLimits`]).
pub const MAX_BUILD_DEPTH: usize = 32;

/// Serializes `root` as a SIP message body.
///
/// A single part gives its bytes as they are. A multipart is written per
/// RFC 2046 §5.1.1 with CRLF line breaks and no preamble: for each body part
/// a delimiter line `--boundary`, its headers (Content-Type, then
/// Content-Disposition and Content-ID when set, then the other headers), a
/// blank line and its content; then the close delimiter `--boundary--` and a
/// CRLF. Each multipart gets the next boundary of `boundaries`; a boundary
/// that occurs anywhere in the part's content (bodies, header values, at any
/// depth) is skipped for the next one, so the output is deterministic for a
/// given tree and generator state.
///
/// # Errors
/// [`BodyError::EmptyMultipart`] for a multipart without parts;
/// [`BodyError::TooDeep`] past [`MAX_BUILD_DEPTH`];
/// [`BodyError::InvalidHeader`] for a header name that is not a field name,
/// a value (or Content-ID, or Content-Disposition parameter) holding CR, LF
/// or NUL, a Content-Disposition parameter name that is not a token, or an
/// extra header named Content-Type, Content-Disposition, Content-ID or
/// Content-Length; [`BodyError::DuplicateParameter`] and
/// [`BodyError::TooManyParameters`] for a Content-Type (or
/// Content-Disposition) that [`crate::body::parse_body`] would refuse;
/// [`BodyError::BoundaryCollision`] when 16 boundaries in a row occur in the
/// content.
pub fn build_body(
    root: &MimePart,
    boundaries: &mut BoundaryGenerator,
) -> Result<MessageBody, BodyError> {
    // The root's headers become message headers: check them here; every
    // body part's are checked as they are written.
    check_part_headers(root)?;
    let mut body = Vec::with_capacity(content_len_hint(root));
    let boundary = match root.content() {
        PartContent::Single(bytes) => {
            body.extend_from_slice(bytes);
            None
        }
        PartContent::Multipart(children) => {
            let b = pick_boundary(children, boundaries)?;
            write_multipart(children, &b, boundaries, &mut body, 1)?;
            Some(b)
        }
    };
    let ty = root.content_type().as_ref();
    let mut content_type = String::with_capacity(ty.len() + 32);
    content_type.push_str(ty);
    if let Some(b) = &boundary {
        content_type.push_str(";boundary=");
        content_type.push_str(b);
    }
    Ok(MessageBody {
        content_type,
        content_disposition: root.content_disposition().map(ToString::to_string),
        content_id: root.content_id().map(str::to_owned),
        headers: root.headers().to_vec(),
        body,
    })
}

/// Writes the body parts `children` framed by `boundary` (already checked
/// against them) to `out`; `depth` is the nesting of this multipart.
fn write_multipart(
    children: &[MimePart],
    boundary: &str,
    boundaries: &mut BoundaryGenerator,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), BodyError> {
    if children.is_empty() {
        return Err(BodyError::EmptyMultipart);
    }
    if depth > MAX_BUILD_DEPTH {
        return Err(BodyError::TooDeep {
            limit: MAX_BUILD_DEPTH,
        });
    }
    for child in children {
        check_part_headers(child)?;
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"\r\nContent-Type: ");
        out.extend_from_slice(child.content_type().as_ref().as_bytes());
        match child.content() {
            PartContent::Single(bytes) => {
                out.extend_from_slice(b"\r\n");
                write_other_headers(child, out);
                out.extend_from_slice(bytes);
            }
            PartContent::Multipart(grandchildren) => {
                let inner = pick_boundary(grandchildren, boundaries)?;
                out.extend_from_slice(b";boundary=");
                out.extend_from_slice(inner.as_bytes());
                out.extend_from_slice(b"\r\n");
                write_other_headers(child, out);
                write_multipart(grandchildren, &inner, boundaries, out, depth + 1)?;
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--");
    out.extend_from_slice(boundary.as_bytes());
    out.extend_from_slice(b"--\r\n");
    Ok(())
}

/// Headers after Content-Type, and the blank line.
fn write_other_headers(part: &MimePart, out: &mut Vec<u8>) {
    if let Some(d) = part.content_disposition() {
        out.extend_from_slice(b"Content-Disposition: ");
        d.write_bytes(out);
        out.extend_from_slice(b"\r\n");
    }
    if let Some(id) = part.content_id() {
        out.extend_from_slice(b"Content-ID: ");
        out.extend_from_slice(id.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    for (name, value) in part.headers() {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
}

/// Searcher for the fixed start of every generated boundary. An immutable,
/// lazily built constant: building a searcher per candidate costs more than
/// the search.
static PREFIX_FINDER: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(PREFIX.as_bytes()));

/// The first boundary from `boundaries` that occurs nowhere in `children`.
fn pick_boundary(
    children: &[MimePart],
    boundaries: &mut BoundaryGenerator,
) -> Result<String, BodyError> {
    let mut candidate = String::with_capacity(24);
    for _ in 0..MAX_BOUNDARY_ATTEMPTS {
        candidate.clear();
        boundaries.push_next(&mut candidate);
        if !children.iter().any(|c| occurs_in(c, candidate.as_bytes())) {
            return Ok(candidate);
        }
    }
    Err(BodyError::BoundaryCollision {
        attempts: MAX_BOUNDARY_ATTEMPTS,
    })
}

/// Whether `boundary` occurs in any byte `part` writes except nested
/// boundaries (which have the generator's fixed length and so differ).
fn occurs_in(part: &MimePart, boundary: &[u8]) -> bool {
    let in_text = |s: &str| contains(s.as_bytes(), boundary);
    if in_text(part.content_type().as_ref())
        || part.content_id().is_some_and(in_text)
        || part.content_disposition().is_some_and(|d| {
            d.handling_param().is_some_and(in_text)
                || d.params().iter().any(|(n, v)| in_text(n) || in_text(v))
        })
        || part.headers().iter().any(|(n, v)| in_text(n) || in_text(v))
    {
        return true;
    }
    match part.content() {
        PartContent::Single(bytes) => contains(bytes, boundary),
        PartContent::Multipart(children) => children.iter().any(|c| occurs_in(c, boundary)),
    }
}

/// Whether `haystack` contains `boundary` (a generated one, so it starts
/// with [`PREFIX`]): one scan for the prefix, then a comparison per hit.
fn contains(haystack: &[u8], boundary: &[u8]) -> bool {
    haystack.len() >= boundary.len()
        && PREFIX_FINDER.find_iter(haystack).any(|i| {
            haystack
                .get(i..)
                .is_some_and(|rest| rest.starts_with(boundary))
        })
}

/// Checks the headers `part` itself writes (not its descendants'), so
/// that what is built is what [`crate::body::parse_body`] reads back: no
/// CR, LF or NUL in a value, token names, no parameter twice and at most
/// [`MAX_PARAMS`] in its Content-Type and Content-Disposition.
fn check_part_headers(part: &MimePart) -> Result<(), BodyError> {
    let no_crlf = |s: &str| {
        !s.bytes()
            .fold(false, |acc, b| acc | (b == b'\r') | (b == b'\n') | (b == 0))
    };
    check_params(part.content_type().as_ref())?;
    if let Some(id) = part.content_id()
        && !no_crlf(id)
    {
        return Err(BodyError::InvalidHeader {
            name: "Content-ID".to_owned(),
        });
    }
    if let Some(d) = part.content_disposition() {
        let type_ok = {
            let t = d.disposition_type().as_str();
            !t.is_empty() && t.bytes().all(is_token_byte)
        };
        let params_ok = d.handling_param().is_none_or(no_crlf)
            && d.params()
                .iter()
                .all(|(n, v)| !n.is_empty() && n.bytes().all(is_token_byte) && no_crlf(v));
        if !type_ok || !params_ok {
            return Err(BodyError::InvalidHeader {
                name: "Content-Disposition".to_owned(),
            });
        }
        if d.params().len() + usize::from(d.handling_param().is_some()) > MAX_PARAMS {
            return Err(BodyError::TooManyParameters {
                header: "Content-Disposition",
                limit: MAX_PARAMS,
            });
        }
    }
    for (name, value) in part.headers() {
        let reserved = [
            "content-type",
            "content-disposition",
            "content-id",
            "content-length",
        ]
        .iter()
        .any(|r| name.eq_ignore_ascii_case(r));
        if reserved || name.is_empty() || !name.bytes().all(is_field_name_byte) || !no_crlf(value) {
            return Err(BodyError::InvalidHeader { name: name.clone() });
        }
    }
    Ok(())
}

/// A capacity guess for the body `part` writes: content plus framing and
/// headers of every body part.
fn content_len_hint(part: &MimePart) -> usize {
    match part.content() {
        PartContent::Single(b) => b.len(),
        PartContent::Multipart(children) => children
            .iter()
            .map(|c| {
                let headers = c.content_type().as_ref().len()
                    + c.content_disposition().map_or(0, |d| d.len_hint() + 23)
                    + c.content_id().map_or(0, |id| id.len() + 14)
                    + c.headers()
                        .iter()
                        .map(|(n, v)| n.len() + v.len() + 4)
                        .sum::<usize>();
                // Delimiter line, "Content-Type: ", boundary param, CRLFs.
                content_len_hint(c)
                    .saturating_add(headers)
                    .saturating_add(80)
            })
            .fold(32usize, usize::saturating_add),
    }
}
