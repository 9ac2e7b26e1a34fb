//! ICE restart both ways through `Call`s (RFC 8445 §9, RFC 8839
//! §4.4.1.1.1): Alice restarts (`Negotiator::restart_ice`, then a
//! re-INVITE); her re-INVITE carries new credentials on every m-line; Bob,
//! seeing them change, answers his 200 with fresh credentials of his own.

mod call_harness;
mod reneg_harness;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reneg_harness::*;
use sdp_offer_answer::call::{RenegotiationAnswer, RenegotiationMode};
use sdp_offer_answer::negotiation::{Codec, KeySource, LocalCapabilities, MediaCapability};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::sdp::SessionDescription;
use sdp_offer_answer::testing::Side;

fn source(seed: u64) -> Arc<dyn KeySource> {
    let n = Arc::new(AtomicU64::new(seed));
    Arc::new(move |out: &mut [u8]| {
        let d = n.fetch_add(1, Ordering::Relaxed);
        for (i, b) in out.iter_mut().enumerate() {
            *b = (d.wrapping_mul(131) as u8).wrapping_add(i as u8);
        }
    })
}

fn ice_provider(ip: &str, port: u16, seed: u64) -> StandardMediaProvider {
    let caps = LocalCapabilities::builder()
        .ipv4(ip.parse().unwrap())
        .media(MediaCapability::audio(port).codec(Codec::pcmu()))
        .ice("fixedufrag", "fixed0ice0password0000000")
        .key_source(source(seed))
        .build()
        .unwrap();
    StandardMediaProvider::new(caps, seed)
}

fn creds(body: &[u8]) -> (String, String) {
    let sdp = SessionDescription::parse_bytes(body, &Default::default()).unwrap();
    let m = sdp.media(0).unwrap();
    let get = |n: &str| m.attribute(n).and_then(|a| a.value()).unwrap().to_owned();
    (get("ice-ufrag"), get("ice-pwd"))
}

#[test]
fn ice_restart_both_ways_through_calls() {
    let mut p = established_with(
        ice_provider("192.0.2.10", 20000, 100),
        ice_provider("198.51.100.5", 4000, 200),
        RenegotiationMode::Manual,
    );
    let (alice_before, bob_before) = {
        let (ours, theirs) = session_bytes(&p.a);
        (creds(ours.as_bytes()), creds(theirs.as_bytes()))
    };
    p.a.provider_mut()
        .inner_mut()
        .negotiator_mut()
        .unwrap()
        .restart_ice();
    p.a.begin_renegotiation(p.now).unwrap();
    p.run();
    let incoming = started(&p.take_events(Side::B));
    let alice_offer = creds(incoming.media_offer());
    assert_ne!(
        alice_offer, alice_before,
        "our restart: new credentials in the re-INVITE"
    );
    p.b.answer_renegotiation(
        incoming.operation_id(),
        RenegotiationAnswer::Provider,
        p.now,
    )
    .unwrap();
    p.run();
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!(result, Ok(()));
    let bob_answer = creds(done.media_answer().unwrap());
    assert_ne!(
        bob_answer, bob_before,
        "their restart: fresh credentials in the 200"
    );
    assert_sessions_agree(&p);
    for (call, side) in [(&p.a, "alice"), (&p.b, "bob")] {
        let s = call.provider().inner().negotiated_session().unwrap();
        assert!(s.streams[0].ice_restart, "{side}");
    }
    let bob_session = p.b.provider().inner().negotiated_session().unwrap();
    assert_eq!(
        bob_session.streams[0].ice.as_ref().unwrap().ufrag,
        alice_offer.0
    );
    assert_eq!(
        bob_session.streams[0].local_ice.as_ref().unwrap().ufrag,
        bob_answer.0
    );
}
