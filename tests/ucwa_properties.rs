//! Properties of the UCWA representations: no input panics any parser, and
//! arbitrary resources round-trip through JSON and XML.
#![cfg(feature = "ucwa")]

use proptest::prelude::*;
use sdp_offer_answer::renegotiation::ucwa::{
    AudioVideoRenegotiationResource, DismissInput, UcwaErrorBody, UcwaEvent, UcwaEventSender,
    UcwaEvents,
};
use sdp_offer_answer::renegotiation::{
    ReNegotiationDeclineReason, RenegotiationDirection, RenegotiationState,
};

fn parse_everything(s: &str) {
    let _ = AudioVideoRenegotiationResource::from_json(s);
    let _ = AudioVideoRenegotiationResource::from_xml(s);
    let _ = DismissInput::from_json(s);
    let _ = DismissInput::from_xml(s);
    let _ = UcwaErrorBody::from_json(s);
    let _ = UcwaErrorBody::from_xml(s);
    let _ = UcwaEvent::from_json(s);
    let _ = UcwaEventSender::from_json(s);
    let _ = UcwaEvents::from_json(s);
}

/// Text without leading/trailing XML whitespace (XML property text is trimmed
/// on input) and without the control characters XML 1.0 cannot carry.
fn field() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9/?&=<>\"' ü%:.-]{0,20}".prop_map(|s| s.trim_matches(' ').to_owned())
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in ".{0,200}") {
        parse_everything(&s);
    }

    #[test]
    fn xml_like_text_never_panics(
        s in r#"(<[/!?]?[a-z:]{0,8}( [a-z:]{1,6}=("[^"<]{0,8}"|'x'))*[/]?>|[a-zA-Z &;#0-9]{0,6}|<!\[CDATA\[x\]\]>){0,12}"#
    ) {
        parse_everything(&s);
    }

    #[test]
    fn json_like_text_never_panics(
        s in r#"(\{|\}|\[|\]|,|:|"(rel|href|_links|self|type|reason|code|subcode|direction|operationId|sender|events|link|_embedded|audioVideoRenegotiation|Incoming|started|Conflict)"|null|1|true){0,30}"#
    ) {
        parse_everything(&s);
    }

    #[test]
    fn resources_round_trip(
        self_href in field(),
        operation_id in field(),
        incoming in any::<bool>(),
        offer in proptest::collection::vec(any::<u8>(), 0..200),
        answer in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..200)),
        pending in any::<bool>(),
        conversation in proptest::option::of(field()),
    ) {
        let direction = if incoming { RenegotiationDirection::Incoming } else { RenegotiationDirection::Outgoing };
        let state = if pending { RenegotiationState::Pending } else { RenegotiationState::Answered };
        let mut r = AudioVideoRenegotiationResource::new(
            self_href, operation_id, direction, &offer, answer.as_deref(), state,
        );
        r.conversation = conversation;
        prop_assert_eq!(&AudioVideoRenegotiationResource::from_json(&r.to_json()).unwrap(), &r);
        prop_assert_eq!(&AudioVideoRenegotiationResource::from_xml(&r.to_xml()).unwrap(), &r);
        prop_assert_eq!(r.media_offer_sdp().unwrap(), offer);
        let event = UcwaEvent::started(r);
        prop_assert_eq!(UcwaEvent::from_json(&event.to_json()).unwrap(), event);
    }

    #[test]
    fn dismiss_round_trips(i in 0usize..8) {
        let input = DismissInput::new(ReNegotiationDeclineReason::ALL[i]);
        prop_assert_eq!(DismissInput::from_json(&input.to_json()), Ok(input));
        prop_assert_eq!(DismissInput::from_xml(&input.to_xml()), Ok(input));
    }
}
