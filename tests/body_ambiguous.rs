//! Ambiguous MIME is malformed, not resolved: two `boundary` parameters in
//! a Content-Type, any parameter named twice (`charset`, `handling`), or a
//! body part with two Content-Type, Content-Disposition or Content-ID
//! headers would let a reader taking the first and one taking the last see
//! different bodies; each is its own typed `BodyError`.

use sdp_offer_answer::body::{
    BodyError, BodyLimits, ContentDisposition, MessageBody, parse_body, parse_media_type,
};

const SDP_PART: &[u8] = b"Content-Type: application/sdp\r\n\r\nv=0\r\n";

fn body_with(boundary: &str, part: &[u8]) -> Vec<u8> {
    let mut body = format!("--{boundary}\r\n").into_bytes();
    body.extend_from_slice(part);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

fn parse(content_type: &str, body: &[u8]) -> Result<(), BodyError> {
    parse_body(content_type, body, &BodyLimits::default()).map(|_| ())
}

fn duplicate(header: &'static str, name: &str) -> Result<(), BodyError> {
    Err(BodyError::DuplicateParameter {
        header,
        name: name.to_owned(),
    })
}

#[test]
fn two_boundary_parameters_are_refused() {
    // Either boundary frames a valid body: no choice is safe.
    for body in [body_with("a", SDP_PART), body_with("b", SDP_PART)] {
        assert_eq!(
            parse("multipart/mixed;boundary=a;boundary=b", &body),
            duplicate("Content-Type", "boundary")
        );
    }
    assert_eq!(
        parse(
            "multipart/mixed; boundary=\"a\" ;\r\n BOUNDARY=a",
            &body_with("a", SDP_PART)
        ),
        duplicate("Content-Type", "BOUNDARY")
    );
    // Nested multiparts are checked the same way.
    let inner = body_with("in", SDP_PART);
    let mut part = b"Content-Type: multipart/alternative;boundary=in;boundary=xx\r\n\r\n".to_vec();
    part.extend_from_slice(&inner);
    assert_eq!(
        parse("multipart/mixed;boundary=out", &body_with("out", &part)),
        duplicate("Content-Type", "boundary")
    );
    // Text inside a quoted value names no parameter.
    assert_eq!(
        parse(
            "multipart/mixed;boundary=\"a boundary=b\";x=\";boundary=c\"",
            &body_with("a boundary=b", SDP_PART)
        ),
        Ok(())
    );
}

#[test]
fn any_parameter_named_twice_is_refused() {
    assert_eq!(
        parse_media_type("application/sdp;charset=utf-8;Charset=latin1").map(|_| ()),
        duplicate("Content-Type", "Charset")
    );
    let part = b"Content-Type: text/plain;charset=a;charset=b\r\n\r\nx";
    assert_eq!(
        parse("multipart/mixed;boundary=b", &body_with("b", part)),
        duplicate("Content-Type", "charset")
    );
    assert_eq!(
        ContentDisposition::parse("session;handling=optional;handling=required").map(|_| ()),
        duplicate("Content-Disposition", "handling")
    );
    let part = b"Content-Type: application/sdp\r\nContent-Disposition: session;handling=optional;Handling=optional\r\n\r\nv=0\r\n";
    assert_eq!(
        parse("multipart/mixed;boundary=b", &body_with("b", part)),
        duplicate("Content-Disposition", "Handling")
    );
    // The message's own Content-Disposition too.
    let message = MessageBody {
        content_type: "application/sdp".to_owned(),
        content_disposition: Some("session;handling=required;handling=optional".to_owned()),
        content_id: None,
        headers: vec![],
        body: b"v=0\r\n".to_vec(),
    };
    assert_eq!(
        message.parse(&BodyLimits::default()).map(|_| ()),
        duplicate("Content-Disposition", "handling")
    );
}

#[test]
fn a_part_with_two_content_headers_is_refused() {
    for (part, name) in [
        (
            &b"Content-Type: application/sdp\r\nContent-Type: text/plain\r\n\r\nv=0\r\n"[..],
            "Content-Type",
        ),
        (
            b"content-type: application/sdp\r\nX-A: 1\r\nCONTENT-TYPE: application/sdp\r\n\r\nv=0\r\n",
            "Content-Type",
        ),
        (
            b"Content-Type: application/sdp\r\nContent-Disposition: session\r\nContent-Disposition: render;handling=optional\r\n\r\nv=0\r\n",
            "Content-Disposition",
        ),
        (
            b"Content-Type: application/sdp\r\nContent-ID: <a@x>\r\nContent-Id: <b@x>\r\n\r\nv=0\r\n",
            "Content-ID",
        ),
    ] {
        let body = body_with("b", part);
        assert_eq!(
            parse("multipart/mixed;boundary=b", &body),
            Err(BodyError::DuplicateHeader { part: 1, name }),
            "{}",
            String::from_utf8_lossy(part)
        );
    }
    // The second part is named by its index.
    let mut body = b"--b\r\n".to_vec();
    body.extend_from_slice(SDP_PART);
    body.extend_from_slice(b"\r\n--b\r\nContent-Type: a/b\r\nContent-Type: a/b\r\n\r\nx\r\n--b--");
    assert_eq!(
        parse("multipart/mixed;boundary=b", &body),
        Err(BodyError::DuplicateHeader {
            part: 2,
            name: "Content-Type"
        })
    );
}
