//! What the raw text shows and the parsed model no longer does (RFC 8866 §5:
//! lines end in CRLF, no blank lines, no whitespace after the value).

use super::{Problem, ProblemKind as K, Severity, more_problems};

fn warning(line: usize, kind: K, message: String) -> Problem {
    Problem {
        line,
        severity: Severity::Warning,
        kind,
        message,
    }
}

/// Runs of LF-only line endings (one warning per run, at its first line),
/// trailing whitespace, blank lines and a missing final line ending. Line
/// numbers count every line of `text`, blank ones included, as the parser does.
pub(super) fn check(text: &str, cap: usize) -> Vec<Problem> {
    let bytes = text.as_bytes();
    let mut problems = Vec::new();
    let mut lf_run: Option<(usize, usize)> = None;
    let mut pos = 0usize;
    let mut number = 0usize;
    while pos < bytes.len() {
        number += 1;
        let rest = bytes.get(pos..).unwrap_or_default();
        let (line, newline) = match rest.iter().position(|&b| b == b'\n') {
            Some(off) => (rest.get(..off).unwrap_or_default(), true),
            None => (rest, false),
        };
        pos += line.len() + usize::from(newline);
        let (content, crlf) = match line.split_last() {
            Some((b'\r', head)) => (head, true),
            _ => (line, false),
        };
        if newline && !crlf {
            lf_run = Some(match lf_run {
                Some((start, _)) => (start, number),
                None => (number, number),
            });
        } else if let Some(run) = lf_run.take() {
            problems.push(lf_warning(run));
        }
        let trimmed_len = content
            .iter()
            .rposition(|&b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map_or(0, |i| i + 1);
        if trimmed_len == 0 {
            problems.push(warning(
                number,
                K::BlankLine,
                "blank line; an SDP has none (RFC 8866 §5)".to_owned(),
            ));
        } else if trimmed_len < content.len() {
            problems.push(warning(
                number,
                K::TrailingWhitespace,
                "trailing whitespace after the value (RFC 8866 §5)".to_owned(),
            ));
        }
        if !newline {
            problems.push(warning(
                number,
                K::NoFinalLineEnding,
                "the last line has no CRLF line ending (RFC 8866 §5)".to_owned(),
            ));
        }
    }
    if let Some(run) = lf_run {
        problems.push(lf_warning(run));
    }
    problems.sort_by_key(|p| p.line);
    if problems.len() > cap {
        let not_listed = problems.len() - cap;
        problems.truncate(cap);
        problems.insert(0, more_problems(not_listed));
    }
    problems
}

fn lf_warning((start, end): (usize, usize)) -> Problem {
    let message = if start == end {
        format!("line {start} ends in LF, not CRLF (RFC 8866 §5)")
    } else {
        format!("lines {start}-{end} end in LF, not CRLF (RFC 8866 §5)")
    };
    warning(start, K::LfLineEnding, message)
}
