//! Lists what a strict peer would reject in an SDP (filled in by the check issue work).

use super::session::SessionDescription;

/// One problem found by [`check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based source line, 0 for the whole description.
    pub line: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// Lists the problems of a parsed description that a strict peer would reject.
pub fn check(_sdp: &SessionDescription) -> Vec<Problem> {
    Vec::new()
}
