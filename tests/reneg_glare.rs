//! Glare (`manual::glare`, RFC 3261 §14.1): Alice and Bob put each other on
//! hold with re-INVITEs sent at once; each answers the other's with 491; Alice, who sent the initial
//! INVITE (she owns the Call-ID), waits 2.1–4 s, Bob 0–2 s, in 10 ms steps
//! drawn from the seed (`poll_timeout` shows the deadline). With a
//! simulated clock the two retries then go one after the other and the
//! calls converge on one session; the retried offers keep the m-line order.

mod call_harness;
mod reneg_harness;

use std::time::Duration;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{MAX_GLARE_RETRIES, Method, RenegotiationMode};
use sdp_offer_answer::renegotiation::RenegotiationDirection;
use sdp_offer_answer::sdp::Direction;
use sdp_offer_answer::testing::{BackToBack, Side};

/// Both sides send a re-INVITE (each holds the other) before either
/// arrives; both 491s are delivered. Returns the glare waits (Alice, Bob).
fn cross(p: &mut Pair) -> (Duration, Duration) {
    let now = p.now;
    p.take_ladder();
    p.a.hold(now).unwrap();
    p.b.hold(now).unwrap();
    assert_eq!(p.pump(), 2);
    assert!(
        matches!(p.peek_next(Side::A), Some(t) if t.as_request().is_some_and(|r| r.method == Method::Invite))
    );
    assert!(p.deliver_next(Side::A)); // Alice's re-INVITE reaches Bob
    assert!(p.deliver_next(Side::B)); // Bob's reaches Alice
    p.run(); // the two 491s
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(
        ladder,
        [
            "A → B  INVITE",
            "A ← B  INVITE",
            "A → B  491 Request Pending",
            "A ← B  491 Request Pending"
        ]
    );
    let a_wait = p.a.poll_timeout().unwrap() - now;
    let b_wait = p.b.poll_timeout().unwrap() - now;
    (a_wait, b_wait)
}

fn in_steps(d: Duration) -> bool {
    d.as_nanos().is_multiple_of(10_000_000)
}

#[test]
fn both_sides_retry_and_converge() {
    let mut p = established();
    let (a_wait, b_wait) = cross(&mut p);
    assert!(
        (Duration::from_millis(2100)..=Duration::from_secs(4)).contains(&a_wait),
        "{a_wait:?}"
    );
    assert!(b_wait <= Duration::from_secs(2), "{b_wait:?}");
    assert!(in_steps(a_wait) && in_steps(b_wait));
    // Both were told RequestPending and rolled back; nothing else was sent.
    assert_eq!(
        log(&mut p.a)[2..],
        ["set_answer(OutgoingRenegotiation, dialog=b1, RequestPending, answer=None)"]
    );
    assert_eq!(p.in_flight(Side::A) + p.in_flight(Side::B), 0);
    // Still pending, the previous session active on both sides.
    assert_eq!(
        p.a.outgoing_renegotiation().map(|r| r.direction()),
        Some(RenegotiationDirection::Outgoing)
    );
    assert_sessions_agree(&p);

    // Bob's timer fires first: his retry is answered by Alice's
    // application; then Alice's retry (her hold) goes.
    let (a_events, b_events) = settle(&mut p, 16);
    assert_eq!(
        outline(&a_events),
        [
            "started Outgoing",
            "started Incoming",
            "completed Incoming Ok",
            "completed Outgoing Ok"
        ]
    );
    assert_eq!(
        outline(&b_events),
        [
            "started Outgoing",
            "completed Outgoing Ok",
            "started Incoming",
            "completed Incoming Ok"
        ]
    );
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(
        ladder,
        [
            "A ← B  INVITE",
            "A → B  200 OK",
            "A ← B  ACK",
            "A → B  INVITE",
            "A ← B  200 OK",
            "A → B  ACK"
        ]
    );
    assert_sessions_agree(&p);
    // Each holds the other: nobody receives.
    assert_eq!(direction(&p.a, 0), Direction::empty());
    assert_eq!(
        log(&mut p.a),
        [
            "get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
            "get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)",
            "set_answer(OutgoingRenegotiation, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert_eq!(p.a.poll_timeout(), None);
    assert!(p.errors().is_empty(), "{:?}", p.errors());
}

#[test]
fn glare_waits_follow_the_call_id_owner_for_many_seeds() {
    for seed in 0..40u64 {
        let mut p = BackToBack::new(
            call_with(
                alice_provider(),
                seed * 2 + 1,
                "a1",
                RenegotiationMode::Automatic,
            ),
            call_with(
                bob_provider(),
                seed * 2 + 2,
                "b1",
                RenegotiationMode::Automatic,
            ),
            std::time::Instant::now(),
        );
        p.a.establish(Default::default(), p.now).unwrap();
        p.run();
        p.b.accept(p.now).unwrap();
        p.run();
        let (a_wait, b_wait) = cross(&mut p);
        assert!(
            (Duration::from_millis(2100)..=Duration::from_secs(4)).contains(&a_wait),
            "seed {seed}: {a_wait:?}"
        );
        assert!(b_wait <= Duration::from_secs(2), "seed {seed}: {b_wait:?}");
        assert!(in_steps(a_wait) && in_steps(b_wait), "seed {seed}");
        settle(&mut p, 16);
        assert_sessions_agree(&p);
        assert!(p.a.renegotiation().is_none() && p.b.renegotiation().is_none());
        assert_eq!(direction(&p.a, 0), Direction::empty(), "seed {seed}");
    }
}

#[test]
fn retries_keep_the_m_line_order_and_are_bounded() {
    // Bob answers every re-INVITE of Alice's with 491 (a peer stuck in
    // glare): Alice retries MAX_GLARE_RETRIES times, each offer with the
    // session's m-lines in order, then gives up with RequestPending.
    let alice_av = sdp_offer_answer::provider::StandardMediaProvider::new(
        av_caps("192.0.2.10", 20000, 20002),
        1001,
    );
    let p = established_with(alice_av, bob_av_provider(), RenegotiationMode::Manual);
    let mut alice = p.a;
    let now = p.now;
    let first = m_lines(
        alice
            .provider()
            .inner()
            .negotiator()
            .unwrap()
            .local_description()
            .unwrap()
            .serialize()
            .as_bytes(),
    );
    assert_eq!(first.len(), 2);
    assert!(first[0].starts_with("audio ") && first[1].starts_with("video "));
    alice.hold(now).unwrap();
    let mut at = now;
    for attempt in 0..=MAX_GLARE_RETRIES {
        let reinvite = only_request(drain(&mut alice), Method::Invite);
        assert!(String::from_utf8_lossy(&reinvite.body).contains("a=sendonly"));
        assert_eq!(m_lines(&reinvite.body), first, "attempt {attempt}");
        alice
            .handle_response(invite_response(491, "b1"), at)
            .unwrap();
        if attempt < MAX_GLARE_RETRIES {
            let deadline = alice.poll_timeout().unwrap();
            assert!(deadline - at >= Duration::from_millis(2100));
            at = deadline;
            alice.handle_timeout(at).unwrap();
        }
    }
    assert!(drain(&mut alice).is_empty());
    assert_eq!(alice.poll_timeout(), None);
    let (_, result) = completed(&events(&mut alice));
    assert_eq!(
        result,
        Err(sdp_offer_answer::call::RenegotiationFailure::Failed {
            status: sdp_offer_answer::offer_answer::SdpAnswerStatus::RequestPending,
            response: Some(491)
        })
    );
}
