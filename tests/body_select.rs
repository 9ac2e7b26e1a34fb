//! Incoming body selection per RFC 5621: which parts are the session
//! descriptions, and when to answer 415 with Accept.

use sdp_offer_answer::body::{
    BodyLimits, ContentDisposition, DispositionType, Handling, MimePart, Refusal, UnderstoodMedia,
    UnsupportedMediaType, parse_body, select_session_parts, supports_multipart_alternative,
};

const ACCEPT: &str = "application/sdp, multipart/mixed, multipart/alternative";

fn sdp(tag: &str) -> MimePart {
    MimePart::sdp(format!("v=0\r\ns={tag}\r\n").into_bytes())
}

fn part(ty: &str, handling: Option<Handling>) -> MimePart {
    let p = MimePart::single(ty.parse().unwrap(), b"data".to_vec()).unwrap();
    match handling {
        Some(h) => p.with_content_disposition(ContentDisposition::render().with_handling(h)),
        None => p,
    }
}

fn bodies<'a>(parts: &[&'a MimePart]) -> Vec<&'a [u8]> {
    parts.iter().map(|p| p.body().unwrap()).collect()
}

#[test]
fn plain_sdp_is_selected() {
    let body = sdp("a");
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=a\r\n"[..]]);
}

#[test]
fn last_understood_alternative_wins() {
    let body = MimePart::alternative(vec![
        sdp("first"),
        sdp("second"),
        part("application/x-future-sdp", None),
    ]);
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=second\r\n"[..]]);
}

#[test]
fn alternative_parsed_from_the_wire() {
    let wire = b"--a\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=first\r\n\r\n--a\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=second\r\n\r\n--a\r\nContent-Type: application/x-unknown\r\n\r\n???\r\n--a--\r\n";
    let root = parse_body(
        "multipart/alternative;boundary=a",
        wire,
        &BodyLimits::default(),
    )
    .unwrap();
    let got = select_session_parts(&root, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=second\r\n"[..]]);
}

#[test]
fn unknown_optional_part_is_ignored() {
    let body = MimePart::mixed(vec![
        part("application/x-ms-custom", Some(Handling::Optional)),
        sdp("a"),
    ]);
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=a\r\n"[..]]);
}

#[test]
fn unknown_required_part_gives_415_with_accept() {
    let body = MimePart::mixed(vec![
        sdp("a"),
        part("application/isup", Some(Handling::Required)),
    ]);
    let err = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap_err();
    assert_eq!(err.accept, ACCEPT);
    assert_eq!(err.refused.as_str(), "application/isup");
    assert_eq!(err.reason, Refusal::UnknownMediaType);
    assert_eq!(UnsupportedMediaType::STATUS_CODE, 415);
    assert_eq!(
        err.to_string(),
        "415 Unsupported Media Type: application/isup: media type not understood"
    );
}

#[test]
fn handling_defaults_to_required() {
    // No Content-Disposition at all: handling=required (RFC 3261 §20.11).
    let body = MimePart::mixed(vec![sdp("a"), part("application/isup", None)]);
    let err = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap_err();
    assert_eq!(err.accept, ACCEPT);
    assert_eq!(err.refused.as_str(), "application/isup");
}

#[test]
fn body_not_understood_at_all_gives_415() {
    let body = part("text/html", None);
    let err = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap_err();
    assert_eq!(err.accept, ACCEPT);
    assert_eq!(err.reason, Refusal::UnknownMediaType);
}

#[test]
fn optional_root_not_understood_gives_nothing() {
    let body = part("text/html", Some(Handling::Optional));
    assert_eq!(
        select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap(),
        Vec::<&MimePart>::new()
    );
}

#[test]
fn custom_accept_list() {
    let understood = UnderstoodMedia::new(vec!["application/sdp".parse().unwrap()]);
    let body = MimePart::mixed(vec![sdp("a")]);
    let err = select_session_parts(&body, &understood).unwrap_err();
    assert_eq!(err.accept, "application/sdp");
    assert_eq!(err.refused.as_str(), "multipart/mixed");
}

#[test]
fn unknown_disposition_required_gives_415_optional_ignored() {
    let early = |h| {
        sdp("early").with_content_disposition(
            ContentDisposition::new(DispositionType::EarlySession).with_handling(h),
        )
    };
    let body = MimePart::mixed(vec![sdp("a"), early(Handling::Required)]);
    let err = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap_err();
    assert_eq!(
        err.reason,
        Refusal::UnknownDisposition(DispositionType::EarlySession)
    );
    assert_eq!(err.accept, ACCEPT);

    let body = MimePart::mixed(vec![sdp("a"), early(Handling::Optional)]);
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=a\r\n"[..]]);

    // Once early-session is understood, it is taken but is not a session part.
    let understood = UnderstoodMedia::sdp().with_disposition(DispositionType::EarlySession);
    let body = MimePart::mixed(vec![sdp("a"), early(Handling::Required)]);
    let got = select_session_parts(&body, &understood).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=a\r\n"[..]]);
}

#[test]
fn no_understood_alternative() {
    let body = MimePart::mixed(vec![
        sdp("a"),
        MimePart::alternative(vec![
            part("application/x-a", Some(Handling::Optional)),
            part("application/x-b", None),
        ]),
    ]);
    let err = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap_err();
    assert_eq!(err.reason, Refusal::NoUnderstoodAlternative);
    assert_eq!(err.refused.as_str(), "multipart/alternative");

    // The same alternative marked optional as a whole is ignored.
    let alt = MimePart::alternative(vec![part("application/x-a", None)])
        .with_content_disposition(ContentDisposition::render().with_handling(Handling::Optional));
    let body = MimePart::mixed(vec![sdp("a"), alt]);
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=a\r\n"[..]]);
}

#[test]
fn alternative_with_nested_mixed_skips_optional_parts_inside() {
    let body = MimePart::alternative(vec![
        sdp("plain"),
        MimePart::mixed(vec![
            sdp("rich"),
            part("application/x-extra", Some(Handling::Optional)),
        ]),
    ]);
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(bodies(&got), vec![&b"v=0\r\ns=rich\r\n"[..]]);
}

#[test]
fn several_session_parts_in_order() {
    let body = MimePart::mixed(vec![
        sdp("one"),
        part("text/plain", Some(Handling::Optional)),
        sdp("two"),
    ]);
    let got = select_session_parts(&body, &UnderstoodMedia::sdp()).unwrap();
    assert_eq!(
        bodies(&got),
        vec![&b"v=0\r\ns=one\r\n"[..], &b"v=0\r\ns=two\r\n"[..]]
    );
}

#[test]
fn remote_accept_header() {
    assert!(supports_multipart_alternative(Some(
        "application/sdp, multipart/alternative"
    )));
    assert!(supports_multipart_alternative(Some("multipart/*")));
    assert!(!supports_multipart_alternative(Some("application/sdp")));
    assert!(!supports_multipart_alternative(None));
}
