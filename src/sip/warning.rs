//! The SIP `Warning` header (RFC 3261 §20.43, grammar in §25.1): the typed
//! [`SipWarning`] (code, agent, text), the standard warn-texts, and the one
//! writer of its header value.

use std::fmt::{self, Write as _};

/// Most bytes of warn-text written into a `Warning` header (RFC 3261
/// §20.43 sets no limit; text echoing a peer's input is cut here, on a char
/// boundary, so that a peer cannot make our responses grow with its input).
pub const MAX_WARN_TEXT_LEN: usize = 256;

/// `text` cut to at most [`MAX_WARN_TEXT_LEN`] bytes, on a char boundary.
pub(crate) fn bounded_warn_text(text: &str) -> &str {
    if text.len() <= MAX_WARN_TEXT_LEN {
        return text;
    }
    let mut end = MAX_WARN_TEXT_LEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// The text of `shown` (e.g. an error naming a peer's input) cut to at most
/// [`MAX_WARN_TEXT_LEN`] bytes on a char boundary, formatted without ever
/// holding more than that: formatting stops once the bound is reached.
pub(crate) fn warn_text_of(shown: &dyn fmt::Display) -> String {
    struct Bounded(String);
    impl fmt::Write for Bounded {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let room = MAX_WARN_TEXT_LEN - self.0.len();
            if s.len() <= room {
                self.0.push_str(s);
                return Ok(());
            }
            let mut end = room;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            self.0.push_str(s.get(..end).unwrap_or(""));
            // Stops the formatting: the text is full.
            Err(fmt::Error)
        }
    }
    let mut out = Bounded(String::with_capacity(64));
    // An error only means the text was cut.
    let _ = write!(out, "{shown}");
    out.0
}

/// The standard warn-text of an RFC 3261 §20.43 warn-code, e.g.
/// `standard_warn_text(370) == Some("Insufficient bandwidth")`; `None` for a
/// code RFC 3261 does not define.
pub const fn standard_warn_text(code: u16) -> Option<&'static str> {
    Some(match code {
        300 => "Incompatible network protocol",
        301 => "Incompatible network address formats",
        302 => "Incompatible transport protocol",
        303 => "Incompatible bandwidth units",
        304 => "Media type not available",
        305 => "Incompatible media format",
        306 => "Attribute not understood",
        307 => "Session description parameter not understood",
        330 => "Multicast not available",
        331 => "Unicast not available",
        370 => "Insufficient bandwidth",
        399 => "Miscellaneous warning",
        _ => return None,
    })
}

/// Why a `Warning` header value could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WarningHeaderError {
    /// A warn-code has exactly three digits (100–999).
    #[error("warn-code {0} is not three digits")]
    InvalidCode(u16),
    /// The warn-agent is neither a `host[:port]` nor a token (it holds a space,
    /// a quote, a control character...).
    #[error("warn-agent {0:?} is not a host or token")]
    InvalidAgent(String),
}

/// Builds a SIP `Warning` header value: `warn-code SP warn-agent SP
/// warn-text` (RFC 3261 §20.43), e.g.
/// `warning_header_value(370, Some("sbc.example.com"), "Insufficient bandwidth")`
/// gives `370 sbc.example.com "Insufficient bandwidth"`.
///
/// * `agent`: the host name, `host:port`, `[IPv6]:port` or pseudonym of the
///   agent adding the header; `None` or `""` gives `-`, the usual pseudonym
///   for "not saying". Only token characters, `:`, `[` and `]` are accepted.
/// * `text`: free text, written as a quoted-string (RFC 3261 §25.1
///   `quoted-string`, `quoted-pair`): `"` and `\` are escaped with `\`; CR,
///   LF and other control characters (which a quoted-string cannot carry)
///   become spaces, so the value can never break the header. Non-ASCII UTF-8
///   is kept. At most [`MAX_WARN_TEXT_LEN`] bytes of it are written (cut on
///   a char boundary).
///
/// # Errors
/// [`WarningHeaderError::InvalidCode`] if `code` is not in 100–999;
/// [`WarningHeaderError::InvalidAgent`] if `agent` holds other characters.
pub fn warning_header_value(
    code: u16,
    agent: Option<&str>,
    text: &str,
) -> Result<String, WarningHeaderError> {
    if !(100..=999).contains(&code) {
        return Err(WarningHeaderError::InvalidCode(code));
    }
    let agent = match agent {
        None | Some("") => "-",
        Some(agent) if agent.bytes().all(is_agent_byte) => agent,
        Some(agent) => return Err(WarningHeaderError::InvalidAgent(agent.to_owned())),
    };
    let text = bounded_warn_text(text);
    let mut value = String::with_capacity(8 + agent.len() + text.len());
    // Writing into a String cannot fail.
    let _ = write!(value, "{code} {agent} \"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                value.push('\\');
                value.push(c);
            }
            '\t' => value.push(c),
            // NUL, CR, LF and the other controls (DEL included).
            c if c.is_control() => value.push(' '),
            c => value.push(c),
        }
    }
    value.push('"');
    Ok(value)
}

