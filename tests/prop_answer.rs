//! Property tests of answer generation (RFC 3264 §6) on generated valid
//! offers (`prop_support::offer`) against generated local capabilities
//! (`prop_support::caps`), checked against the reference model of
//! `prop_support::model`.

mod prop_support;

use prop_support::caps::{CapsSpec, caps};
use prop_support::codecs::static_encoding;
use prop_support::model::{Expect, decide, rank, read_offer};
use prop_support::offer::{OfferSpec, offer};
use proptest::prelude::*;
use sdp_offer_answer::negotiation::{
    NegotiatedSession, NegotiationError, Negotiator, StreamState, validate_answer,
};
use sdp_offer_answer::sdp::{Direction, SessionDescription};

const CASES: u32 = 256;

/// The offer parsed, and the negotiator's answer with the session it agrees
/// (`confirm_answer`), or its error.
struct Outcome {
    offer: SessionDescription,
    result: Result<(SessionDescription, NegotiatedSession), NegotiationError>,
}

fn negotiate(spec: &OfferSpec, caps: &CapsSpec) -> Outcome {
    let offer = SessionDescription::parse(&spec.to_sdp()).expect("generated offers parse");
    let mut n = Negotiator::new(caps.build(), 99);
    let result = match n.receive_offer(offer.clone()) {
        Ok(answer) => {
            let answer = answer.clone();
            let session = n.confirm_answer().expect("confirm").clone();
            Ok((answer, session))
        }
        Err(e) => Err(e),
    };
    Outcome { offer, result }
}

/// The answer, or a test failure naming the error.
fn answered(o: &Outcome) -> Result<(&SessionDescription, &NegotiatedSession), TestCaseError> {
    match &o.result {
        Ok((a, s)) => Ok((a, s)),
        Err(e) => Err(TestCaseError::reject(format!("offer refused: {e}"))),
    }
}

/// The effective direction of answer m-line `i`.
fn answer_direction(answer: &SessionDescription, i: usize) -> Direction {
    answer.media(i).expect("m-line").effective_direction()
}

