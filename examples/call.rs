//! Two `Call`s back to back in memory, printing the SIP ladder of the two
//! 415 retries of `sdp_offer_answer::manual::retry_415`:
//!
//! (a) the caller's INVITE carries an SDP offer and an optional
//!     `application/x-custom` part; the callee takes only `application/sdp`
//!     and answers 415 with Accept; the caller sends the same offer again
//!     without the custom part; 200; ACK.
//! (b) the caller offers two SDPs (SRTP preferred, plain RTP) as
//!     `multipart/alternative` to a callee that takes no multipart: 415; the
//!     provider is told `UnsupportedMediaCanRetry` and makes a new offer
//!     with one SDP; 200; ACK.
//!
//! Run with `cargo run --example call`.

use std::time::Instant;

use sdp_offer_answer::body::{ContentDisposition, Handling, MimePart};
use sdp_offer_answer::call::{Call, CallConfig, CallEstablishOptions, CallEvent, Transmit};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, SrtpPolicy, SrtpSuite,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::{LadderEntry, RecordingProvider, Side};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sdp_only = vec!["application/sdp".parse()?];

    println!("(a) custom MIME part refused: the same offer again without it\n");
    let caller = StandardMediaProvider::new(plain_caps("192.0.2.10", 49170)?, 1001);
    let callee = StandardMediaProvider::new(plain_caps("198.51.100.5", 4000)?, 2002)
        .with_supported_content_types(sdp_only.clone());
    let custom = MimePart::single("application/x-custom".parse()?, b"ticket=42".to_vec())?
        .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional));
    let options = CallEstablishOptions::new().with_custom_mime_part(custom);
    run(caller, callee, options)?;

    println!("\n(b) multipart/alternative refused: a new offer with one SDP\n");
    let caller = StandardMediaProvider::new(srtp_caps()?, 3003)
        .with_alternative(plain_caps("192.0.2.10", 49170)?);
    let callee = StandardMediaProvider::new(LocalCapabilities::demo_softphone(), 4004)
        .with_supported_content_types(sdp_only);
    run(caller, callee, CallEstablishOptions::new())?;
    Ok(())
}

/// Audio PCMU/PCMA/telephone-event, plain RTP.
fn plain_caps(ip: &str, port: u16) -> Result<LocalCapabilities, Box<dyn std::error::Error>> {
    Ok(LocalCapabilities::builder()
        .ipv4(ip.parse()?)
        .media(audio(port))
        .build()?)
}

/// The same audio with SDES-SRTP required (`RTP/SAVP`).
fn srtp_caps() -> Result<LocalCapabilities, Box<dyn std::error::Error>> {
    Ok(LocalCapabilities::builder()
        .ipv4("192.0.2.10".parse()?)
        .media(audio(49170))
        .sdes(SrtpPolicy::Required)
        .sdes_suite(SrtpSuite::AesCm128HmacSha1_80)
        // Each call's own master key, from the OS CSPRNG (RFC 3711 §8.2).
        .key_source(std::sync::Arc::new(|out: &mut [u8]| {
            getrandom::fill(out).expect("the OS random number generator failed")
        }))
        .build()?)
}

fn audio(port: u16) -> MediaCapability {
    MediaCapability::audio(port)
        .codec(Codec::pcmu())
        .codec(Codec::pcma())
        .telephone_event(8000)
        .ptime_ms(20)
}

/// Drives the two Calls: the caller establishes, the callee accepts every
/// incoming call; each message is printed as it goes, with the caller's
/// MediaProvider calls under it.
fn run(
    caller: StandardMediaProvider,
    callee: StandardMediaProvider,
    options: CallEstablishOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    let now = Instant::now();
    let mut a = Call::new(RecordingProvider::new(caller), CallConfig::new(7));
    let mut b = Call::new(
        RecordingProvider::new(callee),
        CallConfig::new(8).with_local_tag("b1"),
    );
    a.establish(options, now)?;
    print_provider(&mut a);
    loop {
        // Polling order: every transmit first (each delivered to the other
        // Call, as a transport would), then the events, which may call
        // intents (the callee accepts); again until both are quiet.
        let mut busy = false;
        while let Some((from, t)) = a
            .poll_transmit()
            .map(|t| (Side::A, t))
            .or_else(|| b.poll_transmit().map(|t| (Side::B, t)))
        {
            println!(
                "{}",
                LadderEntry {
                    from,
                    transmit: t.clone()
                }
            );
            let to_b = from == Side::A;
            match (t, to_b) {
                (Transmit::Request(r), true) => b.handle_request(r, now)?,
                (Transmit::Response(r), true) => b.handle_response(r, now)?,
                (Transmit::Request(r), false) => a.handle_request(r, now)?,
                (Transmit::Response(r), false) => a.handle_response(r, now)?,
            }
            print_provider(&mut a);
            busy = true;
        }
        while let Some(event) = a.poll_event() {
            println!("        caller event: {event:?}");
        }
        while let Some(event) = b.poll_event() {
            if let CallEvent::IncomingCall { .. } = event {
                b.accept(now)?;
                busy = true;
            }
        }
        if !busy {
            break;
        }
    }
    println!("caller {:?}, callee {:?}", a.state(), b.state());
    if let Some(session) = a.provider().inner().negotiated_session() {
        for s in session.active_streams() {
            let codec = s.codec().map_or("-", |c| &c.encoding_name);
            let srtp = if s.sdes.is_some() { ", SRTP" } else { "" };
            println!("media: {} {codec}{srtp}", s.media);
        }
    }
    Ok(())
}

fn print_provider<P: MediaProvider>(call: &mut Call<RecordingProvider<P>>) {
    for line in call.provider_mut().take_log() {
        println!("        caller provider: {line}");
    }
}
