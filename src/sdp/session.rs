//! [`SessionDescription`]: the lossless line model and its session-level views.

use std::fmt;

use super::MediaStarts;
use super::error::SdpError;
use super::line::{Line, LineRec};
use super::media::MediaDescription;
use super::parse::{self, ParseLimits};
use super::views::{Attribute, Bandwidth, Connection, Direction, Origin};

/// A session description (RFC 8866) kept line by line.
///
/// Every line of the source is kept, in order, at session and media level:
/// unknown attributes, `i=`/`u=`/`e=`/`p=`/`k=`/`r=`/`z=`, several `c=` per
/// media, unknown protocols and media types. Typed views (origin, m-line,
/// rtpmap, fmtp, crypto, ...) are read from the lines on demand and borrow
/// from the description.
///
/// Serialization (`Display`, [`SessionDescription::serialize`]) always writes
/// CRLF, so `serialize(parse(x)) == x` up to line endings, trailing
/// whitespace and blank lines.
///
/// ```
/// use sdp_offer_answer::sdp::SessionDescription;
/// let sdp = SessionDescription::parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 49170 RTP/AVP 0\na=x-custom:kept\n")?;
/// assert_eq!(sdp.media_count(), 1);
/// assert_eq!(sdp.media(0).unwrap().attribute("x-custom").unwrap().value(), Some("kept"));
/// assert!(sdp.serialize().ends_with("a=x-custom:kept\r\n"));
/// # Ok::<(), sdp_offer_answer::sdp::SdpError>(())
/// ```
#[derive(Clone)]
pub struct SessionDescription {
    text: String,
    lines: Vec<LineRec>,
    media: MediaStarts,
    /// `text` is exactly the CRLF serialization of `lines`.
    canonical: bool,
}

impl SessionDescription {
    pub(crate) fn from_parts(
        text: String,
        lines: Vec<LineRec>,
        media: MediaStarts,
        canonical: bool,
    ) -> Self {
        SessionDescription {
            text,
            lines,
            media,
            canonical,
        }
    }

    /// Parses an SDP text with the default [`ParseLimits`] (64 KiB, 256 m-lines).
    ///
    /// # Errors
    /// [`SdpError::TooLarge`], [`SdpError::TooManyMedia`], [`SdpError::Empty`],
    /// [`SdpError::MissingVersion`], [`SdpError::MalformedLine`] with the line number.
    pub fn parse(text: &str) -> Result<Self, SdpError> {
        parse::parse(text, &ParseLimits::DEFAULT)
    }

    /// Parses an SDP text with the given limits. Cost is linear in the input.
    ///
    /// # Errors
    /// As [`SessionDescription::parse`].
    pub fn parse_with(text: &str, limits: &ParseLimits) -> Result<Self, SdpError> {
        parse::parse(text, limits)
    }

    /// Parses SDP bytes (a SIP body), checking UTF-8 first.
    ///
    /// # Errors
    /// [`SdpError::InvalidUtf8`] with the line of the first bad byte, or as
    /// [`SessionDescription::parse`].
    pub fn parse_bytes(bytes: &[u8], limits: &ParseLimits) -> Result<Self, SdpError> {
        parse::parse_bytes(bytes, limits)
    }

    /// The CRLF serialization (RFC 8866 §5), one allocation.
    pub fn serialize(&self) -> String {
        if self.canonical {
            return self.text.clone();
        }
        let mut out = String::with_capacity(self.text.len() + self.lines.len() * 2);
        self.write_to(&mut out);
        out
    }

    /// Appends the CRLF serialization to `out`.
    pub fn write_to(&self, out: &mut String) {
        if self.canonical {
            out.push_str(&self.text);
            return;
        }
        for rec in &self.lines {
            out.push(rec.kind as char);
            out.push('=');
            out.push_str(self.value_of(rec));
            out.push_str("\r\n");
        }
    }

    /// Length of the text buffer (the source, or the built CRLF text).
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    #[inline]
    pub(crate) fn value_of(&self, rec: &LineRec) -> &str {
        // Spans are set by the parser and the builder on char boundaries
        // (after an ASCII `=` and before ASCII whitespace or end of text).
        self.text
            .get(rec.start as usize..rec.end as usize)
            .unwrap_or("")
    }

