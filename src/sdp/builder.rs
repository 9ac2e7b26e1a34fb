//! [`SdpBuilder`]: writes a description line by line straight into its final
//! CRLF text, so serializing a built description is one copy.

use super::MediaStarts;
use super::error::SdpError;
use super::line::LineRec;
use super::session::SessionDescription;

/// Builds a [`SessionDescription`] line by line.
///
/// ```
/// use sdp_offer_answer::sdp::SdpBuilder;
/// let mut b = SdpBuilder::new();
/// b.push_line(b'v', "0")?.push_line(b's', "-")?.push_line(b'm', "audio 4000 RTP/AVP 0")?;
/// let sdp = b.build();
/// assert_eq!(sdp.serialize(), "v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n");
/// # Ok::<(), sdp_offer_answer::sdp::SdpError>(())
/// ```
#[derive(Debug, Default)]
pub struct SdpBuilder {
    text: String,
    lines: Vec<LineRec>,
    media: MediaStarts,
}

impl SdpBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder with room for `bytes` of text and `lines` lines.
    pub fn with_capacity(bytes: usize, lines: usize) -> Self {
        SdpBuilder {
            text: String::with_capacity(bytes),
            lines: Vec::with_capacity(lines),
            media: MediaStarts::new(),
        }
    }

    /// Appends `<letter>=<value>`. Trailing spaces and tabs of `value` are
    /// dropped, as the parser drops them, so that the built description
    /// equals its parsed serialization.
    ///
    /// # Errors
    /// [`SdpError::MalformedLine`] when `letter` is not an ASCII letter or
    /// `value` holds a CR or LF (a line must stay one line).
    pub fn push_line(&mut self, letter: u8, value: &str) -> Result<&mut Self, SdpError> {
        if !letter.is_ascii_alphabetic() || value.contains(['\r', '\n']) {
            return Err(SdpError::MalformedLine {
                line: self.lines.len() + 1,
            });
        }
        self.line(letter, value.trim_end_matches([' ', '\t']));
        Ok(self)
    }

    /// Appends a line whose value is known to be one line (crate-internal hot path).
    pub(crate) fn line(&mut self, letter: u8, value: &str) {
        self.line_with(letter, |w| {
            w.push_str(value);
        });
    }

    /// Appends a line whose value `f` writes piece by piece (crate-internal:
    /// callers only write single-line values).
    pub(crate) fn line_with(&mut self, letter: u8, f: impl FnOnce(&mut ValueWriter<'_>)) {
        if letter == b'm' {
            self.media.push(self.lines.len() as u32);
        }
        self.text.push(letter as char);
        self.text.push('=');
        let start = self.text.len();
        f(&mut ValueWriter {
            text: &mut self.text,
        });
        let end = self.text.len();
        self.text.push_str("\r\n");
        self.lines.push(LineRec {
            kind: letter,
            start: start as u32,
            end: end as u32,
            number: self.lines.len() as u32 + 1,
        });
    }

    /// Number of lines so far.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The finished description.
    pub fn build(self) -> SessionDescription {
        SessionDescription::from_parts(self.text, self.lines, self.media, true)
    }
}

/// Writes one line's value (see `SdpBuilder::line_with`).
pub(crate) struct ValueWriter<'a> {
    text: &'a mut String,
}

impl std::fmt::Write for ValueWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

impl ValueWriter<'_> {
    #[inline]
    pub(crate) fn push_str(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    #[inline]
    pub(crate) fn push_char(&mut self, c: char) -> &mut Self {
        self.text.push(c);
        self
    }

    #[inline]
    pub(crate) fn push_u64(&mut self, n: u64) -> &mut Self {
        let mut buf = itoa::Buffer::new();
        self.text.push_str(buf.format(n));
        self
    }
}
