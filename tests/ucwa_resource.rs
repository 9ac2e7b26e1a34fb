//! UCWA `audioVideoRenegotiation` resource: exact JSON and XML shapes and
//! round trips, pending and completed, and typed errors on bad input.
#![cfg(feature = "ucwa")]

use sdp_offer_answer::renegotiation::ucwa::{
    AudioVideoRenegotiationResource, MAX_BODY_LEN, MAX_XML_DEPTH, UcwaError,
};
use sdp_offer_answer::renegotiation::{
    ReNegotiationDeclineReason, Renegotiation, RenegotiationDirection, RenegotiationState,
    UnknownRenegotiationDirection, encode_sdp_data_uri,
};
use serde_json::{Value, json};

const OFFER: &[u8] =
    b"v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
const ANSWER: &[u8] =
    b"v=0\r\no=- 7 8 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n";
const BASE: &str = "/ucwa/oauth/v1/applications/101/communication/conversations/c1";
const SELF: &str =
    "/ucwa/oauth/v1/applications/101/communication/conversations/c1/audioVideo/renegotiations/op-1";
const NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

fn offer_uri() -> String {
    encode_sdp_data_uri(OFFER)
}

fn answer_uri() -> String {
    encode_sdp_data_uri(ANSWER)
}

fn pending() -> AudioVideoRenegotiationResource {
    AudioVideoRenegotiationResource::new(
        SELF,
        "op-1",
        RenegotiationDirection::Incoming,
        OFFER,
        None,
        RenegotiationState::Pending,
    )
    .with_audio_video_session(format!("{BASE}/audioVideo/session"))
    .with_conversation(BASE)
}

fn completed() -> AudioVideoRenegotiationResource {
    let mut r = Renegotiation::incoming("op-1", OFFER);
    r.answer(ANSWER).unwrap();
    AudioVideoRenegotiationResource::from_renegotiation(&r, SELF)
        .with_audio_video_session(format!("{BASE}/audioVideo/session"))
        .with_conversation(BASE)
}

fn pending_json() -> Value {
    json!({
        "rel": "audioVideoRenegotiation",
        "direction": "Incoming",
        "operationId": "op-1",
        "_links": {
            "self": {"href": SELF},
            "mediaOffer": {"href": offer_uri()},
            "answer": {"href": format!("{SELF}/answer")},
            "dismiss": {"href": format!("{SELF}/dismiss")},
            "audioVideoSession": {"href": format!("{BASE}/audioVideo/session")},
            "conversation": {"href": BASE}
        }
    })
}

fn completed_json() -> Value {
    json!({
        "rel": "audioVideoRenegotiation",
        "direction": "Incoming",
        "operationId": "op-1",
        "_links": {
            "self": {"href": SELF},
            "mediaOffer": {"href": offer_uri()},
            "mediaAnswer": {"href": answer_uri()},
            "audioVideoSession": {"href": format!("{BASE}/audioVideo/session")},
            "conversation": {"href": BASE}
        }
    })
}

fn pending_xml() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<resource rel="audioVideoRenegotiation" href="{self_}" xmlns="{ns}">"#,
            r#"<link rel="mediaOffer" href="{offer}"/>"#,
            r#"<link rel="answer" href="{self_}/answer"/>"#,
            r#"<link rel="dismiss" href="{self_}/dismiss"/>"#,
            r#"<link rel="audioVideoSession" href="{base}/audioVideo/session"/>"#,
            r#"<link rel="conversation" href="{base}"/>"#,
            r#"<property name="rel">audioVideoRenegotiation</property>"#,
            r#"<property name="direction">Incoming</property>"#,
            r#"<property name="operationId">op-1</property>"#,
            r#"</resource>"#
        ),
        self_ = SELF,
        ns = NS,
        offer = offer_uri(),
        base = BASE
    )
}

fn completed_xml() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<resource rel="audioVideoRenegotiation" href="{self_}" xmlns="{ns}">"#,
            r#"<link rel="mediaOffer" href="{offer}"/>"#,
            r#"<link rel="mediaAnswer" href="{answer}"/>"#,
            r#"<link rel="audioVideoSession" href="{base}/audioVideo/session"/>"#,
            r#"<link rel="conversation" href="{base}"/>"#,
            r#"<property name="rel">audioVideoRenegotiation</property>"#,
            r#"<property name="direction">Incoming</property>"#,
            r#"<property name="operationId">op-1</property>"#,
            r#"</resource>"#
        ),
        self_ = SELF,
        ns = NS,
        offer = offer_uri(),
        answer = answer_uri(),
        base = BASE
    )
}

