//! Parsing multipart bodies: nesting, LF-only framing, preamble/epilogue,
//! binary content, part headers (RFC 2046 §5.1).

use sdp_offer_answer::body::{
    BodyLimits, ContentDisposition, DispositionType, Handling, MessageBody, MimePart, PartContent,
    parse_body,
};

const SDP_A: &[u8] = b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";
const SDP_B: &[u8] = b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj\r\n";

fn limits() -> BodyLimits {
    BodyLimits::default()
}

#[test]
fn mixed_containing_alternative() {
    let mut body = Vec::new();
    body.extend_from_slice(
        b"--outer\r\nContent-Type: multipart/alternative; boundary=\"inner b\"\r\n\r\n",
    );
    body.extend_from_slice(b"--inner b\r\nContent-Type: application/sdp\r\n\r\n");
    body.extend_from_slice(SDP_A);
    body.extend_from_slice(b"\r\n--inner b\r\nContent-Type: application/sdp\r\n\r\n");
    body.extend_from_slice(SDP_B);
    body.extend_from_slice(b"\r\n--inner b--\r\n");
    body.extend_from_slice(b"\r\n--outer\r\nContent-Type: application/x-ms-custom\r\nContent-Disposition: render;handling=optional\r\nContent-ID: <c1@example.com>\r\n\r\nX=1");
    body.extend_from_slice(b"\r\n--outer--\r\n");

    let root = parse_body("multipart/mixed;boundary=outer", &body, &limits()).unwrap();
    assert_eq!(root.content_type().as_ref(), "multipart/mixed");
    assert_eq!(root.parts().len(), 2);

    let alt = &root.parts()[0];
    assert_eq!(alt.content_type().as_ref(), "multipart/alternative");
    assert_eq!(alt.parts().len(), 2);
    assert_eq!(alt.parts()[0].content_type().as_ref(), "application/sdp");
    assert_eq!(alt.parts()[0].body(), Some(SDP_A));
    assert_eq!(alt.parts()[1].body(), Some(SDP_B));

    let custom = &root.parts()[1];
    assert_eq!(custom.content_type().as_ref(), "application/x-ms-custom");
    assert_eq!(custom.body(), Some(&b"X=1"[..]));
    assert_eq!(custom.content_id(), Some("<c1@example.com>"));
    let d = custom.content_disposition().unwrap();
    assert_eq!(d.disposition_type(), &DispositionType::Render);
    assert_eq!(d.handling(), Handling::Optional);

    let expected = MimePart::mixed(vec![
        MimePart::alternative(vec![MimePart::sdp(SDP_A), MimePart::sdp(SDP_B)]),
        MimePart::single("application/x-ms-custom".parse().unwrap(), b"X=1".to_vec())
            .unwrap()
            .with_content_disposition(
                ContentDisposition::render().with_handling(Handling::Optional),
            )
            .with_content_id("<c1@example.com>"),
    ]);
    assert_eq!(root, expected);
}

#[test]
fn lf_only_framing() {
    let body = b"--b\nContent-Type: application/sdp\n\nv=0\no=- 1 1 IN IP4 0.0.0.0\n\n--b\ncontent-type: text/plain\n\nhi\n--b--\n";
    let root = parse_body("multipart/mixed; boundary=b", body, &limits()).unwrap();
    assert_eq!(root.parts().len(), 2);
    assert_eq!(
        root.parts()[0].body(),
        Some(&b"v=0\no=- 1 1 IN IP4 0.0.0.0\n"[..])
    );
    assert_eq!(root.parts()[1].content_type().as_ref(), "text/plain");
    assert_eq!(root.parts()[1].body(), Some(&b"hi"[..]));
}

#[test]
fn preamble_and_epilogue_are_ignored() {
    let body = b"This is a preamble.\r\n--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b--\r\nThis is an epilogue.\r\n--b\r\nContent-Type: text/evil\r\n\r\nnot a part\r\n";
    let root = parse_body("multipart/mixed;boundary=b", body, &limits()).unwrap();
    assert_eq!(
        root,
        MimePart::mixed(vec![MimePart::sdp(b"v=0\r\n".to_vec())])
    );
}

