//! [`LocalCapabilitiesBuilder`]: builds and checks [`LocalCapabilities`].

use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use super::{
    AnswerCodecs, CapabilityError, CodecOrder, DtlsIdentity, IceCredentials, Leniency,
    LocalCapabilities, MediaCapability, SrtpPolicy,
};
use crate::negotiation::sdes::{KeySource, SdesError, SharedKeySource, SrtpSuite, parse_keys};
use crate::sdp::{MediaType, Setup};

/// Builds [`LocalCapabilities`]; [`LocalCapabilitiesBuilder::build`] checks them.
///
/// ```
/// use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability};
/// let caps = LocalCapabilities::builder()
///     .ipv4("192.0.2.5".parse().unwrap())
///     .media(MediaCapability::audio(4000).codec(Codec::pcmu()).codec(Codec::pcma()).telephone_event(8000))
///     .build()?;
/// assert_eq!(caps.media().len(), 1);
/// # Ok::<(), sdp_offer_answer::negotiation::CapabilityError>(())
/// ```
#[derive(Clone, Debug)]
pub struct LocalCapabilitiesBuilder {
    caps: LocalCapabilities,
    /// Fixed SDES keys as given (suite, key params), checked by `build`.
    fixed_keys: Vec<(String, String)>,
}

impl Default for LocalCapabilitiesBuilder {
    fn default() -> Self {
        LocalCapabilitiesBuilder {
            caps: LocalCapabilities {
                username: Arc::from("-"),
                session_name: Arc::from("-"),
                ipv4: None,
                ipv6: None,
                ipv4_text: Arc::from(""),
                ipv6_text: Arc::from(""),
                media: Vec::new(),
                sdes: SrtpPolicy::Off,
                sdes_suites: Vec::new(),
                sdes_fixed: Vec::new(),
                key_source: None,
                dtls: SrtpPolicy::Off,
                dtls_identity: None,
                ice: None,
                bundle: false,
                rtcp_mux: false,
                answer_codecs: AnswerCodecs::All,
                codec_order: CodecOrder::Offerer,
                leniency: Leniency::default(),
            },
            fixed_keys: Vec::new(),
        }
    }
}

impl LocalCapabilitiesBuilder {
    /// Sets the `o=` username (default `-`).
    pub fn username(mut self, username: &str) -> Self {
        self.caps.username = Arc::from(username);
        self
    }

    /// Sets the `s=` session name (default `-`).
    pub fn session_name(mut self, name: &str) -> Self {
        self.caps.session_name = Arc::from(name);
        self
    }

    /// Sets our IPv4 address (used for `IN IP4` offers and in `c=`/`o=`).
    pub fn ipv4(mut self, addr: Ipv4Addr) -> Self {
        self.caps.ipv4 = Some(addr);
        self
    }

    /// Sets a domain name as our `IN IP4` (`AddressType::Ip4`) or `IN IP6`
    /// address (RFC 8866 §5.7 allows an FQDN in `c=` and `o=`), instead of
    /// an IP address of that family. ICE host candidates need an IP address.
    pub fn host_name(mut self, family: crate::sdp::AddressType, name: &str) -> Self {
        match family {
            crate::sdp::AddressType::Ip6 => {
                self.caps.ipv6 = None;
                self.caps.ipv6_text = Arc::from(name);
            }
            _ => {
                self.caps.ipv4 = None;
                self.caps.ipv4_text = Arc::from(name);
            }
        }
        self
    }

    /// Sets our IPv6 address (used for `IN IP6` offers).
    pub fn ipv6(mut self, addr: Ipv6Addr) -> Self {
        self.caps.ipv6 = Some(addr);
        self
    }

    /// Adds a media capability (order = m-line order of our offers).
    pub fn media(mut self, media: MediaCapability) -> Self {
        self.caps.media.push(media);
        self
    }

    /// Sets the SDES-SRTP policy (RFC 4568).
    pub fn sdes(mut self, policy: SrtpPolicy) -> Self {
        self.caps.sdes = policy;
        self
    }

    /// Adds an SDES suite we offer and accept, in preference order; its
    /// keys come from the [`key_source`](Self::key_source), fresh per session.
    pub fn sdes_suite(mut self, suite: SrtpSuite) -> Self {
        if !self.caps.sdes_suites.contains(&suite) {
            self.caps.sdes_suites.push(suite);
        }
        self
    }

