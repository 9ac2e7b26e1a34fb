//! `BodyLimits::max_headers` (default 64) bounds the header fields of each
//! body part: the 65th is `BodyError::TooManyHeaders`, found before the rest
//! of the block is read (85 000 tiny headers cost no more than 64).

use sdp_offer_answer::body::{BodyError, BodyLimits, parse_body};

fn part_with_headers(count: usize) -> Vec<u8> {
    let mut body = b"--b\r\n".to_vec();
    for _ in 0..count {
        body.extend_from_slice(b"a:b\n");
    }
    body.extend_from_slice(b"\nx\r\n--b--\r\n");
    body
}

#[test]
fn headers_per_part_are_bounded() {
    assert_eq!(BodyLimits::DEFAULT.max_headers, 64);
    let limits = BodyLimits {
        max_size: 1 << 20,
        ..BodyLimits::DEFAULT
    };
    let ok = parse_body(
        "multipart/mixed;boundary=b",
        &part_with_headers(64),
        &limits,
    )
    .unwrap();
    assert_eq!(ok.parts()[0].headers().len(), 64);
    for count in [65, 85_000] {
        assert_eq!(
            parse_body(
                "multipart/mixed;boundary=b",
                &part_with_headers(count),
                &limits
            ),
            Err(BodyError::TooManyHeaders { part: 1, limit: 64 }),
            "{count}"
        );
    }
    // Folded lines count once; the bound is configurable.
    let body = b"--b\r\nA: 1\r\n 2\r\n 3\r\nB: 4\r\n\r\nx\r\n--b--";
    let two = BodyLimits {
        max_headers: 2,
        ..BodyLimits::DEFAULT
    };
    assert!(parse_body("multipart/mixed;boundary=b", body, &two).is_ok());
    let one = BodyLimits {
        max_headers: 1,
        ..BodyLimits::DEFAULT
    };
    assert_eq!(
        parse_body("multipart/mixed;boundary=b", body, &one),
        Err(BodyError::TooManyHeaders { part: 1, limit: 1 })
    );
}
