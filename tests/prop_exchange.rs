//! Property tests of whole offer/answer exchanges between two negotiators
//! with random capabilities: `create_offer` → `receive_offer` →
//! `confirm_answer` → `receive_answer`, A→B and B→A, then a re-offer the
//! other way within the session. Both sides agree on every stream (active
//! or not, reversed directions, the same codecs with one side's send
//! payload type the other's receive payload type), they only agree codecs
//! both support, and the streams accepted are those the reference model
//! accepts.

mod prop_support;

use prop_support::caps::{CapsSpec, RtpCap, caps};
use prop_support::codecs::Identity;
use prop_support::model::{Expect, decide, read_offer};
use proptest::prelude::*;
use sdp_offer_answer::negotiation::{
    NegotiatedCodec, NegotiatedSession, NegotiatedStream, NegotiationError, NegotiationState,
    Negotiator,
};
use sdp_offer_answer::sdp::{MediaType, SessionDescription};

const CASES: u32 = 256;

/// One side of an exchange: its negotiator and what its capabilities are made of.
struct Side {
    n: Negotiator,
    caps: CapsSpec,
}

impl Side {
    fn new(caps: &CapsSpec, session_id: u64) -> Self {
        Side {
            n: Negotiator::new(caps.build(), session_id),
            caps: caps.clone(),
        }
    }
}

/// `true` when `cap` lists a codec of this encoding.
fn supports(cap: Option<&RtpCap>, name: &str, clock: u32, channels: u16) -> bool {
    cap.is_some_and(|c| {
        c.codecs
            .iter()
            .any(|d| Identity::of(d).same_encoding(name, clock, channels))
    })
}

fn rtp_cap(caps: &CapsSpec, media: MediaType) -> Option<&RtpCap> {
    match media {
        MediaType::Audio => caps.audio.as_ref(),
        MediaType::Video => caps.video.as_ref(),
        _ => None,
    }
}

/// The offerer's and the answerer's view of one stream agree.
fn agree(
    i: usize,
    o: &NegotiatedStream,
    a: &NegotiatedStream,
    offerer: &CapsSpec,
    answerer: &CapsSpec,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(o.is_active(), a.is_active(), "m-line {}", i);
    prop_assert_eq!(o.media, a.media);
    if !o.is_active() {
        return Ok(());
    }
    prop_assert_eq!(o.direction, a.direction.reversed(), "m-line {}", i);
    // The same codecs, one side's send payload type the other's receive
    // one. Compared as sets: each side lists them in its send preference,
    // which comes from the other side's SDP (RFC 3264 §5.1), so after an
    // unchanged re-offer answered with a reused SDP the orders may differ.
    let seen_from_offerer = |c: &NegotiatedCodec| {
        let name = c.encoding_name.to_ascii_lowercase();
        (
            name,
            c.clock_rate,
            c.channels,
            c.send_payload_type,
            c.recv_payload_type,
        )
    };
    let seen_from_answerer = |c: &NegotiatedCodec| {
        let name = c.encoding_name.to_ascii_lowercase();
        (
            name,
            c.clock_rate,
            c.channels,
            c.recv_payload_type,
            c.send_payload_type,
        )
    };
    let mut ours: Vec<_> = o.codecs.iter().map(seen_from_offerer).collect();
    let mut theirs: Vec<_> = a.codecs.iter().map(seen_from_answerer).collect();
    ours.sort();
    theirs.sort();
    prop_assert_eq!(ours, theirs, "m-line {}", i);
    if let (Some(ours), Some(theirs)) = (rtp_cap(offerer, o.media), rtp_cap(answerer, o.media)) {
        let main = o.codec();
        prop_assert!(
            main.is_some(),
            "m-line {i}: an active RTP stream without a media codec"
        );
        for c in o.codecs.iter().filter(|c| c.is_media_codec()) {
            let (name, clock, ch) = (&*c.encoding_name, c.clock_rate, c.channels);
            prop_assert!(
                supports(Some(ours), name, clock, ch),
                "offerer lacks {name}/{clock}"
            );
            prop_assert!(
                supports(Some(theirs), name, clock, ch),
                "answerer lacks {name}/{clock}"
            );
        }
    }
    Ok(())
}

