//! The builder writes only what the parser reads back: a NUL in a header
//! value, a Content-Disposition parameter name that is not a token, a
//! media type naming a parameter twice, or more than `MAX_PARAMS`
//! Content-Disposition parameters is refused with a typed `BodyError`.

use sdp_offer_answer::body::{
    BodyError, BoundaryGenerator, ContentDisposition, MAX_PARAMS, MimePart, build_body,
};

fn build(part: MimePart) -> Result<(), BodyError> {
    let root = MimePart::mixed(vec![MimePart::sdp(b"v=0\r\n".to_vec()), part]);
    build_body(&root, &mut BoundaryGenerator::new(1)).map(|_| ())
}

fn text() -> MimePart {
    MimePart::single("text/plain".parse().unwrap(), b"x".to_vec()).unwrap()
}

#[test]
fn unparseable_headers_are_not_built() {
    assert_eq!(
        build(text().with_header("X-A", "a\0b")),
        Err(BodyError::InvalidHeader {
            name: "X-A".to_owned()
        })
    );
    assert_eq!(
        build(text().with_content_id("<a\0@b>")),
        Err(BodyError::InvalidHeader {
            name: "Content-ID".to_owned()
        })
    );
    assert_eq!(
        build(text().with_content_disposition(ContentDisposition::render().with_param("a b", "x"))),
        Err(BodyError::InvalidHeader {
            name: "Content-Disposition".to_owned()
        })
    );
    let mut many = ContentDisposition::render();
    for i in 0..=MAX_PARAMS {
        many = many.with_param(&format!("p{i}"), "x");
    }
    assert_eq!(
        build(text().with_content_disposition(many)),
        Err(BodyError::TooManyParameters {
            header: "Content-Disposition",
            limit: MAX_PARAMS
        })
    );
    // The `mime` crate takes a parameter twice; our parser does not.
    let twice = "text/plain;charset=a;charset=b".parse().unwrap();
    assert_eq!(
        build(MimePart::single(twice, b"x".to_vec()).unwrap()),
        Err(BodyError::DuplicateParameter {
            header: "Content-Type",
            name: "charset".to_owned()
        })
    );
    assert_eq!(build(text().with_header("X-A", "a\tb")), Ok(()));
}
