//! Deterministic multipart boundaries (randomness is an input: the boundary comes from a seed the caller gives).

/// Hands out multipart boundaries from a caller-given seed, never from a
/// global RNG, so a built body is a pure function of (tree, seed).
///
/// Each boundary is `sdpoa-` followed by 16 lowercase hex digits (22
/// characters, well under RFC 2046 §5.1.1's 70). The digits are a bijective
/// mix (SplitMix64) of `seed + n * GOLDEN_GAMMA` for the n-th boundary, so
/// the first 2^64 boundaries of one generator are all distinct, and since all
/// have the same length none is a prefix of another.
///
/// Give each call (or each outgoing message) a seed the caller draws from its
/// own source; two generators with the same seed give the same boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryGenerator {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// The fixed prefix of generated boundaries.
pub(crate) const PREFIX: &str = "sdpoa-";

impl BoundaryGenerator {
    /// A generator whose boundaries derive from `seed`.
    pub fn new(seed: u64) -> Self {
        BoundaryGenerator { state: seed }
    }

    /// The next boundary: `sdpoa-` and 16 hex digits, e.g. `sdpoa-e220a8397b1dcdaf`.
    pub fn next_boundary(&mut self) -> String {
        let mut out = String::with_capacity(PREFIX.len() + 16);
        self.push_next(&mut out);
        out
    }

    /// Appends the next boundary to `out` (no allocation when it has room).
    pub(crate) fn push_next(&mut self, out: &mut String) {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        out.push_str(PREFIX);
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for shift in (0..16).rev() {
            let nibble = ((z >> (shift * 4)) & 0xf) as usize;
            out.push(char::from(HEX.get(nibble).copied().unwrap_or(b'0')));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_boundaries() {
        let mut a = BoundaryGenerator::new(7);
        let mut b = BoundaryGenerator::new(7);
        let first = a.next_boundary();
        assert_eq!(first, b.next_boundary());
        assert_eq!(first.len(), 22);
        assert!(first.starts_with("sdpoa-"));
        assert_ne!(first, a.next_boundary());
    }

    #[test]
    fn known_value() {
        // SplitMix64 with seed 0: first output is 0xe220a8397b1dcdaf.
        assert_eq!(
            BoundaryGenerator::new(0).next_boundary(),
            "sdpoa-e220a8397b1dcdaf"
        );
    }
}
