//! The UCWA representations (`ucwa` feature) on hostile input: the first
//! byte picks a reader, the rest is its text. Every reader returns a typed
//! error or a value, never panics; a value written again reads back equal
//! (JSON and XML), and a `data:` URI that decodes re-encodes to the same
//! bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdp_offer_answer::renegotiation::ucwa::{
    AudioVideoRenegotiationResource, DismissInput, UcwaErrorBody, UcwaEvents,
};
use sdp_offer_answer::renegotiation::{decode_sdp_data_uri, encode_sdp_data_uri};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match which % 8 {
        0 => {
            if let Ok(r) = AudioVideoRenegotiationResource::from_json(text) {
                let again = AudioVideoRenegotiationResource::from_json(&r.to_json())
                    .expect("our JSON reads back");
                assert_eq!(again, r);
                let _ = r.media_offer_sdp();
                let _ = r.media_answer_sdp();
                let _ = r.is_pending();
            }
        }
        1 => {
            if let Ok(r) = AudioVideoRenegotiationResource::from_xml(text) {
                let again = AudioVideoRenegotiationResource::from_xml(&r.to_xml())
                    .expect("our XML reads back");
                assert_eq!(again, r);
            }
        }
        2 => {
            if let Ok(d) = DismissInput::from_json(text) {
                assert_eq!(DismissInput::from_json(&d.to_json()).ok(), Some(d));
                assert_eq!(DismissInput::from_xml(&d.to_xml()).ok(), Some(d));
            }
        }
        3 => {
            if let Ok(d) = DismissInput::from_xml(text) {
                assert_eq!(DismissInput::from_xml(&d.to_xml()).ok(), Some(d));
            }
        }
        4 => {
            if let Ok(e) = UcwaErrorBody::from_json(text) {
                assert_eq!(UcwaErrorBody::from_json(&e.to_json()).ok(), Some(e));
            }
        }
        5 => {
            if let Ok(e) = UcwaErrorBody::from_xml(text) {
                assert_eq!(UcwaErrorBody::from_xml(&e.to_xml()).ok(), Some(e.clone()));
                assert_eq!(UcwaErrorBody::from_json(&e.to_json()).ok(), Some(e));
            }
        }
        6 => {
            if let Ok(events) = UcwaEvents::from_json(text) {
                let again = UcwaEvents::from_json(&events.to_json()).expect("our events read back");
                assert_eq!(again.to_json(), events.to_json());
            }
        }
        _ => {
            if let Ok(bytes) = decode_sdp_data_uri(text) {
                let uri = encode_sdp_data_uri(&bytes);
                assert_eq!(decode_sdp_data_uri(&uri).ok(), Some(bytes));
            }
        }
    }
});