#[test]
fn pending_json_shape_and_round_trip() {
    let r = pending();
    assert!(r.is_pending());
    let text = r.to_json();
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        pending_json()
    );
    assert!(text.starts_with(r#"{"rel":"audioVideoRenegotiation","direction":"Incoming","operationId":"op-1","_links":{"self":"#));
    assert_eq!(
        AudioVideoRenegotiationResource::from_json(&text).unwrap(),
        r
    );
    assert_eq!(
        AudioVideoRenegotiationResource::from_json(&pending_json().to_string()).unwrap(),
        r
    );
    assert_eq!(r.media_offer_sdp().unwrap(), OFFER);
    assert!(r.media_answer_sdp().is_none());
}

#[test]
fn completed_json_shape_and_round_trip() {
    let r = completed();
    assert!(!r.is_pending());
    let text = r.to_json();
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        completed_json()
    );
    assert_eq!(
        AudioVideoRenegotiationResource::from_json(&text).unwrap(),
        r
    );
    assert_eq!(r.media_answer_sdp().unwrap().unwrap(), ANSWER);
}

#[test]
fn pending_xml_shape_and_round_trip() {
    let r = pending();
    assert_eq!(r.to_xml(), pending_xml());
    assert_eq!(
        AudioVideoRenegotiationResource::from_xml(&pending_xml()).unwrap(),
        r
    );
}

#[test]
fn completed_xml_shape_and_round_trip() {
    let r = completed();
    assert_eq!(r.to_xml(), completed_xml());
    assert_eq!(
        AudioVideoRenegotiationResource::from_xml(&completed_xml()).unwrap(),
        r
    );
}

#[test]
fn json_and_xml_agree() {
    for r in [pending(), completed()] {
        let via_json = AudioVideoRenegotiationResource::from_json(&r.to_json()).unwrap();
        let via_xml = AudioVideoRenegotiationResource::from_xml(&r.to_xml()).unwrap();
        assert_eq!(via_json, via_xml);
    }
}

#[test]
fn serde_impls_use_the_json_shape() {
    let r = pending();
    assert_eq!(serde_json::to_value(&r).unwrap(), pending_json());
    let back: AudioVideoRenegotiationResource = serde_json::from_value(pending_json()).unwrap();
    assert_eq!(back, r);
    let bad = json!({"direction": "Up", "operationId": "x", "_links": {"self": {"href": "/s"}, "mediaOffer": {"href": "o"}}});
    assert!(serde_json::from_value::<AudioVideoRenegotiationResource>(bad).is_err());
}

#[test]
fn links_follow_state_and_direction() {
    for state in [
        RenegotiationState::Answered,
        RenegotiationState::Dismissed(ReNegotiationDeclineReason::Conflict),
        RenegotiationState::Failed,
    ] {
        let r = AudioVideoRenegotiationResource::new(
            "/r/1/",
            "1",
            RenegotiationDirection::Incoming,
            OFFER,
            None,
            state,
        );
        assert_eq!(
            (r.answer.as_deref(), r.dismiss.as_deref()),
            (None, None),
            "{state:?}"
        );
    }
    // A trailing slash on the self href is not doubled.
    let r = AudioVideoRenegotiationResource::new(
        "/r/1/",
        "1",
        RenegotiationDirection::Incoming,
        OFFER,
        None,
        RenegotiationState::Pending,
    );
    assert_eq!(r.answer.as_deref(), Some("/r/1/answer"));
    assert_eq!(r.dismiss.as_deref(), Some("/r/1/dismiss"));
    // Our own pending offer cannot be answered or dismissed by us.
    let r = AudioVideoRenegotiationResource::new(
        "/r/2",
        "2",
        RenegotiationDirection::Outgoing,
        OFFER,
        None,
        RenegotiationState::Pending,
    );
    assert!(!r.is_pending());
    assert_eq!(
        serde_json::from_str::<Value>(&r.to_json()).unwrap(),
        json!({"rel": "audioVideoRenegotiation", "direction": "Outgoing", "operationId": "2",
               "_links": {"self": {"href": "/r/2"}, "mediaOffer": {"href": offer_uri()}}})
    );
}

