//! The SIP `Warning` header value (RFC 3261 §20.43, grammar in §25.1).

use std::fmt::Write as _;

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
/// * `text`: free text, written as a quoted-string: `"` and `\` are escaped
///   with `\`; CR, LF and other control characters (which a quoted-string
///   cannot carry) become spaces, so the value can never break the header.
///   Non-ASCII UTF-8 is kept.
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
