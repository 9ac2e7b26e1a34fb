//! The line parser: one pass over the text, linear in its length.

use super::MediaStarts;
use super::error::SdpError;
use super::line::LineRec;
use super::session::SessionDescription;

/// Bounds on what [`SessionDescription::parse_with`] accepts, so that hostile
/// input costs a bounded amount of memory and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseLimits {
    /// Largest accepted text in bytes (default 64 KiB).
    pub max_size: usize,
    /// Largest accepted number of m-lines (default 256).
    pub max_media: usize,
}

impl ParseLimits {
    /// The defaults: 64 KiB, 256 m-lines.
    pub const DEFAULT: ParseLimits = ParseLimits {
        max_size: 64 * 1024,
        max_media: 256,
    };
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Parses `text` into the lossless line model.
///
/// Accepts LF or CRLF line endings, drops trailing spaces/tabs and blank
/// lines, requires `v=` first and `<letter>=` on every line, and refuses a
/// NUL anywhere or a CR inside a value (RFC 8866 §9: `text` excludes NUL,
/// CR and LF; a bare CR would split the line for a reader that ends lines
/// on CR). Everything else, known or not, is kept in order.
pub(crate) fn parse(text: &str, limits: &ParseLimits) -> Result<SessionDescription, SdpError> {
    if text.len() > limits.max_size {
        return Err(SdpError::TooLarge {
            size: text.len(),
            limit: limits.max_size,
        });
    }
    if text.len() > u32::MAX as usize {
        return Err(SdpError::TooLarge {
            size: text.len(),
            limit: u32::MAX as usize,
        });
    }
    let bytes = text.as_bytes();
    let mut lines: Vec<LineRec> = Vec::with_capacity(bytes.len() / 16 + 2);
    let mut media = MediaStarts::new();
    let mut canonical = bytes.last() == Some(&b'\n');
    let mut number = 0u32;
    let mut pos = 0usize;
    // CRs taken off line ends; any other CR (or a NUL) is inside a value.
    let mut end_crs = 0usize;
    // One SIMD scan for the line ends, then each line once.
    let ends = memchr::memchr_iter(b'\n', bytes)
        .chain((bytes.last() != Some(&b'\n')).then_some(bytes.len()));
    for eol in ends {
        let line_start = pos;
        pos = eol + 1;
        number += 1;
        let mut end = eol;
        if end > line_start && bytes[end - 1] == b'\r' {
            end -= 1;
            end_crs += 1;
        } else {
            canonical = false;
        }
        while end > line_start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
            end_crs += usize::from(bytes[end - 1] == b'\r');
            end -= 1;
            canonical = false;
        }
        if end == line_start {
            canonical = false;
            continue;
        }
        let letter = bytes[line_start];
        if end - line_start < 2 || bytes[line_start + 1] != b'=' || !letter.is_ascii_alphabetic() {
            return Err(SdpError::MalformedLine {
                line: number as usize,
            });
        }
        if lines.is_empty() && letter != b'v' {
            return Err(SdpError::MissingVersion {
                line: number as usize,
            });
        }
        if letter == b'm' {
            if media.len() >= limits.max_media {
                return Err(SdpError::TooManyMedia {
                    limit: limits.max_media,
                });
            }
            media.push(lines.len() as u32);
        }
        lines.push(LineRec {
            kind: letter,
            start: (line_start + 2) as u32,
            end: end as u32,
            number,
        });
    }
    if lines.is_empty() {
        return Err(SdpError::Empty);
    }
    let (crs, nuls) = count_cr_nul(bytes);
    if crs != end_crs || nuls != 0 {
        return Err(forbidden_byte(bytes));
    }
    Ok(SessionDescription::from_parts(
        text.to_owned(),
        lines,
        media,
        canonical,
    ))
}

/// The number of CR and NUL bytes in `bytes`, in one pass the compiler
/// vectorizes (byte-wide counters, flushed every 255 bytes).
fn count_cr_nul(bytes: &[u8]) -> (usize, usize) {
    let (mut crs, mut nuls) = (0usize, 0usize);
    for chunk in bytes.chunks(255) {
        let (mut c, mut n) = (0u8, 0u8);
        for &b in chunk {
            c += u8::from(b == b'\r');
            n += u8::from(b == 0);
        }
        crs += usize::from(c);
        nuls += usize::from(n);
    }
    (crs, nuls)
}

/// The error for the first line whose value holds a NUL or a CR that does
/// not end the line (slow path: only runs on such input).
fn forbidden_byte(bytes: &[u8]) -> SdpError {
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let trimmed = raw
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map_or(&[][..], |end| raw.get(..=end).unwrap_or(raw));
        if let Some(&byte) = trimmed.iter().find(|&&b| b == b'\r' || b == 0) {
            return SdpError::ForbiddenByte { line: i + 1, byte };
        }
        if raw.contains(&0) {
            return SdpError::ForbiddenByte {
                line: i + 1,
                byte: 0,
            };
        }
    }
    SdpError::ForbiddenByte { line: 1, byte: 0 }
}

/// Parses bytes: checks UTF-8 first, naming the line of the first bad byte.
pub(crate) fn parse_bytes(
    bytes: &[u8],
    limits: &ParseLimits,
) -> Result<SessionDescription, SdpError> {
    if bytes.len() > limits.max_size {
        return Err(SdpError::TooLarge {
            size: bytes.len(),
            limit: limits.max_size,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, limits),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(SdpError::InvalidUtf8 { line })
        }
    }
}
