//! Byte-level helpers for the short ASCII-delimited tokens of SDP lines.
//!
//! SDP tokens are short (mostly under 32 bytes), where a plain byte loop
//! beats both `str` char patterns and SIMD searches' setup cost. Every
//! delimiter is ASCII, so every slice taken here is on a char boundary.

/// Index of the first `needle` in `s`.
#[inline]
pub(crate) fn find_byte(s: &str, needle: u8) -> Option<usize> {
    s.as_bytes().iter().position(|&b| b == needle)
}

/// Splits at the first `sep`: `("a", Some("b=c"))` for `"a=b=c"`.
#[inline]
pub(crate) fn split_once_byte(s: &str, sep: u8) -> (&str, Option<&str>) {
    match find_byte(s, sep) {
        Some(i) => (s.get(..i).unwrap_or(s), s.get(i + 1..)),
        None => (s, None),
    }
}

#[inline]
fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// `s` without leading and trailing spaces and tabs.
#[inline]
pub(crate) fn trim_ws(s: &str) -> &str {
    trim_ws_end(trim_ws_start(s))
}

/// `s` without leading spaces and tabs.
#[inline]
pub(crate) fn trim_ws_start(s: &str) -> &str {
    let start = s
        .as_bytes()
        .iter()
        .position(|&b| !is_ws(b))
        .unwrap_or(s.len());
    s.get(start..).unwrap_or("")
}

/// `s` without trailing spaces and tabs.
#[inline]
pub(crate) fn trim_ws_end(s: &str) -> &str {
    let end = s
        .as_bytes()
        .iter()
        .rposition(|&b| !is_ws(b))
        .map_or(0, |i| i + 1);
    s.get(..end).unwrap_or("")
}

/// `true` when `s` is an RFC 8866 §9 `token`: one or more of `!`, `#`-`'`,
/// `*`, `+`, `-`, `.`, digits, letters and `^`-`~` (no space, no control
/// byte, none of `"(),/:;<=>?@[\]`). An `a=mid` identification tag is a
/// token (RFC 5888 §4).
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            matches!(b, 0x21 | 0x23..=0x27 | 0x2A | 0x2B | 0x2D | 0x2E | 0x30..=0x39 | 0x41..=0x5A | 0x5E..=0x7E)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(split_once_byte("a=b=c", b'='), ("a", Some("b=c")));
        assert_eq!(split_once_byte("abc", b'='), ("abc", None));
        assert_eq!(trim_ws(" \tx y\t "), "x y");
        assert_eq!(trim_ws("   "), "");
        assert_eq!(trim_ws_start("  é "), "é ");
        assert_eq!(trim_ws_end(" é  "), " é");
    }
}
