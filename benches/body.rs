//! Build + parse of a 3-part SIP body (SDP + 2 custom MIME parts).
//! Target (issue): ≤ 2 µs median for one build and one parse.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sdp_offer_answer::body::{
    BodyLimits, BoundaryGenerator, ContentDisposition, Handling, MessageBody, MimePart,
};

const SDP: &[u8] = b"v=0\r\n\
o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n\
s=-\r\n\
c=IN IP4 192.0.2.10\r\n\
t=0 0\r\n\
m=audio 49170 RTP/AVP 0 8 96 101\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=rtpmap:8 PCMA/8000\r\n\
a=rtpmap:96 opus/48000/2\r\n\
a=rtpmap:101 telephone-event/8000\r\n\
a=fmtp:101 0-16\r\n\
a=ptime:20\r\n\
a=sendrecv\r\n";

fn three_parts() -> MimePart {
    let optional = || ContentDisposition::render().with_handling(Handling::Optional);
    let ms_routing = MimePart::single(
        "application/ms-routing-info+xml"
            .parse()
            .expect("media type"),
        b"<routing><target uri=\"sip:bob@example.com\"/></routing>".to_vec(),
    )
    .expect("single part")
    .with_content_disposition(optional())
    .with_content_id("<routing@example.com>");
    let custom = MimePart::single(
        "application/x-custom;version=1"
            .parse()
            .expect("media type"),
        b"key=value\r\nother=thing\r\n".to_vec(),
    )
    .expect("single part")
    .with_content_disposition(optional());
    MimePart::mixed(vec![MimePart::sdp(SDP), ms_routing, custom])
}

fn bench(c: &mut Criterion) {
    let tree = three_parts();
    let limits = BodyLimits::default();
    let mut seed = 0u64;

    let mut g = c.benchmark_group("body");
    g.bench_function("build_parse_3_parts", |b| {
        b.iter(|| {
            seed = seed.wrapping_add(1);
            let mut boundaries = BoundaryGenerator::new(seed);
            let wire = MessageBody::build(black_box(&tree), &mut boundaries).expect("build");
            let back = wire.parse(&limits).expect("parse");
            black_box(back)
        })
    });

    let wire = MessageBody::build(&tree, &mut BoundaryGenerator::new(1)).expect("build");
    g.bench_function("build_3_parts", |b| {
        b.iter(|| {
            MessageBody::build(black_box(&tree), &mut BoundaryGenerator::new(1)).expect("build")
        })
    });
    g.bench_function("parse_3_parts", |b| {
        b.iter(|| black_box(&wire).parse(&limits).expect("parse"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
