//! The shared two-party harness of the `call_*` tests: capabilities like
//! `audio_offer_a.sdp` / `audio_local_a.sdp`, Calls over recording standard
//! providers, hand-made SIP messages, and ladder/log helpers.
#![allow(dead_code)]

use std::time::Instant;

use sdp_offer_answer::body::{ContentDisposition, Handling, MimePart};
use sdp_offer_answer::call::{
    Call, CallConfig, CallEvent, Method, SipHeaders, SipRequest, SipResponse, Transmit,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability, SrtpPolicy};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::{BackToBack, RecordingProvider};

pub type Rec = RecordingProvider<StandardMediaProvider>;
pub type TestCall = Call<Rec>;
pub type Pair = BackToBack<Rec, Rec>;

/// Audio PCMU, PCMA, telephone-event at `ip`:`port`, plain RTP.
pub fn audio_caps(ip: &str, port: u16) -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4(ip.parse().unwrap())
        .media(
            MediaCapability::audio(port)
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .telephone_event(8000)
                .ptime_ms(20),
        )
        .build()
        .unwrap()
}

/// The same audio with SDES-SRTP required (`RTP/SAVP`).
pub fn srtp_caps(ip: &str, port: u16) -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4(ip.parse().unwrap())
        .media(
            MediaCapability::audio(port)
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .telephone_event(8000),
        )
        .sdes(SrtpPolicy::Required)
        .sdes_key(
            "AES_CM_128_HMAC_SHA1_80",
            "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
        )
        .build()
        .unwrap()
}

/// Alice's provider: audio at 192.0.2.10:20000, session id 1001.
pub fn alice_provider() -> StandardMediaProvider {
    StandardMediaProvider::new(audio_caps("192.0.2.10", 20000), 1001)
}

/// Alice's provider offering SRTP (preferred) and plain RTP as alternatives.
pub fn alice_two_sdps() -> StandardMediaProvider {
    StandardMediaProvider::new(srtp_caps("192.0.2.10", 20000), 1001)
        .with_alternative(audio_caps("192.0.2.10", 20000))
}

/// Bob's provider: audio at 198.51.100.5:4000, session id 2002.
pub fn bob_provider() -> StandardMediaProvider {
    StandardMediaProvider::new(audio_caps("198.51.100.5", 4000), 2002)
}

/// A provider taking only `application/sdp` bodies.
pub fn sdp_only(provider: StandardMediaProvider) -> StandardMediaProvider {
    provider.with_supported_content_types(vec!["application/sdp".parse().unwrap()])
}

pub fn call(provider: StandardMediaProvider, seed: u64, tag: &str) -> TestCall {
    Call::new(
        RecordingProvider::new(provider),
        CallConfig::new(seed).with_local_tag(tag),
    )
}

/// Alice (tag `a1`) and Bob (tag `b1`) back to back.
pub fn pair(alice: StandardMediaProvider, bob: StandardMediaProvider) -> Pair {
    BackToBack::new(call(alice, 7, "a1"), call(bob, 8, "b1"), Instant::now())
}

/// An optional `application/x-custom` part.
pub fn optional_custom() -> MimePart {
    MimePart::single(
        "application/x-custom".parse().unwrap(),
        b"ticket=42".to_vec(),
    )
    .unwrap()
    .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional))
}

/// The ladder as printed lines, with boundaries replaced by `B` so
/// assertions do not depend on the seed.
pub fn ladder(pair: &Pair) -> Vec<String> {
    pair.ladder()
        .iter()
        .map(|e| unboundary(&e.to_string()))
        .collect()
}

/// `boundary=sdpoa-<16 hex>` → `boundary=B`.
pub fn unboundary(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("boundary=sdpoa-") {
        out.push_str(&rest[..i]);
        out.push_str("boundary=B");
        rest = &rest[i + "boundary=sdpoa-".len() + 16..];
    }
    out.push_str(rest);
    out
}

/// The provider log of a call, emptied.
pub fn log(call: &mut TestCall) -> Vec<String> {
    call.provider_mut().take_log()
}

/// Every queued transmit of `call`.
pub fn drain(call: &mut Call<impl MediaProvider>) -> Vec<Transmit> {
    std::iter::from_fn(|| call.poll_transmit()).collect()
}

/// Every queued event of `call`.
pub fn events(call: &mut Call<impl MediaProvider>) -> Vec<CallEvent> {
    std::iter::from_fn(|| call.poll_event()).collect()
}

/// A response `status` to INVITE with To-tag `tag`.
pub fn invite_response(status: u16, tag: &str) -> SipResponse {
    SipResponse::new(status, Method::Invite).with_to_tag(tag)
}

/// `response` with an SDP body.
pub fn with_sdp(response: SipResponse, sdp: &[u8]) -> SipResponse {
    response.with_body("application/sdp", sdp.to_vec())
}

/// A request with an SDP body.
pub fn request_with_sdp(method: Method, sdp: &[u8]) -> SipRequest {
    SipRequest::new(method).with_body("application/sdp", sdp.to_vec())
}

/// The SDP Bob's standard provider answers to `offer` (a fresh provider).
pub fn bob_answer_to(offer: &[u8]) -> Vec<u8> {
    use sdp_offer_answer::offer_answer::{
        OfferAnswerContext, SdpContentDescription, SdpOffer, SdpOfferAnswerReason,
    };
    let mut bob = bob_provider();
    let ctx = OfferAnswerContext::new(SdpOfferAnswerReason::IncomingCallEstablishment);
    let offer = SdpOffer::single(SdpContentDescription::new(offer.to_vec()));
    bob.get_answer(&ctx, &offer).unwrap().answer.unwrap().body
}

/// The only request in `transmits`, asserting it is `method`.
pub fn only_request(transmits: Vec<Transmit>, method: Method) -> SipRequest {
    assert_eq!(transmits.len(), 1, "{transmits:?}");
    match transmits.into_iter().next() {
        Some(Transmit::Request(r)) if r.method == method => r,
        other => panic!("expected a {method} request, got {other:?}"),
    }
}

/// The only response in `transmits`.
pub fn only_response(transmits: Vec<Transmit>) -> SipResponse {
    assert_eq!(transmits.len(), 1, "{transmits:?}");
    match transmits.into_iter().next() {
        Some(Transmit::Response(r)) => r,
        other => panic!("expected a response, got {other:?}"),
    }
}

/// Headers with only a To-tag.
pub fn tagged(tag: &str) -> SipHeaders {
    SipHeaders {
        to_tag: Some(tag.to_owned()),
        ..SipHeaders::default()
    }
}

/// The audio offer of `audio_offer_a.sdp`.
pub const OFFER_A: &[u8] = include_bytes!("../data/bench/audio_offer_a.sdp");
