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
/// One pass over the header lines; values are borrowed unless folded.
/// `index` is the 1-based part number, for errors.
pub(crate) fn split_part(part: &[u8], index: usize) -> Result<PartHeaders<'_>, BodyError> {
    let bad = |reason| BodyError::MalformedPartHeader {
        part: index,
        reason,
    };
    let mut headers = PartHeaders::default();
    let mut current: Option<(&str, Cow<'_, str>)> = None;
    let mut rest = part;
    loop {
        let (raw, next) = match memchr(b'\n', rest) {
            Some(i) => (rest.get(..i).unwrap_or(&[]), rest.get(i + 1..)),
            None => (rest, None),
        };
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.is_empty() {
            // The blank line ending the headers, or the end of the part.
            headers.body = next.unwrap_or(&[]);
            break;
        }
        let line = std::str::from_utf8(line).map_err(|_| bad("header block is not UTF-8"))?;
        if line.starts_with([' ', '\t']) {
            let Some((_, value)) = current.as_mut() else {
                return Err(bad("continuation line before any header"));
            };
            let piece = line.trim_matches([' ', '\t']);
            if !piece.is_empty() {
                let value = value.to_mut();
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(piece);
            }
        } else {
            if let Some((name, value)) = current.take() {
                store(&mut headers, name, value);
            }
            let colon = memchr(b':', line.as_bytes()).ok_or_else(|| bad("line without ':'"))?;
            // Slicing at an ASCII byte is always on a char boundary.
            let name = line
                .get(..colon)
                .unwrap_or("")
                .trim_end_matches([' ', '\t']);
            if name.is_empty() || !name.bytes().all(is_field_name_byte) {
                return Err(bad("header name is not a field name"));
            }
            let value = line
                .get(colon + 1..)
                .unwrap_or("")
                .trim_matches([' ', '\t']);
            current = Some((name, Cow::Borrowed(value)));
        }
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    if let Some((name, value)) = current.take() {
        store(&mut headers, name, value);
    }
    Ok(headers)
}

fn store<'a>(h: &mut PartHeaders<'a>, name: &str, value: Cow<'a, str>) {
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
        return;
    }
    match name.len() {
        12 => h.content_type = Some(value),
        19 => h.content_disposition = Some(value),
        10 => h.content_id = Some(value),
        // Content-Length is ignored: the boundary delimits the part
        // (RFC 2046 §5.1.1).
        _ => {}
    }
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
        let h = split_part(b"\nabc", 1).unwrap();
        assert!(h.content_type.is_none());
        assert_eq!(h.body, b"abc");
        let h = split_part(b"Content-ID: <a>", 2).unwrap();
        assert_eq!(h.content_id.as_deref(), Some("<a>"));
        assert_eq!(h.body, b"");
    }

    #[test]
    fn malformed_lines_are_typed() {
        assert_eq!(
            split_part(b"oops\r\n\r\n", 3).unwrap_err(),
            BodyError::MalformedPartHeader {
                part: 3,
                reason: "line without ':'"
            }
        );
        assert_eq!(
            split_part(b" x\r\n\r\n", 1).unwrap_err(),
            BodyError::MalformedPartHeader {
                part: 1,
                reason: "continuation line before any header"
            }
        );
        assert_eq!(
            split_part(b"A B: x\r\n\r\n", 1).unwrap_err(),
            BodyError::MalformedPartHeader {
                part: 1,
                reason: "header name is not a field name"
            }
        );
    }
}
