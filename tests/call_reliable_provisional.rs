//! 100rel as UAC (RFC 3262): the INVITE says `Supported: 100rel`; a reliable
//! 183 (`Require: 100rel`, RSeq) with SDP is the answer (Provisional, then
//! Final with the 2xx that repeats it or carries none) and gets a PRACK with
//! its RSeq; a retransmission of the same RSeq gets nothing.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, Method};

#[test]
fn reliable_183_is_pracked_and_is_the_answer() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    alice
        .establish(CallEstablishOptions::new().with_early_media(true), now)
        .unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    assert!(invite.headers.supports("100rel"));
    let answer = bob_answer_to(&invite.body);

    let mut reliable = with_sdp(invite_response(183, "b1"), &answer);
    reliable.headers.require = vec!["100rel".into()];
    reliable.headers.rseq = Some(1);
    alice.handle_response(reliable.clone(), now).unwrap();
    let prack = only_request(drain(&mut alice), Method::Prack);
    assert_eq!(prack.headers.rack, Some(1));
    assert_eq!(prack.headers.to_tag.as_deref(), Some("b1"));
    assert!(prack.body.is_empty());
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::ProvisionalAnswer {
            dialog_id: "b1".into(),
            reliable: true
        }]
    );

    // Retransmission: no second PRACK, no second answer.
    alice.handle_response(reliable.clone(), now).unwrap();
    assert!(drain(&mut alice).is_empty());
    assert!(events(&mut alice).is_empty());
    // A new reliable 180 without SDP: PRACK only.
    let mut ringing = invite_response(180, "b1");
    ringing.headers.require = vec!["100rel".into()];
    ringing.headers.rseq = Some(2);
    alice.handle_response(ringing, now).unwrap();
    assert_eq!(
        only_request(drain(&mut alice), Method::Prack).headers.rack,
        Some(2)
    );
    // The PRACK's 200 is absorbed.
    alice
        .handle_response(
            sdp_offer_answer::call::SipResponse::new(200, Method::Prack),
            now,
        )
        .unwrap();

    // The 200 carries no SDP: the reliable answer is the final one.
    alice
        .handle_response(invite_response(200, "b1"), now)
        .unwrap();
    let ack = only_request(drain(&mut alice), Method::Ack);
    assert!(ack.body.is_empty());
    assert_eq!(alice.state(), CallState::Established);
    assert_eq!(
        log(&mut alice),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, early, Provisional, answer=SDP)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert!(
        alice
            .remote_capabilities()
            .contains(sdp_offer_answer::call::RemoteCapabilities::REL100)
    );
}
