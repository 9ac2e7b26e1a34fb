//! UCMA semantics (issue 11, item 7): UCMA's `SupportedMediaTypes` and
//! `InitialOfferMediaTypes` are media — the m-lines a provider negotiates
//! (audio, video) — not MIME body types. The body types a provider takes
//! (what Accept lists, RFC 5621) have their own name, `supported_content_types`
//! / `initial_offer_content_types`.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, Method};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::sdp::MediaType;

#[test]
fn media_types_are_media_and_content_types_are_bodies() {
    let provider = StandardMediaProvider::new(av_caps("192.0.2.10", 20000, 20002), 1);
    assert_eq!(
        provider.supported_media_types(),
        [MediaType::Audio, MediaType::Video]
    );
    let bodies: Vec<&str> = provider
        .supported_content_types()
        .iter()
        .map(|m| m.essence_str())
        .collect();
    assert_eq!(
        bodies,
        [
            "application/sdp",
            "multipart/mixed",
            "multipart/alternative"
        ]
    );
    // An alternative adds its media, each once.
    let audio = alice_provider().with_alternative(av_caps("192.0.2.10", 20000, 20002));
    assert_eq!(
        audio.supported_media_types(),
        [MediaType::Audio, MediaType::Video]
    );
}

#[test]
fn the_context_carries_the_initial_offers_media() {
    let now = std::time::Instant::now();
    let av = || StandardMediaProvider::new(av_caps("192.0.2.10", 20000, 20002), 1);
    let mut alice = call(av(), 7, "a1");
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    let mut bob = call(
        StandardMediaProvider::new(av_caps("198.51.100.5", 4000, 4002), 2),
        8,
        "b1",
    );
    bob.handle_request(invite, now).unwrap();
    bob.accept(now).unwrap();
    // Alice's get_offer: the provider's media (no offer exists yet).
    let ours = &alice.provider().calls()[0].context;
    assert_eq!(
        ours.initial_offer_media_types.to_vec(),
        [MediaType::Audio, MediaType::Video]
    );
    assert!(ours.initial_offer_content_types.is_empty(), "no body yet");
    // Bob's: the offer's m-lines and the INVITE's body type.
    let theirs = &bob.provider().calls()[0].context;
    assert_eq!(
        theirs.initial_offer_media_types.to_vec(),
        [MediaType::Audio, MediaType::Video]
    );
    assert_eq!(
        theirs
            .initial_offer_content_types
            .iter()
            .map(|m| m.essence_str())
            .collect::<Vec<_>>(),
        ["application/sdp"]
    );
}
