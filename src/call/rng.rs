//! Seeded choices: randomness is an input (the seed of `CallConfig`), the
//! crate draws none itself.

use std::time::Duration;

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

    /// A second, independent stream over the same seed (operation ids), so
    /// that drawing ids does not move the other draws.
    pub(crate) fn stream(seed: u64, stream: u64) -> Self {
        let mut base = SeededRng::new(seed ^ stream.rotate_left(17));
        let state = base.next_u64();
        SeededRng { state }
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

    /// The wait before re-sending an offer refused with 491 (RFC 3261
    /// §14.1): the owner of the Call-ID (the side that sent
    /// the initial INVITE) waits 2.1–4 s, the other side 0–2 s, both in
    /// 10 ms steps, bounds included.
    pub(crate) fn glare_delay(&mut self, call_id_owner: bool) -> Duration {
        let (first_ms, steps) = if call_id_owner {
            (2_100, 191) // 2100, 2110, ..., 4000
        } else {
            (0, 201) // 0, 10, ..., 2000
        };
        Duration::from_millis(first_ms + (self.next_u64() % steps) * 10)
    }

    /// A UUID operation id, e.g. `0f4c2a1e-7b3d-4c55-9e01-2a6b8c4d5e6f`:
    /// 16 bytes from this stream made an RFC 9562 §5.4 version 4 UUID by
    /// the `uuid` crate (version and variant bits set), lower-case hex.
    pub(crate) fn operation_id(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_be_bytes());
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glare_delays_stay_in_their_ranges_and_steps() {
        let mut rng = SeededRng::new(3);
        for _ in 0..2000 {
            let owner = rng.glare_delay(true).as_millis();
            assert!(
                (2100..=4000).contains(&owner) && owner.is_multiple_of(10),
                "{owner}"
            );
            let other = rng.glare_delay(false).as_millis();
            assert!(other <= 2000 && other.is_multiple_of(10), "{other}");
        }
    }

    #[test]
    fn operation_ids_are_uuid_shaped_and_deterministic() {
        let a = SeededRng::stream(9, 1).operation_id();
        assert_eq!(a, SeededRng::stream(9, 1).operation_id());
        assert_ne!(a, SeededRng::stream(10, 1).operation_id());
        assert_eq!(a.len(), 36);
        let groups: Vec<&str> = a.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'));
        assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        // The same id the hand-written formatter gave before uuid built it.
        assert_eq!(a, "26468818-7a70-4e87-84dd-50e14aabf1e5");
    }
}
