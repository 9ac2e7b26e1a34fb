//! Header blocks of body parts (RFC 2045 §3, RFC 5322 §2.2 and §3.2.2),
//! read from bytes: lines end in CRLF or LF, continuation lines (starting
//! with SP or HT) are unfolded, names are compared case-insensitively.

use std::borrow::Cow;

use memchr::memchr;

use super::BodyError;

/// The Content-* headers of one body part, as raw unfolded values.
#[derive(Debug, Default)]
pub(crate) struct PartHeaders<'a> {
    pub content_type: Option<Cow<'a, str>>,
    pub content_disposition: Option<Cow<'a, str>>,
    pub content_id: Option<Cow<'a, str>>,
    pub other: Vec<(String, String)>,
    /// The bytes after the blank line that ends the headers.
    pub body: &'a [u8],
}

/// Splits `part` (a body part between two delimiter lines) into its headers
/// and body. A part that starts with a blank line has no headers; a part
/// without a blank line is all headers and has an empty body (RFC 2046
/// §5.1.1: `body-part := MIME-part-headers [CRLF *OCTET]`).
///
/// One pass over the header lines (two over the continuation lines of a
/// folded header: one to size its unfolded value, one to write it); values
/// are borrowed unless folded. At most `max_headers` header fields are
/// read. `index` is the 1-based part number, for errors.
///
/// # Errors
/// [`BodyError::MalformedPartHeader`], [`BodyError::TooManyHeaders`], and
/// [`BodyError::DuplicateHeader`] for a second Content-Type,
/// Content-Disposition or Content-ID.
pub(crate) fn split_part(
    part: &[u8],
    index: usize,
    max_headers: usize,
) -> Result<PartHeaders<'_>, BodyError> {
    let bad = |reason| BodyError::MalformedPartHeader {
        part: index,
        reason,
    };
    let utf8 = |line| std::str::from_utf8(line).map_err(|_| bad("header block is not UTF-8"));
    let mut headers = PartHeaders::default();
    let mut fields = 0usize;
    let mut rest = Some(part);
    while let Some(current) = rest {
        let (line, next) = next_line(current);
        if line.is_empty() {
            // The blank line ending the headers, or the end of the part.
            headers.body = next.unwrap_or(&[]);
            break;
        }
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            return Err(bad("continuation line before any header"));
        }
        fields += 1;
        if fields > max_headers {
            return Err(BodyError::TooManyHeaders {
                part: index,
                limit: max_headers,
            });
        }
        let line = utf8(line)?;
        let colon = memchr(b':', line.as_bytes()).ok_or_else(|| bad("line without ':'"))?;
        // Slicing at an ASCII byte is always on a char boundary.
        let name = line
            .get(..colon)
            .unwrap_or("")
            .trim_end_matches([' ', '\t']);
        if name.is_empty() || !name.bytes().all(is_field_name_byte) {
            return Err(bad("header name is not a field name"));
        }
        let first = line
            .get(colon + 1..)
            .unwrap_or("")
            .trim_matches([' ', '\t']);
        // The continuation lines: sized first, so that the unfolded value
        // is allocated once, at its exact length.
        let mut unfolded_len = first.len();
        let mut continuations = 0usize;
        let mut after = next;
        while let Some(c) = after {
            let (cont, n) = next_line(c);
            if !(cont.starts_with(b" ") || cont.starts_with(b"\t")) {
                break;
            }
            let piece = utf8(cont)?.trim_matches([' ', '\t']);
            if !piece.is_empty() {
                unfolded_len += piece.len() + usize::from(unfolded_len > 0);
            }
            continuations += 1;
            after = n;
        }
        let value = if unfolded_len == first.len() {
            Cow::Borrowed(first)
        } else {
            let mut value = String::with_capacity(unfolded_len);
            value.push_str(first);
            let mut cont_lines = next;
            for _ in 0..continuations {
                let Some(c) = cont_lines else { break };
                let (cont, n) = next_line(c);
                let piece = utf8(cont)?.trim_matches([' ', '\t']);
                if !piece.is_empty() {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(piece);
                }
                cont_lines = n;
            }
            Cow::Owned(value)
        };
        store(&mut headers, name, value, index)?;
        rest = after;
    }
    Ok(headers)
}

/// The line at the start of `rest` without its line break (CRLF or LF), and
/// what follows the break (`None` when the line ends the input).
fn next_line(rest: &[u8]) -> (&[u8], Option<&[u8]>) {
    let (raw, next) = match memchr(b'\n', rest) {
        Some(i) => (rest.get(..i).unwrap_or(&[]), rest.get(i + 1..)),
        None => (rest, None),
    };
    (raw.strip_suffix(b"\r").unwrap_or(raw), next)
}