/// RFC 3261 token characters plus what a hostport adds (`:` and the IPv6
/// reference brackets).
const fn is_agent_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'!'
                | b'%'
                | b'*'
                | b'_'
                | b'+'
                | b'`'
                | b'\''
                | b'~'
                | b':'
                | b'['
                | b']'
        )
}

/// A `Warning` header (RFC 3261 §20.43): `code agent "text"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SipWarning {
    /// The three-digit warn-code, e.g. 370.
    pub code: u16,
    /// The warn-agent: a host name or pseudonym, `-` when not saying.
    pub agent: String,
    /// The warn-text, unquoted. [`SipWarning::new`] and
    /// [`SipWarning::parse`] keep at most 256 bytes of it, and
    /// [`SipWarning::header_value`] writes at most that much.
    pub text: String,
}

impl SipWarning {
    /// A Warning with `code`, agent `agent` (`None` or empty: `-`) and the
    /// RFC 3261 standard text of the code (`Miscellaneous warning` for a code
    /// without one).
    pub fn standard(code: u16, agent: Option<&str>) -> Self {
        SipWarning::new(
            code,
            agent,
            standard_warn_text(code).unwrap_or("Miscellaneous warning"),
        )
    }

    /// A Warning with `code`, agent (`None` or empty: `-`) and `text`, cut
    /// to at most [`MAX_WARN_TEXT_LEN`] bytes on a char boundary.
    ///
    pub fn new(code: u16, agent: Option<&str>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let kept = bounded_warn_text(&text).len();
        text.truncate(kept);
        SipWarning {
            code,
            agent: agent.filter(|a| !a.is_empty()).unwrap_or("-").to_owned(),
            text,
        }
    }

    /// Reads a header value `370 host "text"`. A value whose agent or text
    /// is missing keeps what is there (`-` and the rest as text); `None` when
    /// it does not start with a three-digit code.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        let code = warn_code(value)?;
        let rest = value.get(3..).unwrap_or("").trim_start();
        let (agent, text) = match rest.split_once(char::is_whitespace) {
            Some((agent, text)) => (agent, text.trim()),
            None if rest.starts_with('"') => ("-", rest),
            None => (rest, ""),
        };
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        let mut unescaped = String::with_capacity(text.len());
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(next) = chars.next() {
                    unescaped.push(next);
                }
            } else {
                unescaped.push(c);
            }
        }
        Some(SipWarning::new(code, Some(agent), unescaped))
    }

    /// The header value, e.g. `370 - "Insufficient bandwidth"`: the text
    /// written as an RFC 3261 §25.1 quoted-string (`"` and `\` escaped,
    /// control characters as spaces, at most [`MAX_WARN_TEXT_LEN`] bytes of
    /// text), so it is always one valid header line; an agent that is not a
    /// host or token is written as `-`, a code outside 100–999 as 399.
    ///
    pub fn header_value(&self) -> String {
        let code = if (100..=999).contains(&self.code) {
            self.code
        } else {
            399
        };
        warning_header_value(code, Some(&self.agent), &self.text)
            .or_else(|_| warning_header_value(code, None, &self.text))
            .unwrap_or_else(|_| "399 - \"\"".to_owned())
    }
}

impl fmt::Display for SipWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header_value())
    }
}

/// The three-digit warn-code a Warning value starts with (100–999).
pub(crate) fn warn_code(value: &str) -> Option<u16> {
    let digits = value.trim_start().get(..3)?;
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok().filter(|c| (100..=999).contains(c))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_on_a_char_boundary() {
        let long = "€".repeat(100);
        let cut = bounded_warn_text(&long);
        assert_eq!(cut.len(), 255);
        assert_eq!(bounded_warn_text("short"), "short");
        let value = warning_header_value(399, None, &"\"".repeat(1000)).unwrap();
        assert_eq!(value.len(), "399 - \"\"".len() + 2 * MAX_WARN_TEXT_LEN);
    }

    #[test]
    fn displayed_text_stops_at_the_bound() {
        struct Endless;
        impl fmt::Display for Endless {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for _ in 0..1_000_000 {
                    f.write_str("ab€")?;
                }
                Ok(())
            }
        }
        let text = warn_text_of(&Endless);
        assert_eq!(text.len(), 256);
        assert!(text.ends_with("ab€a"));
        struct Wide;
        impl fmt::Display for Wide {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a")?;
                f.write_str(&"€".repeat(1000))
            }
        }
        assert_eq!(warn_text_of(&Wide).len(), 1 + 255);
        assert_eq!(warn_text_of(&"short"), "short");
    }
}
