//! RFC 3261 §13.3.1.4: our 200 is never ACKed: after `ack_timeout` (64·T1 =
//! 32 s) the callee ends the call with BYE; the call fails with `Failure`.
//! And `terminate` before the ACK waits for it, then sends BYE.

mod call_harness;

use std::time::Duration;

use call_harness::*;
use sdp_offer_answer::call::{CallEvent, CallState, Method, SipRequest, TerminationCause};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;

#[test]
fn missing_ack_ends_the_call() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(SipRequest::new(Method::Invite), now)
        .unwrap();
    bob.accept(now).unwrap();
    only_response(drain(&mut bob));
    assert_eq!(bob.poll_timeout(), Some(now + Duration::from_secs(32)));
    bob.handle_timeout(now + Duration::from_secs(31)).unwrap();
    assert!(drain(&mut bob).is_empty());
    bob.handle_timeout(now + Duration::from_secs(32)).unwrap();
    only_request(drain(&mut bob), Method::Bye);
    assert_eq!(
        events(&mut bob),
        vec![
            CallEvent::IncomingCall { has_offer: false },
            CallEvent::Failed {
                status: SdpAnswerStatus::Failure,
                response: None
            },
        ]
    );
    assert_eq!(bob.state(), CallState::Terminated);
    assert_eq!(
        log(&mut bob),
        vec![
            "get_offer(IncomingCallEstablishment, dialog=b1)",
            "set_answer(IncomingCallEstablishment, dialog=b1, Failure, answer=None)",
            "terminate_media(IncomingCallEstablishment, dialog=b1)",
        ]
    );
    assert!(bob.poll_timeout().is_none());
    // A late ACK is absorbed.
    bob.handle_request(SipRequest::new(Method::Ack), now)
        .unwrap();
    assert!(drain(&mut bob).is_empty());
}

#[test]
fn missing_ack_event() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    bob.accept(now).unwrap();
    drain(&mut bob);
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::IncomingCall { has_offer: true }]
    );
    bob.handle_timeout(now + Duration::from_secs(40)).unwrap();
    only_request(drain(&mut bob), Method::Bye);
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::Failure,
            response: None
        }]
    );
}

#[test]
fn terminate_before_ack_waits_for_it() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    bob.accept(now).unwrap();
    drain(&mut bob);
    events(&mut bob);
    bob.terminate(now).unwrap();
    assert_eq!(bob.state(), CallState::Terminating);
    assert!(drain(&mut bob).is_empty(), "no BYE before the ACK");
    bob.handle_request(SipRequest::new(Method::Ack), now)
        .unwrap();
    only_request(drain(&mut bob), Method::Bye);
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::Terminated {
            cause: TerminationCause::Local
        }]
    );
}
