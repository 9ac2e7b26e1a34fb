//! Step 2 of `manual::retry_415`: two SDPs as multipart/alternative to a callee
//! that takes no multipart: 415; the provider is told
//! UnsupportedMediaCanRetry and offers one SDP; 200; ACK.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, UnsupportedMediaRetry};
use sdp_offer_answer::testing::Side;

const ACCEPT: &str = "Accept: application/sdp, multipart/mixed, multipart/alternative";

#[test]
fn new_single_sdp_offer_after_can_retry() {
    let mut p = pair(
        alice_two_sdps(),
        sdp_only(bob_provider().with_alternative(srtp_caps("198.51.100.5", 4000))),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    assert_eq!(
        ladder(&p),
        vec![
            format!(
                "A → B  INVITE  Content-Type: multipart/alternative;boundary=B  {ACCEPT}  \
                 [application/sdp (IP4 audio:20000), application/sdp (IP4 audio:20000/RTP/SAVP)]"
            ),
            "A ← B  415 Unsupported Media Type  Accept: application/sdp".to_owned(),
            format!(
                "A → B  INVITE  Content-Type: application/sdp  {ACCEPT}  \
                 [application/sdp (IP4 audio:20000/RTP/SAVP)]"
            ),
            "A ← B  200 OK  Content-Type: application/sdp  \
             [application/sdp (IP4 audio:4000/RTP/SAVP)]"
                .to_owned(),
            "A → B  ACK".to_owned(),
        ]
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCanRetry, answer=None)",
            "get_offer(OutgoingCallEstablishment, last_sent=2 SDP)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![
            CallEvent::RetryingAfterUnsupportedMedia {
                branch: UnsupportedMediaRetry::NewOffer
            },
            CallEvent::Established {
                dialog_id: "b1".into()
            },
        ]
    );
    assert_eq!(
        (p.a.state(), p.b.state()),
        (CallState::Established, CallState::Established)
    );
    let session = p.a.provider().inner().negotiated_session().unwrap();
    assert!(
        session.streams[0].sdes.is_some(),
        "the preferred (SRTP) variant was kept"
    );
    assert_eq!(p.a.provider().inner().variant_count(), 1);
}