#[test]
fn lenient_input() {
    // Unknown members and links ignored; rel optional; case-insensitive direction;
    // mediaOffer/mediaAnswer as properties (UCWA's reference lists them so).
    let json = json!({
        "direction": "incoming",
        "operationId": "op-9",
        "mediaOffer": offer_uri(),
        "mediaAnswer": answer_uri(),
        "extra": [1, 2, 3],
        "_links": {"self": {"href": "/s"}, "somethingNew": {"href": "/n"}}
    });
    let r = AudioVideoRenegotiationResource::from_json(&json.to_string()).unwrap();
    assert_eq!(r.direction, RenegotiationDirection::Incoming);
    assert_eq!(r.media_offer_sdp().unwrap(), OFFER);
    assert_eq!(r.media_answer_sdp().unwrap().unwrap(), ANSWER);

    // A self link given both as href and as <link rel="self"> is ambiguous.
    let xml = concat!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
        "<!-- a comment -->\n",
        "<resource rel=\"audioVideoRenegotiation\" href=\"/s\">\n",
        "  <link rel=\"self\" href=\"/t\"/>\n",
        "</resource>"
    );
    assert_eq!(
        AudioVideoRenegotiationResource::from_xml(xml),
        Err(UcwaError::Duplicate("self link"))
    );

    let xml = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
            "<resource rel=\"audioVideoRenegotiation\" href=\"/s?a=1&amp;b=2\">\n",
            "  <link rel=\"mediaOffer\" href=\"{offer}\" title=\"x\"/>\n",
            "  <link rel=\"unknownThing\" href=\"/u\"/>\n",
            "  <property name=\"direction\">\n    Outgoing\n  </property>\n",
            "  <property name=\"operationId\">op&lt;9&gt;</property>\n",
            "  <property name=\"mediaAnswer\">{answer}</property>\n",
            "  <property name=\"other\"><propertyList><item>1</item></propertyList></property>\n",
            "  <embedded><x/></embedded>\n",
            "</resource>\n"
        ),
        offer = offer_uri(),
        answer = answer_uri(),
    );
    let r = AudioVideoRenegotiationResource::from_xml(&xml).unwrap();
    assert_eq!(r.self_href, "/s?a=1&b=2");
    assert_eq!(r.direction, RenegotiationDirection::Outgoing);
    assert_eq!(r.operation_id, "op<9>");
    assert_eq!(r.media_answer_sdp().unwrap().unwrap(), ANSWER);
    // And it writes back escaped.
    assert!(r.to_xml().contains(r#"href="/s?a=1&amp;b=2""#));
    assert!(r.to_xml().contains(">op&lt;9&gt;</property>"));
    assert_eq!(
        AudioVideoRenegotiationResource::from_xml(&r.to_xml()).unwrap(),
        r
    );
}

#[test]
fn odd_characters_round_trip() {
    let mut r = pending();
    r.operation_id = "a\"b'c&d<e>f\r\ng\th ü".into();
    r.self_href = "/x?\"q\"&\t\r\n".into();
    assert_eq!(
        AudioVideoRenegotiationResource::from_json(&r.to_json()).unwrap(),
        r
    );
    // XML trims property text, so keep the operation id's ends clean.
    assert_eq!(
        AudioVideoRenegotiationResource::from_xml(&r.to_xml()).unwrap(),
        r
    );
}

#[test]
fn json_errors_are_typed() {
    let ok = pending_json();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = ok.clone();
        f(&mut v);
        AudioVideoRenegotiationResource::from_json(&v.to_string())
    };
    assert_eq!(
        with(&|v| v["direction"] = json!("Sideways")),
        Err(UcwaError::UnknownDirection(UnknownRenegotiationDirection(
            "Sideways".into()
        )))
    );
    assert_eq!(
        with(&|v| v["rel"] = json!("audioVideo")),
        Err(UcwaError::WrongRel {
            expected: "audioVideoRenegotiation",
            found: "audioVideo".into()
        })
    );
    assert_eq!(
        with(&|v| {
            v.as_object_mut().unwrap().remove("operationId");
        }),
        Err(UcwaError::Missing("operationId"))
    );
    assert_eq!(
        with(&|v| {
            v.as_object_mut().unwrap().remove("direction");
        }),
        Err(UcwaError::Missing("direction"))
    );
    assert_eq!(
        with(&|v| {
            v["_links"].as_object_mut().unwrap().remove("self");
        }),
        Err(UcwaError::Missing("self link"))
    );
    assert_eq!(
        with(&|v| {
            v["_links"].as_object_mut().unwrap().remove("mediaOffer");
        }),
        Err(UcwaError::Missing("mediaOffer"))
    );
    assert!(matches!(
        with(&|v| v["direction"] = json!(3)),
        Err(UcwaError::Json(_))
    ));
    assert!(matches!(
        with(&|v| v["_links"]["answer"] = json!({"rel": "x"})),
        Err(UcwaError::Json(_))
    ));
    // serde reads a struct from a JSON array too; an empty one lacks everything.
    assert_eq!(
        AudioVideoRenegotiationResource::from_json("[]"),
        Err(UcwaError::Missing("direction"))
    );
    for bad in [
        "",
        "null",
        "{",
        "{\"direction\":\"Incoming\",\"direction\":\"Incoming\"}",
        "\u{0}",
    ] {
        assert!(
            matches!(
                AudioVideoRenegotiationResource::from_json(bad),
                Err(UcwaError::Json(_))
            ),
            "{bad:?}"
        );
    }
    let huge = format!("{{\"operationId\":\"{}\"}}", "x".repeat(MAX_BODY_LEN));
    assert_eq!(
        AudioVideoRenegotiationResource::from_json(&huge),
        Err(UcwaError::TooLarge {
            size: huge.len(),
            limit: MAX_BODY_LEN
        })
    );
    // Deep nesting is refused by serde_json's recursion limit, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        AudioVideoRenegotiationResource::from_json(&deep),
        Err(UcwaError::Json(_))
    ));
}

