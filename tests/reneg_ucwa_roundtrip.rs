//! The Call's renegotiations as UCWA resources (cargo feature `ucwa`): the
//! `audioVideoRenegotiation` resource of the Call's current renegotiation
//! in JSON and XML, round-tripped, with its offer as a `data:` URI; its
//! `started` event; the `dismiss` input in JSON and XML applied to the
//! Call; and the error bodies: 409 Conflict/AlreadyExists for a second
//! outgoing request or a second decision, 410 Gone/CannotRedirect for an
//! unknown operation. Unknown reasons are typed errors.
#![cfg(feature = "ucwa")]

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{CallError, Method, RenegotiationAnswer, SipRequest};
use sdp_offer_answer::renegotiation::ucwa::{
    AudioVideoRenegotiationResource, DismissInput, UcwaError, UcwaErrorBody, UcwaErrorKind,
    UcwaEvent, UcwaEventType,
};
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason, encode_sdp_data_uri};
use sdp_offer_answer::testing::Side;
use serde_json::{Value, json};

const BASE: &str = "/ucwa/oauth/v1/applications/101/communication/conversations/c1";

fn href(op: &str) -> String {
    format!("{BASE}/audioVideo/renegotiations/{op}")
}

/// Bob holds Alice; Alice's application has the incoming renegotiation.
fn incoming() -> (Pair, String) {
    let mut p = established();
    p.b.hold(p.now).unwrap();
    p.run();
    let op = started(&p.take_events(Side::A)).operation_id().to_owned();
    (p, op)
}

#[test]
fn the_resource_of_the_calls_renegotiation_round_trips() {
    let (p, op) = incoming();
    let offer = p.a.renegotiation().unwrap().media_offer().to_vec();
    let resource =
        p.a.renegotiation_resource(&op, href(&op))
            .unwrap()
            .with_conversation(BASE);
    // JSON, exact shape.
    let value: Value = serde_json::from_str(&resource.to_json()).unwrap();
    assert_eq!(
        value,
        json!({
            "rel": "audioVideoRenegotiation",
            "direction": "Incoming",
            "operationId": op,
            "_links": {
                "self": {"href": href(&op)},
                "mediaOffer": {"href": encode_sdp_data_uri(&offer)},
                "answer": {"href": format!("{}/answer", href(&op))},
                "dismiss": {"href": format!("{}/dismiss", href(&op))},
                "conversation": {"href": BASE}
            }
        })
    );
    assert_eq!(
        AudioVideoRenegotiationResource::from_json(&resource.to_json()).unwrap(),
        resource
    );
    // XML, exact shape and round trip.
    let xml = resource.to_xml();
    assert_eq!(
        xml,
        format!(
            concat!(
                r#"<?xml version="1.0" encoding="utf-8"?>"#,
                r#"<resource rel="audioVideoRenegotiation" href="{h}" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
                r#"<link rel="mediaOffer" href="{o}"/>"#,
                r#"<link rel="answer" href="{h}/answer"/>"#,
                r#"<link rel="dismiss" href="{h}/dismiss"/>"#,
                r#"<link rel="conversation" href="{c}"/>"#,
                r#"<property name="rel">audioVideoRenegotiation</property>"#,
                r#"<property name="direction">Incoming</property>"#,
                r#"<property name="operationId">{op}</property>"#,
                r#"</resource>"#
            ),
            h = href(&op),
            o = encode_sdp_data_uri(&offer),
            c = BASE,
            op = op
        )
    );
    assert_eq!(
        AudioVideoRenegotiationResource::from_xml(&xml).unwrap(),
        resource
    );
    assert_eq!(resource.media_offer_sdp().unwrap(), offer);
    // The started event embeds it.
    let event = UcwaEvent::started(resource.clone());
    let back = UcwaEvent::from_json(&event.to_json()).unwrap();
    assert_eq!(back.event_type, UcwaEventType::Started);
    assert_eq!(back.embedded, Some(resource));
    // Ours (Bob's) is Outgoing and offers no actions.
    let bobs =
        p.b.outgoing_renegotiation()
            .unwrap()
            .operation_id()
            .to_owned();
    let theirs = p.b.renegotiation_resource(&bobs, href(&bobs)).unwrap();
    assert_eq!(theirs.direction.as_str(), "Outgoing");
    assert!(!theirs.is_pending());
}

