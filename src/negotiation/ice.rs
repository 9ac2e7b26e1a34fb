//! Our ICE credentials in a session (RFC 8839 §5.4, RFC 8445 §5.3): drawn
//! from the application's [`KeySource`](super::KeySource) once per session,
//! and anew per m-line on an ICE restart (RFC 8445 §9: new `ice-ufrag` and
//! `ice-pwd`), whichever side starts it. Without a key source the
//! capabilities' credentials are used, and a restart cannot be answered.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use smallvec::SmallVec;

use super::capabilities::LocalCapabilities;
use super::sdes::SharedKeySource;

/// One ufrag/pwd pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Creds {
    pub(crate) ufrag: String,
    pub(crate) pwd: String,
}

impl Creds {
    /// Fresh credentials: 48 random bits as an 8-character ufrag and 144
    /// as a 24-character pwd (RFC 8445 §5.3 asks for at least 24 and 128),
    /// in base64, whose alphabet is RFC 8839's `ice-char`.
    fn draw(source: &SharedKeySource) -> Creds {
        let mut bytes = [0u8; 24];
        source.0.fill_random(&mut bytes);
        let ufrag = STANDARD_NO_PAD.encode(&bytes[..6]);
        let pwd = STANDARD_NO_PAD.encode(&bytes[6..]);
        bytes.fill(0);
        Creds { ufrag, pwd }
    }
}

/// No key source: ICE restarts need fresh credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NoKeySource;

/// The session's credentials: a base for every m-line, and the m-lines a
/// restart gave their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SessionIce {
    base: Option<Creds>,
    streams: SmallVec<[(usize, Creds); 2]>,
}

impl SessionIce {
    /// Draws the session's base credentials when there is a key source and
    /// none yet (every session has its own, RFC 8445 §5.3).
    pub(crate) fn ensure_base(&mut self, caps: &LocalCapabilities) {
        if self.base.is_none() && caps.ice.is_some() {
            if let Some(source) = &caps.key_source {
                self.base = Some(Creds::draw(source));
            }
        }
    }

    /// Our ufrag and pwd for m-line `index`.
    pub(crate) fn creds<'a>(
        &'a self,
        index: usize,
        caps: &'a LocalCapabilities,
    ) -> Option<(&'a str, &'a str)> {
        if let Some((_, c)) = self.streams.iter().find(|(i, _)| *i == index) {
            return Some((&c.ufrag, &c.pwd));
        }
        if let Some(c) = &self.base {
            return Some((&c.ufrag, &c.pwd));
        }
        caps.ice.as_ref().map(|i| (&*i.ufrag, &*i.pwd))
    }

    /// New credentials for m-line `index` (an ICE restart of that stream).
    pub(crate) fn restart(
        &mut self,
        index: usize,
        caps: &LocalCapabilities,
    ) -> Result<(), NoKeySource> {
        let source = caps.key_source.as_ref().ok_or(NoKeySource)?;
        let fresh = Creds::draw(source);
        match self.streams.iter_mut().find(|(i, _)| *i == index) {
            Some((_, c)) => *c = fresh,
            None => self.streams.push((index, fresh)),
        }
        Ok(())
    }

    /// New credentials for every m-line (our restart of the whole session).
    pub(crate) fn restart_all(&mut self, caps: &LocalCapabilities) -> Result<(), NoKeySource> {
        let source = caps.key_source.as_ref().ok_or(NoKeySource)?;
        self.streams.clear();
        self.base = Some(Creds::draw(source));
        Ok(())
    }
}
