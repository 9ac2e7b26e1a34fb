//! [`Negotiator`]: the RFC 3264 offer/answer state machine.

use std::sync::Arc;

use super::answer::{AnswerParams, build_answer};
use super::capabilities::LocalCapabilities;
use super::error::NegotiationError;
use super::exchange::{Role, complete};
use super::ice::SessionIce;
use super::negotiated::{NegotiatedCodec, NegotiatedSession};
use super::offer::{OfferParams, build_offer};
use super::sdes::SessionKeys;
use super::{Hold, StreamCaps};
use crate::sdp::{MediaType, SessionDescription};

/// Where an offer/answer exchange stands (RFC 3264 §4; JSEP's signaling states).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NegotiationState {
    /// No offer outstanding: the last exchange (if any) completed or was rolled back.
    Stable,
    /// We sent an offer and wait for the answer.
    LocalOfferPending,
    /// We received an offer; our answer is built but not yet confirmed as sent.
    RemoteOfferPending,
}

/// Changes the next offer carries (RFC 3264 §8): kept until an exchange of our offer completes.
#[derive(Clone, Debug, Default)]
struct Intent {
    hold: Hold,
    add: Vec<MediaType>,
    remove: Vec<usize>,
    /// Our next offer restarts ICE (RFC 8445 §9).
    ice_restart: bool,
}

/// The RFC 3264 offer/answer state machine over [`LocalCapabilities`].
///
/// States: [`NegotiationState::Stable`] →
/// [`Negotiator::create_offer`] → `LocalOfferPending` →
/// [`Negotiator::receive_answer`] → `Stable`; or `Stable` →
/// [`Negotiator::receive_offer`] → `RemoteOfferPending` →
/// [`Negotiator::confirm_answer`] → `Stable`. [`Negotiator::rollback`] drops a
/// pending offer and returns to the last stable session. A call in the
/// wrong state is [`NegotiationError::WrongState`]; nothing panics.
///
/// ```
/// use sdp_offer_answer::negotiation::{LocalCapabilities, Negotiator};
/// use sdp_offer_answer::sdp::SessionDescription;
/// let offer = SessionDescription::parse(
///     "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n",
/// )?;
/// let mut negotiator = Negotiator::new(LocalCapabilities::demo_softphone(), 42);
/// let answer = negotiator.receive_offer(offer)?.serialize();
/// assert!(answer.contains("m=audio 49170 RTP/AVP 0 101\r\n"));
/// let session = negotiator.confirm_answer()?;
/// assert_eq!(&*session.streams[0].codec().unwrap().encoding_name, "PCMU");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Negotiator {
    caps: Arc<LocalCapabilities>,
    session_id: u64,
    /// The `o=` version of our last completed SDP.
    version: u64,
    /// The highest `o=` version we ever produced (a rolled-back offer included).
    last_version: u64,
    state: NegotiationState,
    local: Option<SessionDescription>,
    remote: Option<SessionDescription>,
    negotiated: Option<NegotiatedSession>,
    pending_offer: Option<SessionDescription>,
    pending_answer: Option<PendingAnswer>,
    intent: Intent,
    /// This session's own SDES keys, per stream and suite.
    sdes_keys: SessionKeys,
    /// The capability m-line carrying each stream of the current session.
    stream_caps: StreamCaps,
    /// The same for the pending offer.
    pending_offer_caps: StreamCaps,
    /// Our ICE credentials in the current session, per m-line.
    ice: SessionIce,
    /// The same for the pending offer (a restart of ours draws new ones).
    pending_offer_ice: SessionIce,
}

#[derive(Clone, Debug)]
struct PendingAnswer {
    offer: SessionDescription,
    answer: SessionDescription,
    /// What the answer agrees; `None` when the offer repeated the session's
    /// version and nothing changes (RFC 3264 §8).
    negotiated: Option<NegotiatedSession>,
    /// The capability m-line taking each stream (kept for an application's own answer).
    stream_caps: StreamCaps,
    /// Our ICE credentials with the answer's restarts.
    ice: SessionIce,
}

