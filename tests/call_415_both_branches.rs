//! `manual::retry_415` with both branches: two SDPs and an optional custom part
//! to a callee that takes nothing we send. 415 → branch 2 (several SDPs, no
//! multipart/alternative at the remote): a new single-SDP offer, still with
//! the optional part; 415 → branch 1 (one SDP now): without the optional
//! part; 415 → both used: UnsupportedMediaCannotRetry. Three INVITEs, never
//! more.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, UnsupportedMediaRetry};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;
use sdp_offer_answer::testing::Side;

#[test]
fn each_branch_once_then_fail() {
    let bob = bob_provider().with_supported_content_types(vec!["text/plain".parse().unwrap()]);
    let mut p = pair(alice_two_sdps(), bob);
    let options = CallEstablishOptions::new().with_custom_mime_part(optional_custom());
    p.a.establish(options, p.now).unwrap();
    p.run();
    let invites: Vec<String> = ladder(&p)
        .into_iter()
        .filter(|l| l.starts_with("A → B  INVITE"))
        .map(|l| {
            let body = &l[l.find('[').unwrap()..];
            let ct = l.split("  ").nth(2).unwrap().to_owned();
            format!("{ct}  {body}")
        })
        .collect();
    assert_eq!(
        invites,
        vec![
            "Content-Type: multipart/mixed;boundary=B  [alternative(application/sdp (IP4 audio:20000), \
             application/sdp (IP4 audio:20000/RTP/SAVP)), application/x-custom (optional)]",
            "Content-Type: multipart/mixed;boundary=B  [application/sdp (IP4 audio:20000/RTP/SAVP), \
             application/x-custom (optional)]",
            "Content-Type: application/sdp  [application/sdp (IP4 audio:20000/RTP/SAVP)]",
        ]
    );
    assert_eq!(p.ladder().len(), 6, "three INVITEs, three 415s");
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCanRetry, answer=None)",
            "get_offer(OutgoingCallEstablishment, last_sent=2 SDP)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCannotRetry, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![
            CallEvent::RetryingAfterUnsupportedMedia {
                branch: UnsupportedMediaRetry::NewOffer
            },
            CallEvent::RetryingAfterUnsupportedMedia {
                branch: UnsupportedMediaRetry::WithoutOptionalParts
            },
            CallEvent::Failed {
                status: SdpAnswerStatus::UnsupportedMediaCannotRetry,
                response: Some(415)
            },
        ]
    );
    assert_eq!(p.a.state(), CallState::Terminated);
}

#[test]
fn remote_taking_alternative_gets_branch_one_first() {
    // Bob takes multipart/alternative but not multipart/mixed: with two
    // SDPs, branch 1 applies (drop the optional part, keep the alternative).
    let bob = bob_provider().with_supported_content_types(vec![
        "application/sdp".parse().unwrap(),
        "multipart/alternative".parse().unwrap(),
    ]);
    let mut p = pair(
        alice_two_sdps(),
        bob.with_alternative(srtp_caps("198.51.100.5", 4000)),
    );
    let options = CallEstablishOptions::new().with_custom_mime_part(optional_custom());
    p.a.establish(options, p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    let lines: Vec<String> = ladder(&p)
        .iter()
        .map(|l| l.split("  Accept").next().unwrap().to_owned())
        .collect();
    assert_eq!(
        lines,
        vec![
            "A → B  INVITE  Content-Type: multipart/mixed;boundary=B",
            "A ← B  415 Unsupported Media Type",
            "A → B  INVITE  Content-Type: multipart/alternative;boundary=B",
            "A ← B  200 OK  Content-Type: application/sdp  [application/sdp (IP4 audio:4000/RTP/SAVP)]",
            "A → B  ACK",
        ]
    );
    assert_eq!(
        p.ladder()[1].transmit.headers().accept.as_deref(),
        Some("application/sdp, multipart/alternative")
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert_eq!(p.a.state(), CallState::Established);
}
