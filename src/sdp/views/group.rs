//! `a=group:<semantics> <identification-tag> ...` (RFC 5888 §5).

use super::split_token;

/// A typed `a=group` value (`BUNDLE`, `LS`, `FID`, `ANAT`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group<'a> {
    /// The semantics token as written.
    pub semantics: &'a str,
    /// The identification tags (`a=mid` values) as written.
    pub ids: &'a str,
}

impl<'a> Group<'a> {
    /// Parses `BUNDLE 0 1 2`. A group without ids is valid (RFC 8843 allows an empty BUNDLE group in offers).
    pub fn parse(value: &'a str) -> Self {
        let (semantics, ids) = split_token(value);
        Group {
            semantics,
            ids: ids.trim_end(),
        }
    }

    /// The mids, in order.
    pub fn mids(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.ids.split_ascii_whitespace()
    }

    /// `true` when the group's semantics is `name` (case-insensitive).
    pub fn is(&self, name: &str) -> bool {
        self.semantics.eq_ignore_ascii_case(name)
    }
}
