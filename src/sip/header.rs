//! SIP headers: [`SignalingHeader`] (name and value) and the one check
//! every header the crate writes goes through (RFC 3261 §7.3.1, grammar in
//! §25.1): names are tokens, values never hold CR, LF or NUL, tags are
//! tokens.

use std::fmt;

/// Why a SIP header name, value or tag is not valid (RFC 3261 §7.3.1, §25.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderFault {
    /// The header name is empty or not an RFC 3261 §25.1 `token`
    /// (`header-name = token`).
    NameNotToken,
    /// The value holds CR, LF or NUL: a header is one line (RFC 3261 §7.3.1;
    /// `header-value` in §25.1 allows neither outside folding, which a value
    /// given here is past), so such a value could start a new header.
    ForbiddenCharacter,
    /// A `tag` parameter (From-tag, To-tag) is empty or not an RFC 3261 §25.1
    /// `token` (RFC 3261 §19.3, `tag-param = "tag" EQUAL token`).
    TagNotToken,
}

impl fmt::Display for HeaderFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeaderFault::NameNotToken => "the name is not an RFC 3261 token",
            HeaderFault::ForbiddenCharacter => "the value holds CR, LF or NUL",
            HeaderFault::TagNotToken => "the tag is not an RFC 3261 token",
        })
    }
}

/// Checks a header name: an RFC 3261 §25.1 `token`.
pub(crate) fn check_header_name(name: &str) -> Result<(), HeaderFault> {
    if is_token(name) {
        Ok(())
    } else {
        Err(HeaderFault::NameNotToken)
    }
}

/// Checks a header value (or any text written into one): no CR, LF or NUL.
pub(crate) fn check_header_value(value: &str) -> Result<(), HeaderFault> {
    // Branch-free fold: vectorizes, and values are usually short.
    let bad = value
        .bytes()
        .fold(false, |acc, b| acc | (b == b'\r') | (b == b'\n') | (b == 0));
    if bad {
        Err(HeaderFault::ForbiddenCharacter)
    } else {
        Ok(())
    }
}

/// Checks a header `name: value`: see [`check_header_name`] and
/// [`check_header_value`].
pub(crate) fn check_header(name: &str, value: &str) -> Result<(), HeaderFault> {
    check_header_name(name)?;
    check_header_value(value)
}

/// Checks a dialog tag (RFC 3261 §19.3): a non-empty `token`. A tag holding
/// CR, LF or NUL is reported as [`HeaderFault::ForbiddenCharacter`].
pub(crate) fn check_tag(tag: &str) -> Result<(), HeaderFault> {
    check_header_value(tag)?;
    if is_token(tag) {
        Ok(())
    } else {
        Err(HeaderFault::TagNotToken)
    }
}

/// RFC 3261 §25.1 `token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_"
/// / "+" / "`" / "'" / "~")`.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
                )
        })
}

/// One SIP header as name and value (UCMA's `SignalingHeader`), e.g.
/// `("Warning", "370 - \"Insufficient bandwidth\"")`.
///
/// Names compare ASCII-case-insensitively when the crate looks one up
/// ([`SignalingHeader::is`]); the value is written as given, on one line.
/// [`SignalingHeader::check`] says whether it can be written at all (the
/// name an RFC 3261 token, the value free of CR, LF and NUL, RFC 3261
/// §7.3.1): a [`Call`](crate::call::Call) refuses the application's invalid
/// headers with [`CallError::InvalidHeader`](crate::call::CallError::InvalidHeader)
/// and never writes one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SignalingHeader {
    /// The header name, e.g. `Warning`, `X-Custom`.
    pub name: String,
    /// The header value, unfolded.
    pub value: String,
}

impl SignalingHeader {
    /// A header `name: value`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        SignalingHeader {
            name: name.into(),
            value: value.into(),
        }
    }

    /// Whether this header is named `name` (ASCII case-insensitive).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// Whether this header can be written: the name an RFC 3261 §25.1
    /// `token`, the value free of CR, LF and NUL (RFC 3261 §7.3.1: one
    /// header, one line).
    ///
    /// # Errors
    /// [`HeaderFault::NameNotToken`] or [`HeaderFault::ForbiddenCharacter`].
    pub fn check(&self) -> Result<(), HeaderFault> {
        check_header(&self.name, &self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokens() {
        assert_eq!(check_header_name("X-Custom.1"), Ok(()));
        for bad in ["", "X Custom", "X:Y", "X\r\nY", "(x)", "X\"", "Ä"] {
            assert_eq!(
                check_header_name(bad),
                Err(HeaderFault::NameNotToken),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn values_refuse_cr_lf_nul_only() {
        assert_eq!(check_header_value("a \t\"b\" ünï"), Ok(()));
        for bad in ["a\rb", "a\nb", "a\0b", "\r\n Folded"] {
            assert_eq!(
                check_header_value(bad),
                Err(HeaderFault::ForbiddenCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn tags_are_tokens() {
        assert_eq!(check_tag("a6c85cf"), Ok(()));
        assert_eq!(check_tag("a\r\nb"), Err(HeaderFault::ForbiddenCharacter));
        assert_eq!(check_tag(""), Err(HeaderFault::TagNotToken));
        assert_eq!(check_tag("x;maddr=evil"), Err(HeaderFault::TagNotToken));
        assert_eq!(check_tag("x y"), Err(HeaderFault::TagNotToken));
    }
}
