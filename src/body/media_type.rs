//! Reading Content-Type values into [`mime::Mime`].
//!
//! SIP allows linear whitespace around `/`, `;` and `=` (RFC 3261 §25.1,
//! `SLASH`, `SEMI`, `EQUAL`) and folded header lines; the `mime` crate takes
//! neither, so the value is first unfolded and stripped of that whitespace
//! (outside quoted strings). Values that need no change are parsed as they are.

use std::borrow::Cow;
use std::sync::LazyLock;

use mime::Mime;

use super::BodyError;
use super::limits::MAX_PARAMS;

/// Parses a Content-Type header value (RFC 3261 §20.15, RFC 2045 §5.1) into a
/// media type, after removing the whitespace SIP allows around `/`, `;`, `=`.
///
/// Type, subtype and parameter names come out lowercase; parameter values
/// keep their case (a `boundary` is case-sensitive).
///
/// # Errors
/// [`BodyError::InvalidContentType`] with the reason the `mime` crate gave;
/// [`BodyError::DuplicateParameter`] for a parameter named twice (RFC 3261
/// §7.3.1, RFC 6838 §4.3), [`BodyError::TooManyParameters`] past
/// [`MAX_PARAMS`](crate::body::MAX_PARAMS).
pub fn parse_media_type(value: &str) -> Result<Mime, BodyError> {
    let compact = compact_whitespace(value);
    check_params(&compact)?;
    parse_compact(&compact, value)
}

/// Refuses a parameter list that names a parameter twice (compared
/// case-insensitively; RFC 3261 §7.3.1: "any given parameter-name MUST NOT
/// appear more than once", RFC 6838 §4.3) or holds more than
/// [`MAX_PARAMS`] parameters. `text` is a compacted Content-Type value;
/// pieces without `=` are left to the `mime` crate to refuse.
pub(crate) fn check_params(text: &str) -> Result<(), BodyError> {
    let mut names: [&str; MAX_PARAMS] = [""; MAX_PARAMS];
    for (count, param) in split_params(text).skip(1).enumerate() {
        let name = param.split_once('=').map_or(param, |(n, _)| n);
        if count == MAX_PARAMS {
            return Err(BodyError::TooManyParameters {
                header: "Content-Type",
                limit: MAX_PARAMS,
            });
        }
        // At most MAX_PARAMS names: the quadratic scan is bounded.
        if names
            .get(..count)
            .unwrap_or(&[])
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
        {
            return Err(BodyError::DuplicateParameter {
                header: "Content-Type",
                name: name.to_owned(),
            });
        }
        if let Some(slot) = names.get_mut(count) {
            *slot = name;
        }
    }
    Ok(())
}

/// A Content-Type value read for parsing a body: the media type (without
/// `boundary`) and, for a `multipart/*`, the `boundary` parameter (unquoted).
///
/// The boundary is taken out before the `mime` crate sees the value, so a
/// multipart type is parsed once. Parameters are checked as in
/// [`parse_media_type`]: a second `boundary` (which a reader taking the
/// first and one taking the last would frame differently) is refused.
pub(crate) fn parse_content_type(value: &str) -> Result<(Mime, Option<String>), BodyError> {
    let compact = compact_whitespace(value);
    let text = compact.as_ref();
    check_params(text)?;
    let is_multipart_text = text
        .get(..10)
        .is_some_and(|t| t.eq_ignore_ascii_case("multipart/"));
    if !is_multipart_text || !text.contains(';') {
        return Ok((parse_compact(text, value)?, None));
    }
    let mut pieces = split_params(text);
    let essence = pieces.next().unwrap_or("");
    // Most multiparts carry `boundary` alone: then the essence is parsed
    // as it is, with no copy.
    let mut kept: Option<String> = None;
    let mut boundary = None;
    for param in pieces {
        let is_boundary = param
            .split_once('=')
            .filter(|(name, _)| name.eq_ignore_ascii_case("boundary"));
        match is_boundary {
            Some((_, v)) => boundary = Some(unquote(v)),
            None => {
                let kept = kept.get_or_insert_with(|| {
                    let mut k = String::with_capacity(text.len());
                    k.push_str(essence);
                    k
                });
                kept.push(';');
                kept.push_str(param);
            }
        }
    }
    let mime = parse_compact(kept.as_deref().unwrap_or(essence), value)?;
    Ok((mime, boundary))
}

