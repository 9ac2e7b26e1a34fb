//! Building a SIP message body from a [`MimePart`] tree (RFC 2046 §5.1.1).

use std::io::Write as _;

use memchr::memmem;

use super::boundary::BoundaryGenerator;
use super::headers::is_field_name_byte;
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
/// a value (or Content-ID) holding CR or LF, or an extra header named
/// Content-Type, Content-Disposition, Content-ID or Content-Length;
/// [`BodyError::BoundaryCollision`] when 16 boundaries in a row occur in the
/// content.
pub fn build_body(
    root: &MimePart,
    boundaries: &mut BoundaryGenerator,
) -> Result<MessageBody, BodyError> {
    check_headers(root, 0)?;
    let mut body = Vec::with_capacity(content_len_hint(root));
    let boundary = match root.content() {
        PartContent::Single(bytes) => {
            body.extend_from_slice(bytes);
            None
        }
        PartContent::Multipart(children) => {
            let b = pick_boundary(children, boundaries)?;
            write_multipart(children, &b, boundaries, &mut body)?;
            Some(b)
        }
    };
    let mut content_type = Vec::with_capacity(64);
    write_content_type(root, boundary.as_deref(), &mut content_type);
    Ok(MessageBody {
        // Built from a `Mime` (UTF-8) and an ASCII boundary.
        content_type: String::from_utf8_lossy(&content_type).into_owned(),
        content_disposition: root.content_disposition().map(ToString::to_string),
        content_id: root.content_id().map(str::to_owned),
        headers: root.headers().to_vec(),
        body,
    })
}

/// Writes the Content-Type value of `part`, with `boundary` appended for a
/// multipart.
fn write_content_type(part: &MimePart, boundary: Option<&str>, out: &mut Vec<u8>) {
    out.extend_from_slice(part.content_type().as_ref().as_bytes());
    if let Some(b) = boundary {
        out.extend_from_slice(b";boundary=");
        out.extend_from_slice(b.as_bytes());
    }
}

/// Writes the body parts `children` framed by `boundary` (already checked
/// against them) to `out`.
fn write_multipart(
    children: &[MimePart],
    boundary: &str,
    boundaries: &mut BoundaryGenerator,
    out: &mut Vec<u8>,
) -> Result<(), BodyError> {
    if children.is_empty() {
        return Err(BodyError::EmptyMultipart);
    }
    for child in children {
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"\r\nContent-Type: ");
        match child.content() {
            PartContent::Single(bytes) => {
                write_content_type(child, None, out);
                out.extend_from_slice(b"\r\n");
                write_other_headers(child, out);
                out.extend_from_slice(bytes);
            }
            PartContent::Multipart(grandchildren) => {
                let inner = pick_boundary(grandchildren, boundaries)?;
                write_content_type(child, Some(&inner), out);
                out.extend_from_slice(b"\r\n");
                write_other_headers(child, out);
                write_multipart(grandchildren, &inner, boundaries, out)?;
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
        // Writing to a Vec cannot fail.
        let _ = write!(out, "Content-Disposition: {d}\r\n");
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

/// The first boundary from `boundaries` that occurs nowhere in `children`.
fn pick_boundary(
    children: &[MimePart],
    boundaries: &mut BoundaryGenerator,
) -> Result<String, BodyError> {
    let mut candidate = String::with_capacity(24);
    for _ in 0..MAX_BOUNDARY_ATTEMPTS {
        candidate.clear();
        boundaries.push_next(&mut candidate);
        let finder = memmem::Finder::new(candidate.as_bytes());
        if !children.iter().any(|c| occurs_in(c, &finder)) {
            return Ok(candidate);
        }
    }
    Err(BodyError::BoundaryCollision {
        attempts: MAX_BOUNDARY_ATTEMPTS,
    })
}

/// Whether `finder`'s needle occurs in any byte `part` writes except nested
/// boundaries (which have the generator's fixed length and so differ).
fn occurs_in(part: &MimePart, finder: &memmem::Finder<'_>) -> bool {
    let in_text = |s: &str| finder.find(s.as_bytes()).is_some();
    if in_text(part.content_type().as_ref())
        || part.content_id().is_some_and(in_text)
        || part
            .content_disposition()
            .is_some_and(|d| d.params().iter().any(|(n, v)| in_text(n) || in_text(v)))
        || part.headers().iter().any(|(n, v)| in_text(n) || in_text(v))
    {
        return true;
    }
    match part.content() {
        PartContent::Single(bytes) => finder.find(bytes).is_some(),
        PartContent::Multipart(children) => children.iter().any(|c| occurs_in(c, finder)),
    }
}

/// Checks every header `part` and its descendants will write.
fn check_headers(part: &MimePart, depth: usize) -> Result<(), BodyError> {
    if depth > MAX_BUILD_DEPTH {
        return Err(BodyError::TooDeep {
            limit: MAX_BUILD_DEPTH,
        });
    }
    let no_crlf = |s: &str| !s.bytes().any(|b| b == b'\r' || b == b'\n');
    if let Some(id) = part.content_id() {
        if !no_crlf(id) {
            return Err(BodyError::InvalidHeader {
                name: "Content-ID".to_owned(),
            });
        }
    }
    if let Some(d) = part.content_disposition() {
        if !d.params().iter().all(|(n, v)| no_crlf(n) && no_crlf(v)) {
            return Err(BodyError::InvalidHeader {
                name: "Content-Disposition".to_owned(),
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
    part.parts()
        .iter()
        .try_for_each(|c| check_headers(c, depth + 1))
}

/// A capacity guess: content bytes plus ~96 bytes of framing per part.
fn content_len_hint(part: &MimePart) -> usize {
    match part.content() {
        PartContent::Single(b) => b.len(),
        PartContent::Multipart(children) => children
            .iter()
            .map(|c| content_len_hint(c).saturating_add(96))
            .fold(48usize, usize::saturating_add),
    }
}
