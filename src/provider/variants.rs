//! Which SDP variant an answer belongs to, when we offered several as
//! `multipart/alternative`.

use crate::negotiation::{NegotiationState, Negotiator};
use crate::sdp::{AddressType, SessionDescription};

/// The address type of the first `c=` that applies: the session's, else the
/// first m-line's.
fn family(sdp: &SessionDescription) -> Option<AddressType> {
    if let Ok(Some(c)) = sdp.connection() {
        return Some(c.address_type);
    }
    let media = sdp.media(0)?;
    media
        .effective_connection()
        .ok()
        .flatten()
        .map(|c| c.address_type)
}

/// The index, among `offered` (indices into `variants`, in preference
/// order), of the variant whose pending offer `answer` answers: among those
/// it validates against (RFC 3264 §6), the first whose `c=` address type is
/// the answer's, else the first. `None` when it validates against none.
pub(super) fn pick(
    variants: &[Negotiator],
    offered: &[usize],
    answer: &SessionDescription,
) -> Option<usize> {
    let pending = |i: &usize| {
        variants
            .get(*i)
            .is_some_and(|n| n.state() == NegotiationState::LocalOfferPending)
    };
    let candidates: Vec<usize> = offered.iter().copied().filter(pending).collect();
    if let [only] = candidates.as_slice() {
        return Some(*only);
    }
    let valid: Vec<usize> = candidates
        .into_iter()
        .filter(|&i| {
            variants
                .get(i)
                .is_some_and(|n| n.preview_answer(answer).is_ok())
        })
        .collect();
    let answer_family = family(answer);
    valid
        .iter()
        .copied()
        .find(|&i| {
            answer_family.is_some()
                && variants
                    .get(i)
                    .and_then(Negotiator::pending_offer)
                    .and_then(family)
                    == answer_family
        })
        .or_else(|| valid.first().copied())
}
