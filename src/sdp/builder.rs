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
    /// `value` holds a CR, LF or NUL (a line must stay one line, RFC 8866 §9).
    pub fn push_line(&mut self, letter: u8, value: &str) -> Result<&mut Self, SdpError> {
        if !letter.is_ascii_alphabetic()
            || memchr::memchr3(b'\r', b'\n', 0, value.as_bytes()).is_some()
        {
            return Err(SdpError::MalformedLine {
                line: self.lines.len() + 1,
            });
        }
        self.line(letter, value.trim_end_matches([' ', '\t']));
        Ok(self)
    }

    /// Appends a line (crate-internal hot path); [`SdpBuilder::finish`]
    /// checks every value at the end.
    pub(crate) fn line(&mut self, letter: u8, value: &str) {
        self.line_with(letter, |w| {
            w.push_str(value);
        });
    }

    /// Appends a line whose value `f` writes piece by piece (crate-internal;
    /// [`SdpBuilder::finish`] checks every value at the end).
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

    /// The finished description, after checking that no value holds a CR,
    /// LF or NUL (RFC 8866 §9) and that the text fits `limits` (our own
    /// parser's caps): the one gate every SDP the crate writes passes, so
    /// text that came from a remote can never add a line to what we send,
    /// nor make it larger than we would accept ourselves.
    ///
    /// One vectorized pass over the text: each line adds exactly one CRLF,
    /// so the counts of CR and LF equal the line count exactly when no
    /// value holds one.
    ///
    /// # Errors
    /// [`SdpError::ForbiddenByte`] (the first offending line) or
    /// [`SdpError::TooLarge`] / [`SdpError::TooManyMedia`].
    pub(crate) fn finish(
        self,
        limits: &super::ParseLimits,
    ) -> Result<SessionDescription, SdpError> {
        if self.text.len() > limits.max_size {
            return Err(SdpError::TooLarge {
                size: self.text.len(),
                limit: limits.max_size,
            });
        }
        if self.media.len() > limits.max_media {
            return Err(SdpError::TooManyMedia {
                limit: limits.max_media,
            });
        }
        let (crs, lfs, nuls) = count_cr_lf_nul(self.text.as_bytes());
        if crs != self.lines.len() || lfs != self.lines.len() || nuls != 0 {
            let bad = self
                .lines
                .iter()
                .find(|r| {
                    let v = self.text.as_bytes().get(r.start as usize..r.end as usize);
                    v.is_none_or(|v| memchr::memchr3(b'\r', b'\n', 0, v).is_some())
                })
                .map_or(1, |r| r.number as usize);
            let byte = self
                .lines
                .get(bad.saturating_sub(1))
                .and_then(|r| self.text.as_bytes().get(r.start as usize..r.end as usize))
                .and_then(|v| {
                    v.iter()
                        .copied()
                        .find(|&b| b == b'\r' || b == b'\n' || b == 0)
                })
                .unwrap_or(0);
            return Err(SdpError::ForbiddenByte { line: bad, byte });
        }
        Ok(self.build())
    }
}

/// The CR, LF and NUL bytes of `bytes`, counted in one pass the compiler
/// vectorizes (byte-wide counters, flushed every 255 bytes).
fn count_cr_lf_nul(bytes: &[u8]) -> (usize, usize, usize) {
    let (mut crs, mut lfs, mut nuls) = (0usize, 0usize, 0usize);
    for chunk in bytes.chunks(255) {
        let (mut c, mut l, mut n) = (0u8, 0u8, 0u8);
        for &b in chunk {
            c += u8::from(b == b'\r');
            l += u8::from(b == b'\n');
            n += u8::from(b == 0);
        }
        crs += usize::from(c);
        lfs += usize::from(l);
        nuls += usize::from(n);
    }
    (crs, lfs, nuls)
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

    /// Lets `f` append to the value directly (typed writers that build text).
    #[inline]
    pub(crate) fn with_string(&mut self, f: impl FnOnce(&mut String)) -> &mut Self {
        f(self.text);
        self
    }

    #[inline]
    pub(crate) fn push_u64(&mut self, n: u64) -> &mut Self {
        let mut buf = itoa::Buffer::new();
        self.text.push_str(buf.format(n));
        self
    }
}