#[test]
fn xml_errors_are_typed() {
    let parse = AudioVideoRenegotiationResource::from_xml;
    assert_eq!(
        parse(r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"/>"#),
        Err(UcwaError::UnexpectedElement {
            expected: "resource",
            found: "input".into()
        })
    );
    assert_eq!(
        parse(r#"<resource xmlns="urn:other" href="/s"/>"#),
        Err(UcwaError::WrongNamespace {
            found: "urn:other".into()
        })
    );
    assert_eq!(
        parse(r#"<resource rel="conversation" href="/s"/>"#),
        Err(UcwaError::WrongRel {
            expected: "audioVideoRenegotiation",
            found: "conversation".into()
        })
    );
    assert_eq!(
        parse(r#"<resource href="/s"/>"#),
        Err(UcwaError::Missing("direction"))
    );
    assert_eq!(
        parse(r#"<resource><property name="direction">Incoming</property></resource>"#),
        Err(UcwaError::Missing("self link"))
    );
    assert_eq!(
        parse(r#"<resource href="/s"><link rel="mediaOffer"/></resource>"#),
        Err(UcwaError::Missing("rel and href of a <link>"))
    );
    assert_eq!(
        parse(r#"<resource href="/s"><property>x</property></resource>"#),
        Err(UcwaError::Missing("name of a <property>"))
    );
    assert_eq!(
        parse(concat!(
            r#"<resource href="/s"><property name="direction">Incoming</property>"#,
            r#"<property name="direction">Outgoing</property></resource>"#
        )),
        Err(UcwaError::Duplicate("direction property"))
    );
    assert_eq!(
        parse(r#"<resource href="/s"><property name="direction">Up</property></resource>"#),
        Err(UcwaError::UnknownDirection(UnknownRenegotiationDirection(
            "Up".into()
        )))
    );
    for bad in [
        "",
        "   ",
        "not xml",
        "<resource>",
        "<resource></other>",
        "<resource/><resource/>",
        "<resource/>trailing",
        "<resource href=\"/s>",
        "<resource href='/s' href='/t'/>",
        "<resource>&unknown;</resource>",
        "<resource>&#0;</resource>",
        "<!DOCTYPE resource [<!ENTITY a \"b\">]><resource>&a;</resource>",
        "</resource>",
        "<resource",
    ] {
        assert!(
            matches!(parse(bad), Err(UcwaError::Xml(_))),
            "{bad:?}: {:?}",
            parse(bad)
        );
    }
    let deep = format!(
        "{}{}",
        "<a>".repeat(MAX_XML_DEPTH + 1),
        "</a>".repeat(MAX_XML_DEPTH + 1)
    );
    assert_eq!(
        parse(&deep),
        Err(UcwaError::XmlTooDeep {
            limit: MAX_XML_DEPTH
        })
    );
    let deep = format!(
        "{}<a/>{}",
        "<a>".repeat(MAX_XML_DEPTH),
        "</a>".repeat(MAX_XML_DEPTH)
    );
    assert_eq!(
        parse(&deep),
        Err(UcwaError::XmlTooDeep {
            limit: MAX_XML_DEPTH
        })
    );
    let huge = format!("<resource>{}</resource>", " ".repeat(MAX_BODY_LEN));
    assert!(matches!(parse(&huge), Err(UcwaError::TooLarge { .. })));
}
