//! SIP message bodies: the input's first line is the Content-Type header
//! value, the rest the body bytes (so seeds are readable files). Parsing
//! never panics; a parsed tree goes through RFC 5621 session-part
//! selection, and every tree the builder writes parses back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdp_offer_answer::body::{
    BodyLimits, BoundaryGenerator, DispositionType, MessageBody, MimePart, PartContent,
    UnderstoodMedia, parse_body, select_session_parts,
};

/// Limits for re-parsing a rebuilt body: building adds CRLFs and headers.
const REBUILT: BodyLimits = BodyLimits {
    max_size: usize::MAX,
    max_depth: 64,
    max_parts: usize::MAX,
    max_headers: usize::MAX,
};

fuzz_target!(|data: &[u8]| {
    let (head, body) = match memchr(b'\n', data) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(content_type) = std::str::from_utf8(head) else {
        return;
    };
    let content_type = content_type.trim_end_matches('\r');
    let limits = [
        BodyLimits::DEFAULT,
        BodyLimits {
            max_size: 1 << 20,
            max_depth: 16,
            max_parts: 256,
            max_headers: 256,
        },
    ];
    for limits in limits {
        let Ok(tree) = parse_body(content_type, body, &limits) else {
            continue;
        };
        assert!(depth(&tree) <= limits.max_depth);
        assert!(count(&tree) <= limits.max_parts);
        select(&tree);
        rebuild(&tree, body.len() as u64);
    }
});

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// Selection with two understandings; the selected parts are SDP leaves of the tree.
fn select(tree: &MimePart) {
    let plain = UnderstoodMedia::sdp();
    let wide = UnderstoodMedia::new(
        [
            "application/sdp",
            "multipart/mixed",
            "multipart/alternative",
            "multipart/related",
            "application/isup",
            "text/plain",
        ]
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect(),
    )
    .with_disposition(DispositionType::Render);
    for understood in [plain, wide] {
        match select_session_parts(tree, &understood) {
            Ok(parts) => {
                for p in parts {
                    assert!(!p.is_multipart());
                    assert!(understood.understands_media_type(p.content_type()));
                    assert_eq!(p.effective_disposition(), DispositionType::Session);
                }
            }
            Err(refusal) => {
                assert_eq!(refusal.accept, understood.accept_value());
            }
        }
    }
}

/// build → parse is the identity on every tree the builder accepts.
fn rebuild(tree: &MimePart, seed: u64) {
    let mut boundaries = BoundaryGenerator::new(seed);
    let Ok(wire) = MessageBody::build(tree, &mut boundaries) else {
        return;
    };
    match wire.parse(&REBUILT) {
        Ok(back) => assert_eq!(&back, tree, "build/parse changed the tree: {wire:?}"),
        Err(e) => panic!("a built body does not parse: {e}: {wire:?}"),
    }
}

fn depth(part: &MimePart) -> usize {
    match part.content() {
        PartContent::Single(_) => 0,
        PartContent::Multipart(children) => 1 + children.iter().map(depth).max().unwrap_or(0),
    }
}

/// Body parts below the root, at every level.
fn count(part: &MimePart) -> usize {
    part.parts().iter().map(|p| 1 + count(p)).sum()
}