#[test]
fn the_dismiss_input_in_json_and_xml_drives_the_call() {
    for (body, json_form) in [
        (r#"{"reason":"InsufficientBandwidth"}"#, true),
        (
            r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="reason">InsufficientBandwidth</property></input>"#,
            false,
        ),
    ] {
        let (mut p, op) = incoming();
        let before = session_bytes(&p.a);
        let input = if json_form {
            DismissInput::from_json(body).unwrap()
        } else {
            DismissInput::from_xml(body).unwrap()
        };
        assert_eq!(
            input.reason,
            ReNegotiationDeclineReason::InsufficientBandwidth
        );
        // Written back in the same shape.
        assert_eq!(
            if json_form {
                input.to_json()
            } else {
                input.to_xml()
            },
            body
        );
        p.a.dismiss_renegotiation(&op, input.reason, p.now).unwrap();
        let response = only_response(drain(&mut p.a));
        assert_eq!(response.status, 488);
        assert_eq!(response.headers.warning.as_ref().map(|w| w.code), Some(370));
        assert_eq!(session_bytes(&p.a), before);
        // The completed resource: no actions, no answer.
        let done = p.a.renegotiation_resource(&op, href(&op)).unwrap();
        assert!(!done.is_pending());
        assert_eq!(done.media_answer, None);
        // A second decision: 409 Conflict/AlreadyExists.
        let again =
            p.a.dismiss_renegotiation(&op, input.reason, p.now)
                .unwrap_err();
        let body = again.ucwa_error().unwrap();
        assert_eq!(
            (body.kind, body.http_status()),
            (UcwaErrorKind::ConflictAlreadyExists, 409)
        );
        let again =
            p.a.answer_renegotiation(&op, RenegotiationAnswer::Provider, p.now)
                .unwrap_err();
        assert_eq!(again.ucwa_error().unwrap().http_status(), 409);
    }
}

#[test]
fn unknown_reasons_and_operations_are_typed_errors() {
    assert!(matches!(
        DismissInput::from_json(r#"{"reason":"TooLoud"}"#),
        Err(UcwaError::UnknownDeclineReason(r)) if r.0 == "TooLoud"
    ));
    assert!(matches!(
        DismissInput::from_xml(r#"<input><property name="reason">TooLoud</property></input>"#),
        Err(UcwaError::UnknownDeclineReason(_))
    ));
    let (mut p, _) = incoming();
    let gone =
        p.a.dismiss_renegotiation("no-such-op", ReNegotiationDeclineReason::Unknown, p.now)
            .unwrap_err();
    assert_eq!(
        gone,
        CallError::NoSuchRenegotiation {
            operation_id: "no-such-op".into()
        }
    );
    let body = gone.ucwa_error().unwrap();
    assert_eq!(body.http_status(), 404);
    assert_eq!(
        body.to_json(),
        r#"{"code":"NotFound","subcode":"ResourceNotFound","message":"no renegotiation no-such-op"}"#
    );
    assert_eq!(UcwaErrorBody::from_xml(&body.to_xml()).unwrap(), body);
    // 409 for a second outgoing renegotiation, in JSON and XML.
    let op =
        p.a.outgoing_renegotiation()
            .map(|r| r.operation_id().to_owned());
    assert_eq!(op, None);
    let ours = p.a.begin_renegotiation(p.now).unwrap(); // queued behind Bob's
    let conflict =
        p.a.begin_renegotiation(p.now)
            .unwrap_err()
            .ucwa_error()
            .unwrap();
    assert_eq!(
        conflict.to_json(),
        format!(
            r#"{{"code":"Conflict","subcode":"AlreadyExists","message":"renegotiation {ours} is already in progress"}}"#
        )
    );
    assert_eq!(
        UcwaErrorBody::from_json(&conflict.to_json()).unwrap(),
        conflict
    );
    assert_eq!(
        UcwaErrorBody::from_xml(&conflict.to_xml()).unwrap(),
        conflict
    );
}

#[test]
fn a_reinvite_without_offer_loses_its_actions_once_answered() {
    let mut p = established();
    p.a.handle_request(SipRequest::new(Method::Invite), p.now)
        .unwrap();
    let op = started(&p.take_events(Side::A)).operation_id().to_owned();
    assert!(
        p.a.renegotiation_resource(&op, href(&op))
            .unwrap()
            .is_pending()
    );
    p.a.answer_renegotiation(&op, RenegotiationAnswer::Provider, p.now)
        .unwrap();
    let waiting = p.a.renegotiation_resource(&op, href(&op)).unwrap();
    assert!(
        !waiting.is_pending(),
        "waiting for the ACK, nothing to decide"
    );
    assert!(!waiting.media_offer_sdp().unwrap().is_empty(), "our offer");
}
