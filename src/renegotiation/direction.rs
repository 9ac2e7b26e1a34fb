//! Which side started a renegotiation.

use std::fmt;
use std::str::FromStr;

/// Which side sent the renegotiation offer (UCWA `audioVideoRenegotiation`
/// property `direction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "an offer comes from one of the two sides"
)]
pub enum RenegotiationDirection {
    /// The remote party sent the offer (a re-INVITE or UPDATE we received);
    /// the application answers or dismisses it.
    Incoming,
    /// We sent the offer; the remote party answers or rejects it.
    Outgoing,
}

impl RenegotiationDirection {
    /// The UCWA spelling: `"Incoming"` or `"Outgoing"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Incoming => "Incoming",
            Self::Outgoing => "Outgoing",
        }
    }
}

impl fmt::Display for RenegotiationDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is neither `Incoming` nor `Outgoing`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown renegotiation direction {0:?}")]
pub struct UnknownRenegotiationDirection(pub String);

impl FromStr for RenegotiationDirection {
    type Err = UnknownRenegotiationDirection;

    /// Parses `"Incoming"` / `"Outgoing"`, ASCII-case-insensitively (the same
    /// rule as [`crate::renegotiation::ReNegotiationDeclineReason`]).
    ///
    /// # Errors
    /// [`UnknownRenegotiationDirection`] for any other string.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Self::Incoming, Self::Outgoing]
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownRenegotiationDirection(s.to_owned()))
    }
}
