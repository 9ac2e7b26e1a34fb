//! SDES-SRTP (RFC 4568): crypto suites, master keys, session parameters,
//! typed and checked; where our keys come from ([`KeySource`]).
//!
//! An offered `a=crypto` line is usable when its tag is 1–9 digits and
//! unique in its m-line, its suite is one we know (case-insensitively), its
//! `inline:` key decodes (base64, RFC 4648) to exactly the suite's key‖salt
//! length (30, 38, 46, 28 or 44 bytes), its lifetime and MKI read and fit,
//! and its session parameters are all understood (§6.3.7). An unusable
//! line is skipped; when none is usable and SRTP is required, the offer
//! is declined (`EncryptionMismatch`, 488 with Warning 306).
//!
//! Our answer's crypto line carries our own key and the session parameters
//! we accept, written from these typed values: nothing of the offer's
//! text or key material is copied.

mod key;
mod params;
mod source;
mod suite;

pub use key::{Mki, SrtpMasterKey};
pub use params::{FecOrder, SrtpSessionParams};
pub use source::KeySource;
pub use suite::SrtpSuite;

pub(crate) use key::parse_keys;
pub(crate) use source::{DemoKeySource, SessionKeys, SharedKeySource};

use smallvec::SmallVec;

use crate::sdp::Crypto;

/// Why an `a=crypto` line (or a key given to the builder) cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SdesError {
    /// The crypto suite is not one of [`SrtpSuite`] (RFC 4568 §6.2, RFC 6188, RFC 7714).
    #[error("unknown crypto suite")]
    UnknownSuite,
    /// The key method is not `inline` (RFC 4568 §6.1: the only one defined).
    #[error("key method is not inline")]
    NotInline,
    /// The key‖salt is not base64 (RFC 4648 §4).
    #[error("key is not base64")]
    NotBase64,
    /// The key‖salt decodes to another length than the suite's.
    #[error("key and salt are {found} bytes, the suite needs {expected}")]
    WrongKeyLength {
        /// The suite's key‖salt length in bytes.
        expected: usize,
        /// The decoded length in bytes (estimated for oversized text).
        found: usize,
    },
    /// The lifetime is not `2^n` or a number, is 0, or exceeds the suite's maximum.
    #[error("invalid key lifetime")]
    InvalidLifetime,
    /// The MKI is not `<value>:<length>` with a length 1..=128 holding the value.
    #[error("invalid MKI")]
    InvalidMki,
    /// A key param with extra `|` fields, several keys without MKIs (or
    /// with MKIs of different lengths), or more than 16 keys.
    #[error("invalid key parameters")]
    InvalidKeyParam,
    /// A mandatory session parameter we do not know (RFC 4568 §6.3.7).
    #[error("unknown mandatory session parameter")]
    UnknownSessionParam,
    /// A known session parameter that does not read or is given twice.
    #[error("invalid session parameter")]
    InvalidSessionParam,
    /// `FEC_KEY` (RFC 4568 §6.3.5): FEC keys are not negotiated here.
    #[error("FEC_KEY is not supported")]
    FecKeyNotSupported,
    /// Another `a=crypto` line of the m-line has the same tag (RFC 4568
    /// §5.1: the tag identifies the line the answer accepts).
    #[error("crypto tag used twice in the m-line")]
    DuplicateTag,
}

/// One `a=crypto` line, read and checked (RFC 4568 §9.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SdesCrypto {
    pub(crate) tag: u32,
    pub(crate) suite: SrtpSuite,
    pub(crate) keys: SmallVec<[SrtpMasterKey; 1]>,
    pub(crate) params: SrtpSessionParams,
}

impl SdesCrypto {
    /// Types a crypto line whose tag, suite and key params were split by
    /// the view.
    pub(crate) fn read(c: &Crypto<'_>) -> Result<Self, SdesError> {
        let suite = SrtpSuite::from_name(c.suite).ok_or(SdesError::UnknownSuite)?;
        let keys = parse_keys(suite, c.key_params)?;
        let params = SrtpSessionParams::parse(c.session_params)?;
        Ok(SdesCrypto {
            tag: c.tag,
            suite,
            keys,
            params,
        })
    }
}

/// The tags used by more than one of `cryptos` (sorted), so that those
/// lines can be skipped: the answer's tag must name one line.
pub(crate) fn duplicate_tags(tags: impl Iterator<Item = u32>) -> SmallVec<[u32; 2]> {
    let mut all: SmallVec<[u32; 4]> = tags.collect();
    all.sort_unstable();
    let mut dups = SmallVec::new();
    for w in all.windows(2) {
        if w[0] == w[1] && dups.last() != Some(&w[0]) {
            dups.push(w[0]);
        }
    }
    dups
}