impl Negotiator {
    /// A negotiator for one session. `session_id` is the `o=` session id of
    /// our SDPs (RFC 8866 §5.2: draw it from your own randomness; the crate
    /// draws none). Our first SDP has version 1.
    pub fn new(caps: impl Into<Arc<LocalCapabilities>>, session_id: u64) -> Self {
        Negotiator {
            caps: caps.into(),
            session_id,
            version: 1,
            last_version: 1,
            state: NegotiationState::Stable,
            local: None,
            remote: None,
            negotiated: None,
            pending_offer: None,
            pending_answer: None,
            intent: Intent::default(),
            sdes_keys: SessionKeys::default(),
            stream_caps: StreamCaps::new(),
            pending_offer_caps: StreamCaps::new(),
            ice: SessionIce::default(),
            pending_offer_ice: SessionIce::default(),
        }
    }

    /// The current state.
    pub fn state(&self) -> NegotiationState {
        self.state
    }

    /// The local capabilities.
    pub fn capabilities(&self) -> &LocalCapabilities {
        &self.caps
    }

    /// What the last completed exchange agreed, `None` before the first.
    pub fn negotiated_session(&self) -> Option<&NegotiatedSession> {
        self.negotiated.as_ref()
    }

    /// Our SDP of the last completed exchange.
    pub fn local_description(&self) -> Option<&SessionDescription> {
        self.local.as_ref()
    }

    /// The remote SDP of the last completed exchange.
    pub fn remote_description(&self) -> Option<&SessionDescription> {
        self.remote.as_ref()
    }

    /// Our pending offer, while [`NegotiationState::LocalOfferPending`].
    pub fn pending_offer(&self) -> Option<&SessionDescription> {
        self.pending_offer.as_ref()
    }

    /// Our pending answer, while [`NegotiationState::RemoteOfferPending`].
    pub fn pending_answer(&self) -> Option<&SessionDescription> {
        self.pending_answer.as_ref().map(|p| &p.answer)
    }

    fn wrong(&self, operation: &'static str) -> NegotiationError {
        NegotiationError::WrongState {
            operation,
            state: self.state,
        }
    }

    /// Builds our offer: the initial offer from the capabilities, or a
    /// re-offer (RFC 3264 §8) keeping m-line count and order, payload types,
    /// ports and mids, applying hold/resume and added/removed streams. The
    /// `o=` version goes up by one exactly when the SDP changed.
    ///
    /// # Errors
    /// [`NegotiationError::WrongState`] unless stable;
    /// [`NegotiationError::PayloadTypesExhausted`] when the codecs do not fit the dynamic range.
    pub fn create_offer(&mut self) -> Result<&SessionDescription, NegotiationError> {
        if self.state != NegotiationState::Stable {
            return Err(self.wrong("create_offer"));
        }
        let mut ice = self.ice.clone();
        ice.ensure_base(&self.caps);
        if self.intent.ice_restart && self.caps.ice.is_some() {
            ice.restart_all(&self.caps)
                .map_err(|_| NegotiationError::NoKeySource)?;
        }
        let params = OfferParams {
            caps: &self.caps,
            session_id: self.session_id,
            version: self.version,
            hold: &self.intent.hold,
            add: &self.intent.add,
            remove: &self.intent.remove,
            local: self.local.as_ref(),
            remote: self.remote.as_ref(),
            negotiated: self.negotiated.as_ref(),
            stream_caps: &self.stream_caps,
            ice: &ice,
        };
        let (offer, offer_caps) = build_offer(&params, &mut self.sdes_keys)?;
        self.pending_offer_caps = offer_caps;
        self.pending_offer_ice = ice;
        // An added stream changes the session even when it reuses a slot the
        // remote rejected and so reads as our last offer did (RFC 3264 §8).
        let (offer, _) = self.versioned(offer, !self.intent.add.is_empty());
        self.state = NegotiationState::LocalOfferPending;
        Ok(self.pending_offer.insert(offer))
    }