/// Files one header: a Content-* header it knows, or the other headers.
fn store<'a>(
    h: &mut PartHeaders<'a>,
    name: &str,
    value: Cow<'a, str>,
    index: usize,
) -> Result<(), BodyError> {
    let known = match name.len() {
        12 => "content-type",
        19 => "content-disposition",
        10 => "content-id",
        14 => "content-length",
        _ => "",
    };
    // `name` is ftext (checked), where `b | 0x20` maps exactly the two cases
    // of a letter together and leaves '-' alone: a case-insensitive compare
    // of equal-length names, without branches.
    let matches = name.len() == known.len()
        && name
            .bytes()
            .zip(known.bytes())
            .fold(true, |acc, (a, b)| acc & ((a | 0x20) == b));
    if known.is_empty() || !matches {
        h.other.push((name.to_owned(), value.into_owned()));
        return Ok(());
    }
    let (slot, name) = match name.len() {
        12 => (&mut h.content_type, "Content-Type"),
        19 => (&mut h.content_disposition, "Content-Disposition"),
        10 => (&mut h.content_id, "Content-ID"),
        // Content-Length is ignored: the boundary delimits the part
        // (RFC 2046 §5.1.1).
        _ => return Ok(()),
    };
    if slot.is_some() {
        return Err(BodyError::DuplicateHeader { part: index, name });
    }
    *slot = Some(value);
    Ok(())
}

/// RFC 5322 §3.6.8 `ftext`: printable US-ASCII except ':'.
pub(crate) fn is_field_name_byte(b: u8) -> bool {
    (33..=126).contains(&b) && b != b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_and_case_insensitive() {
        let h = split_part(
            b"content-TYPE: application/sdp;\r\n\tcharset=utf-8\r\nX-A:  1 \r\n\r\nv=0\r\n",
            1,
            64,
        )
        .unwrap();
        assert_eq!(
            h.content_type.as_deref(),
            Some("application/sdp; charset=utf-8")
        );
        assert_eq!(h.other, vec![("X-A".to_owned(), "1".to_owned())]);
        assert_eq!(h.body, b"v=0\r\n");
    }

    #[test]
    fn no_headers_and_no_body() {
        let h = split_part(b"\nabc", 1, 64).unwrap();
        assert!(h.content_type.is_none());
        assert_eq!(h.body, b"abc");
        let h = split_part(b"Content-ID: <a>", 2, 64).unwrap();
        assert_eq!(h.content_id.as_deref(), Some("<a>"));
        assert_eq!(h.body, b"");
    }

    #[test]
    fn malformed_lines_are_typed() {
        assert_eq!(
            split_part(b"oops\r\n\r\n", 3, 64).unwrap_err(),
            BodyError::MalformedPartHeader {
                part: 3,
                reason: "line without ':'"
            }
        );
        assert_eq!(
            split_part(b" x\r\n\r\n", 1, 64).unwrap_err(),
            BodyError::MalformedPartHeader {
                part: 1,
                reason: "continuation line before any header"
            }
        );
        assert_eq!(
            split_part(b"A B: x\r\n\r\n", 1, 64).unwrap_err(),
            BodyError::MalformedPartHeader {
                part: 1,
                reason: "header name is not a field name"
            }
        );
    }

    #[test]
    fn folded_values_are_sized_exactly() {
        let h = split_part(b"X-A:\r\n  \r\n\ta\r\n b  \r\nX-B: c\r\n\r\n", 1, 64).unwrap();
        assert_eq!(
            h.other,
            vec![
                ("X-A".to_owned(), "a b".to_owned()),
                ("X-B".to_owned(), "c".to_owned())
            ]
        );
        assert_eq!(h.other[0].1.capacity(), 3);
        // A part ending inside a folded header: all headers, no body.
        let h = split_part(b"X-A: a\n b", 1, 64).unwrap();
        assert_eq!(h.other, vec![("X-A".to_owned(), "a b".to_owned())]);
        assert_eq!(h.body, b"");
    }

    #[test]
    fn header_count_and_duplicates_are_bounded() {
        let block = b"A: 1\nB: 2\n C\nD: 3\n\nbody";
        assert_eq!(split_part(block, 1, 3).unwrap().other.len(), 3);
        assert_eq!(
            split_part(block, 2, 2).unwrap_err(),
            BodyError::TooManyHeaders { part: 2, limit: 2 }
        );
        for (block, name) in [
            (
                &b"Content-Type: a/b\ncontent-type: c/d\n\n"[..],
                "Content-Type",
            ),
            (
                b"Content-Disposition: render\nCONTENT-DISPOSITION: session\n\n",
                "Content-Disposition",
            ),
            (b"Content-ID: <a>\nContent-Id: <b>\n\n", "Content-ID"),
        ] {
            assert_eq!(
                split_part(block, 4, 64).unwrap_err(),
                BodyError::DuplicateHeader { part: 4, name }
            );
        }
        // Content-Length is ignored, however often it comes.
        assert!(split_part(b"Content-Length: 1\nContent-Length: 2\n\n", 1, 64).is_ok());
    }
}
