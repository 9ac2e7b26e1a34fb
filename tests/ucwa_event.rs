//! UCWA event channel: the renegotiation `started` event, its sender and the
//! events page, in JSON and XML.
#![cfg(feature = "ucwa")]

use sdp_offer_answer::renegotiation::ucwa::{
    AudioVideoRenegotiationResource, UcwaError, UcwaEvent, UcwaEventSender, UcwaEventType,
    UcwaEvents, UcwaLink, UnknownEventType,
};
use sdp_offer_answer::renegotiation::{
    RenegotiationDirection, RenegotiationState, UnknownRenegotiationDirection, encode_sdp_data_uri,
};
use serde_json::{Value, json};

const OFFER: &[u8] =
    b"v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
const CONV: &str = "/ucwa/oauth/v1/applications/101/communication/conversations/c1";
const SELF: &str =
    "/ucwa/oauth/v1/applications/101/communication/conversations/c1/audioVideo/renegotiations/op-1";

fn resource() -> AudioVideoRenegotiationResource {
    AudioVideoRenegotiationResource::new(
        SELF,
        "op-1",
        RenegotiationDirection::Incoming,
        OFFER,
        None,
        RenegotiationState::Pending,
    )
    .with_conversation(CONV)
}

fn resource_json() -> Value {
    json!({
        "rel": "audioVideoRenegotiation",
        "direction": "Incoming",
        "operationId": "op-1",
        "_links": {
            "self": {"href": SELF},
            "mediaOffer": {"href": encode_sdp_data_uri(OFFER)},
            "answer": {"href": format!("{SELF}/answer")},
            "dismiss": {"href": format!("{SELF}/dismiss")},
            "conversation": {"href": CONV}
        }
    })
}

fn started_json() -> Value {
    json!({
        "link": {"rel": "audioVideoRenegotiation", "href": SELF},
        "type": "started",
        "_embedded": {"audioVideoRenegotiation": resource_json()}
    })
}

fn page_json() -> Value {
    json!({
        "_links": {
            "self": {"href": "/ucwa/oauth/v1/applications/101/events?ack=2"},
            "next": {"href": "/ucwa/oauth/v1/applications/101/events?ack=3"}
        },
        "sender": [{
            "rel": "conversation",
            "href": CONV,
            "events": [started_json()]
        }]
    })
}

fn page() -> UcwaEvents {
    UcwaEvents::new(
        "/ucwa/oauth/v1/applications/101/events?ack=2",
        Some("/ucwa/oauth/v1/applications/101/events?ack=3".into()),
        vec![UcwaEventSender::new(
            "conversation",
            CONV,
            vec![UcwaEvent::started(resource())],
        )],
    )
}

