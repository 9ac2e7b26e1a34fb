//! An INVITE without offer: our offer goes in the 200, but the ACK brings
//! no answer: the provider is told NotAcceptable, the call is ended with BYE
//! and fails (RFC 3261 §13.3.1.4 spirit: no session without an answer).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEvent, CallState, Method, SipRequest};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;

#[test]
fn ack_without_answer_fails_the_call() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(SipRequest::new(Method::Invite), now)
        .unwrap();
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::IncomingCall { has_offer: false }]
    );
    bob.accept(now).unwrap();
    let ok = only_response(drain(&mut bob));
    assert_eq!(ok.status, 200);
    assert_eq!(ok.headers.content_type.as_deref(), Some("application/sdp"));
    assert!(bob.poll_timeout().is_some());

    bob.handle_request(SipRequest::new(Method::Ack), now)
        .unwrap();
    let bye = only_request(drain(&mut bob), Method::Bye);
    assert_eq!(bye.headers.to_tag, None);
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptable,
            response: None
        }]
    );
    assert_eq!(
        log(&mut bob),
        vec![
            "get_offer(IncomingCallEstablishment, dialog=b1)",
            "set_answer(IncomingCallEstablishment, dialog=b1, NotAcceptable, answer=None)",
            "terminate_media(IncomingCallEstablishment, dialog=b1)",
        ]
    );
    assert_eq!(bob.state(), CallState::Terminated);
    assert!(bob.poll_timeout().is_none());
    assert!(bob.provider().inner().negotiated_session().is_none());
}
