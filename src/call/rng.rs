//! Seeded choices (design.md §7: randomness is an input).

/// SplitMix64 over the Call's seed.
#[derive(Debug, Clone)]
pub(crate) struct SeededRng {
    state: u64,
}

impl SeededRng {
    pub(crate) fn new(seed: u64) -> Self {
        // Decorrelated from the boundary generator, which uses the seed as is.
        SeededRng {
            state: seed ^ 0x5851_f42d_4c95_7f2d,
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A Retry-After in 0..=10 seconds (RFC 3261 §14.2).
    pub(crate) fn retry_after(&mut self) -> u32 {
        u32::try_from(self.next_u64() % 11).unwrap_or(0)
    }
}
