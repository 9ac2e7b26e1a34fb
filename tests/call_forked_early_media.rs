//! Forking (RFC 3261 §12.1.2, §13.2.2.4) with early media: the INVITE
//! reaches Bob (tag b1) and Carol (tag b2); each sends a 183 with its answer;
//! Alice's provider gets one Provisional answer per early dialog (a repeated
//! 183 adds none); Carol's 200 gives the Final answer; Bob's later 200 is
//! ACKed and ended with BYE.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallEstablishOptions, CallEvent, CallState, Method, SipResponse, TerminationCause, Transmit,
};
use sdp_offer_answer::negotiation::TransportAddress;
use sdp_offer_answer::provider::StandardMediaProvider;

fn remote_port(address: Option<&TransportAddress>) -> u16 {
    address.unwrap().port
}

#[test]
fn two_early_dialogs_then_one_wins() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    let mut bob = call(bob_provider(), 8, "b1");
    let carol = StandardMediaProvider::new(audio_caps("203.0.113.7", 6000), 3003);
    let mut carol = call(carol, 9, "b2");

    alice
        .establish(CallEstablishOptions::new().with_early_media(true), now)
        .unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    assert_eq!(invite.headers.supported, vec!["100rel".to_owned()]);
    for callee in [&mut bob, &mut carol] {
        callee.handle_request(invite.clone(), now).unwrap();
        assert_eq!(
            events(callee),
            vec![CallEvent::IncomingCall { has_offer: true }]
        );
        callee.accept_early_media(now).unwrap();
    }
    let bob_183 = only_response(drain(&mut bob));
    let carol_183 = only_response(drain(&mut carol));
    assert_eq!(
        (bob_183.status, bob_183.reason_phrase()),
        (183, "Session Progress")
    );
    assert_eq!(bob_183.headers.to_tag.as_deref(), Some("b1"));
    assert_eq!(carol_183.headers.to_tag.as_deref(), Some("b2"));

    alice.handle_response(bob_183.clone(), now).unwrap();
    alice.handle_response(carol_183, now).unwrap();
    alice.handle_response(bob_183, now).unwrap(); // repeated: no new answer
    assert!(drain(&mut alice).is_empty(), "unreliable 1xx: no PRACK");
    assert_eq!(
        events(&mut alice),
        vec![
            CallEvent::ProvisionalAnswer {
                dialog_id: "b1".into(),
                reliable: false
            },
            CallEvent::ProvisionalAnswer {
                dialog_id: "b2".into(),
                reliable: false
            },
        ]
    );
    assert_eq!(
        log(&mut alice),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, early, Provisional, answer=SDP)",
            "set_answer(OutgoingCallEstablishment, dialog=b2, early, Provisional, answer=SDP)",
        ]
    );
    let provider = alice.provider().inner();
    let early_bob = provider.provisional_session("b1").unwrap();
    let early_carol = provider.provisional_session("b2").unwrap();
    assert_eq!(remote_port(early_bob.streams[0].remote_rtp.as_ref()), 4000);
    assert_eq!(
        remote_port(early_carol.streams[0].remote_rtp.as_ref()),
        6000
    );
    assert!(provider.negotiated_session().is_none());

    // Carol answers: the Final answer is hers.
    carol.accept(now).unwrap();
    let carol_200 = only_response(drain(&mut carol));
    assert_eq!(carol_200.status, 200);
    alice.handle_response(carol_200.clone(), now).unwrap();
    let ack = only_request(drain(&mut alice), Method::Ack);
    assert_eq!(ack.headers.to_tag.as_deref(), Some("b2"));
    assert!(ack.body.is_empty());
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::Established {
            dialog_id: "b2".into()
        }]
    );
    assert_eq!(
        log(&mut alice),
        vec!["set_answer(OutgoingCallEstablishment, dialog=b2, Final, answer=SDP)"]
    );
    let session = alice.provider().inner().negotiated_session().unwrap();
    assert_eq!(remote_port(session.streams[0].remote_rtp.as_ref()), 6000);
    assert!(alice.provider().inner().provisional_session("b1").is_none());
    carol.handle_request(ack.clone(), now).unwrap();
    assert_eq!(carol.state(), CallState::Established);

    // A retransmitted 200 from Carol gets the same ACK again.
    alice.handle_response(carol_200, now).unwrap();
    assert_eq!(only_request(drain(&mut alice), Method::Ack), ack);

    // Bob's late 200: ACK and BYE in his dialog, the call stays Carol's.
    bob.accept(now).unwrap();
    let bob_200: SipResponse = only_response(drain(&mut bob));
    alice.handle_response(bob_200, now).unwrap();
    let out = drain(&mut alice);
    let methods: Vec<(Method, Option<String>)> = out
        .iter()
        .map(|t| match t {
            Transmit::Request(r) => (r.method.clone(), r.headers.to_tag.clone()),
            Transmit::Response(_) => panic!("no response expected"),
        })
        .collect();
    assert_eq!(
        methods,
        vec![
            (Method::Ack, Some("b1".into())),
            (Method::Bye, Some("b1".into()))
        ]
    );
    assert!(events(&mut alice).is_empty());
    assert!(log(&mut alice).is_empty());
    assert_eq!(alice.dialog_id(), Some("b2"));
    for t in out {
        if let Transmit::Request(r) = t {
            bob.handle_request(r, now).unwrap();
        }
    }
    assert_eq!(
        events(&mut bob),
        vec![
            CallEvent::Established {
                dialog_id: "b1".into()
            },
            CallEvent::Terminated {
                cause: TerminationCause::RemoteBye
            },
        ]
    );
    assert_eq!(bob.state(), CallState::Terminated);
}
