//! Building bodies: exact bytes, determinism, boundary collisions, misuse.

use sdp_offer_answer::body::{
    BodyError, BodyLimits, BoundaryGenerator, ContentDisposition, Handling, MessageBody, MimePart,
    build_body, parse_body,
};

fn custom(ty: &str, body: &[u8]) -> MimePart {
    MimePart::single(ty.parse().unwrap(), body.to_vec())
        .unwrap()
        .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional))
}

#[test]
fn single_sdp_is_sent_as_application_sdp() {
    let built = build_body(
        &MimePart::sdp(b"v=0\r\n".to_vec()),
        &mut BoundaryGenerator::new(1),
    )
    .unwrap();
    assert_eq!(
        built,
        MessageBody {
            content_type: "application/sdp".to_owned(),
            content_disposition: None,
            content_id: None,
            headers: vec![],
            body: b"v=0\r\n".to_vec(),
        }
    );
}

#[test]
fn exact_bytes_of_a_nested_body() {
    let tree = MimePart::mixed(vec![
        MimePart::alternative(vec![
            MimePart::sdp(b"v=0\r\n".to_vec()),
            MimePart::sdp(b"v=0\r\ns=b\r\n".to_vec()).with_content_id("<b@x>"),
        ]),
        custom("application/x-custom", b"hello").with_header("Content-Language", "en"),
    ])
    .with_content_disposition(ContentDisposition::session());
    let built = build_body(&tree, &mut BoundaryGenerator::new(0)).unwrap();
    assert_eq!(
        built.content_type,
        "multipart/mixed;boundary=sdpoa-e220a8397b1dcdaf"
    );
    assert_eq!(built.content_disposition.as_deref(), Some("session"));
    let expected = "--sdpoa-e220a8397b1dcdaf\r\n\
Content-Type: multipart/alternative;boundary=sdpoa-6e789e6aa1b965f4\r\n\
\r\n\
--sdpoa-6e789e6aa1b965f4\r\n\
Content-Type: application/sdp\r\n\
\r\n\
v=0\r\n\
\r\n\
--sdpoa-6e789e6aa1b965f4\r\n\
Content-Type: application/sdp\r\n\
Content-ID: <b@x>\r\n\
\r\n\
v=0\r\ns=b\r\n\
\r\n\
--sdpoa-6e789e6aa1b965f4--\r\n\
\r\n\
--sdpoa-e220a8397b1dcdaf\r\n\
Content-Type: application/x-custom\r\n\
Content-Disposition: render;handling=optional\r\n\
Content-Language: en\r\n\
\r\n\
hello\r\n\
--sdpoa-e220a8397b1dcdaf--\r\n";
    assert_eq!(String::from_utf8(built.body.clone()).unwrap(), expected);

    let back = built.parse(&BodyLimits::default()).unwrap();
    assert_eq!(back, tree);
}

#[test]
fn same_seed_same_bytes() {
    let tree = MimePart::mixed(vec![
        MimePart::sdp(b"v=0\r\n".to_vec()),
        custom("text/plain", b"x"),
    ]);
    let a = build_body(&tree, &mut BoundaryGenerator::new(99)).unwrap();
    let b = build_body(&tree, &mut BoundaryGenerator::new(99)).unwrap();
    let c = build_body(&tree, &mut BoundaryGenerator::new(100)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.content_type, c.content_type);
}

#[test]
fn boundary_found_in_content_is_skipped() {
    let first = BoundaryGenerator::new(5).next_boundary();
    let mut boundaries = BoundaryGenerator::new(5);
    boundaries.next_boundary();
    let second = boundaries.next_boundary();

    let poisoned = format!("text that quotes --{first} inside");
    let tree = MimePart::mixed(vec![custom("text/plain", poisoned.as_bytes())]);
    let built = build_body(&tree, &mut BoundaryGenerator::new(5)).unwrap();
    assert_eq!(
        built.content_type,
        format!("multipart/mixed;boundary={second}")
    );
    assert_eq!(
        parse_body(&built.content_type, &built.body, &BodyLimits::default()).unwrap(),
        tree
    );
}

#[test]
fn sixteen_collisions_are_an_error() {
    let mut boundaries = BoundaryGenerator::new(3);
    let all: String = (0..16).map(|_| boundaries.next_boundary()).collect();
    let tree = MimePart::mixed(vec![custom("text/plain", all.as_bytes())]);
    assert_eq!(
        build_body(&tree, &mut BoundaryGenerator::new(3)),
        Err(BodyError::BoundaryCollision { attempts: 16 })
    );
}