#[test]
fn started_event_shape_and_round_trip() {
    let event = UcwaEvent::started(resource());
    assert_eq!(event.event_type, UcwaEventType::Started);
    assert_eq!(event.link, UcwaLink::new("audioVideoRenegotiation", SELF));
    let text = event.to_json();
    assert!(text.starts_with(r#"{"link":{"rel":"audioVideoRenegotiation","href":""#));
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        started_json()
    );
    assert_eq!(UcwaEvent::from_json(&text).unwrap(), event);
    assert_eq!(
        UcwaEvent::from_json(&started_json().to_string()).unwrap(),
        event
    );
}

#[test]
fn sender_and_page_shape_and_round_trip() {
    let p = page();
    assert_eq!(
        serde_json::from_str::<Value>(&p.to_json()).unwrap(),
        page_json()
    );
    assert_eq!(UcwaEvents::from_json(&p.to_json()).unwrap(), p);
    assert_eq!(UcwaEvents::from_json(&page_json().to_string()).unwrap(), p);

    let sender = &p.senders[0];
    let sender_json = page_json()["sender"][0].clone();
    assert_eq!(
        serde_json::from_str::<Value>(&sender.to_json()).unwrap(),
        sender_json
    );
    assert_eq!(
        UcwaEventSender::from_json(&sender.to_json()).unwrap(),
        *sender
    );

    // serde impls give the same shapes.
    assert_eq!(serde_json::to_value(&p).unwrap(), page_json());
    assert_eq!(
        serde_json::from_value::<UcwaEvents>(page_json()).unwrap(),
        p
    );
}

#[test]
fn completed_event_without_embedding() {
    let event = UcwaEvent::new(
        UcwaLink::new("audioVideoRenegotiation", SELF),
        UcwaEventType::Completed,
    );
    let expected =
        json!({"link": {"rel": "audioVideoRenegotiation", "href": SELF}, "type": "completed"});
    assert_eq!(
        serde_json::from_str::<Value>(&event.to_json()).unwrap(),
        expected
    );
    assert_eq!(UcwaEvent::from_json(&event.to_json()).unwrap(), event);

    // A completed event with its answer embedded.
    let mut r = resource();
    r.answer = None;
    r.dismiss = None;
    r.media_answer = Some(encode_sdp_data_uri(b"v=0\r\n"));
    let event = UcwaEvent::renegotiation(UcwaEventType::Completed, r);
    assert_eq!(UcwaEvent::from_json(&event.to_json()).unwrap(), event);
}

#[test]
fn event_types() {
    let all = [
        (UcwaEventType::Added, "added"),
        (UcwaEventType::Updated, "updated"),
        (UcwaEventType::Deleted, "deleted"),
        (UcwaEventType::Started, "started"),
        (UcwaEventType::Completed, "completed"),
    ];
    for (t, s) in all {
        assert_eq!(t.as_str(), s);
        assert_eq!(t.to_string(), s);
        assert_eq!(s.parse(), Ok(t));
        assert_eq!(s.to_uppercase().parse(), Ok(t));
    }
    assert_eq!(
        "begun".parse::<UcwaEventType>(),
        Err(UnknownEventType("begun".into()))
    );
}

#[test]
fn other_senders_and_embedded_resources_are_tolerated() {
    let json = json!({
        "_links": {"self": {"href": "/e?ack=5"}},
        "sender": [
            {"rel": "communication", "href": "/c", "events": [
                {"link": {"rel": "conversation", "href": CONV}, "type": "added",
                 "_embedded": {"conversation": {"state": "Connecting"}}}
            ]},
            {"rel": "conversation", "href": CONV, "events": [
                {"link": {"rel": "audioVideoRenegotiation", "href": SELF}, "type": "completed",
                 "status": "Success"}
            ]},
            {"rel": "me", "href": "/me"}
        ]
    });
    let page = UcwaEvents::from_json(&json.to_string()).unwrap();
    assert_eq!(page.next_href, None);
    assert_eq!(page.senders.len(), 3);
    assert_eq!(page.senders[0].events[0].event_type, UcwaEventType::Added);
    assert_eq!(page.senders[0].events[0].embedded, None);
    assert_eq!(
        page.senders[1].events[0].event_type,
        UcwaEventType::Completed
    );
    assert!(page.senders[2].events.is_empty());
}

#[test]
fn errors_are_typed() {
    let mut bad = started_json();
    bad["type"] = json!("exploded");
    assert_eq!(
        UcwaEvent::from_json(&bad.to_string()),
        Err(UcwaError::UnknownEventType(UnknownEventType(
            "exploded".into()
        )))
    );

    let mut bad = started_json();
    bad["_embedded"]["audioVideoRenegotiation"]["direction"] = json!("Both");
    assert_eq!(
        UcwaEvent::from_json(&bad.to_string()),
        Err(UcwaError::UnknownDirection(UnknownRenegotiationDirection(
            "Both".into()
        )))
    );

    let mut bad = page_json();
    bad["sender"][0]["events"][0]["type"] = json!("x");
    assert_eq!(
        UcwaEvents::from_json(&bad.to_string()),
        Err(UcwaError::UnknownEventType(UnknownEventType("x".into())))
    );

    let mut bad = page_json();
    bad["_links"].as_object_mut().unwrap().remove("self");
    assert_eq!(
        UcwaEvents::from_json(&bad.to_string()),
        Err(UcwaError::Missing("self link"))
    );

    let mut bad = started_json();
    bad.as_object_mut().unwrap().remove("link");
    assert!(matches!(
        UcwaEvent::from_json(&bad.to_string()),
        Err(UcwaError::Json(_))
    ));
    assert!(matches!(
        UcwaEventSender::from_json("{\"rel\":1}"),
        Err(UcwaError::Json(_))
    ));
    assert!(matches!(
        UcwaEvents::from_json("{\"sender\":{}}"),
        Err(UcwaError::Json(_))
    ));
}

#[test]
fn page_xml_shape_and_round_trip() {
    let p = page();
    let xml = p.to_xml();
    let head = concat!(
        r#"<?xml version="1.0" encoding="utf-8"?>"#,
        r#"<events href="/ucwa/oauth/v1/applications/101/events?ack=2" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">"#,
        r#"<link rel="next" href="/ucwa/oauth/v1/applications/101/events?ack=3"/>"#,
        r#"<sender rel="conversation" href="/ucwa/oauth/v1/applications/101/communication/conversations/c1">"#,
        r#"<started rel="audioVideoRenegotiation" href="/ucwa/oauth/v1/applications/101/communication/conversations/c1/audioVideo/renegotiations/op-1">"#,
        r#"<resource rel="audioVideoRenegotiation" href="/ucwa/oauth/v1/applications/101/communication/conversations/c1/audioVideo/renegotiations/op-1">"#,
    );
    assert!(xml.starts_with(head), "{xml}");
    assert!(
        xml.ends_with(concat!(
            r#"<property name="rel">audioVideoRenegotiation</property>"#,
            r#"<property name="direction">Incoming</property>"#,
            r#"<property name="operationId">op-1</property>"#,
            r#"</resource></started></sender></events>"#
        )),
        "{xml}"
    );
    assert_eq!(UcwaEvents::from_xml(&xml).unwrap(), p);
    // A completed event without embedding is an empty element.
    let done = UcwaEvents::new(
        "/e?ack=3",
        None,
        vec![UcwaEventSender::new(
            "conversation",
            CONV,
            vec![UcwaEvent::new(
                UcwaLink::new("audioVideoRenegotiation", SELF),
                UcwaEventType::Completed,
            )],
        )],
    );
    let xml = done.to_xml();
    assert!(
        xml.contains(&format!(
            r#"<completed rel="audioVideoRenegotiation" href="{SELF}"/>"#
        )),
        "{xml}"
    );
    assert_eq!(UcwaEvents::from_xml(&xml).unwrap(), done);
}
