//! UCWA error bodies for renegotiation requests (issue 11, item 7): the
//! audioVideoRenegotiation resource's synchronous errors (409
//! AlreadyExists / TooManyGroups / none, 410 CannotRedirect, 500
//! InvalidExchangeServerVersion / CallbackChannelError / none) and the
//! generic 404 ResourceNotFound, in JSON and in XML with UCWA's `<reason>`
//! root and XML declaration; unknown subcodes are ignored, as UCWA's
//! client contract asks.
#![cfg(feature = "ucwa")]

use sdp_offer_answer::renegotiation::ucwa::{UcwaError, UcwaErrorBody, UcwaErrorKind};
use serde_json::{Value, json};

const NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

const DECL: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

fn cases() -> [(UcwaErrorBody, u16, Value, String); 4] {
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
                "{DECL}<reason xmlns=\"{NS}\"><code>Conflict</code><subcode>AlreadyExists</subcode><message>A renegotiation is already in progress.</message></reason>"
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
                "{DECL}<reason xmlns=\"{NS}\"><code>Gone</code><subcode>CannotRedirect</subcode><message>The renegotiation is gone.</message></reason>"
            ),
        ),
        (
            UcwaErrorBody::new(UcwaErrorKind::ServiceFailure, "Media <failed> & more"),
            500,
            json!({"code": "ServiceFailure", "message": "Media <failed> & more"}),
            format!(
                "{DECL}<reason xmlns=\"{NS}\"><code>ServiceFailure</code><message>Media &lt;failed&gt; &amp; more</message></reason>"
            ),
        ),
        (
            UcwaErrorBody::new(UcwaErrorKind::ResourceNotFound, "no renegotiation op-9"),
            404,
            json!({"code": "NotFound", "subcode": "ResourceNotFound",
                   "message": "no renegotiation op-9"}),
            format!(
                "{DECL}<reason xmlns=\"{NS}\"><code>NotFound</code><subcode>ResourceNotFound</subcode><message>no renegotiation op-9</message></reason>"
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
            UcwaErrorKind::ConflictTooManyGroups,
            "Conflict",
            Some("TooManyGroups"),
            409,
            "Conflict/TooManyGroups",
        ),
        (UcwaErrorKind::Conflict, "Conflict", None, 409, "Conflict"),
        (
            UcwaErrorKind::GoneCannotRedirect,
            "Gone",
            Some("CannotRedirect"),
            410,
            "Gone/CannotRedirect",
        ),
        (UcwaErrorKind::Gone, "Gone", None, 410, "Gone"),
        (
            UcwaErrorKind::ResourceNotFound,
            "NotFound",
            Some("ResourceNotFound"),
            404,
            "NotFound/ResourceNotFound",
        ),
        (UcwaErrorKind::NotFound, "NotFound", None, 404, "NotFound"),
        (
            UcwaErrorKind::ServiceFailureInvalidExchangeServerVersion,
            "ServiceFailure",
            Some("InvalidExchangeServerVersion"),
            500,
            "ServiceFailure/InvalidExchangeServerVersion",
        ),
        (
            UcwaErrorKind::ServiceFailureCallbackChannelError,
            "ServiceFailure",
            Some("CallbackChannelError"),
            500,
            "ServiceFailure/CallbackChannelError",
        ),
        (
            UcwaErrorKind::ServiceFailure,
            "ServiceFailure",
            None,
            500,
            "ServiceFailure",
        ),
    ];
    assert_eq!(expected.len(), UcwaErrorKind::ALL.len());
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
    let xml = "<?xml version=\"1.0\"?>\n<reason>\n  <code> ServiceFailure </code>\n  <debugInfo><property name=\"x\">1</property></debugInfo>\n</reason>\n";
    assert_eq!(
        UcwaErrorBody::from_xml(xml).unwrap(),
        UcwaErrorBody::new(UcwaErrorKind::ServiceFailure, "")
    );
    // UCWA's own XML sample, https namespace and all.
    let sample = r#"<?xml version="1.0" encoding="utf-8"?>
<reason xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://schemas.microsoft.com/rtc/2012/03/ucwa">
 <code>Conflict</code>
 <subcode>AlreadyExists</subcode>
 <message>The requested resource already exists. Please wait and try again.</message>
 <debugInfo />
 <parameters />
</reason>"#;
    assert_eq!(
        UcwaErrorBody::from_xml(sample).unwrap(),
        UcwaErrorBody::new(
            UcwaErrorKind::ConflictAlreadyExists,
            "The requested resource already exists. Please wait and try again."
        )
    );
}

#[test]
fn unknown_subcodes_are_ignored() {
    // "New subcodes can be introduced at any time. Clients should be
    // designed that they ignore missing or unknown subcodes."
    for (json, kind) in [
        (
            r#"{"code":"Conflict","message":"m"}"#,
            UcwaErrorKind::Conflict,
        ),
        (
            r#"{"code":"Conflict","subcode":"None","message":"m"}"#,
            UcwaErrorKind::Conflict,
        ),
        (
            r#"{"code":"Conflict","subcode":"PGetReplaced","message":"m"}"#,
            UcwaErrorKind::Conflict,
        ),
        (
            r#"{"code":"ServiceFailure","subcode":"Timeout","message":"m"}"#,
            UcwaErrorKind::ServiceFailure,
        ),
        (
            r#"{"code":"NotFound","subcode":"ApplicationNotFound","message":"m"}"#,
            UcwaErrorKind::NotFound,
        ),
    ] {
        assert_eq!(
            UcwaErrorBody::from_json(json),
            Ok(UcwaErrorBody::new(kind, "m")),
            "{json}"
        );
    }
    assert_eq!(
        UcwaErrorBody::from_xml("<reason><code>Gone</code><subcode>Elsewhere</subcode></reason>"),
        Ok(UcwaErrorBody::new(UcwaErrorKind::Gone, ""))
    );
}

#[test]
fn unknown_codes_are_typed_errors() {
    let unknown = |code: &str, subcode: Option<&str>| UcwaError::UnknownErrorCode {
        code: code.into(),
        subcode: subcode.map(Into::into),
    };
    assert_eq!(
        UcwaErrorBody::from_json(r#"{"code":"Forbidden","subcode":"AlreadyExists"}"#),
        Err(unknown("Forbidden", Some("AlreadyExists")))
    );
    assert_eq!(
        UcwaErrorBody::from_json(r#"{"message":"m"}"#),
        Err(UcwaError::Missing("code"))
    );
    assert_eq!(
        UcwaErrorBody::from_xml("<reason/>"),
        Err(UcwaError::Missing("code"))
    );
    assert_eq!(
        UcwaErrorBody::from_xml("<reason><code>Gone</code><code>Gone</code></reason>"),
        Err(UcwaError::Duplicate("code"))
    );
    assert!(matches!(
        UcwaErrorBody::from_json(r#"{"code":409}"#),
        Err(UcwaError::Json(_))
    ));
    assert!(matches!(
        UcwaErrorBody::from_xml("<reason><code>"),
        Err(UcwaError::Xml(_))
    ));
    assert_eq!(
        UcwaErrorBody::from_xml(
            r#"<fault xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"/>"#
        ),
        Err(UcwaError::UnexpectedElement {
            expected: "reason",
            found: "fault".into()
        })
    );
    // The crate's earlier <error> root is not UCWA's.
    assert_eq!(
        UcwaErrorBody::from_xml("<error><code>Gone</code></error>"),
        Err(UcwaError::UnexpectedElement {
            expected: "reason",
            found: "error".into()
        })
    );
}
