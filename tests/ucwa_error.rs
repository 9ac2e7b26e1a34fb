//! UCWA error bodies for renegotiation requests: Conflict/AlreadyExists (409),
//! Gone/CannotRedirect (410), ServiceFailure (500), in JSON and XML.
#![cfg(feature = "ucwa")]

use sdp_offer_answer::renegotiation::ucwa::{UcwaError, UcwaErrorBody, UcwaErrorKind};
use serde_json::{Value, json};

const NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

fn cases() -> [(UcwaErrorBody, u16, Value, String); 3] {
    [
        (
            UcwaErrorBody::new(
                UcwaErrorKind::ConflictAlreadyExists,
                "A renegotiation is already in progress.",
            ),
            409,
            json!({"code": "Conflict", "subcode": "AlreadyExists",
                   "message": "A renegotiation is already in progress."}),
            format!(
                "<error xmlns=\"{NS}\"><code>Conflict</code><subcode>AlreadyExists</subcode><message>A renegotiation is already in progress.</message></error>"
            ),
        ),
        (
            UcwaErrorBody::new(
                UcwaErrorKind::GoneCannotRedirect,
                "The renegotiation is gone.",
            ),
            410,
            json!({"code": "Gone", "subcode": "CannotRedirect",
                   "message": "The renegotiation is gone."}),
            format!(
                "<error xmlns=\"{NS}\"><code>Gone</code><subcode>CannotRedirect</subcode><message>The renegotiation is gone.</message></error>"
            ),
        ),
        (
            UcwaErrorBody::new(UcwaErrorKind::ServiceFailure, "Media <failed> & more"),
            500,
            json!({"code": "ServiceFailure", "message": "Media <failed> & more"}),
            format!(
                "<error xmlns=\"{NS}\"><code>ServiceFailure</code><message>Media &lt;failed&gt; &amp; more</message></error>"
            ),
        ),
    ]
}

#[test]
fn exact_shapes_and_round_trips() {
    for (body, status, json, xml) in cases() {
        assert_eq!(body.http_status(), status);
        assert_eq!(body.kind.http_status(), status);
        let text = body.to_json();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), json);
        assert_eq!(UcwaErrorBody::from_json(&text).unwrap(), body);
        assert_eq!(UcwaErrorBody::from_json(&json.to_string()).unwrap(), body);
        assert_eq!(body.to_xml(), xml);
        assert_eq!(UcwaErrorBody::from_xml(&xml).unwrap(), body);
        assert_eq!(serde_json::to_value(&body).unwrap(), json);
        assert_eq!(serde_json::from_value::<UcwaErrorBody>(json).unwrap(), body);
    }
    assert_eq!(
        UcwaErrorBody::new(UcwaErrorKind::ConflictAlreadyExists, "m").to_json(),
        r#"{"code":"Conflict","subcode":"AlreadyExists","message":"m"}"#
    );
}

#[test]
fn kinds() {
    let expected = [
        (
            UcwaErrorKind::ConflictAlreadyExists,
            "Conflict",
            Some("AlreadyExists"),
            409,
            "Conflict/AlreadyExists",
        ),
        (
            UcwaErrorKind::GoneCannotRedirect,
            "Gone",
            Some("CannotRedirect"),
            410,
            "Gone/CannotRedirect",
        ),
        (
            UcwaErrorKind::ServiceFailure,
            "ServiceFailure",
            None,
            500,
            "ServiceFailure",
        ),
    ];
    for (kind, code, subcode, status, display) in expected {
        assert_eq!(kind.code(), code);
        assert_eq!(kind.subcode(), subcode);
        assert_eq!(kind.http_status(), status);
        assert_eq!(kind.to_string(), display);
        assert_eq!(UcwaErrorKind::from_codes(code, subcode), Ok(kind));
        assert_eq!(
            UcwaErrorKind::from_codes(
                &code.to_lowercase(),
                subcode.map(str::to_uppercase).as_deref()
            ),
            Ok(kind)
        );
    }
}

#[test]
fn lenient_input() {
    // Other members ignored, message optional, whitespace around XML codes.
    let body = UcwaErrorBody::from_json(
        r#"{"code":"Gone","subcode":"CannotRedirect","debugInfo":{"x":1}}"#,
    )
    .unwrap();
    assert_eq!(
        body,
        UcwaErrorBody::new(UcwaErrorKind::GoneCannotRedirect, "")
    );
    let xml = "<?xml version=\"1.0\"?>\n<error>\n  <code> ServiceFailure </code>\n  <debugInfo><property name=\"x\">1</property></debugInfo>\n</error>\n";
    assert_eq!(
        UcwaErrorBody::from_xml(xml).unwrap(),
        UcwaErrorBody::new(UcwaErrorKind::ServiceFailure, "")
    );
}

#[test]
fn unknown_codes_are_typed_errors() {
    let unknown = |code: &str, subcode: Option<&str>| UcwaError::UnknownErrorCode {
        code: code.into(),
        subcode: subcode.map(Into::into),
    };
    assert_eq!(
        UcwaErrorBody::from_json(r#"{"code":"Conflict","message":"m"}"#),
        Err(unknown("Conflict", None))
    );
    assert_eq!(
        UcwaErrorBody::from_json(r#"{"code":"ServiceFailure","subcode":"Timeout"}"#),
        Err(unknown("ServiceFailure", Some("Timeout")))
    );
    assert_eq!(
        UcwaErrorBody::from_json(r#"{"code":"Forbidden","subcode":"AlreadyExists"}"#),
        Err(unknown("Forbidden", Some("AlreadyExists")))
    );
    assert_eq!(
        UcwaErrorBody::from_xml("<error><code>Gone</code><subcode>Elsewhere</subcode></error>"),
        Err(unknown("Gone", Some("Elsewhere")))
    );
    assert_eq!(
        UcwaErrorBody::from_json(r#"{"message":"m"}"#),
        Err(UcwaError::Missing("code"))
    );
    assert_eq!(
        UcwaErrorBody::from_xml("<error/>"),
        Err(UcwaError::Missing("code"))
    );
    assert_eq!(
        UcwaErrorBody::from_xml("<error><code>Gone</code><code>Gone</code></error>"),
        Err(UcwaError::Duplicate("code"))
    );
    assert!(matches!(
        UcwaErrorBody::from_json(r#"{"code":409}"#),
        Err(UcwaError::Json(_))
    ));
    assert!(matches!(
        UcwaErrorBody::from_xml("<error><code>"),
        Err(UcwaError::Xml(_))
    ));
    assert_eq!(
        UcwaErrorBody::from_xml(
            r#"<fault xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"/>"#
        ),
        Err(UcwaError::UnexpectedElement {
            expected: "error",
            found: "fault".into()
        })
    );
}