proptest! {
    #![proptest_config(ProptestConfig {
        // Refused offers are rejected cases for the properties about answers.
        max_global_rejects: 4 * CASES,
        ..ProptestConfig::with_cases(CASES)
    })]

    /// RFC 3264 §6: the answer has the offer's m-lines, in order, with the
    /// offer's media and proto, whatever is accepted.
    #[test]
    fn answer_keeps_every_m_line(spec in offer(), caps in caps()) {
        let o = negotiate(&spec, &caps);
        let (answer, session) = answered(&o)?;
        prop_assert_eq!(answer.media_count(), o.offer.media_count());
        prop_assert_eq!(session.streams.len(), o.offer.media_count());
        for (om, am) in o.offer.media_descriptions().zip(answer.media_descriptions()) {
            let (ol, al) = (om.media_line().unwrap(), am.media_line().unwrap());
            prop_assert_eq!(ol.media, al.media);
            prop_assert_eq!(ol.proto, al.proto);
        }
    }

    /// A stream is rejected (port 0) exactly when the model finds no common
    /// format, transport, keying or address family, with the model's
    /// reason; a whole offer is refused (`NotAcceptable`) exactly when no
    /// stream can be accepted, naming the most specific reason.
    #[test]
    fn streams_are_rejected_exactly_as_the_model_says(spec in offer(), caps in caps()) {
        let o = negotiate(&spec, &caps);
        let expected: Vec<Expect> = read_offer(&o.offer).iter().map(|s| decide(s, &caps)).collect();
        let failures: Vec<(usize, _)> = expected
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match e {
                Expect::Rejected(r) => Some((i, *r)),
                _ => None,
            })
            .collect();
        let live = expected.iter().filter(|e| **e != Expect::Disabled).count();
        match &o.result {
            Err(NegotiationError::NotAcceptable(rejection)) => {
                prop_assert!(live > 0 && failures.len() == live, "refused, but the model accepts: {expected:?}");
                prop_assert_eq!(&rejection.streams, &failures);
                let top = failures.iter().map(|&(_, r)| rank(r)).max();
                prop_assert_eq!(Some(rank(rejection.reason)), top);
                prop_assert!(failures.iter().any(|&(_, r)| r == rejection.reason));
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
            Ok((answer, session)) => {
                prop_assert!(live == 0 || failures.len() < live, "accepted, but the model refuses: {expected:?}");
                for (i, e) in expected.iter().enumerate() {
                    let port = answer.media(i).unwrap().media_line().unwrap().port;
                    let state = session.streams[i].state;
                    match e {
                        Expect::Disabled => {
                            prop_assert_eq!(port, 0);
                            prop_assert_eq!(state, StreamState::Disabled);
                        }
                        Expect::Rejected(r) => {
                            prop_assert_eq!(port, 0);
                            prop_assert_eq!(state, StreamState::Rejected(*r));
                        }
                        Expect::Accepted(_) => {
                            prop_assert_ne!(port, 0);
                            prop_assert_eq!(state, StreamState::Active);
                        }
                    }
                }
            }
        }
    }

    /// RFC 3264 §6.1: an accepted RTP stream lists only offered formats,
    /// under the offer's payload types and with the offer's encodings; its
    /// media codecs are the common ones the model picks (all or the first,
    /// in the offer's or our order, per the capabilities).
    #[test]
    fn answer_formats_are_offered_formats_with_offered_payload_types(spec in offer(), caps in caps()) {
        let o = negotiate(&spec, &caps);
        let (answer, _) = answered(&o)?;
        let streams = read_offer(&o.offer);
        for (i, (s, am)) in streams.iter().zip(answer.media_descriptions()).enumerate() {
            let Expect::Accepted(acc) = decide(s, &caps) else { continue };
            let om = o.offer.media(i).unwrap();
            let al = am.media_line().unwrap();
            let formats: Vec<&str> = al.formats().collect();
            for f in &formats {
                prop_assert!(s.formats.iter().any(|of| of == f), "m-line {i}: {f} not offered");
            }
            if !acc.rtp {
                continue;
            }
            let mut main_pts = Vec::new();
            for f in &formats {
                let pt: u8 = f.parse().unwrap();
                let offered = om
                    .rtpmap(pt)
                    .map(|r| (r.encoding_name, r.clock_rate, r.channel_count()))
                    .or_else(|| static_encoding(pt))
                    .expect("offered formats have a known encoding");
                let ours = am.rtpmap(pt).expect("the answer maps every payload type");
                prop_assert_eq!(
                    (ours.encoding_name, ours.clock_rate, ours.channel_count()),
                    offered
                );
                let id = &s.rtp.iter().find(|o| o.pt == pt).unwrap().id;
                if id.is_main() {
                    main_pts.push(pt);
                }
            }
            prop_assert_eq!(&main_pts, &acc.main_pts, "m-line {}", i);
        }
    }

    /// RFC 3264 §6.1: sendonly → recvonly/inactive, recvonly →
    /// sendonly/inactive, sendrecv → any, inactive → inactive; the answer
    /// never exceeds our capability's direction; session-level direction
    /// applies where the media says nothing. The session's direction is
    /// the answer's. An offered `c=0.0.0.0` (the old hold) leaves the answer
    /// alone: the session says the remote holds us and has no destination.
    #[test]
    fn answer_direction_follows_rfc3264(spec in offer(), caps in caps()) {
        let o = negotiate(&spec, &caps);
        let (answer, session) = answered(&o)?;
        for (i, s) in read_offer(&o.offer).iter().enumerate() {
            let Expect::Accepted(acc) = decide(s, &caps) else { continue };
            let dir = answer_direction(answer, i);
            prop_assert!(acc.allowed.contains(dir), "m-line {i}: answered {dir} where {} is allowed", acc.allowed);
            prop_assert!(acc.allowed.is_empty() || !dir.is_empty(), "m-line {i}: inactive where {} is allowed", acc.allowed);
            prop_assert_eq!(session.streams[i].direction, dir);
            if s.old_hold {
                prop_assert!(session.streams[i].held_by_remote);
                // A bundled stream takes the BUNDLE-tag's transport (RFC 9143 §7.3.3).
                if !session.bundle_group.contains(&i) {
                    prop_assert_eq!(&session.streams[i].remote_rtp, &None);
                }
            }
        }
    }

    /// `parse(serialize(x)) == x` for generated offers and for every answer.
    #[test]
    fn offers_and_answers_round_trip(spec in offer(), caps in caps()) {
        let text = spec.to_sdp();
        let o = negotiate(&spec, &caps);
        prop_assert_eq!(o.offer.serialize(), text);
        prop_assert!(o.offer.is_canonical());
        if let Ok((answer, _)) = &o.result {
            let again = SessionDescription::parse(&answer.serialize()).unwrap();
            prop_assert_eq!(&again, answer);
            prop_assert_eq!(again.serialize(), answer.serialize());
        }
    }

    /// The offerer accepts every answer we produce (`validate_answer`), and
    /// sees the same streams active, with the directions reversed.
    #[test]
    fn offerer_accepts_every_answer(spec in offer(), caps in caps()) {
        let o = negotiate(&spec, &caps);
        let (answer, ours) = answered(&o)?;
        let theirs = validate_answer(&o.offer, answer);
        prop_assert!(theirs.is_ok(), "{:?}\noffer:\n{}\nanswer:\n{}", theirs, o.offer, answer);
        let theirs = theirs.unwrap();
        for (t, u) in theirs.streams.iter().zip(&ours.streams) {
            prop_assert_eq!(t.is_active(), u.is_active());
            if u.is_active() {
                // Behind an offered `c=0.0.0.0` nothing flows to the offerer:
                // both views drop that direction (RFC 3264 §8.4).
                prop_assert_eq!(t.direction, u.direction.reversed());
                let names = |s: &sdp_offer_answer::negotiation::NegotiatedStream| {
                    s.codecs.iter().map(|c| (c.encoding_name.to_ascii_lowercase(), c.recv_payload_type)).collect::<Vec<_>>()
                };
                prop_assert_eq!(names(t), names(u));
            }
        }
    }

    /// A malformed line the negotiator reads (`c=`, `a=ptime`, `a=rtcp`,
    /// `a=setup`) makes the offer `InvalidSdp`, naming that line.
    #[test]
    fn malformed_offer_is_invalid_sdp(
        spec in offer(),
        caps in caps(),
        bad in prop::sample::select(vec!["c=IN IP4", "a=ptime:soon", "a=rtcp:x", "a=setup:sideways"]),
        at in any::<prop::sample::Index>(),
    ) {
        let mut lines: Vec<&str> = Vec::new();
        let text = spec.to_sdp();
        let m_lines: Vec<usize> = text
            .split("\r\n")
            .enumerate()
            .filter(|(_, l)| l.starts_with("m="))
            .map(|(i, _)| i)
            .collect();
        let after = m_lines[at.index(m_lines.len())];
        for (i, l) in text.split("\r\n").filter(|l| !l.is_empty()).enumerate() {
            lines.push(l);
            if i == after {
                lines.push(bad);
            }
        }
        let corrupted = lines.join("\r\n") + "\r\n";
        let offer = SessionDescription::parse(&corrupted).unwrap();
        let mut n = Negotiator::new(caps.build(), 99);
        match n.receive_offer(offer) {
            Err(NegotiationError::InvalidSdp(e)) => prop_assert_eq!(e.line(), Some(after + 2)),
            other => prop_assert!(false, "{:?}", other.map(|a| a.to_string())),
        }
    }
}
