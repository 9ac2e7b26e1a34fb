//! The full outgoing flow between two in-memory Calls with the standard
//! provider (target: ≤ 20 µs median):
//!
//! * `call/invite_415_retry_200_ack`: the caller offers audio like
//!   `audio_offer_a.sdp` plus an optional `application/x-custom` part; the
//!   callee takes only `application/sdp`: INVITE → 415 → INVITE → 200 → ACK;
//! * `call/invite_200_ack`: the plain flow;
//! * `call/reinvite_dismissed`: on an established call (built outside the
//!   measurement), the callee re-INVITEs with the audio on hold, the
//!   caller's application (manual mode) dismisses it with
//!   `InsufficientBandwidth`: re-INVITE → 488 + Warning 370, both Calls'
//!   events polled, the callee's provider rolled back.
//!
//! Each iteration builds both Calls (from cloned providers) outside the
//! measurement and drives the whole flow inside it, including body build
//! and parse, negotiation on both sides and every poll.

use std::hint::black_box;
use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sdp_offer_answer::body::{ContentDisposition, Handling, MimePart};
use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, CallState, RenegotiationFailure, Transmit,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::LocalCapabilities;
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::ReNegotiationDeclineReason;

const LOCAL_A: &str = include_str!("../tests/data/bench/audio_local_a.sdp");

/// Caps like `audio_offer_a.sdp`: PCMU, PCMA, telephone-event 0-16, ptime 20.
const OFFER_A_CAPS: &str = "v=0\r\no=- 3828399811 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

fn deliver<P: MediaProvider>(to: &mut Call<P>, t: Transmit, now: Instant) {
    let result = match t {
        Transmit::Request(r) => to.handle_request(r, now),
        Transmit::Response(r) => to.handle_response(r, now),
    };
    result.expect("delivered");
}

/// Runs the flow to the end; returns the number of messages.
fn flow(
    mut a: Call<StandardMediaProvider>,
    mut b: Call<StandardMediaProvider>,
    options: CallEstablishOptions,
    now: Instant,
) -> usize {
    a.establish(options, now).expect("establish");
    let mut messages = 0;
    loop {
        if let Some(t) = a.poll_transmit() {
            deliver(&mut b, t, now);
        } else if let Some(t) = b.poll_transmit() {
            deliver(&mut a, t, now);
        } else {
            break;
        }
        messages += 1;
        while let Some(e) = b.poll_event() {
            if matches!(e, CallEvent::IncomingCall { .. }) {
                b.accept(now).expect("accept");
            }
        }
        while a.poll_event().is_some() {}
    }
    assert_eq!(a.state(), CallState::Established);
    assert_eq!(b.state(), CallState::Established);
    messages
}

fn bench(c: &mut Criterion) {
    let caller = StandardMediaProvider::new(
        LocalCapabilities::from_sdp_text(OFFER_A_CAPS).expect("caller caps"),
        3_828_399_811,
    );
    let callee = StandardMediaProvider::new(
        LocalCapabilities::from_sdp_text(LOCAL_A).expect("callee caps"),
        1,
    );
    let sdp_only = callee
        .clone()
        .with_supported_content_types(vec!["application/sdp".parse().expect("mime")]);
    let custom = MimePart::single(
        "application/x-custom".parse().expect("mime"),
        b"ticket=42".to_vec(),
    )
    .expect("part")
    .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional));
    let retry_options = CallEstablishOptions::new().with_custom_mime_part(custom);
    let now = Instant::now();
    let mut seed = 0u64;

    // Sanity: five messages with the retry, three without.
    let pair = |callee: &StandardMediaProvider, seed: u64| {
        (
            Call::new(caller.clone(), CallConfig::new(seed)),
            Call::new(callee.clone(), CallConfig::new(seed ^ 1)),
        )
    };
    let (a, b) = pair(&sdp_only, 0);
    assert_eq!(flow(a, b, retry_options.clone(), now), 5);
    let (a, b) = pair(&callee, 0);
    assert_eq!(flow(a, b, CallEstablishOptions::new(), now), 3);
    let (a, b) = established(&caller, &callee, 0, now);
    assert_eq!(dismissed(a, b, now), 488);

    let mut g = c.benchmark_group("call");
    g.bench_function("invite_415_retry_200_ack", |bencher| {
        bencher.iter_batched(
            || {
                seed = seed.wrapping_add(1);
                pair(&sdp_only, seed)
            },
            |(a, b)| black_box(flow(a, b, retry_options.clone(), now)),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("invite_200_ack", |bencher| {
        bencher.iter_batched(
            || {
                seed = seed.wrapping_add(1);
                pair(&callee, seed)
            },
            |(a, b)| black_box(flow(a, b, CallEstablishOptions::new(), now)),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("reinvite_dismissed", |bencher| {
        bencher.iter_batched(
            || {
                seed = seed.wrapping_add(1);
                established(&caller, &callee, seed, now)
            },
            |(a, b)| black_box(dismissed(a, b, now)),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

/// Caller and callee, established.
fn established(
    caller: &StandardMediaProvider,
    callee: &StandardMediaProvider,
    seed: u64,
    now: Instant,
) -> (Call<StandardMediaProvider>, Call<StandardMediaProvider>) {
    let mut a = Call::new(caller.clone(), CallConfig::new(seed));
    let mut b = Call::new(callee.clone(), CallConfig::new(seed ^ 1));
    a.establish(CallEstablishOptions::new(), now)
        .expect("establish");
    let mut accepted = false;
    loop {
        if let Some(t) = a.poll_transmit() {
            deliver(&mut b, t, now);
        } else if let Some(t) = b.poll_transmit() {
            deliver(&mut a, t, now);
        } else if !accepted {
            b.accept(now).expect("accept");
            accepted = true;
        } else {
            break;
        }
    }
    while a.poll_event().is_some() {}
    while b.poll_event().is_some() {}
    assert_eq!(a.state(), CallState::Established);
    (a, b)
}

/// The callee holds, the caller dismisses: returns the status sent.
fn dismissed(
    mut a: Call<StandardMediaProvider>,
    mut b: Call<StandardMediaProvider>,
    now: Instant,
) -> u16 {
    b.hold(now).expect("hold");
    while b.poll_event().is_some() {}
    let reinvite = b.poll_transmit().expect("re-INVITE");
    deliver(&mut a, reinvite, now);
    let Some(CallEvent::RenegotiationStarted { renegotiation }) = a.poll_event() else {
        panic!("no renegotiation");
    };
    a.dismiss_renegotiation(
        renegotiation.operation_id(),
        ReNegotiationDeclineReason::InsufficientBandwidth,
        now,
    )
    .expect("dismiss");
    while a.poll_event().is_some() {}
    let response = a.poll_transmit().expect("488");
    let status = response.as_response().map_or(0, |r| r.status);
    deliver(&mut b, response, now);
    let Some(CallEvent::RenegotiationCompleted { result, .. }) = b.poll_event() else {
        panic!("not completed");
    };
    assert!(matches!(result, Err(RenegotiationFailure::Failed { .. })));
    status
}

criterion_group!(benches, bench);
criterion_main!(benches);
