//! One `<type>=<value>` line (RFC 8866 §5) and its type letter.

use super::views::Attribute;

/// Where a line lives in the text buffer of its [`super::SessionDescription`].
///
/// `start..end` is the value (after `x=`, without line ending or trailing
/// whitespace); `number` is the 1-based source line (or position, for built
/// descriptions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineRec {
    pub(crate) kind: u8,
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) number: u32,
}

/// The type letter of an SDP line (RFC 8866 §5), named as the RFC names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineType {
    /// `v=` protocol version.
    Version,
    /// `o=` origin.
    Origin,
    /// `s=` session name.
    SessionName,
    /// `i=` session or media information.
    Information,
    /// `u=` URI.
    Uri,
    /// `e=` email address.
    Email,
    /// `p=` phone number.
    Phone,
    /// `c=` connection data.
    Connection,
    /// `b=` bandwidth.
    Bandwidth,
    /// `t=` timing.
    Timing,
    /// `r=` repeat times.
    Repeat,
    /// `z=` time zones.
    TimeZone,
    /// `k=` encryption key (obsolete, kept as written).
    Key,
    /// `a=` attribute.
    Attribute,
    /// `m=` media description.
    Media,
    /// Any other letter: kept as written (RFC 8866 §5: unknown types are ignored, not dropped here).
    Other(u8),
}

impl LineType {
    /// The type for a line letter.
    pub fn from_letter(letter: u8) -> Self {
        match letter {
            b'v' => LineType::Version,
            b'o' => LineType::Origin,
            b's' => LineType::SessionName,
            b'i' => LineType::Information,
            b'u' => LineType::Uri,
            b'e' => LineType::Email,
            b'p' => LineType::Phone,
            b'c' => LineType::Connection,
            b'b' => LineType::Bandwidth,
            b't' => LineType::Timing,
            b'r' => LineType::Repeat,
            b'z' => LineType::TimeZone,
            b'k' => LineType::Key,
            b'a' => LineType::Attribute,
            b'm' => LineType::Media,
            other => LineType::Other(other),
        }
    }

    /// The letter written before `=`.
    pub fn letter(self) -> u8 {
        match self {
            LineType::Version => b'v',
            LineType::Origin => b'o',
            LineType::SessionName => b's',
            LineType::Information => b'i',
            LineType::Uri => b'u',
            LineType::Email => b'e',
            LineType::Phone => b'p',
            LineType::Connection => b'c',
            LineType::Bandwidth => b'b',
            LineType::Timing => b't',
            LineType::Repeat => b'r',
            LineType::TimeZone => b'z',
            LineType::Key => b'k',
            LineType::Attribute => b'a',
            LineType::Media => b'm',
            LineType::Other(letter) => letter,
        }
    }
}

/// A borrowed line of a session description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub(crate) letter: u8,
    pub(crate) value: &'a str,
    pub(crate) number: usize,
}

impl<'a> Line<'a> {
    /// The line's type.
    pub fn line_type(&self) -> LineType {
        LineType::from_letter(self.letter)
    }

    /// The type letter as written (`b'a'` for `a=`).
    pub fn letter(&self) -> u8 {
        self.letter
    }

    /// The value after `x=`, without line ending or trailing whitespace.
    pub fn value(&self) -> &'a str {
        self.value
    }

    /// 1-based number of the line in its source text (its position for built descriptions).
    pub fn number(&self) -> usize {
        self.number
    }

    /// The line as an attribute, when it is an `a=` line.
    pub fn as_attribute(&self) -> Option<Attribute<'a>> {
        (self.letter == b'a').then(|| Attribute::from_value(self.value, self.number))
    }
}

impl std::fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.letter as char, self.value)
    }
}
