//! `calls/10000_concurrent`: 10,000 pairs of in-memory `Call`s driven
//! together in one thread, round robin, through INVITE → 200 → ACK, a
//! re-INVITE → 200 → ACK (the callee answers automatically), and BYE → 200:
//! what one core of a busy server does when every call is live at once.
//! The figure is the time per call (one iteration drives all 10,000); the
//! heap all calls hold once established is printed once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, CallState, RenegotiationMode, Transmit,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::LocalCapabilities;
use sdp_offer_answer::provider::StandardMediaProvider;

const CALLS: usize = 10_000;
const LOCAL_A: &str = include_str!("../tests/data/bench/audio_local_a.sdp");
const OFFER_A_CAPS: &str = "v=0\r\no=- 3828399811 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

type C = Call<StandardMediaProvider>;

fn deliver<P: MediaProvider>(to: &mut Call<P>, t: Transmit, now: Instant) {
    let _ = match t {
        Transmit::Request(r) => to.handle_request(r, now),
        Transmit::Response(r) => to.handle_response(r, now),
    };
}

/// Moves every queued message between the two Calls of a pair (once
/// each way), accepting an incoming call; `true` when something moved.
fn step(a: &mut C, b: &mut C, now: Instant) -> bool {
    let mut moved = false;
    while let Some(t) = a.poll_transmit() {
        deliver(b, t, now);
        moved = true;
    }
    while let Some(t) = b.poll_transmit() {
        deliver(a, t, now);
        moved = true;
    }
    while let Some(e) = b.poll_event() {
        if matches!(e, CallEvent::IncomingCall { .. }) {
            let _ = b.accept(now);
        }
    }
    while a.poll_event().is_some() {}
    moved
}

/// Drives every pair round robin until none has anything to move.
fn settle(pairs: &mut [(C, C)], now: Instant) {
    loop {
        let mut any = false;
        for (a, b) in pairs.iter_mut() {
            any |= step(a, b, now);
        }
        if !any {
            break;
        }
    }
}

fn pairs(caller: &StandardMediaProvider, callee: &StandardMediaProvider) -> Vec<(C, C)> {
    (0..CALLS as u64)
        .map(|i| {
            let config =
                |seed| CallConfig::new(seed).with_renegotiation_mode(RenegotiationMode::Automatic);
            (
                Call::new(caller.clone(), config(2 * i)),
                Call::new(callee.clone(), config(2 * i + 1)),
            )
        })
        .collect()
}

/// The whole life of every call; returns how many reached Terminated.
fn run(mut all: Vec<(C, C)>, now: Instant) -> usize {
    for (a, _) in all.iter_mut() {
        a.establish(CallEstablishOptions::new(), now)
            .expect("establish");
    }
    settle(&mut all, now);
    for (a, _) in all.iter_mut() {
        a.begin_renegotiation(now).expect("re-INVITE");
    }
    settle(&mut all, now);
    for (a, _) in all.iter_mut() {
        a.terminate(now).expect("BYE");
    }
    settle(&mut all, now);
    all.iter()
        .filter(|(a, b)| a.state() == CallState::Terminated && b.state() == CallState::Terminated)
        .count()
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
    let now = Instant::now();
    assert_eq!(run(pairs(&caller, &callee), now), CALLS, "every call ends");
    let mut g = c.benchmark_group("calls");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("10000_concurrent", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let all = pairs(&caller, &callee);
                let start = Instant::now();
                black_box(run(all, now));
                total += start.elapsed();
            }
            // Per call, not per 10,000.
            total / CALLS as u32
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