    /// Adds an SDES suite with a **fixed** key: suite name and key params
    /// (`inline:<base64 key||salt>[|lifetime][|MKI:length]`, RFC 4568 §6.1).
    ///
    /// A fixed key is the same in every session built from these
    /// capabilities: for tests, captures and interop labs only. With a
    /// [`key_source`](Self::key_source) it is ignored and each session
    /// draws its own.
    ///
    /// [`build`](Self::build) refuses an unknown suite or a key that is not
    /// base64 of exactly the suite's key‖salt length
    /// ([`CapabilityError::InvalidSdesKey`]).
    pub fn sdes_key(mut self, suite: &str, key_params: &str) -> Self {
        self.fixed_keys
            .push((suite.to_owned(), key_params.to_owned()));
        self
    }

    /// Sets where every session draws its SDES master keys: the
    /// application's CSPRNG (the crate draws no randomness, RFC 3711 §8.2
    /// wants keys random and never reused). See [`KeySource`].
    pub fn key_source(mut self, source: Arc<dyn KeySource>) -> Self {
        self.caps.key_source = Some(SharedKeySource(source));
        self
    }

    /// Sets the DTLS-SRTP policy and our certificate fingerprint (RFC 5763, RFC 8122).
    pub fn dtls(mut self, policy: SrtpPolicy, hash_function: &str, fingerprint: &str) -> Self {
        self.caps.dtls = policy;
        self.caps.dtls_identity = Some(DtlsIdentity {
            hash_function: Arc::from(hash_function),
            fingerprint: Arc::from(fingerprint),
            answer_setup: Setup::Active,
        });
        self
    }

    /// Sets the DTLS role we answer an `actpass` offer with (default `active`, RFC 5763 §5).
    pub fn dtls_answer_setup(mut self, setup: Setup) -> Self {
        if let Some(id) = self.caps.dtls_identity.as_mut() {
            id.answer_setup = setup;
        }
        self
    }

    /// Turns ICE on with our credentials (RFC 8839); host candidates are written from our address and ports.
    pub fn ice(mut self, ufrag: &str, pwd: &str) -> Self {
        self.caps.ice = Some(IceCredentials {
            ufrag: Arc::from(ufrag),
            pwd: Arc::from(pwd),
            lite: false,
            host_candidates: true,
            candidates: Vec::new(),
        });
        self
    }

    /// Whether host candidates are generated from our address and ports (default on).
    pub fn ice_host_candidates(mut self, on: bool) -> Self {
        if let Some(ice) = self.caps.ice.as_mut() {
            ice.host_candidates = on;
        }
        self
    }

    /// Declares ICE lite (RFC 8445 §2.5); needs [`LocalCapabilitiesBuilder::ice`] first.
    pub fn ice_lite(mut self, lite: bool) -> Self {
        if let Some(ice) = self.caps.ice.as_mut() {
            ice.lite = lite;
        }
        self
    }

    /// Adds a candidate value (`<foundation> <component> ...`) for streams of `media`;
    /// needs [`LocalCapabilitiesBuilder::ice`] first.
    pub fn ice_candidate(mut self, media: MediaType, candidate: &str) -> Self {
        if let Some(ice) = self.caps.ice.as_mut() {
            ice.candidates.push((media, Arc::from(candidate)));
        }
        self
    }

    /// Answers and offers BUNDLE (RFC 9143).
    pub fn bundle(mut self, on: bool) -> Self {
        self.caps.bundle = on;
        self
    }

    /// Answers and offers `a=rtcp-mux` (RFC 5761).
    pub fn rtcp_mux(mut self, on: bool) -> Self {
        self.caps.rtcp_mux = on;
        self
    }

    /// How many codecs an answer lists (default [`AnswerCodecs::All`]).
    pub fn answer_codecs(mut self, answer_codecs: AnswerCodecs) -> Self {
        self.caps.answer_codecs = answer_codecs;
        self
    }

    /// What to accept from sloppy but common peers (default: everything
    /// [`Leniency`] lists; [`Leniency::STRICT`] for none).
    pub fn leniency(mut self, leniency: Leniency) -> Self {
        self.caps.leniency = leniency;
        self
    }

    /// Whose order an answer lists codecs in (default [`CodecOrder::Offerer`]).
    pub fn codec_order(mut self, order: CodecOrder) -> Self {
        self.caps.codec_order = order;
        self
    }