/// One full exchange, `offerer` → `answerer`; returns whether it completed
/// (a refused offer leaves both sides' sessions as they were).
fn exchange(offerer: &mut Side, answerer: &mut Side) -> Result<bool, TestCaseError> {
    let before = (
        offerer.n.negotiated_session().cloned(),
        answerer.n.negotiated_session().cloned(),
    );
    let offer = offerer
        .n
        .create_offer()
        .expect("offers from valid capabilities")
        .clone();
    let reparsed = SessionDescription::parse(&offer.serialize()).unwrap();
    prop_assert_eq!(&reparsed, &offer);
    let expected: Vec<Expect> = read_offer(&offer)
        .iter()
        .map(|s| decide(s, &answerer.caps))
        .collect();
    let answer = match answerer.n.receive_offer(offer.clone()) {
        Ok(answer) => answer.clone(),
        Err(NegotiationError::NotAcceptable(r)) => {
            for &(i, reason) in &r.streams {
                prop_assert_eq!(&expected[i], &Expect::Rejected(reason));
            }
            prop_assert!(
                expected.iter().all(|e| !matches!(e, Expect::Accepted(_))),
                "refused, but the model accepts: {expected:?}"
            );
            offerer.n.rollback();
            prop_assert_eq!(offerer.n.negotiated_session(), before.0.as_ref());
            prop_assert_eq!(answerer.n.negotiated_session(), before.1.as_ref());
            return Ok(false);
        }
        Err(e) => return Err(TestCaseError::fail(format!("receive_offer: {e}\n{offer}"))),
    };
    let reparsed = SessionDescription::parse(&answer.serialize()).unwrap();
    prop_assert_eq!(&reparsed, &answer);
    let at_answerer: NegotiatedSession = answerer.n.confirm_answer().expect("confirm").clone();
    let at_offerer: NegotiatedSession = match offerer.n.receive_answer(answer.clone()) {
        Ok(s) => s.clone(),
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "the offerer refuses the answer: {e}\noffer:\n{offer}\nanswer:\n{answer}"
            )));
        }
    };
    prop_assert_eq!(offerer.n.state(), NegotiationState::Stable);
    prop_assert_eq!(answerer.n.state(), NegotiationState::Stable);
    prop_assert_eq!(at_offerer.streams.len(), offer.media_count());
    prop_assert_eq!(at_answerer.streams.len(), offer.media_count());
    for (i, (o, a)) in at_offerer
        .streams
        .iter()
        .zip(&at_answerer.streams)
        .enumerate()
    {
        prop_assert_eq!(
            a.is_active(),
            matches!(expected[i], Expect::Accepted(_)),
            "m-line {}: model {:?}",
            i,
            &expected[i]
        );
        agree(i, o, a, &offerer.caps, &answerer.caps)?;
    }
    Ok(true)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// A→B on fresh negotiators, then B→A on fresh negotiators.
    #[test]
    fn both_directions_agree(a in caps(), b in caps()) {
        exchange(&mut Side::new(&a, 1), &mut Side::new(&b, 2))?;
        exchange(&mut Side::new(&b, 3), &mut Side::new(&a, 4))?;
    }

    /// After A→B completes, B re-offers within the session (RFC 3264 §8):
    /// the m-line count is kept and both sides agree again.
    #[test]
    fn reoffer_the_other_way_agrees(a in caps(), b in caps()) {
        let (mut alice, mut bob) = (Side::new(&a, 1), Side::new(&b, 2));
        if exchange(&mut alice, &mut bob)? {
            let count = alice.n.local_description().unwrap().media_count();
            exchange(&mut bob, &mut alice)?;
            prop_assert_eq!(bob.n.local_description().unwrap().media_count(), count);
            // And once more the first way, from the renegotiated session.
            exchange(&mut alice, &mut bob)?;
            prop_assert_eq!(alice.n.local_description().unwrap().media_count(), count);
        }
    }
}
