//! Regression (issue 11, fault 2): the caller ACKs every retransmission of
//! the 2xx it took (RFC 3261 §13.2.2.4), so the callee sees one ACK per
//! 2xx it (or its transport) sent. The second ACK is peer noise: `Ok`, a
//! `CallEvent::Discarded` for the log, nothing sent, the state unchanged,
//! so a drive loop that uses `?` on every input (as the crate docs' does)
//! keeps running.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallError, CallEstablishOptions, CallEvent, CallState, Method, PeerNoise, Transmit,
};

#[test]
fn the_ack_of_a_retransmitted_2xx_is_discarded() -> Result<(), CallError> {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    let mut bob = call(bob_provider(), 8, "b1");
    alice.establish(CallEstablishOptions::new(), now)?;
    let invite = only_request(drain(&mut alice), Method::Invite);
    bob.handle_request(invite, now)?;
    assert_eq!(
        events(&mut bob),
        [CallEvent::IncomingCall { has_offer: true }]
    );
    bob.accept(now)?;
    let ok = only_response(drain(&mut bob));
    assert_eq!(ok.status, 200);

    // Alice takes the 200 and ACKs it; Bob's transport retransmits the
    // 200 before the ACK arrives, and Alice ACKs that one too.
    alice.handle_response(ok.clone(), now)?;
    let first_ack = only_request(drain(&mut alice), Method::Ack);
    alice.handle_response(ok, now)?;
    let second_ack = only_request(drain(&mut alice), Method::Ack);
    assert_eq!(first_ack, second_ack, "the same ACK again");
    assert_eq!(first_ack.headers.to_tag.as_deref(), Some("b1"));

    bob.handle_request(first_ack, now)?;
    assert_eq!(
        events(&mut bob),
        [CallEvent::Established {
            dialog_id: "b1".to_owned()
        }]
    );
    log(&mut bob);
    // The second ACK: noise, not an error.
    bob.handle_request(second_ack, now)?;
    assert_eq!(
        events(&mut bob),
        [CallEvent::Discarded {
            noise: PeerNoise::UnmatchedAck
        }]
    );
    assert!(drain(&mut bob).is_empty(), "nothing is sent");
    assert!(log(&mut bob).is_empty(), "the provider is not involved");
    assert_eq!(bob.state(), CallState::Established);
    assert_eq!(bob.poll_timeout(), None, "no ACK timer left");

    // The call goes on as usual: Alice hangs up.
    alice.terminate(now)?;
    let bye = only_request(drain(&mut alice), Method::Bye);
    bob.handle_request(bye, now)?;
    let transmits = drain(&mut bob);
    assert!(
        matches!(transmits.as_slice(), [Transmit::Response(r)] if r.status == 200 && r.method == Method::Bye),
        "{transmits:?}"
    );
    assert_eq!(bob.state(), CallState::Terminated);
    Ok(())
}
