//! `Debug` of a `Renegotiation` shows its SDP bodies as text: lossy UTF-8
//! (a body that is not UTF-8 still prints), at most `DEBUG_SDP_LIMIT`
//! bytes each, cut on a character boundary, then the count left out.

use sdp_offer_answer::renegotiation::{DEBUG_SDP_LIMIT, Renegotiation};

#[test]
fn sdp_bodies_print_as_bounded_text() {
    let mut r = Renegotiation::incoming("op-1", "v=0\r\ns=-\r\n");
    assert_eq!(
        format!("{r:?}"),
        r#"Renegotiation { operation_id: "op-1", direction: Incoming, media_offer: "v=0\r\ns=-\r\n", media_answer: None, state: Pending }"#
    );
    r.answer(b"v=0\r\ns=\xff\r\n".to_vec()).unwrap();
    assert_eq!(
        format!("{r:?}"),
        "Renegotiation { operation_id: \"op-1\", direction: Incoming, media_offer: \"v=0\\r\\ns=-\\r\\n\", \
         media_answer: Some(\"v=0\\r\\ns=\u{fffd}\\r\\n\"), state: Answered }"
    );

    // 1023 ASCII bytes, then "é" (2 bytes) straddling the limit, then 10 more:
    // 1023 bytes shown, 12 left out.
    let mut long = "a".repeat(DEBUG_SDP_LIMIT - 1);
    long.push('é');
    long.push_str(&"b".repeat(10));
    let r = Renegotiation::outgoing("op-2", long.clone());
    let shown = format!("{r:?}");
    let expected_offer = format!("{:?}... (12 more bytes)", "a".repeat(DEBUG_SDP_LIMIT - 1));
    assert_eq!(
        shown,
        format!(
            "Renegotiation {{ operation_id: \"op-2\", direction: Outgoing, media_offer: {expected_offer}, \
             media_answer: None, state: Pending }}"
        )
    );
    assert!(shown.len() < DEBUG_SDP_LIMIT + 200);
}