    /// Gives `sdp` our next version when its content differs from our last
    /// SDP (or `changed` says the session changes), else keeps the version
    /// (RFC 3264 §8). Returns the SDP and its version.
    fn versioned(&mut self, sdp: SessionDescription, changed: bool) -> (SessionDescription, u64) {
        match &self.local {
            Some(last) if changed || !same_but_origin(last, &sdp) => {
                self.last_version = self.last_version.max(self.version) + 1;
                (
                    super::offer::with_version(&sdp, self.last_version),
                    self.last_version,
                )
            }
            _ => (sdp, self.version),
        }
    }

    /// Takes the remote answer to our pending offer, checks it (RFC 3264 §6:
    /// m-line count, media, formats offered, fmtp, directions, crypto) and
    /// makes the agreed session current.
    ///
    /// # Errors
    /// [`NegotiationError::WrongState`] unless an offer is pending;
    /// [`NegotiationError::InvalidAnswer`] when the answer breaks RFC 3264:
    /// the offer stays pending (roll back or end the call).
    pub fn receive_answer(
        &mut self,
        answer: SessionDescription,
    ) -> Result<&NegotiatedSession, NegotiationError> {
        if self.state != NegotiationState::LocalOfferPending {
            return Err(self.wrong("receive_answer"));
        }
        let Some(offer) = self.pending_offer.take() else {
            return Err(self.wrong("receive_answer"));
        };
        let mut negotiated = match complete(&offer, &answer, Role::Offerer, &[]) {
            Ok(n) => n,
            Err(e) => {
                self.pending_offer = Some(offer);
                return Err(e.into());
            }
        };
        mark_ice_restarts(&mut negotiated, self.local.as_ref(), &offer);
        self.version = negotiated.local_version;
        self.local = Some(offer);
        self.remote = Some(answer);
        self.stream_caps = std::mem::take(&mut self.pending_offer_caps);
        self.ice = std::mem::take(&mut self.pending_offer_ice);
        self.intent.ice_restart = false;
        self.intent.add.clear();
        self.intent.remove.clear();
        self.state = NegotiationState::Stable;
        Ok(self.negotiated.insert(negotiated))
    }

    /// Checks a provisional answer to our pending offer (early media: an
    /// unreliable 183, or one fork's answer) and returns what it would agree,
    /// without changing any state: the offer stays pending for the final answer.
    ///
    /// # Errors
    /// [`NegotiationError::WrongState`] unless an offer is pending;
    /// [`NegotiationError::InvalidAnswer`] when the answer breaks RFC 3264.
    pub fn preview_answer(
        &self,
        answer: &SessionDescription,
    ) -> Result<NegotiatedSession, NegotiationError> {
        match (&self.state, &self.pending_offer) {
            (NegotiationState::LocalOfferPending, Some(offer)) => {
                Ok(complete(offer, answer, Role::Offerer, &[])?)
            }
            _ => Err(self.wrong("preview_answer")),
        }
    }