    #[inline]
    pub(crate) fn line_of(&self, rec: &LineRec) -> Line<'_> {
        Line {
            letter: rec.kind,
            value: self.value_of(rec),
            number: rec.number as usize,
        }
    }

    /// Every line, session and media level, in order.
    pub fn lines(&self) -> impl ExactSizeIterator<Item = Line<'_>> + '_ {
        self.lines.iter().map(move |r| self.line_of(r))
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    fn session_records(&self) -> &[LineRec] {
        let end = self.media.first().map_or(self.lines.len(), |&m| m as usize);
        &self.lines[..end]
    }

    /// The session-level lines (everything before the first `m=`).
    pub fn session_lines(&self) -> impl ExactSizeIterator<Item = Line<'_>> + '_ {
        self.session_records().iter().map(move |r| self.line_of(r))
    }

    /// Number of media descriptions (m-lines).
    pub fn media_count(&self) -> usize {
        self.media.len()
    }

    /// The media description at `index` (0-based m-line index).
    pub fn media(&self, index: usize) -> Option<MediaDescription<'_>> {
        (index < self.media.len()).then(|| self.media_at(index))
    }

    /// `index` must be below `self.media.len()`.
    fn media_at(&self, index: usize) -> MediaDescription<'_> {
        let start = self.media[index] as usize;
        let end = self
            .media
            .get(index + 1)
            .map_or(self.lines.len(), |&m| m as usize);
        MediaDescription::new(self, index, &self.lines[start..end])
    }

    /// All media descriptions in m-line order.
    pub fn media_descriptions(&self) -> impl ExactSizeIterator<Item = MediaDescription<'_>> + '_ {
        (0..self.media.len()).map(move |i| self.media_at(i))
    }

    fn session_value(&self, letter: u8) -> Option<Line<'_>> {
        self.session_records()
            .iter()
            .find(|r| r.kind == letter)
            .map(|r| self.line_of(r))
    }

    /// The `o=` line, typed. `Ok(None)` when there is none.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the line is malformed.
    pub fn origin(&self) -> Result<Option<Origin<'_>>, SdpError> {
        self.session_value(b'o')
            .map(|l| Origin::parse(l.value, l.number))
            .transpose()
    }

    /// The `s=` value, when present.
    pub fn session_name(&self) -> Option<&str> {
        self.session_value(b's').map(|l| l.value)
    }

    /// The session-level `c=` line, typed. `Ok(None)` when there is none.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the line is malformed.
    pub fn connection(&self) -> Result<Option<Connection<'_>>, SdpError> {
        self.session_value(b'c')
            .map(|l| Connection::parse(l.value, l.number))
            .transpose()
    }

    /// Session-level `b=` lines, typed.
    pub fn bandwidths(&self) -> impl Iterator<Item = Result<Bandwidth<'_>, SdpError>> + '_ {
        self.session_records()
            .iter()
            .filter(|r| r.kind == b'b')
            .map(move |r| Bandwidth::parse(self.value_of(r), r.number as usize))
    }

    /// Session-level attributes, in order.
    pub fn attributes(&self) -> impl Iterator<Item = Attribute<'_>> + '_ {
        self.session_records()
            .iter()
            .filter(|r| r.kind == b'a')
            .map(move |r| Attribute::from_value(self.value_of(r), r.number as usize))
    }

    /// The first session-level attribute named `name` (case-sensitive, as RFC 8866 §6 names are).
    pub fn attribute(&self, name: &str) -> Option<Attribute<'_>> {
        self.attributes().find(|a| a.name() == name)
    }

    /// The session-level direction attribute (RFC 3264 §5.1), when there is one.
    pub fn direction(&self) -> Option<Direction> {
        self.attributes()
            .find_map(|a| Direction::from_attribute(a.name()))
    }

    /// `true` when the text held exactly its CRLF serialization (no LF-only
    /// endings, trailing whitespace or blank lines).
    pub fn is_canonical(&self) -> bool {
        self.canonical
    }
}

impl PartialEq for SessionDescription {
    /// Two descriptions are equal when they hold the same lines (type and value) in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.lines.len() == other.lines.len()
            && self
                .lines
                .iter()
                .zip(&other.lines)
                .all(|(a, b)| a.kind == b.kind && self.value_of(a) == other.value_of(b))
    }
}
impl Eq for SessionDescription {}

impl fmt::Display for SessionDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.canonical {
            return f.write_str(&self.text);
        }
        for rec in &self.lines {
            write!(f, "{}={}\r\n", rec.kind as char, self.value_of(rec))?;
        }
        Ok(())
    }
}

impl fmt::Debug for SessionDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.lines().map(|l| l.to_string()))
            .finish()
    }
}

impl std::str::FromStr for SessionDescription {
    type Err = SdpError;
    fn from_str(s: &str) -> Result<Self, SdpError> {
        SessionDescription::parse(s)
    }
}
