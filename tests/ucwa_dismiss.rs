//! The `dismiss` input of an incoming renegotiation, in JSON and XML.
#![cfg(feature = "ucwa")]

use sdp_offer_answer::renegotiation::ucwa::{DismissInput, UcwaError};
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason as R, UnknownDeclineReason};
use serde_json::{Value, json};

#[test]
fn json_input_of_the_issue_parses() {
    let input = DismissInput::from_json(r#"{"reason": "InsufficientBandwidth"}"#).unwrap();
    assert_eq!(input.reason, R::InsufficientBandwidth);
    // ...and its SIP response is 488 with Warning 370.
    let d = input.reason.sip_response(false, 0);
    assert_eq!((d.status, d.warning.map(|w| w.code)), (488, Some(370)));
}

#[test]
fn xml_input_of_the_issue_parses() {
    let with_ns = r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="reason">Unknown</property></input>"#;
    let without_ns = r#"<input><property name="reason">Unknown</property></input>"#;
    assert_eq!(DismissInput::from_xml(with_ns).unwrap().reason, R::Unknown);
    assert_eq!(
        DismissInput::from_xml(without_ns).unwrap().reason,
        R::Unknown
    );
    let declared = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">\r\n  <property name=\"reason\"> Conflict </property>\r\n</input>\r\n";
    assert_eq!(
        DismissInput::from_xml(declared).unwrap().reason,
        R::Conflict
    );
    let prefixed = r#"<u:input xmlns:u="http://schemas.microsoft.com/rtc/2012/03/ucwa"><u:property name="reason">Conflict</u:property></u:input>"#;
    assert_eq!(
        DismissInput::from_xml(prefixed).unwrap().reason,
        R::Conflict
    );
}

#[test]
fn every_reason_round_trips_in_both_forms() {
    for reason in R::ALL {
        let input = DismissInput::new(reason);
        let json = input.to_json();
        assert_eq!(json, format!(r#"{{"reason":"{reason}"}}"#));
        assert_eq!(
            serde_json::from_str::<Value>(&json).unwrap(),
            json!({"reason": reason.as_str()})
        );
        assert_eq!(DismissInput::from_json(&json), Ok(input));
        let xml = input.to_xml();
        assert_eq!(
            xml,
            format!(
                r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="reason">{reason}</property></input>"#
            )
        );
        assert_eq!(DismissInput::from_xml(&xml), Ok(input));
        assert_eq!(
            serde_json::to_value(input).unwrap(),
            json!({"reason": reason.as_str()})
        );
        assert_eq!(DismissInput::from(reason), input);
    }
}

#[test]
fn missing_reason_reads_as_unknown() {
    for json in ["{}", r#"{"reason":null}"#, r#"{"other":1}"#] {
        assert_eq!(
            DismissInput::from_json(json).unwrap().reason,
            R::Unknown,
            "{json}"
        );
    }
    for xml in [
        "<input/>",
        r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"></input>"#,
        r#"<input><property name="other">x</property></input>"#,
    ] {
        assert_eq!(
            DismissInput::from_xml(xml).unwrap().reason,
            R::Unknown,
            "{xml}"
        );
    }
}

#[test]
fn case_insensitive_reason() {
    assert_eq!(
        DismissInput::from_json(r#"{"reason":"insufficientBANDWIDTH"}"#)
            .unwrap()
            .reason,
        R::InsufficientBandwidth
    );
    assert_eq!(
        DismissInput::from_xml(
            r#"<input><property name="reason">ipv6notsupported</property></input>"#
        )
        .unwrap()
        .reason,
        R::IPv6NotSupported
    );
}

#[test]
fn unknown_reason_is_a_typed_error() {
    assert_eq!(
        DismissInput::from_json(r#"{"reason": "TooTired"}"#),
        Err(UcwaError::UnknownDeclineReason(UnknownDeclineReason(
            "TooTired".into()
        )))
    );
    assert_eq!(
        DismissInput::from_json(r#"{"reason": ""}"#),
        Err(UcwaError::UnknownDeclineReason(UnknownDeclineReason(
            "".into()
        )))
    );
    assert_eq!(
        DismissInput::from_xml(r#"<input><property name="reason">TooTired</property></input>"#),
        Err(UcwaError::UnknownDeclineReason(UnknownDeclineReason(
            "TooTired".into()
        )))
    );
    assert_eq!(
        DismissInput::from_xml(r#"<input><property name="reason"/></input>"#),
        Err(UcwaError::UnknownDeclineReason(UnknownDeclineReason(
            "".into()
        )))
    );
    // Through serde too: an error, not a panic.
    let err = serde_json::from_str::<DismissInput>(r#"{"reason":"TooTired"}"#).unwrap_err();
    assert!(err.to_string().contains("TooTired"), "{err}");
    let err = serde_json::from_str::<R>(r#""TooTired""#).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown ReNegotiationDeclineReason"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_str::<R>(r#""Conflict""#).unwrap(),
        R::Conflict
    );
}

#[test]
fn malformed_inputs_are_typed_errors() {
    for json in [
        "",
        "{",
        "[1]",
        r#"{"reason": 3}"#,
        r#"{"reason": ["Conflict"]}"#,
        "\"Conflict\"",
    ] {
        assert!(
            matches!(DismissInput::from_json(json), Err(UcwaError::Json(_))),
            "{json}"
        );
    }
    assert_eq!(
        DismissInput::from_xml(
            r#"<resource><property name="reason">Unknown</property></resource>"#
        ),
        Err(UcwaError::UnexpectedElement {
            expected: "input",
            found: "resource".into()
        })
    );
    assert_eq!(
        DismissInput::from_xml(
            r#"<input xmlns="urn:x"><property name="reason">Unknown</property></input>"#
        ),
        Err(UcwaError::WrongNamespace {
            found: "urn:x".into()
        })
    );
    assert_eq!(
        DismissInput::from_xml(concat!(
            r#"<input><property name="reason">Unknown</property>"#,
            r#"<property name="reason">Conflict</property></input>"#
        )),
        Err(UcwaError::Duplicate("reason property"))
    );
    assert_eq!(
        DismissInput::from_xml(r#"<input><property>Unknown</property></input>"#),
        Err(UcwaError::Missing("name of a <property>"))
    );
    for xml in [
        "",
        "<input>",
        "<input><property name=\"reason\">Unknown</input>",
        "reason=Unknown",
    ] {
        assert!(
            matches!(DismissInput::from_xml(xml), Err(UcwaError::Xml(_))),
            "{xml}"
        );
    }
}
