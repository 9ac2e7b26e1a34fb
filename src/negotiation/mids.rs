//! `a=mid` and `a=group` identification tags (RFC 5888 §4, §5; RFC 9143):
//! each checked once and looked up in logarithmic time, so a group of
//! thousands of ids costs linear work.

use smallvec::SmallVec;

use crate::sdp::{Group, SdpError, SessionDescription};

/// The m-lines' `a=mid` values, sorted for lookup.
pub(crate) struct MidIndex<'a> {
    sorted: SmallVec<[(&'a str, usize); 8]>,
}

impl<'a> MidIndex<'a> {
    /// Indexes `(mid, m-line index)` pairs.
    ///
    /// # Errors
    /// A mid carried by two m-lines (RFC 5888 §4: "the mid value MUST be
    /// unique within a session description"): the offer is ambiguous.
    pub(crate) fn new(
        mids: impl Iterator<Item = (Option<&'a str>, usize, usize)>,
    ) -> Result<Self, SdpError> {
        let mut sorted: SmallVec<[(&'a str, usize, usize); 8]> = mids
            .filter_map(|(mid, index, line)| mid.map(|m| (m, index, line)))
            .collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.2.cmp(&b.2)));
        if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(SdpError::invalid(
                w[1].2,
                "a=mid",
                "identification tag already used by another m-line (RFC 5888 §4)",
            ));
        }
        Ok(MidIndex {
            sorted: sorted.into_iter().map(|(m, i, _)| (m, i)).collect(),
        })
    }

    /// The m-line index carrying `mid`.
    pub(crate) fn get(&self, mid: &str) -> Option<usize> {
        self.sorted
            .binary_search_by(|(m, _)| (*m).cmp(mid))
            .ok()
            .and_then(|i| self.sorted.get(i))
            .map(|&(_, index)| index)
    }
}

/// Checks every session-level `a=group` of `sdp`: an identification tag
/// listed twice in one group is malformed (RFC 5888 §5 lists each media
/// once; RFC 9143 §7: a repeated mid makes the BUNDLE group ambiguous).
///
/// # Errors
/// [`SdpError::InvalidValue`] on the group's line.
pub(crate) fn check_groups(sdp: &SessionDescription) -> Result<(), SdpError> {
    for a in sdp.attributes().filter(|a| a.name() == "group") {
        let group = Group::parse(a.value().unwrap_or(""));
        let mut ids: SmallVec<[&str; 8]> = group.mids().collect();
        if !ids.iter().all(|id| crate::sdp::text::is_token(id)) {
            return Err(SdpError::invalid(
                a.line(),
                "a=group",
                "identification tag is not a token (RFC 5888 §5, RFC 8866 §9)",
            ));
        }
        if ids.len() < 2 {
            continue;
        }
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(SdpError::invalid(
                a.line(),
                "a=group",
                "identification tag listed twice (RFC 5888 §5)",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_duplicates() {
        let idx = MidIndex::new([(Some("b"), 0, 6), (None, 1, 9), (Some("a"), 2, 12)].into_iter())
            .unwrap();
        assert_eq!(idx.get("a"), Some(2));
        assert_eq!(idx.get("b"), Some(0));
        assert_eq!(idx.get("c"), None);
        let err = MidIndex::new([(Some("a"), 0, 6), (Some("a"), 1, 9)].into_iter())
            .err()
            .unwrap();
        assert_eq!(err.line(), Some(9));
    }
}
