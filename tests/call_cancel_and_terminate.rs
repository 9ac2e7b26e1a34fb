//! Ending calls: the caller gives up (CANCEL; the callee answers 200 + 487;
//! both end), a 2xx crossing the CANCEL (ACK + BYE), and the callee hanging
//! up an established call (BYE).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallEstablishOptions, CallEvent, CallState, Method, TerminationCause,
};
use sdp_offer_answer::testing::Side;

#[test]
fn caller_cancels_before_answer() {
    let mut p = pair(alice_provider(), bob_provider());
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.a.terminate(p.now).unwrap();
    assert_eq!(p.a.state(), CallState::Terminating);
    p.run();
    let lines: Vec<String> = p.ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(
        lines,
        vec![
            "A → B  INVITE",
            "A → B  CANCEL",
            "A ← B  200 OK",
            "A ← B  487 Request Terminated",
        ]
    );
    assert_eq!(
        p.ladder()[2].transmit.as_response().unwrap().method,
        Method::Cancel
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![CallEvent::Terminated {
            cause: TerminationCause::Local
        }]
    );
    assert_eq!(
        p.take_events(Side::B),
        vec![
            CallEvent::IncomingCall { has_offer: true },
            CallEvent::Terminated {
                cause: TerminationCause::RemoteCancel
            },
        ]
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, Failure, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        log(&mut p.b),
        vec![
            "set_incoming_call_offer(IncomingCallEstablishment, dialog=b1, offer=1 SDP)",
            "terminate_media(IncomingCallEstablishment)",
        ]
    );
    assert_eq!(
        (p.a.state(), p.b.state()),
        (CallState::Terminated, CallState::Terminated)
    );
    assert!(p.a.terminate(p.now).is_err());
}

#[test]
fn answer_crossing_the_cancel_is_acked_and_ended() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    alice.terminate(now).unwrap();
    only_request(drain(&mut alice), Method::Cancel);
    let answer = bob_answer_to(&invite.body);
    alice
        .handle_response(with_sdp(invite_response(200, "b1"), &answer), now)
        .unwrap();
    let out = drain(&mut alice);
    let methods: Vec<Method> = out
        .iter()
        .map(|t| t.as_request().unwrap().method.clone())
        .collect();
    assert_eq!(methods, vec![Method::Ack, Method::Bye]);
    assert!(
        out.iter()
            .all(|t| t.headers().to_tag.as_deref() == Some("b1"))
    );
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::Terminated {
            cause: TerminationCause::Local
        }]
    );
    assert_eq!(alice.state(), CallState::Terminated);
}

#[test]
fn callee_hangs_up() {
    let mut p = pair(alice_provider(), bob_provider());
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    p.take_ladder();
    p.take_events(Side::A);
    p.b.terminate(p.now).unwrap();
    p.run();
    let lines: Vec<String> = p.ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(lines, vec!["A ← B  BYE", "A → B  200 OK"]);
    assert_eq!(
        p.take_events(Side::A),
        vec![CallEvent::Terminated {
            cause: TerminationCause::RemoteBye
        }]
    );
    assert_eq!(
        log(&mut p.a).last().map(String::as_str),
        Some("terminate_media(OutgoingCallEstablishment, dialog=b1)")
    );
    assert!(p.errors().is_empty());
}
