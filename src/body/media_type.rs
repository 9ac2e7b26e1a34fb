//! Reading Content-Type values into [`mime::Mime`].
//!
//! SIP allows linear whitespace around `/`, `;` and `=` (RFC 3261 §25.1,
//! `SLASH`, `SEMI`, `EQUAL`) and folded header lines; the `mime` crate takes
//! neither, so the value is first unfolded and stripped of that whitespace
//! (outside quoted strings). Values that need no change are parsed as they are.

use std::borrow::Cow;

use mime::Mime;

use super::BodyError;

/// Parses a Content-Type header value (RFC 3261 §20.15, RFC 2045 §5.1) into a
/// media type, after removing the whitespace SIP allows around `/`, `;`, `=`.
///
/// Type, subtype and parameter names come out lowercase; parameter values
/// keep their case (a `boundary` is case-sensitive).
///
/// # Errors
/// [`BodyError::InvalidContentType`] with the reason the `mime` crate gave.
pub fn parse_media_type(value: &str) -> Result<Mime, BodyError> {
    let compact = compact_whitespace(value);
    compact
        .parse::<Mime>()
        .map_err(|e| BodyError::InvalidContentType {
            value: value.to_owned(),
            reason: e.to_string(),
        })
}

/// `value` trimmed, unfolded, and without whitespace next to `/`, `;`, `=`
/// outside quoted strings. Borrowed when nothing had to change.
pub(crate) fn compact_whitespace(value: &str) -> Cow<'_, str> {
    let trimmed = value.trim_matches(is_lws);
    if !trimmed.bytes().any(|b| is_lws(b as char)) {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut in_quotes = false;
    let mut escaped = false;
    let mut pending_space = false;
    for c in trimmed.chars() {
        if in_quotes {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quotes = false;
            }
            continue;
        }
        if is_lws(c) {
            pending_space = true;
            continue;
        }
        let separator = matches!(c, '/' | ';' | '=' | ',');
        if pending_space && !separator && !out.ends_with(['/', ';', '=', ',']) {
            out.push(' ');
        }
        pending_space = false;
        if c == '"' {
            in_quotes = true;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

fn is_lws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Whether `mime` is a `multipart/*` type.
pub(crate) fn is_multipart(mime: &Mime) -> bool {
    mime.type_() == mime::MULTIPART
}

/// `mime` without its `boundary` parameter: the boundary is framing, not
/// content, so the tree does not keep it (the builder writes a fresh one).
pub(crate) fn without_boundary(mime: &Mime) -> Result<Mime, BodyError> {
    if mime.get_param(mime::BOUNDARY).is_none() {
        return Ok(mime.clone());
    }
    let mut text = String::with_capacity(mime.as_ref().len());
    text.push_str(mime.essence_str());
    for (name, value) in mime.params() {
        if name == mime::BOUNDARY {
            continue;
        }
        text.push(';');
        text.push_str(name.as_str());
        text.push('=');
        push_param_value(&mut text, value.as_str());
    }
    parse_media_type(&text)
}

/// Appends `value` as an RFC 2045 parameter value: as a token when it is one,
/// else as a quoted string.
pub(crate) fn push_param_value(out: &mut String, value: &str) {
    if !value.is_empty() && value.bytes().all(is_token_byte) {
        out.push_str(value);
    } else {
        out.push('"');
        for c in value.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
}

/// RFC 2045 §5.1 `token` character (RFC 3261 `token` is the same set minus a
/// few; the stricter MIME set is used for writing).
pub(crate) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sip_whitespace_is_removed() {
        let m = parse_media_type(" multipart/mixed ;\r\n boundary = \"a b\" ").unwrap();
        assert_eq!(m.essence_str(), "multipart/mixed");
        assert_eq!(m.get_param("boundary").unwrap().as_str(), "a b");
    }

    #[test]
    fn plain_value_is_borrowed() {
        assert!(matches!(
            compact_whitespace("application/sdp"),
            Cow::Borrowed("application/sdp")
        ));
    }

    #[test]
    fn boundary_is_stripped_other_params_kept() {
        let m =
            parse_media_type("multipart/related;type=\"application/sdp\";boundary=XyZ").unwrap();
        let s = without_boundary(&m).unwrap();
        assert_eq!(s.as_ref(), "multipart/related;type=\"application/sdp\"");
    }

    #[test]
    fn bad_media_type_is_typed() {
        let e = parse_media_type("sdp").unwrap_err();
        assert!(matches!(e, BodyError::InvalidContentType { ref value, .. } if value == "sdp"));
    }
}
