//! A remote response whose To-tag holds CR/LF (or is not a token) is
//! discarded as malformed (RFC 3261 §8.1.3.3): `Ok` (peer noise is not an
//! error) with `CallEvent::Discarded` naming the header and the fault, its
//! state is unchanged, and the tag never
//! reaches an ACK, PRACK or BYE; a valid 2xx of the same call is then
//! taken as usual.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallEstablishOptions, CallEvent, CallState, HeaderFault, Method, PeerNoise, SipResponse,
    Transmit,
};

/// The event of a discarded message with a malformed `name` header.
fn malformed(name: &str, reason: HeaderFault) -> CallEvent {
    CallEvent::Discarded {
        noise: PeerNoise::MalformedHeader {
            name: name.to_owned(),
            reason,
        },
    }
}

/// Every header value of every transmit, flattened, for a CR/LF scan.
fn no_cr_lf(transmits: &[Transmit]) {
    for t in transmits {
        let h = t.headers();
        let mut values: Vec<&str> = [
            h.to_tag.as_deref(),
            h.content_type.as_deref(),
            h.content_disposition.as_deref(),
            h.content_id.as_deref(),
            h.accept.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        values.extend(
            h.extra
                .iter()
                .flat_map(|x| [x.name.as_str(), x.value.as_str()]),
        );
        for v in values {
            assert!(!v.contains(['\r', '\n', '\0']), "{v:?} in {t:?}");
        }
    }
}

#[test]
fn to_tag_with_crlf_in_200_is_not_copied_into_ack_or_bye() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    let answer = bob_answer_to(&invite.body);
    log(&mut alice);

    // A 200 whose To-tag would inject a header into our ACK and BYE.
    let evil = with_sdp(invite_response(200, "b1\r\nX-Evil: 1"), &answer);
    assert_eq!(alice.handle_response(evil, now), Ok(()));
    assert_eq!(
        events(&mut alice),
        [malformed("To", HeaderFault::ForbiddenCharacter)]
    );
    // A bare LF, a NUL, and a tag that is no token (it would add a
    // parameter to the To header) are refused the same way.
    for (tag, reason) in [
        ("b1\nX-Evil: 1", HeaderFault::ForbiddenCharacter),
        ("b1\0", HeaderFault::ForbiddenCharacter),
        ("b1;maddr=203.0.113.9", HeaderFault::TagNotToken),
    ] {
        let response = with_sdp(invite_response(200, tag), &answer);
        assert_eq!(alice.handle_response(response, now), Ok(()), "{tag:?}");
        assert_eq!(events(&mut alice), [malformed("To", reason)], "{tag:?}");
    }
    // A reliable 183 with such a tag makes no early dialog and no PRACK.
    let mut ringing = with_sdp(invite_response(183, "b1\r\nX-Evil: 1"), &answer);
    ringing.headers.require.push("100rel".to_owned());
    ringing.headers.rseq = Some(1);
    assert_eq!(alice.handle_response(ringing, now), Ok(()));
    assert_eq!(
        events(&mut alice),
        [malformed("To", HeaderFault::ForbiddenCharacter)]
    );
    assert!(drain(&mut alice).is_empty(), "no ACK, PRACK or BYE");
    assert!(log(&mut alice).is_empty(), "the provider saw nothing");
    assert_eq!(alice.state(), CallState::Establishing);
    assert_eq!(alice.dialog_id(), None);

    // The genuine 200 is taken: ACK in dialog b1, then BYE in it.
    alice
        .handle_response(with_sdp(invite_response(200, "b1"), &answer), now)
        .unwrap();
    let ack = only_request(drain(&mut alice), Method::Ack);
    assert_eq!(ack.headers.to_tag.as_deref(), Some("b1"));
    assert_eq!(alice.state(), CallState::Established);
    assert_eq!(alice.dialog_id(), Some("b1"));
    alice.terminate(now).unwrap();
    let sent = drain(&mut alice);
    no_cr_lf(&sent);
    let bye = only_request(sent, Method::Bye);
    assert_eq!(bye.headers.to_tag.as_deref(), Some("b1"));
}

#[test]
fn other_malformed_response_headers_are_discarded_too() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    drain(&mut alice);
    let mut response = invite_response(180, "b1");
    response.headers.accept = Some("application/sdp\r\nX-Evil: 1".to_owned());
    assert_eq!(alice.handle_response(response, now), Ok(()));
    let mut response = SipResponse::new(180, Method::Invite).with_to_tag("b1");
    response
        .headers
        .extra
        .push(sdp_offer_answer::offer_answer::SignalingHeader::new(
            "X Bad", "1",
        ));
    assert_eq!(alice.handle_response(response, now), Ok(()));
    assert!(drain(&mut alice).is_empty());
    assert_eq!(
        events(&mut alice),
        [
            malformed("Accept", HeaderFault::ForbiddenCharacter),
            malformed("X Bad", HeaderFault::NameNotToken),
        ]
    );
    assert_eq!(alice.state(), CallState::Establishing);
}
