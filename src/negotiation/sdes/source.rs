//! Where SRTP master keys come from: the application's randomness, drawn
//! once per stream and suite of a session (the crate draws none itself).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use smallvec::SmallVec;

use super::{SrtpMasterKey, SrtpSuite};

/// A source of cryptographically random bytes for the keys the crate writes
/// (SRTP master keys and salts, RFC 4568 §6.1; RFC 3711 §8.2 wants them
/// random and never reused).
///
/// The crate is sans-IO: it holds no random number generator of its own.
/// Give it the platform's CSPRNG, e.g. with the `getrandom` crate:
///
/// ```
/// use std::sync::Arc;
/// use sdp_offer_answer::negotiation::KeySource;
/// # fn getrandom_fill(out: &mut [u8]) { out.fill(7) }
/// let source: Arc<dyn KeySource> = Arc::new(|out: &mut [u8]| getrandom_fill(out));
/// # let _ = source;
/// ```
///
/// It is called when a session first needs a key for a stream and suite:
/// every [`Negotiator`](crate::negotiation::Negotiator) draws its own keys,
/// so two calls built from the same capabilities never share one, and a
/// re-offer or re-answer in a session keeps its key until
/// [`Negotiator::rekey_sdes`](crate::negotiation::Negotiator::rekey_sdes).
pub trait KeySource: Send + Sync {
    /// Fills `out` with cryptographically random bytes. Must not fail: a
    /// source that cannot produce randomness must abort rather than return
    /// predictable bytes.
    fn fill_random(&self, out: &mut [u8]);
}

impl<F: Fn(&mut [u8]) + Send + Sync> KeySource for F {
    fn fill_random(&self, out: &mut [u8]) {
        self(out)
    }
}

/// A [`KeySource`] held by capabilities: compared by identity.
#[derive(Clone)]
pub(crate) struct SharedKeySource(pub(crate) Arc<dyn KeySource>);

impl PartialEq for SharedKeySource {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedKeySource {}

impl fmt::Debug for SharedKeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeySource")
    }
}

/// The demo profile's source: **not random** (a counter through SplitMix64),
/// so examples and tests are reproducible; distinct keys per draw, never
/// secret. Real deployments give a CSPRNG.
#[derive(Debug, Default)]
pub(crate) struct DemoKeySource {
    counter: AtomicU64,
}

impl KeySource for DemoKeySource {
    fn fill_random(&self, out: &mut [u8]) {
        for chunk in out.chunks_mut(8) {
            let mut z = self
                .counter
                .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
                .wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let bytes = z.to_le_bytes();
            chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or(&bytes));
        }
    }
}

/// The keys one session uses, per m-line index and suite: drawn on first
/// use, kept for re-offers and re-answers, dropped by a rekey.
#[derive(Clone, Debug, Default)]
pub(crate) struct SessionKeys {
    keys: SmallVec<[(usize, SrtpSuite, SrtpMasterKey); 2]>,
}

impl SessionKeys {
    /// Our key for stream `index` and `suite`: the session's, else drawn
    /// from `source`, else the fixed key of the capabilities.
    pub(crate) fn key(
        &mut self,
        index: usize,
        suite: SrtpSuite,
        source: Option<&SharedKeySource>,
        fixed: Option<&SrtpMasterKey>,
    ) -> Option<&SrtpMasterKey> {
        let at = match self
            .keys
            .iter()
            .position(|(i, s, _)| *i == index && *s == suite)
        {
            Some(at) => at,
            None => {
                let key = match (source, fixed) {
                    (Some(source), _) => {
                        let mut bytes = [0u8; 48];
                        let n = suite.key_salt_len();
                        let buf = bytes.get_mut(..n)?;
                        source.0.fill_random(buf);
                        let key = SrtpMasterKey::new(suite, buf).ok()?;
                        bytes.fill(0);
                        key
                    }
                    (None, Some(fixed)) => fixed.clone(),
                    (None, None) => return None,
                };
                self.keys.push((index, suite, key));
                self.keys.len() - 1
            }
        };
        self.keys.get(at).map(|(_, _, k)| k)
    }

    /// The key already drawn for stream `index` and `suite`.
    pub(crate) fn get(&self, index: usize, suite: SrtpSuite) -> Option<&SrtpMasterKey> {
        self.keys
            .iter()
            .find(|(i, s, _)| *i == index && *s == suite)
            .map(|(_, _, k)| k)
    }

    /// Forgets every key: the next offer or answer draws new ones.
    pub(crate) fn clear(&mut self) {
        self.keys.clear();
    }
}
