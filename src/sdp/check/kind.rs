//! [`ProblemKind`]: what a [`Problem`](super::Problem) is, for tools, with
//! the rule it breaks.

use std::fmt;

/// Generates the enum with its machine name and rule per variant.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $rule:expr;)*) => {
        /// What kind of problem a [`Problem`](super::Problem) is: one
        /// variant per check, each naming the RFC rule it enforces
        /// ([`rule`](Self::rule)) and a stable kebab-case name for tools
        /// ([`as_str`](Self::as_str), also its serde form).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
        #[non_exhaustive]
        pub enum ProblemKind {
            $($(#[$doc])* $variant,)*
        }

        impl ProblemKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ProblemKind] = &[$(ProblemKind::$variant,)*];

            /// The stable kebab-case name, e.g. `"missing-rtpmap"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ProblemKind::$variant => $name,)*
                }
            }

            /// The rule the problem breaks, e.g. `"RFC 8866 §6.6"`; `None`
            /// only for [`ProblemKind::ProblemsNotListed`], which is not a
            /// fault of the description but the report's cap.
            pub const fn rule(self) -> Option<&'static str> {
                match self {
                    $(ProblemKind::$variant => $rule,)*
                }
            }
        }
    };
}

kinds! {
    /// `v=` is not `0`.
    VersionNotZero => "version-not-zero", Some("RFC 8866 §5.1");
    /// A required session line (`o=`, `s=`, `t=`) is missing (line 0).
    MissingLine => "missing-line", Some("RFC 8866 §5");
    /// A line that may appear once per level appears again.
    RepeatedLine => "repeated-line", Some("RFC 8866 §5");
    /// A line type SDP does not define.
    UnknownLineType => "unknown-line-type", Some("RFC 8866 §5");
    /// A session-only line (`o=`, `s=`, `t=`...) inside a media description.
    SessionLineInMedia => "session-line-in-media", Some("RFC 8866 §5");
    /// Lines out of the order `v o s i u e p c b t r z k a` / `m i c b k a`.
    LineOrder => "line-order", Some("RFC 8866 §5");
    /// An `r=` line that does not follow a `t=` line.
    RepeatWithoutTiming => "repeat-without-timing", Some("RFC 8866 §5.10");
    /// An empty `s=` (warning: write `s=-`).
    EmptySessionName => "empty-session-name", Some("RFC 8866 §5.3");
    /// `t=` is not two decimal times.
    InvalidTiming => "invalid-timing", Some("RFC 8866 §5.9");
    /// An `o=` line that does not read.
    InvalidOrigin => "invalid-origin", Some("RFC 8866 §5.2");
    /// The `o=` session id is not a decimal number.
    SessionIdNotNumeric => "session-id-not-numeric", Some("RFC 8866 §5.2");
    /// `o=` says one address family and holds an address of the other.
    OriginFamilyMismatch => "origin-family-mismatch", Some("RFC 8866 §5.2");
    /// A `c=` line that does not read.
    InvalidConnection => "invalid-connection", Some("RFC 8866 §5.7");
    /// `c=` says one address family and holds an address of the other.
    ConnectionFamilyMismatch => "connection-family-mismatch", Some("RFC 8866 §5.7");
    /// A media description without `c=`, and none at session level.
    MissingConnection => "missing-connection", Some("RFC 8866 §5.7");
    /// A `c=` network type other than `IN`, the only one defined.
    NetworkTypeNotIn => "network-type-not-in", Some("RFC 8866 §5.7");
    /// A `b=` line that does not read.
    InvalidBandwidth => "invalid-bandwidth", Some("RFC 8866 §5.8");
    /// An `m=` line that does not read.
    InvalidMediaLine => "invalid-media-line", Some("RFC 8866 §5.14");
    /// An `m=` line without formats.
    NoFormats => "no-formats", Some("RFC 8866 §5.14");
    /// A format of an RTP m-line that is not a payload type 0..=127.
    FormatNotPayloadType => "format-not-payload-type", Some("RFC 8866 §5.14");
    /// A payload type listed twice on one m-line.
    DuplicatePayloadType => "duplicate-payload-type", Some("RFC 8866 §5.14");
    /// A dynamic payload type (96..=127) without `a=rtpmap`.
    MissingRtpmap => "missing-rtpmap", Some("RFC 8866 §6.6");
    /// A payload type below 96 with no static assignment and no `a=rtpmap`.
    UnassignedPayloadType => "unassigned-payload-type", Some("RFC 3551 §6");
    /// An `a=rtpmap` that contradicts a static payload type's assignment.
    StaticPayloadTypeMismatch => "static-payload-type-mismatch", Some("RFC 3551 §6");
    /// An `a=rtpmap` that does not read.
    InvalidRtpmap => "invalid-rtpmap", Some("RFC 8866 §6.6");
    /// A second `a=rtpmap` for one payload type.
    DuplicateRtpmap => "duplicate-rtpmap", Some("RFC 8866 §6.6");
    /// An `a=rtpmap` for a payload type the m-line does not list (warning).
    RtpmapForUnlistedFormat => "rtpmap-for-unlisted-format", Some("RFC 8866 §6.6");
    /// An `a=fmtp` that does not read.
    InvalidFmtp => "invalid-fmtp", Some("RFC 8866 §6.15");
    /// An `a=fmtp` for a format the m-line does not list (warning).
    FmtpForUnlistedFormat => "fmtp-for-unlisted-format", Some("RFC 8866 §6.15");
    /// An `a=ptime` that does not read.
    InvalidPtime => "invalid-ptime", Some("RFC 8866 §6.4");
    /// A decimal `a=ptime` (warning: some stacks refuse it).
    DecimalPtime => "decimal-ptime", Some("RFC 8866 §6.4");
    /// An `a=maxptime` that does not read.
    InvalidMaxptime => "invalid-maxptime", Some("RFC 8866 §6.5");
    /// A decimal `a=maxptime` (warning: some stacks refuse it).
    DecimalMaxptime => "decimal-maxptime", Some("RFC 8866 §6.5");
    /// A media-level attribute (`a=rtpmap`, `a=mid`...) at session level
    /// (warning; the message names the attribute's own section).
    MediaAttributeAtSessionLevel => "media-attribute-at-session-level", Some("RFC 8866 §6");
    /// A second direction attribute in one section.
    SecondDirection => "second-direction", Some("RFC 3264 §5.1");
    /// An `a=rtcp` that does not read.
    InvalidRtcp => "invalid-rtcp", Some("RFC 3605 §2.1");
    /// An `a=crypto` that does not read.
    InvalidCrypto => "invalid-crypto", Some("RFC 4568 §9.1");
    /// An `a=fingerprint` that does not read.
    InvalidFingerprint => "invalid-fingerprint", Some("RFC 8122 §5");
    /// An upper-case `a=fingerprint` hash name (warning).
    UppercaseFingerprintHash => "uppercase-fingerprint-hash", Some("RFC 8122 §5");
    /// An `a=setup` that does not read.
    InvalidSetup => "invalid-setup", Some("RFC 4145 §4");
    /// An `a=candidate` that does not read.
    InvalidCandidate => "invalid-candidate", Some("RFC 8839 §5.1");
    /// An `a=group` without semantics.
    InvalidGroup => "invalid-group", Some("RFC 5888 §5");
    /// An `a=group` in a media description (warning).
    GroupAtMediaLevel => "group-at-media-level", Some("RFC 5888 §5");
    /// An `a=group` naming a mid that no m-line carries.
    UnknownGroupMid => "unknown-group-mid", Some("RFC 5888 §5");
    /// An `a=mid` without identification tag.
    InvalidMid => "invalid-mid", Some("RFC 5888 §4");
    /// A second `a=mid` in one media description.
    SecondMid => "second-mid", Some("RFC 5888 §4");
    /// An `a=mid` value already used by another m-line.
    DuplicateMid => "duplicate-mid", Some("RFC 5888 §4");
    /// Lines ending in LF only (warning, one per run of lines).
    LfLineEnding => "lf-line-ending", Some("RFC 8866 §5");
    /// A blank line (warning).
    BlankLine => "blank-line", Some("RFC 8866 §5");
    /// Whitespace after a line's value (warning).
    TrailingWhitespace => "trailing-whitespace", Some("RFC 8866 §5");
    /// The last line has no line ending (warning).
    NoFinalLineEnding => "no-final-line-ending", Some("RFC 8866 §5");
    /// The report hit its cap; the message counts the problems left out
    /// (line 0, first in the report).
    ProblemsNotListed => "problems-not-listed", None;
}

impl fmt::Display for ProblemKind {
    /// The kebab-case name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
