//! Lists what a strict peer (webrtc-sdp/Chrome, PJSIP, Sofia-SIP) would
//! reject, or merely frown upon, in a session description.
//!
//! [`check`] looks at the parsed line model; [`check_text`] also looks at the
//! raw text for what parsing normalises away (LF-only line endings, trailing
//! whitespace, blank lines, a missing final newline).
//!
//! Each [`Problem`] names its 1-based source line (0 for the whole
//! description), a [`Severity`], a machine-readable [`ProblemKind`] (whose
//! [`rule`](ProblemKind::rule) is the RFC section it enforces) and a
//! one-sentence message naming that section. Problems come sorted by line; problems on the same line keep the
//! order in which they were found.
//!
//! What is checked:
//!
//! * structure (RFC 8866 §5): `v=0`; `o=`, `s=` and `t=` present; session
//!   lines in the order `v o s i u e p c b t r z k a` and media lines in the
//!   order `m i c b k a`; no repeated single lines; no unknown line types; no
//!   session-only lines in a media description; `o=`/`t=` well formed; an
//!   empty `s=` (warning);
//! * `c=` (RFC 8866 §5.7): present for every media unless given at session
//!   level; readable; network type `IN`; its address of the family it declares;
//! * every typed view reads: `m=`, `c=`, `b=`, `a=rtpmap`, `a=fmtp`,
//!   `a=ptime`/`a=maxptime`, `a=rtcp`, `a=crypto`, `a=fingerprint`,
//!   `a=setup`, `a=candidate`, `a=group`, `a=mid`;
//! * formats: an m-line lists some; on RTP m-lines each is a payload type
//!   number, listed once, with an `a=rtpmap` unless statically assigned
//!   (ports other than 0); `a=rtpmap`/`a=fmtp` name listed formats (warning);
//!   one `a=rtpmap` per payload type; a static payload type's `a=rtpmap`
//!   agrees with RFC 3551 §6;
//! * attributes: one direction attribute per section (RFC 3264 §5.1); decimal
//!   `a=ptime`/`a=maxptime` (warning); media-level attributes at session
//!   level and `a=group` at media level (warnings); upper-case
//!   `a=fingerprint` hash names (warning); `a=group` mids carried by some
//!   m-line; `a=mid` values unique and one per media.
//!
//! A report lists at most 16 problems plus one per 128 bytes of input,
//! then (first, as line 0) one problem saying how many more were found: memory stays
//! a fraction of the input's size however many lines are wrong.
//!
//! Deliberately not flagged: `a=setup:actpass` (fine in offers), attributes
//! under a port-0 m-line, unknown attributes.
//!
//! ```
//! use sdp_offer_answer::sdp::SessionDescription;
//! use sdp_offer_answer::sdp::check::{check, ProblemKind, Severity};
//! let sdp = SessionDescription::parse(
//!     "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 96\r\n",
//! )?;
//! let problems = check(&sdp);
//! assert_eq!(problems.len(), 1);
//! assert_eq!(problems[0].line, 6);
//! assert_eq!(problems[0].severity, Severity::Error);
//! assert_eq!(problems[0].kind, ProblemKind::MissingRtpmap);
//! assert_eq!(problems[0].kind.rule(), Some("RFC 8866 §6.6"));
//! assert_eq!(problems[0].message, "dynamic payload type 96 has no a=rtpmap (RFC 8866 §6.6)");
//! # Ok::<(), sdp_offer_answer::sdp::SdpError>(())
//! ```

mod attributes;
mod kind;
mod media;
mod static_pt;
mod structure;
mod text;

use std::fmt;

use super::error::SdpError;
use super::session::SessionDescription;

pub use kind::ProblemKind;

/// How bad a [`Problem`] is.
///
/// Ordered: `Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[allow(
    clippy::exhaustive_enums,
    reason = "two levels by design: a strict peer refuses, or it frowns"
)]
pub enum Severity {
    /// Tolerated by most peers but not conforming (or known to trip some stacks).
    Warning,
    /// A strict peer refuses the description (or misreads it).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found by [`check`] or [`check_text`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Problem {
    /// 1-based source line, 0 for the whole description.
    pub line: usize,
    /// Whether a strict peer refuses it ([`Severity::Error`]) or merely frowns on it.
    pub severity: Severity,
    /// What kind of problem it is, for tools: the check and, through
    /// [`ProblemKind::rule`], the RFC rule it enforces.
    pub kind: ProblemKind,
    /// What is wrong, in one short sentence naming the RFC section.
    pub message: String,
}

