//! UPDATE in an early dialog (RFC 3311 §5.1): once a reliable 183 answered
//! Alice's INVITE offer (RFC 3262) and Bob lists UPDATE in Allow, Alice's
//! renegotiation goes in an UPDATE (the provider first takes the reliable
//! answer as Final), answered in its 200 (no ACK); the 200 to the INVITE
//! then confirms the dialog without a second answer. Bob's UPDATE offer in
//! the early dialog is a renegotiation for Alice's application too. Without
//! a completed early offer/answer, or without UPDATE in Allow, the request
//! is refused with `UpdateNotAllowed`.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallError, CallEstablishOptions, CallEvent, CallState, Method, RenegotiationAnswer,
    RenegotiationMode, SipResponse,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::offer_answer::SignalingHeader;
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, SdpAnswer, SdpAnswerStatus, SdpContentDescription, SdpOffer,
    SdpOfferAnswerReason,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::sdp::Direction;

fn ctx(reason: SdpOfferAnswerReason) -> OfferAnswerContext {
    OfferAnswerContext::new(reason)
}

fn single(body: &[u8]) -> SdpOffer {
    SdpOffer::single(SdpContentDescription::new(body.to_vec()))
}

/// Alice's INVITE with early media, answered by Bob's provider in a
/// reliable 183 (with `Allow: UPDATE` when `allow_update`), PRACKed.
fn early(allow_update: bool) -> (TestCall, StandardMediaProvider, Vec<u8>) {
    let now = std::time::Instant::now();
    let mut alice = call_with(alice_provider(), 7, "a1", RenegotiationMode::Manual);
    alice
        .establish(CallEstablishOptions::new().with_early_media(true), now)
        .unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    let mut bob = bob_provider();
    let inc = ctx(SdpOfferAnswerReason::IncomingCallEstablishment);
    let answer = bob
        .get_answer(&inc, &single(&invite.body))
        .unwrap()
        .answer
        .unwrap()
        .body;
    let mut ringing = with_sdp(invite_response(183, "b1"), &answer);
    ringing.headers.require = vec!["100rel".into()];
    ringing.headers.rseq = Some(1);
    if allow_update {
        ringing.headers.extra.push(SignalingHeader::new(
            "Allow",
            "INVITE, ACK, BYE, CANCEL, PRACK, UPDATE",
        ));
    }
    alice.handle_response(ringing, now).unwrap();
    only_request(drain(&mut alice), Method::Prack);
    events(&mut alice);
    log(&mut alice);
    (alice, bob, answer)
}

#[test]
fn our_offer_goes_in_an_update_in_the_early_dialog() {
    let now = std::time::Instant::now();
    let (mut alice, mut bob, early_answer) = early(true);
    let op = alice.hold(now).unwrap();
    let update = only_request(drain(&mut alice), Method::Update);
    assert_eq!(update.headers.to_tag.as_deref(), Some("b1"));
    assert!(String::from_utf8_lossy(&update.body).contains("a=sendonly"));
    assert_eq!(
        log(&mut alice),
        [
            "set_hold(OutgoingRenegotiation, dialog=b1, early, hold)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, early, Final, answer=SDP)",
            "get_offer(OutgoingRenegotiation, dialog=b1, early, last_sent=1 SDP)",
        ]
    );
    assert_eq!(alice.state(), CallState::Establishing);
    let reneg = ctx(SdpOfferAnswerReason::IncomingRenegotiation);
    let answer = bob
        .get_answer(&reneg, &single(&update.body))
        .unwrap()
        .answer
        .unwrap()
        .body;
    alice
        .handle_response(
            with_sdp(
                SipResponse::new(200, Method::Update).with_to_tag("b1"),
                &answer,
            ),
            now,
        )
        .unwrap();
    assert!(drain(&mut alice).is_empty(), "no ACK for UPDATE");
    let (done, result) = completed(&events(&mut alice));
    assert_eq!((done.operation_id(), result), (op.as_str(), Ok(())));
    assert_eq!(
        alice
            .provider()
            .inner()
            .negotiated_session()
            .unwrap()
            .streams[0]
            .direction,
        Direction::SEND
    );
    // The 200 to the INVITE (repeating the early answer) confirms the call;
    // the provider keeps the session the UPDATE made.
    alice
        .handle_response(with_sdp(invite_response(200, "b1"), &early_answer), now)
        .unwrap();
    only_request(drain(&mut alice), Method::Ack);
    assert_eq!(alice.state(), CallState::Established);
    assert_eq!(
        events(&mut alice),
        [CallEvent::Established {
            dialog_id: "b1".into()
        }]
    );
    assert_eq!(
        log(&mut alice),
        ["set_answer(OutgoingRenegotiation, dialog=b1, early, Final, answer=SDP)"]
    );
    assert_eq!(
        alice
            .provider()
            .inner()
            .negotiated_session()
            .unwrap()
            .streams[0]
            .direction,
        Direction::SEND
    );
}

#[test]
fn the_remotes_update_offer_in_the_early_dialog_is_a_renegotiation() {
    let now = std::time::Instant::now();
    let (mut alice, mut bob, _) = early(true);
    // Bob's provider now has the session of the reliable answer; he holds.
    bob.set_hold(&ctx(SdpOfferAnswerReason::OutgoingRenegotiation), true)
        .unwrap();
    let offer = bob
        .get_offer(&ctx(SdpOfferAnswerReason::OutgoingRenegotiation), None)
        .unwrap();
    alice
        .handle_request(
            request_with_sdp(Method::Update, &offer.descriptions[0].body),
            now,
        )
        .unwrap();
    assert!(drain(&mut alice).is_empty());
    let reneg = started(&events(&mut alice));
    alice
        .answer_renegotiation(reneg.operation_id(), RenegotiationAnswer::Provider, now)
        .unwrap();
    let ok = only_response(drain(&mut alice));
    assert_eq!((ok.status, ok.method), (200, Method::Update));
    assert!(String::from_utf8_lossy(&ok.body).contains("a=recvonly"));
    assert_eq!(
        log(&mut alice),
        [
            "set_answer(OutgoingCallEstablishment, dialog=b1, early, Final, answer=SDP)",
            "get_answer(IncomingRenegotiation, dialog=b1, early, offer=1 SDP)",
        ]
    );
    bob.set_answer(
        &ctx(SdpOfferAnswerReason::OutgoingRenegotiation),
        &offer,
        SdpAnswer::new(SdpContentDescription::new(ok.body), SdpAnswerStatus::Final),
    )
    .unwrap();
    assert_eq!(
        alice
            .provider()
            .inner()
            .negotiated_session()
            .unwrap()
            .streams[0]
            .direction,
        Direction::RECV
    );
}

#[test]
fn without_a_reliable_answer_or_allow_update_there_is_no_early_renegotiation() {
    let now = std::time::Instant::now();
    let (mut alice, _, _) = early(false);
    assert_eq!(
        alice.begin_renegotiation(now),
        Err(CallError::UpdateNotAllowed)
    );
    assert_eq!(alice.hold(now), Err(CallError::UpdateNotAllowed));
    assert!(log(&mut alice).is_empty(), "the provider was not told");
    let mut bare = call_with(alice_provider(), 7, "a1", RenegotiationMode::Manual);
    assert!(matches!(
        bare.begin_renegotiation(now),
        Err(CallError::InvalidState { .. })
    ));
    bare.establish(CallEstablishOptions::new(), now).unwrap();
    assert_eq!(
        bare.begin_renegotiation(now),
        Err(CallError::UpdateNotAllowed)
    );
}