/// The non-empty `;`-separated pieces of `text` (quoted strings kept whole).
fn split_params(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        loop {
            let current = rest?;
            let mut in_quotes = false;
            let mut escaped = false;
            let mut cut = None;
            for (i, b) in current.bytes().enumerate() {
                if in_quotes {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_quotes = false;
                    }
                } else if b == b'"' {
                    in_quotes = true;
                } else if b == b';' {
                    cut = Some(i);
                    break;
                }
            }
            let piece = match cut {
                Some(i) => {
                    rest = current.get(i + 1..);
                    current.get(..i).unwrap_or("")
                }
                None => {
                    rest = None;
                    current
                }
            };
            if !piece.is_empty() {
                return Some(piece);
            }
        }
    })
}

/// A parameter value without its quotes (and quoted-pair escapes).
fn unquote(value: &str) -> String {
    match value.strip_prefix('"') {
        Some(inner) => {
            let inner = inner.strip_suffix('"').unwrap_or(inner);
            let mut out = String::with_capacity(inner.len());
            let mut escaped = false;
            for c in inner.chars() {
                if c == '\\' && !escaped {
                    escaped = true;
                } else {
                    out.push(c);
                    escaped = false;
                }
            }
            out
        }
        None => value.to_owned(),
    }
}

/// `value` trimmed, unfolded, and without whitespace next to `/`, `;`, `=`
/// outside quoted strings. Borrowed when nothing had to change.
pub(crate) fn compact_whitespace(value: &str) -> Cow<'_, str> {
    let trimmed = value.trim_ascii();
    // Branch-free scan (vectorizes) for the common no-whitespace case.
    let has_lws = trimmed.bytes().fold(false, |acc, b| {
        acc | matches!(b, b' ' | b'\t' | b'\r' | b'\n')
    });
    if !has_lws {
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
    let mut params = mime.params();
    match (params.next(), params.next()) {
        (None, _) => return Ok(mime.clone()),
        (Some((name, _)), None) if name == mime::BOUNDARY => {
            return parse_media_type(mime.essence_str());
        }
        _ if mime.get_param(mime::BOUNDARY).is_none() => return Ok(mime.clone()),
        _ => {}
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
    TOKEN.get(usize::from(b)).copied().unwrap_or(false)
}

/// Lookup table for [`is_token_byte`].
static TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric()
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
            );
        i += 1;
    }
    table
};

/// Media types common enough in SIP bodies to skip the `mime` parser for:
/// parsed once, then cloned.
static COMMON: LazyLock<[(&'static str, Option<Mime>); 3]> = LazyLock::new(|| {
    [
        "application/sdp",
        "multipart/mixed",
        "multipart/alternative",
    ]
    .map(|t| (t, t.parse().ok()))
});

/// Parses `compact` (already through [`compact_whitespace`]); errors name
/// `original`.
fn parse_compact(compact: &str, original: &str) -> Result<Mime, BodyError> {
    for (text, mime) in COMMON.iter() {
        if let Some(mime) = mime
            && text.len() == compact.len()
            && text.eq_ignore_ascii_case(compact)
        {
            return Ok(mime.clone());
        }
    }
    compact
        .parse::<Mime>()
        .map_err(|e| BodyError::InvalidContentType {
            value: original.to_owned(),
            reason: e.to_string(),
        })
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
    fn multipart_boundary_is_taken_out() {
        let (m, b) =
            parse_content_type("Multipart/Related; type=\"application/sdp\"; boundary=\"a;b c\"")
                .unwrap();
        assert_eq!(m.as_ref(), "multipart/related;type=\"application/sdp\"");
        assert_eq!(b.as_deref(), Some("a;b c"));
        let (m, b) = parse_content_type("multipart/mixed;BOUNDARY=x").unwrap();
        assert_eq!(m.as_ref(), "multipart/mixed");
        assert_eq!(b.as_deref(), Some("x"));
        let (m, b) = parse_content_type("multipart/mixed").unwrap();
        assert_eq!(m.as_ref(), "multipart/mixed");
        assert_eq!(b, None);
        let (m, b) = parse_content_type("text/plain;boundary=x").unwrap();
        assert_eq!(m.as_ref(), "text/plain;boundary=x");
        assert_eq!(b, None);
    }

    #[test]
    fn bad_media_type_is_typed() {
        let e = parse_media_type("sdp").unwrap_err();
        assert!(matches!(e, BodyError::InvalidContentType { ref value, .. } if value == "sdp"));
    }
}
