//! Malformed and oversized bodies: each gives its exact typed error.

use sdp_offer_answer::body::{BodyError, BodyLimits, MessageBody, parse_body};

fn parse(ct: &str, body: &[u8]) -> Result<sdp_offer_answer::body::MimePart, BodyError> {
    parse_body(ct, body, &BodyLimits::default())
}

#[test]
fn multipart_without_boundary_param() {
    assert_eq!(
        parse("multipart/mixed", b"--b\r\n\r\nx\r\n--b--"),
        Err(BodyError::MissingBoundary)
    );
}

#[test]
fn invalid_boundary_param() {
    let long = "x".repeat(201);
    assert_eq!(
        parse(&format!("multipart/mixed;boundary={long}"), b""),
        Err(BodyError::InvalidBoundary { boundary: long })
    );
    assert_eq!(
        parse("multipart/mixed;boundary=\"a b \"", b""),
        Err(BodyError::InvalidBoundary {
            boundary: "a b ".to_owned()
        })
    );
}

#[test]
fn no_opening_delimiter() {
    assert_eq!(
        parse(
            "multipart/mixed;boundary=b",
            b"just text\r\n--c\r\n\r\nx\r\n--c--"
        ),
        Err(BodyError::NoOpeningDelimiter)
    );
}

#[test]
fn missing_close_delimiter() {
    assert_eq!(
        parse(
            "multipart/mixed;boundary=b",
            b"--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"
        ),
        Err(BodyError::MissingCloseDelimiter)
    );
    // Truncated right after a delimiter.
    assert_eq!(
        parse("multipart/mixed;boundary=b", b"--b\r\n\r\nx\r\n--b"),
        Err(BodyError::MissingCloseDelimiter)
    );
}

#[test]
fn close_delimiter_only() {
    assert_eq!(
        parse("multipart/mixed;boundary=b", b"--b--\r\n"),
        Err(BodyError::EmptyMultipart)
    );
}

/// A body nested `levels` multiparts deep around one text part.
fn nested(levels: usize) -> (String, Vec<u8>) {
    let mut body = b"leaf".to_vec();
    let mut ct = "text/plain".to_owned();
    for i in (0..levels).rev() {
        let b = format!("b{i}");
        let mut outer = format!("--{b}\r\nContent-Type: {ct}\r\n\r\n").into_bytes();
        outer.extend_from_slice(&body);
        outer.extend_from_slice(format!("\r\n--{b}--").as_bytes());
        body = outer;
        ct = format!("multipart/mixed;boundary={b}");
    }
    (ct, body)
}

#[test]
fn depth_limit_is_exact() {
    let (ct, body) = nested(4);
    let root = parse(&ct, &body).unwrap();
    let mut p = &root;
    for _ in 0..4 {
        p = &p.parts()[0];
    }
    assert_eq!(p.body(), Some(&b"leaf"[..]));

    let (ct, body) = nested(5);
    assert_eq!(parse(&ct, &body), Err(BodyError::TooDeep { limit: 4 }));
}

#[test]
fn too_many_parts() {
    let mut body = Vec::new();
    for i in 0..17 {
        body.extend_from_slice(format!("--b\r\n\r\npart {i}\r\n").as_bytes());
    }
    body.extend_from_slice(b"--b--");
    assert_eq!(
        parse("multipart/mixed;boundary=b", &body),
        Err(BodyError::TooManyParts { limit: 16 })
    );
    // 16 is fine.
    let limits = BodyLimits {
        max_parts: 17,
        ..BodyLimits::default()
    };
    assert_eq!(
        parse_body("multipart/mixed;boundary=b", &body, &limits)
            .unwrap()
            .parts()
            .len(),
        17
    );
}

#[test]
fn too_many_parts_counts_nested_parts() {
    let limits = BodyLimits {
        max_parts: 2,
        ..BodyLimits::default()
    };
    let (ct, body) = nested(3);
    assert_eq!(
        parse_body(&ct, &body, &limits),
        Err(BodyError::TooManyParts { limit: 2 })
    );
}

#[test]
fn too_large() {
    let body = vec![b'a'; 256 * 1024 + 1];
    assert_eq!(
        parse("application/sdp", &body),
        Err(BodyError::TooLarge {
            size: 262_145,
            limit: 262_144
        })
    );
    assert!(parse("application/sdp", &body[1..]).is_ok());
}

#[test]
fn bad_part_header() {
    assert_eq!(
        parse(
            "multipart/mixed;boundary=b",
            b"--b\r\n\r\nok\r\n--b\r\nno colon here\r\n\r\nx\r\n--b--"
        ),
        Err(BodyError::MalformedPartHeader {
            part: 2,
            reason: "line without ':'"
        })
    );
    assert_eq!(
        parse(
            "multipart/mixed;boundary=b",
            b"--b\r\nContent-Type: \xff\r\n\r\nx\r\n--b--"
        ),
        Err(BodyError::MalformedPartHeader {
            part: 1,
            reason: "header block is not UTF-8"
        })
    );
}

#[test]
fn bad_part_content_type() {
    let e = parse(
        "multipart/mixed;boundary=b",
        b"--b\r\nContent-Type: sdp\r\n\r\nx\r\n--b--",
    )
    .unwrap_err();
    assert!(
        matches!(e, BodyError::InvalidContentType { ref value, .. } if value == "sdp"),
        "{e:?}"
    );
}

#[test]
fn bad_part_content_disposition() {
    assert_eq!(
        parse(
            "multipart/mixed;boundary=b",
            b"--b\r\nContent-Disposition: session;handling\r\n\r\nx\r\n--b--"
        ),
        Err(BodyError::InvalidContentDisposition {
            value: "session;handling".to_owned(),
            reason: "parameter without '='"
        })
    );
}

#[test]
fn bad_message_content_disposition() {
    let msg = MessageBody {
        content_type: "application/sdp".to_owned(),
        content_disposition: Some("\"session\"".to_owned()),
        content_id: None,
        headers: vec![],
        body: b"v=0\r\n".to_vec(),
    };
    assert_eq!(
        msg.parse(&BodyLimits::default()),
        Err(BodyError::InvalidContentDisposition {
            value: "\"session\"".to_owned(),
            reason: "disposition type is not a token"
        })
    );
}

#[test]
fn error_texts_are_readable() {
    assert_eq!(
        BodyError::MissingCloseDelimiter.to_string(),
        "multipart body ends without its --boundary-- close delimiter"
    );
    assert_eq!(
        BodyError::TooDeep { limit: 4 }.to_string(),
        "multipart nesting deeper than 4 levels"
    );
}