impl Problem {
    /// `true` for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `line 7: error: <message>`, or `error: <message>` for line 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.severity, self.message)
        } else {
            write!(f, "line {}: {}: {}", self.line, self.severity, self.message)
        }
    }
}

/// Lists the problems of a parsed description that a strict peer would
/// reject (or that are non-conforming), sorted by line.
///
/// Line numbers are those of the source text for parsed descriptions (line
/// positions for built ones). Never panics; cost is linear in the number of
/// lines (plus `a=group` ids × m-lines).
pub fn check(sdp: &SessionDescription) -> Vec<Problem> {
    let mut report = Report::new(max_problems(sdp.text_len()));
    let session_has_c = structure::check(sdp, &mut report);
    let session =
        attributes::check_section(sdp.attributes(), attributes::Level::Session, &mut report);
    let mut mids = Vec::new();
    for m in sdp.media_descriptions() {
        media::check(&m, session_has_c, &mut report, &mut mids);
    }
    attributes::check_mids_and_groups(&session.groups, &mids, &mut report);
    report.finish()
}

/// Parses `text` (default [`crate::sdp::ParseLimits`]) and lists the
/// problems of [`check`] together with those of the raw text that parsing
/// normalises away: runs of LF-only line endings, trailing whitespace, blank
/// lines and a missing final line ending (all warnings, RFC 8866 §5), sorted
/// by line.
///
/// # Errors
/// The [`SdpError`] of [`SessionDescription::parse`] when the text does not
/// parse at all.
pub fn check_text(text: &str) -> Result<Vec<Problem>, SdpError> {
    let sdp = SessionDescription::parse(text)?;
    let mut problems = check(&sdp);
    problems.extend(text::check(text, max_problems(text.len())));
    problems.sort_by_key(|p| p.line);
    Ok(problems)
}

/// How many problems a report lists before it stops with a summary: 16
/// plus one per 128 bytes of input, so that the report (about 150 bytes a
/// problem) stays a fraction of the input's size however many lines are
/// wrong.
pub(crate) fn max_problems(input_len: usize) -> usize {
    16 + input_len / 128
}

/// The first problem (line 0) of a report that hit [`max_problems`].
fn more_problems(not_listed: usize) -> Problem {
    Problem {
        line: 0,
        severity: Severity::Error,
        kind: ProblemKind::ProblemsNotListed,
        message: format!("{not_listed} more problems not listed"),
    }
}

/// Collects problems while the checks run, up to a cap.
struct Report {
    problems: Vec<Problem>,
    cap: usize,
    not_listed: usize,
}

impl Report {
    fn new(cap: usize) -> Self {
        Report {
            problems: Vec::new(),
            cap,
            not_listed: 0,
        }
    }

    fn push(
        &mut self,
        line: usize,
        severity: Severity,
        kind: ProblemKind,
        message: impl FnOnce() -> String,
    ) {
        if self.problems.len() >= self.cap {
            self.not_listed += 1;
            return;
        }
        self.problems.push(Problem {
            line,
            severity,
            kind,
            message: message(),
        });
    }

    fn error(&mut self, line: usize, kind: ProblemKind, message: String) {
        self.push(line, Severity::Error, kind, || message);
    }

    fn warning(&mut self, line: usize, kind: ProblemKind, message: String) {
        self.push(line, Severity::Warning, kind, || message);
    }

    /// A typed view refused its line: an error of `kind` quoting the
    /// view's reason and the kind's rule.
    fn invalid(&mut self, err: &SdpError, line: usize, kind: ProblemKind) {
        let rfc = kind.rule().unwrap_or_default();
        let message = match err {
            SdpError::InvalidValue { field, reason, .. } => {
                format!("invalid {field}: {reason} ({rfc})")
            }
            other => format!("{other} ({rfc})"),
        };
        self.error(err.line().unwrap_or(line), kind, message);
    }

    fn finish(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| p.line);
        if self.not_listed > 0 {
            // Line 0 sorts first: the report stays sorted by line.
            self.problems.insert(0, more_problems(self.not_listed));
        }
        self.problems
    }
}

/// Quotes a token from the input in a message, cut to 32 characters so that
/// hostile input cannot make messages huge.
fn quote(s: &str) -> String {
    const MAX: usize = 32;
    match s.char_indices().nth(MAX) {
        None => s.to_owned(),
        Some((i, _)) => format!("{}...", s.get(..i).unwrap_or("")),
    }
}