#[test]
fn transport_padding_after_delimiters() {
    let body = b"--b \t\r\n\r\none\r\n--b  \r\n\r\ntwo\r\n--b--  \r\n";
    let root = parse_body("multipart/mixed;boundary=b", body, &limits()).unwrap();
    let bodies: Vec<_> = root.parts().iter().map(|p| p.body().unwrap()).collect();
    assert_eq!(bodies, vec![&b"one"[..], &b"two"[..]]);
}

#[test]
fn binary_body_with_nul_and_cr_is_kept_exactly() {
    let payload: Vec<u8> = vec![
        0, 1, b'\r', 0xff, b'\r', b'\r', b'\n', 0, b'-', b'-', b'x', 0x80, b'\r',
    ];
    let mut body = b"--bin\r\nContent-Type: application/octet-stream\r\n\r\n".to_vec();
    body.extend_from_slice(&payload);
    body.extend_from_slice(b"\r\n--bin--");
    let root = parse_body("multipart/mixed;boundary=bin", &body, &limits()).unwrap();
    assert_eq!(root.parts()[0].body(), Some(&payload[..]));
}

#[test]
fn single_part_body_is_kept_as_is() {
    let root = parse_body("Application/SDP", SDP_A, &limits()).unwrap();
    assert_eq!(root, MimePart::sdp(SDP_A));
    assert_eq!(root.content(), &PartContent::Single(SDP_A.to_vec()));
}

#[test]
fn part_headers_default_fold_and_extra() {
    let body = b"--b\r\n\r\nplain\r\n--b\r\nCONTENT-TYPE: application/sdp;\r\n charset=utf-8\r\nContent-Length: 999\r\nContent-Language: en\r\n\r\nv=0\r\n--b--";
    let root = parse_body("multipart/mixed;boundary=b", body, &limits()).unwrap();
    let first = &root.parts()[0];
    assert_eq!(first.content_type(), &mime::TEXT_PLAIN);
    assert_eq!(first.body(), Some(&b"plain"[..]));
    let second = &root.parts()[1];
    assert_eq!(
        second.content_type().as_ref(),
        "application/sdp;charset=utf-8"
    );
    assert_eq!(
        second.headers(),
        &[("Content-Language".to_owned(), "en".to_owned())]
    );
    assert_eq!(second.body(), Some(&b"v=0"[..]));
}

#[test]
fn digest_parts_default_to_message_rfc822() {
    let body = b"--d\r\n\r\nSubject: x\r\n--d--";
    let root = parse_body("multipart/digest;boundary=d", body, &limits()).unwrap();
    assert_eq!(root.parts()[0].content_type().as_ref(), "message/rfc822");
}

#[test]
fn other_multipart_params_survive_boundary_removal() {
    let body = b"--r\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--r--";
    let root = parse_body(
        "multipart/related; type=\"application/sdp\"; boundary=r",
        body,
        &limits(),
    )
    .unwrap();
    assert_eq!(
        root.content_type().as_ref(),
        "multipart/related;type=\"application/sdp\""
    );
    assert_eq!(root.content_type().get_param("boundary"), None);
}

#[test]
fn message_headers_apply_to_root() {
    let msg = MessageBody {
        content_type: "application/sdp".to_owned(),
        content_disposition: Some("session;handling=required".to_owned()),
        content_id: Some("<root@example.com>".to_owned()),
        headers: vec![("Content-Language".to_owned(), "fr".to_owned())],
        body: SDP_A.to_vec(),
    };
    let root = msg.parse(&limits()).unwrap();
    assert_eq!(root.content_id(), Some("<root@example.com>"));
    assert_eq!(
        root.headers(),
        &[("Content-Language".to_owned(), "fr".to_owned())]
    );
    assert_eq!(
        root.content_disposition(),
        Some(&ContentDisposition::session().with_handling(Handling::Required))
    );
}

#[test]
fn near_delimiters_stay_content_and_parse_in_linear_time() {
    // 50 000 lines that start like the delimiter but are not: each is looked
    // at once, and all stay in the part's content.
    let mut body = b"--b\r\n\r\n".to_vec();
    let filler = b"--bx\n".repeat(50_000);
    body.extend_from_slice(&filler);
    body.extend_from_slice(b"\r\n--b--\r\n");
    let limits = BodyLimits {
        max_size: 1 << 20,
        ..BodyLimits::default()
    };
    let root = parse_body("multipart/mixed;boundary=b", &body, &limits).unwrap();
    assert_eq!(root.parts().len(), 1);
    assert_eq!(root.parts()[0].body(), Some(&filler[..]));
}