    /// Checks and returns the capabilities.
    ///
    /// # Errors
    /// [`CapabilityError`]: no address, a text field that would break an SDP
    /// line, payload types over 127 or used twice, an RTP capability without
    /// codec, SRTP keying on without key or fingerprint, bad ICE credentials.
    pub fn build(self) -> Result<LocalCapabilities, CapabilityError> {
        let mut caps = self.caps;
        if let Some(a) = caps.ipv4 {
            caps.ipv4_text = Arc::from(a.to_string());
        }
        if let Some(a) = caps.ipv6 {
            caps.ipv6_text = Arc::from(a.to_string());
        }
        if !caps.has_ip4() && !caps.has_ip6() {
            return Err(CapabilityError::NoAddress);
        }
        for name in [&caps.ipv4_text, &caps.ipv6_text] {
            token("host name", name, false)
                .or_else(|e| if name.is_empty() { Ok(()) } else { Err(e) })?;
        }
        token("username", &caps.username, false)?;
        token("session name", &caps.session_name, true)?;
        for m in &caps.media {
            check_media(m)?;
        }
        for (name, key_params) in &self.fixed_keys {
            let invalid = |reason| CapabilityError::InvalidSdesKey {
                suite: name.clone(),
                reason,
            };
            let suite =
                SrtpSuite::from_name(name).ok_or_else(|| invalid(SdesError::UnknownSuite))?;
            let mut keys = parse_keys(suite, key_params).map_err(invalid)?;
            if keys.len() != 1 {
                return Err(invalid(SdesError::InvalidKeyParam));
            }
            if caps.sdes_fixed.iter().any(|(s, _)| *s == suite) {
                continue;
            }
            if let Some(key) = keys.pop() {
                caps.sdes_fixed.push((suite, key));
            }
            if !caps.sdes_suites.contains(&suite) {
                caps.sdes_suites.push(suite);
            }
        }
        if caps.sdes != SrtpPolicy::Off {
            let keyed = |s: &SrtpSuite| {
                caps.key_source.is_some() || caps.sdes_fixed.iter().any(|(f, _)| f == s)
            };
            if caps.sdes_suites.is_empty() || !caps.sdes_suites.iter().all(keyed) {
                return Err(CapabilityError::SdesWithoutKey);
            }
        }
        if caps.dtls != SrtpPolicy::Off {
            let id = caps
                .dtls_identity
                .as_ref()
                .ok_or(CapabilityError::DtlsWithoutFingerprint)?;
            token("fingerprint hash", &id.hash_function, false)?;
            token("fingerprint", &id.fingerprint, false)?;
        }
        if let Some(ice) = &caps.ice {
            let ok = |s: &str, min: usize| (min..=256).contains(&s.len()) && is_ice_chars(s);
            if !ok(&ice.ufrag, 4) || !ok(&ice.pwd, 22) {
                return Err(CapabilityError::InvalidIceCredentials);
            }
            for (_, c) in &ice.candidates {
                token("ICE candidate", c, true)?;
            }
        }
        Ok(caps)
    }
}

/// RFC 8839 §5.4 ice-char: ALPHA / DIGIT / "+" / "/".
fn is_ice_chars(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

fn check_media(m: &MediaCapability) -> Result<(), CapabilityError> {
    let mut seen = [false; 128];
    for c in &m.codecs {
        token("codec name", &c.name, false)?;
        if let Some(f) = &c.fmtp {
            token("fmtp", f, true)?;
        }
        for fb in &c.rtcp_fb {
            token("rtcp-fb", fb, true)?;
        }
        if let Some(pt) = c.payload_type {
            let slot = seen
                .get_mut(usize::from(pt))
                .ok_or(CapabilityError::PayloadTypeOutOfRange(pt))?;
            if *slot {
                return Err(CapabilityError::DuplicatePayloadType(pt));
            }
            *slot = true;
        }
    }
    if m.is_rtp() && m.codecs.is_empty() {
        return Err(CapabilityError::NoCodec(m.media));
    }
    if let Some(p) = &m.protocol {
        token("protocol", p, false)?;
    }
    for f in &m.formats {
        token("format", f, false)?;
    }
    for a in m.attributes.iter().chain(&m.extmaps) {
        token("attribute", a, true)?;
    }
    Ok(())
}

/// A value that fits in one SDP line (no CR/LF), non-empty, and without
/// spaces unless `spaces` is allowed.
pub(crate) fn token(what: &'static str, value: &str, spaces: bool) -> Result<(), CapabilityError> {
    let bad = value.is_empty()
        || value.contains(['\r', '\n', '\0'])
        || (!spaces && value.contains([' ', '\t']));
    if bad {
        return Err(CapabilityError::InvalidText {
            what,
            value: value.to_owned(),
        });
    }
    Ok(())
}
