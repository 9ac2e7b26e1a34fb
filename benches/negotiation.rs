//! Parse, serialize and answer benchmarks on the benchmark inputs
//! (`tests/data/bench/`, copied from `shared/bench/`), plus scaling runs that
//! show the cost per byte and per format is flat.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sdp_offer_answer::negotiation::{LocalCapabilities, Negotiator};
use sdp_offer_answer::sdp::{ParseLimits, SessionDescription};

const OFFER_A: &str = include_str!("../tests/data/bench/audio_offer_a.sdp");
const LOCAL_A: &str = include_str!("../tests/data/bench/audio_local_a.sdp");
const OFFER_B: &str = include_str!("../tests/data/bench/audio_offer_b.sdp");
const LOCAL_B: &str = include_str!("../tests/data/bench/audio_local_b.sdp");
const CHROME: &str = include_str!("../tests/data/bench/chrome_offer.sdp");
const SIP_AV: &str = include_str!("../tests/data/bench/sip_audio_video_offer.sdp");

/// Parse the offer, answer it, serialize the answer, confirm the exchange:
/// the whole job of an answering endpoint.
fn answer_once(caps: &Arc<LocalCapabilities>, offer: &str) -> String {
    let mut negotiator = Negotiator::new(caps.clone(), 1);
    let offer = SessionDescription::parse(offer).expect("bench offer parses");
    let answer = negotiator
        .receive_offer(offer)
        .expect("bench offer is answered")
        .serialize();
    black_box(negotiator.confirm_answer().expect("confirm"));
    answer
}

fn answer(c: &mut Criterion) {
    let local_a = Arc::new(LocalCapabilities::from_sdp_text(LOCAL_A).expect("local A"));
    let local_b = Arc::new(LocalCapabilities::from_sdp_text(LOCAL_B).expect("local B"));
    let softphone = Arc::new(LocalCapabilities::demo_softphone());
    let mut g = c.benchmark_group("answer");
    g.bench_function("offer_a", |b| {
        b.iter(|| answer_once(&local_a, black_box(OFFER_A)))
    });
    g.bench_function("offer_b", |b| {
        b.iter(|| answer_once(&local_b, black_box(OFFER_B)))
    });
    g.bench_function("chrome_offer", |b| {
        b.iter(|| answer_once(&softphone, black_box(CHROME)))
    });
    g.bench_function("sip_audio_video_offer", |b| {
        b.iter(|| answer_once(&softphone, black_box(SIP_AV)))
    });
    g.finish();
}

fn parse_serialize(c: &mut Criterion) {
    let mut g = c.benchmark_group("sdp");
    for (name, text) in [
        ("offer_a", OFFER_A),
        ("chrome_offer", CHROME),
        ("sip_audio_video_offer", SIP_AV),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("parse", name), text, |b, t| {
            b.iter(|| SessionDescription::parse(black_box(t)).expect("parses"))
        });
        let lf = text.replace("\r\n", "\n");
        let parsed = SessionDescription::parse(&lf).expect("parses");
        g.bench_with_input(BenchmarkId::new("serialize", name), &parsed, |b, p| {
            b.iter(|| black_box(p).serialize())
        });
    }
    g.finish();
}

/// An offer with `media` audio m-lines of `formats` formats each.
fn synthetic_offer(media: usize, formats: usize) -> String {
    let mut s =
        String::from("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n");
    for m in 0..media {
        let pts: Vec<String> = (0..formats)
            .map(|i| {
                if i == formats - 1 {
                    "0".into()
                } else {
                    (96 + i % 32).to_string()
                }
            })
            .collect();
        s.push_str(&format!(
            "m=audio {} RTP/AVP {}\r\n",
            10000 + 2 * m,
            pts.join(" ")
        ));
        for (i, pt) in pts.iter().enumerate().take(formats.saturating_sub(1)) {
            s.push_str(&format!(
                "a=rtpmap:{pt} X-CODEC-{i}/8000\r\na=fmtp:{pt} mode={i}\r\n"
            ));
        }
        s.push_str("a=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n");
    }
    s
}

fn scaling(c: &mut Criterion) {
    let softphone = Arc::new(LocalCapabilities::demo_softphone());
    let mut g = c.benchmark_group("scaling_mlines");
    for media in [1usize, 4, 16, 64] {
        let offer = synthetic_offer(media, 8);
        g.throughput(Throughput::Elements(media as u64));
        g.bench_with_input(BenchmarkId::from_parameter(media), &offer, |b, o| {
            b.iter(|| answer_once(&softphone, black_box(o)))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("scaling_formats");
    for formats in [1usize, 10, 32, 100] {
        let offer = synthetic_offer(1, formats);
        g.throughput(Throughput::Elements(formats as u64));
        g.bench_with_input(BenchmarkId::from_parameter(formats), &offer, |b, o| {
            b.iter(|| answer_once(&softphone, black_box(o)))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("scaling_size_parse");
    let limits = ParseLimits {
        max_size: 1 << 20,
        max_media: 4096,
    };
    for kib in [1usize, 16, 64, 256] {
        let mut text = String::from(
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 10000 RTP/AVP 0\r\n",
        );
        let mut i = 0;
        while text.len() < kib * 1024 {
            text.push_str(&format!("a=x-filler-{i}:some opaque value {i}\r\n"));
            i += 1;
        }
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{kib}KiB")),
            &text,
            |b, t| {
                b.iter(|| SessionDescription::parse_with(black_box(t), &limits).expect("parses"))
            },
        );
    }
    g.finish();
}

criterion_group!(benches, answer, parse_serialize, scaling);
criterion_main!(benches);