    /// Takes a remote offer and builds our answer (RFC 3264 §6); the
    /// negotiator is then [`NegotiationState::RemoteOfferPending`] until
    /// [`Negotiator::confirm_answer`] or [`Negotiator::rollback`].
    ///
    /// An offer with the session's current `o=` version changes nothing and
    /// is answered with our current SDP (RFC 3264 §8), when that SDP is a
    /// valid answer to it (not so for our own last offer, say); else it is
    /// answered like any offer.
    ///
    /// # Errors
    /// [`NegotiationError::WrongState`] unless stable (an offer while ours is
    /// pending is glare: answer 491); [`NegotiationError::InvalidSdp`] for a
    /// malformed offer; [`NegotiationError::InvalidReOffer`] when it drops
    /// m-lines; [`NegotiationError::NotAcceptable`] when no stream can be
    /// accepted. On error the state is unchanged.
    pub fn receive_offer(
        &mut self,
        offer: SessionDescription,
    ) -> Result<&SessionDescription, NegotiationError> {
        if self.state != NegotiationState::Stable {
            return Err(self.wrong("receive_offer"));
        }
        if let (Some(_), Some(local)) = (&self.remote, &self.local) {
            if offer.media_count() < local.media_count() {
                return Err(NegotiationError::InvalidReOffer {
                    offered: offer.media_count(),
                    current: local.media_count(),
                });
            }
            if self.unchanged(&offer)? {
                let answer = local.clone();
                let pending = PendingAnswer {
                    offer,
                    answer,
                    negotiated: None,
                    stream_caps: self.stream_caps.clone(),
                    ice: self.ice.clone(),
                };
                self.state = NegotiationState::RemoteOfferPending;
                return Ok(&self.pending_answer.insert(pending).answer);
            }
        }
        let mut ice = self.ice.clone();
        ice.ensure_base(&self.caps);
        if self.caps.ice.is_some() {
            for index in ice_restarts(self.remote.as_ref(), &offer)? {
                ice.restart(index, &self.caps)
                    .map_err(|_| NegotiationError::NoKeySource)?;
            }
        }
        let built = build_answer(
            &offer,
            &AnswerParams {
                caps: &self.caps,
                session_id: self.session_id,
                version: self.version,
                hold: &self.intent.hold,
                previous: self.local.as_ref(),
                previous_caps: &self.stream_caps,
                ice: &ice,
            },
            &mut self.sdes_keys,
        )?;
        let (answer, version) = self.versioned(built.sdp, false);
        let mut negotiated = built.negotiated;
        negotiated.local_version = version;
        mark_ice_restarts(&mut negotiated, self.local.as_ref(), &answer);
        self.state = NegotiationState::RemoteOfferPending;
        let pending = PendingAnswer {
            offer,
            answer,
            negotiated: Some(negotiated),
            stream_caps: built.stream_caps,
            ice,
        };
        Ok(&self.pending_answer.insert(pending).answer)
    }

    /// Whether `offer` is a session refresh (RFC 3264 §8: it repeats the
    /// `o=` session id and version of the remote SDP of the current
    /// session, so it changes nothing, e.g. an RFC 4028 session timer
    /// re-INVITE): [`Negotiator::receive_offer`] would answer it with our
    /// current SDP, unchanged. `false` while an exchange is pending, before
    /// a session exists, for a changed version, and when our current SDP
    /// is no valid answer to it (after we offered, our SDP is an offer).
    pub fn is_refresh(&self, offer: &SessionDescription) -> bool {
        self.state == NegotiationState::Stable && self.unchanged(offer).unwrap_or(false)
    }

    /// The refresh test of [`Negotiator::is_refresh`] and
    /// [`Negotiator::receive_offer`], in one place.
    fn unchanged(&self, offer: &SessionDescription) -> Result<bool, NegotiationError> {
        let (Some(remote), Some(local), Some(current)) =
            (&self.remote, &self.local, &self.negotiated)
        else {
            return Ok(false);
        };
        if !same_version(remote, offer)? {
            return Ok(false);
        }
        // Our current SDP answers an unchanged offer only when, as an
        // answer to it, it agrees exactly the current session's codecs.
        // After we offered, our SDP is an offer: formats the remote's answer
        // left out would, as an answer's, become agreed (RFC 3264 §6.1 lets
        // an answer map another payload type to an offered codec), so a
        // fresh answer is built instead.
        Ok(complete(offer, local, Role::Answerer, &[])
            .is_ok_and(|again| same_codecs(&again, current)))
    }

    /// Replaces our pending answer with one the application wrote (UCMA: a
    /// provider answering with its own SDP). It is checked against the offer
    /// like a remote answer (RFC 3264 §6), and what it agrees becomes the
    /// pending session.
    ///
    /// # Errors
    /// [`NegotiationError::WrongState`] unless an answer is pending;
    /// [`NegotiationError::InvalidAnswer`] when it breaks RFC 3264 (the
    /// built answer stays pending).
    pub fn set_local_answer(
        &mut self,
        answer: SessionDescription,
    ) -> Result<&SessionDescription, NegotiationError> {
        if self.pending_answer.is_none() {
            return Err(self.wrong("set_local_answer"));
        }
        let Some(pending) = self.pending_answer.as_mut() else {
            return Err(NegotiationError::WrongState {
                operation: "set_local_answer",
                state: self.state,
            });
        };
        let negotiated = complete(&pending.offer, &answer, Role::Answerer, &[])?;
        pending.answer = answer;
        pending.negotiated = Some(negotiated);
        Ok(&pending.answer)
    }