#[test]
fn empty_multipart_is_refused() {
    assert_eq!(
        build_body(&MimePart::mixed(vec![]), &mut BoundaryGenerator::new(0)),
        Err(BodyError::EmptyMultipart)
    );
    let nested = MimePart::mixed(vec![MimePart::alternative(vec![])]);
    assert_eq!(
        build_body(&nested, &mut BoundaryGenerator::new(0)),
        Err(BodyError::EmptyMultipart)
    );
}

#[test]
fn header_injection_is_refused() {
    let boundaries = &mut BoundaryGenerator::new(0);
    let bad_id = MimePart::mixed(vec![
        MimePart::sdp(b"v=0".to_vec()).with_content_id("<a>\r\nX: y"),
    ]);
    assert_eq!(
        build_body(&bad_id, boundaries),
        Err(BodyError::InvalidHeader {
            name: "Content-ID".to_owned()
        })
    );
    let bad_value = MimePart::mixed(vec![
        MimePart::sdp(b"v=0".to_vec()).with_header("X-A", "1\n2"),
    ]);
    assert_eq!(
        build_body(&bad_value, boundaries),
        Err(BodyError::InvalidHeader {
            name: "X-A".to_owned()
        })
    );
    let bad_name = MimePart::mixed(vec![MimePart::sdp(b"v=0".to_vec()).with_header("X A", "1")]);
    assert_eq!(
        build_body(&bad_name, boundaries),
        Err(BodyError::InvalidHeader {
            name: "X A".to_owned()
        })
    );
    let reserved = MimePart::mixed(vec![
        MimePart::sdp(b"v=0".to_vec()).with_header("content-type", "text/plain"),
    ]);
    assert_eq!(
        build_body(&reserved, boundaries),
        Err(BodyError::InvalidHeader {
            name: "content-type".to_owned()
        })
    );
    let bad_disp = MimePart::mixed(vec![
        MimePart::sdp(b"v=0".to_vec())
            .with_content_disposition(ContentDisposition::session().with_param("x", "a\r\nb")),
    ]);
    assert_eq!(
        build_body(&bad_disp, boundaries),
        Err(BodyError::InvalidHeader {
            name: "Content-Disposition".to_owned()
        })
    );
}

#[test]
fn too_deep_tree_is_refused() {
    let mut tree = MimePart::sdp(b"v=0".to_vec());
    for _ in 0..33 {
        tree = MimePart::mixed(vec![tree]);
    }
    assert_eq!(
        build_body(&tree, &mut BoundaryGenerator::new(0)),
        Err(BodyError::TooDeep { limit: 32 })
    );
}

#[test]
fn constructors_keep_the_multipart_invariant() {
    assert_eq!(
        MimePart::single("multipart/mixed".parse().unwrap(), b"x".to_vec()),
        Err(BodyError::UnexpectedMultipart {
            content_type: "multipart/mixed".to_owned()
        })
    );
    assert_eq!(
        MimePart::multipart("application/sdp".parse().unwrap(), vec![]),
        Err(BodyError::NotMultipart {
            content_type: "application/sdp".to_owned()
        })
    );
    let related = MimePart::multipart(
        "multipart/related;boundary=zz;type=\"application/sdp\""
            .parse()
            .unwrap(),
        vec![MimePart::sdp(b"v=0".to_vec())],
    )
    .unwrap();
    assert_eq!(
        related.content_type().as_ref(),
        "multipart/related;type=\"application/sdp\""
    );
}

#[test]
fn mixed_or_single_and_without_optional_parts() {
    let sdp = MimePart::sdp(b"v=0".to_vec());
    assert_eq!(MimePart::mixed_or_single(vec![]), None);
    assert_eq!(
        MimePart::mixed_or_single(vec![sdp.clone()]),
        Some(sdp.clone())
    );
    let offer = MimePart::mixed_or_single(vec![sdp.clone(), custom("text/plain", b"x")]).unwrap();
    assert_eq!(offer.parts().len(), 2);
    // Dropping the optional custom part leaves the SDP alone (step 1 of `manual::retry_415`).
    assert_eq!(offer.without_optional_parts(), Some(sdp.clone()));

    let two_sdps = MimePart::mixed(vec![sdp.clone(), custom("text/plain", b"x"), sdp.clone()]);
    assert_eq!(
        two_sdps.without_optional_parts(),
        Some(MimePart::mixed(vec![sdp.clone(), sdp]))
    );
    assert_eq!(
        MimePart::mixed(vec![custom("text/plain", b"x")]).without_optional_parts(),
        None
    );
}
