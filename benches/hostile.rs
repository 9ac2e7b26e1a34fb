//! `answer/hostile/*`: the worst offer shapes near the caps, at 16, 32 and
//! 64 KiB, parsed and answered (or declined) as a remote's INVITE would
//! make us do. Cost must stay linear in the size with a small constant:
//! each 64 KiB shape within 2 ms and within 5x its 16 KiB time.
//!
//! `call/hostile_invite` drives the 64 KiB repeated-payload-type offer
//! through a `Call` (INVITE, then `accept`): the answer is built once.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sdp_offer_answer::negotiation::{LocalCapabilities, Negotiator};
use sdp_offer_answer::sdp::SessionDescription;

const HDR: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

/// The largest offer our default limits take, less room for the last line.
fn fits(size: usize) -> usize {
    size.min(64 * 1024) - 96
}

/// One m-line listing PCMU `0` until `size`, its rtpmap after 255 others.
fn repeated_pt(size: usize) -> String {
    let filler: String = (0..255).map(|i| format!("a=x-filler:{i}\r\n")).collect();
    let mut s = format!("{HDR}m=audio 40000 RTP/AVP");
    while s.len() + filler.len() + 32 < fits(size) {
        s.push_str(" 0");
    }
    s.push_str("\r\n");
    s.push_str(&filler);
    s.push_str("a=rtpmap:0 PCMU/8000\r\n");
    s
}

/// As many m-lines of 100 formats as fit (256 at 64 KiB).
fn mlines_formats(size: usize) -> String {
    let formats: Vec<String> = (0..100).map(|p| p.to_string()).collect();
    let mline = format!("RTP/AVP {}\r\n", formats.join(" "));
    let mut s = String::from(HDR);
    let mut port = 40000;
    while s.len() + mline.len() + 32 < fits(size) && port < 40000 + 2 * 256 {
        s.push_str(&format!("m=audio {port} {mline}"));
        port += 2;
    }
    s
}

/// telephone-event with `0-255,` repeated until `size`.
fn event_ranges(size: usize) -> String {
    let mut s = format!(
        "{HDR}m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 "
    );
    while s.len() < fits(size) {
        s.push_str("0-255,");
    }
    s.push_str("0-15\r\n");
    s
}

/// A BUNDLE group of ids until `size` (10k at 64 KiB), one m-line.
fn bundle_ids(size: usize) -> String {
    let mut s = format!("{HDR}a=group:BUNDLE a0");
    let mut i = 0;
    while s.len() < fits(size) - 80 {
        s.push_str(&format!(" x{i}"));
        i += 1;
    }
    s.push_str("\r\nm=audio 40000 RTP/AVP 0\r\na=mid:a0\r\na=rtcp-mux\r\n");
    s
}

/// One m-line followed by unknown attribute lines until `size`.
fn attributes(size: usize) -> String {
    let mut s = format!("{HDR}m=audio 40000 RTP/AVP 0 8\r\n");
    let mut i = 0;
    while s.len() < fits(size) {
        s.push_str(&format!("a=x-attribute-{i}:value\r\n"));
        i += 1;
    }
    s
}

/// A video m-line of 100 VP8 payload types and `a=rtcp-fb:*` lines until `size`.
fn rtcp_fb(size: usize) -> String {
    let pts: Vec<String> = (28..128).map(|p| p.to_string()).collect();
    let mut s = format!("{HDR}m=video 40000 RTP/AVPF {}\r\n", pts.join(" "));
    for p in 28..128 {
        s.push_str(&format!("a=rtpmap:{p} VP8/90000\r\n"));
    }
    while s.len() < fits(size) {
        s.push_str("a=rtcp-fb:* nack\r\n");
    }
    s
}

type Shape = fn(usize) -> String;

const SHAPES: [(&str, Shape); 6] = [
    ("repeated_pt", repeated_pt),
    ("mlines_x100_formats", mlines_formats),
    ("event_ranges", event_ranges),
    ("bundle_ids", bundle_ids),
    ("attributes", attributes),
    ("rtcp_fb", rtcp_fb),
];

/// Parse and answer (an answer or a decline: both are the work).
fn answer(caps: &Arc<LocalCapabilities>, text: &str) -> bool {
    let Ok(offer) = SessionDescription::parse(text) else {
        return false;
    };
    let mut n = Negotiator::new(caps.clone(), 1);
    n.receive_offer(offer).is_ok()
}

fn hostile(c: &mut Criterion) {
    let caps = Arc::new(LocalCapabilities::demo_softphone());
    let mut g = c.benchmark_group("answer/hostile");
    for (name, shape) in SHAPES {
        for kib in [16, 32, 64] {
            let text = shape(kib * 1024);
            assert!(
                SessionDescription::parse(&text).is_ok(),
                "{name} {kib} KiB does not parse"
            );
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(name, format!("{kib}KiB")),
                &text,
                |b, t| b.iter(|| answer(&caps, black_box(t))),
            );
        }
    }
    g.finish();
}

/// The 64 KiB repeated-payload-type INVITE through a Call, to the 200 OK.
fn call_invite(c: &mut Criterion) {
    use sdp_offer_answer::call::{Call, CallConfig, Method, SipRequest};
    use sdp_offer_answer::provider::StandardMediaProvider;
    let caps = Arc::new(LocalCapabilities::demo_softphone());
    let text = repeated_pt(64 * 1024);
    let mut g = c.benchmark_group("call");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("hostile_invite_accept", |b| {
        b.iter(|| {
            let now = Instant::now();
            let mut bob = Call::new(
                StandardMediaProvider::new(caps.clone(), 2),
                CallConfig::new(22),
            );
            let invite = SipRequest::new(Method::Invite)
                .with_body("application/sdp", text.clone().into_bytes());
            let _ = bob.handle_request(invite, now);
            let _ = bob.accept(now);
            while let Some(t) = bob.poll_transmit() {
                black_box(t);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, hostile, call_invite);
criterion_main!(benches);