    /// Confirms that our pending answer was sent: the agreed session becomes current.
    ///
    /// # Errors
    /// [`NegotiationError::WrongState`] unless an answer is pending.
    pub fn confirm_answer(&mut self) -> Result<&NegotiatedSession, NegotiationError> {
        if self.state != NegotiationState::RemoteOfferPending {
            return Err(self.wrong("confirm_answer"));
        }
        let Some(p) = self.pending_answer.take() else {
            return Err(self.wrong("confirm_answer"));
        };
        self.state = NegotiationState::Stable;
        let Some(negotiated) = p.negotiated else {
            // Same-version re-offer: the current session stands.
            return self
                .negotiated
                .as_ref()
                .ok_or(NegotiationError::WrongState {
                    operation: "confirm_answer",
                    state: NegotiationState::Stable,
                });
        };
        self.version = negotiated.local_version;
        self.local = Some(p.answer);
        self.remote = Some(p.offer);
        self.stream_caps = p.stream_caps;
        self.ice = p.ice;
        // Added/removed streams wait for *our* next offer (e.g. the retry
        // after glare): answering the remote's offer does not carry them.
        Ok(self.negotiated.insert(negotiated))
    }

    /// Drops the pending offer or answer and returns to the last stable
    /// session (which is unchanged). A no-op when already stable.
    pub fn rollback(&mut self) {
        self.pending_offer = None;
        self.pending_answer = None;
        self.state = NegotiationState::Stable;
    }

    /// Puts the remote on hold from the next offer on (RFC 3264 §8.4: our
    /// streams lose `RECV`: sendrecv → sendonly, recvonly → inactive); also
    /// applies to answers we give while held.
    pub fn hold(&mut self) {
        self.intent.hold.all = true;
    }

    /// Puts only the stream at m-line `index` on hold from the next offer on
    /// (RFC 3264 §8.4, RFC 4317 §3.2); [`Negotiator::resume`] undoes it.
    pub fn hold_stream(&mut self, index: usize) {
        if !self.intent.hold.streams.contains(&index) {
            self.intent.hold.streams.push(index);
        }
    }

    /// Draws new SDES keys (RFC 4568 §6.1) for the next offer or answer:
    /// until then, re-offers and re-answers keep the session's keys. Keys
    /// come from the capabilities' [`KeySource`](crate::negotiation::KeySource).
    pub fn rekey_sdes(&mut self) {
        self.sdes_keys.clear();
    }

    /// Restarts ICE (RFC 8445 §9) from our next offer on: it carries new
    /// `ice-ufrag`/`ice-pwd` on every m-line, drawn from the capabilities'
    /// [`KeySource`](crate::negotiation::KeySource); kept until an
    /// exchange of our offer completes. `create_offer` fails with
    /// [`NegotiationError::NoKeySource`] without a key source.
    pub fn restart_ice(&mut self) {
        self.intent.ice_restart = true;
    }

    /// Takes the remote off hold from the next offer on.
    pub fn resume(&mut self) {
        self.intent.hold = Hold::default();
    }

    /// `true` while we hold the remote.
    pub fn is_holding(&self) -> bool {
        self.intent.hold.all || !self.intent.hold.streams.is_empty()
    }

    /// Adds a stream of `media` in the next offer: it reuses a disabled
    /// (port 0) m-line or is appended (RFC 3264 §8.1).
    ///
    /// # Errors
    /// [`NegotiationError::NoCapability`] when we cannot do that media.
    pub fn add_stream(&mut self, media: MediaType) -> Result<(), NegotiationError> {
        if !self.caps.media.iter().any(|m| m.media == media) {
            return Err(NegotiationError::NoCapability(media));
        }
        self.intent.add.push(media);
        Ok(())
    }

    /// Forgets the streams [`Negotiator::add_stream`] and
    /// [`Negotiator::remove_stream`] asked for and no offer has carried
    /// through yet (e.g. the remote refused the offer that added video);
    /// hold stays as it is.
    pub fn discard_stream_changes(&mut self) {
        self.intent.add.clear();
        self.intent.remove.clear();
    }

    /// Removes (disables with port 0, RFC 3264 §8.2) the stream at m-line
    /// `index` in the next offer.
    ///
    /// # Errors
    /// [`NegotiationError::NoSuchStream`] when the session has no such m-line.
    pub fn remove_stream(&mut self, index: usize) -> Result<(), NegotiationError> {
        let count = self
            .local
            .as_ref()
            .map_or(0, SessionDescription::media_count);
        if index >= count {
            return Err(NegotiationError::NoSuchStream(index));
        }
        if !self.intent.remove.contains(&index) {
            self.intent.remove.push(index);
        }
        Ok(())
    }
}

/// `true` when `offer` names the same session as `remote` with the same version.
fn same_version(
    remote: &SessionDescription,
    offer: &SessionDescription,
) -> Result<bool, NegotiationError> {
    match (remote.origin()?, offer.origin()?) {
        (Some(r), Some(o)) => Ok(r.same_session(&o) && r.session_version == o.session_version),
        _ => Ok(false),
    }
}

/// `true` when both sessions agree the same codecs on every stream (in
/// any order: each side lists them in the other's preference).
fn same_codecs(a: &NegotiatedSession, b: &NegotiatedSession) -> bool {
    let key = |c: &&NegotiatedCodec| (c.recv_payload_type, c.send_payload_type);
    a.streams.len() == b.streams.len()
        && a.streams.iter().zip(&b.streams).all(|(x, y)| {
            if x.codecs.len() != y.codecs.len() {
                return false;
            }
            let mut xs: Vec<&NegotiatedCodec> = x.codecs.iter().collect();
            let mut ys: Vec<&NegotiatedCodec> = y.codecs.iter().collect();
            xs.sort_by_key(key);
            ys.sort_by_key(key);
            xs == ys
        })
}

/// `true` when both hold the same lines apart from `o=`.
fn same_but_origin(a: &SessionDescription, b: &SessionDescription) -> bool {
    a.line_count() == b.line_count()
        && a.lines().zip(b.lines()).all(|(x, y)| {
            x.letter() == y.letter() && (x.letter() == b'o' || x.value() == y.value())
        })
}

/// The m-lines of `offer` that restart ICE (RFC 8839 §4.4.1.1.1: an offer
/// changing the `ice-ufrag` or `ice-pwd` of a stream that had them).
fn ice_restarts(
    remote: Option<&SessionDescription>,
    offer: &SessionDescription,
) -> Result<smallvec::SmallVec<[usize; 2]>, NegotiationError> {
    let mut out = smallvec::SmallVec::new();
    let Some(remote) = remote else {
        return Ok(out);
    };
    let (before, now) = (
        super::scan::SessionScan::new(remote)?,
        super::scan::SessionScan::new(offer)?,
    );
    for (i, (r, o)) in remote
        .media_descriptions()
        .zip(offer.media_descriptions())
        .enumerate()
    {
        let (r, o) = (
            super::scan::MediaScan::new(r, &before)?,
            super::scan::MediaScan::new(o, &now)?,
        );
        if let (Some(ru), Some(rp), Some(ou), Some(op)) =
            (r.ice_ufrag, r.ice_pwd, o.ice_ufrag, o.ice_pwd)
        {
            if ru != ou || rp != op {
                out.push(i);
            }
        }
    }
    Ok(out)
}

/// Marks the streams whose ICE credentials of ours changed from our last
/// SDP to `ours` (a restart, either side's).
fn mark_ice_restarts(
    negotiated: &mut NegotiatedSession,
    last: Option<&SessionDescription>,
    ours: &SessionDescription,
) {
    let Some(last) = last else { return };
    for s in &mut negotiated.streams {
        let creds = |sdp: &SessionDescription| {
            let m = sdp.media(s.index)?;
            let get = |name: &str| {
                m.attribute(name)
                    .or_else(|| sdp.attributes().find(|a| a.name() == name))
                    .and_then(|a| a.value())
                    .map(str::to_owned)
            };
            Some((get("ice-ufrag")?, get("ice-pwd")?))
        };
        if let (Some(a), Some(b)) = (creds(last), creds(ours)) {
            s.ice_restart = a != b;
        }
    }
}
