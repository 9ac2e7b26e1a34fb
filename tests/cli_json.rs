//! `--json` on `answer`, `check`, `validate` and `explain`: one JSON object
//! per run on stdout in the documented schema (`"sdpoa": 1`, see
//! examples/sdpoa/json.rs and docs/README-cli.md), whatever the outcome,
//! with the same exit codes as the text output.

mod cli_support;

use cli_support::*;

/// Runs sdpoa and checks the exit code, that stdout is exactly `json` on
/// one line, and that it parses as JSON.
#[track_caller]
fn exactly(args: &[&str], stdin: &[u8], code: i32, json: &str) {
    let run = sdpoa(args, stdin);
    assert_eq!(run.code, code, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{json}\n"));
    serde_json::from_str::<serde_json::Value>(json).expect("valid JSON");
}

#[test]
fn answer_accepted() {
    exactly(
        &[
            "answer",
            "--json",
            "--local",
            "tests/data/bench/audio_local_a.sdp",
            "tests/data/bench/audio_offer_a.sdp",
        ],
        b"",
        0,
        r#"{"sdpoa":1,"command":"answer","offer":{"source":"tests/data/bench/audio_offer_a.sdp","message":null},"answer":"v=0\r\no=- 3900000000 1 IN IP4 198.51.100.5\r\ns=pjmedia\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8 101\r\na=rtcp:4001 IN IP4 198.51.100.5\r\na=sendrecv\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n","streams":[{"index":0,"media":"audio","state":"accepted","codec":{"name":"PCMU","clock_rate":8000,"channels":1,"send_pt":0,"recv_pt":0},"telephone_event":{"name":"telephone-event","clock_rate":8000,"channels":1,"send_pt":101,"recv_pt":101},"direction":"sendrecv","remote_rtp":"192.0.2.10:20000","rtcp_mux":false,"bundle":false,"srtp":null,"ice":false,"reason":null,"warning":null}],"decline":null,"error":null}"#,
    );
}

#[test]
fn answer_declined() {
    exactly(
        &[
            "answer",
            "--json",
            "tests/data/corpus/10_t38_no_media_c.sdp",
        ],
        b"",
        3,
        r#"{"sdpoa":1,"command":"answer","offer":{"source":"tests/data/corpus/10_t38_no_media_c.sdp","message":null},"answer":null,"streams":[],"decline":{"reason":"UnsupportedMedia","detail":"media type not supported; m-line 1: media type not supported","sip_response":"488 Not Acceptable Here; Warning: 304"},"error":null}"#,
    );
}

#[test]
fn answer_malformed() {
    exactly(
        &["answer", "--json", "-"],
        b"v=0\r\nx\r\n",
        1,
        r#"{"sdpoa":1,"command":"answer","offer":{"source":"<stdin>","message":null},"answer":null,"streams":[],"decline":{"reason":"InvalidMediaOffer","detail":"<stdin>: line 2: not a <type>=<value> line","sip_response":"488 Not Acceptable Here; Warning: 399"},"error":{"message":"<stdin>: line 2: not a <type>=<value> line","line":2}}"#,
    );
}

#[test]
fn check() {
    exactly(
        &["check", "--json", "tests/data/sip/200_wrong_answer.sip"],
        b"",
        5,
        r#"{"sdpoa":1,"command":"check","input":{"source":"tests/data/sip/200_wrong_answer.sip","message":"200 OK"},"problems":[{"line":17,"severity":"error","kind":"static-payload-type-mismatch","rule":"RFC 3551 §6","message":"a=rtpmap:0 PCMA/8000 contradicts the static payload type 0 PCMU/8000 (RFC 3551 §6)"}],"errors":1,"warnings":0,"error":null}"#,
    );
}

#[test]
fn validate() {
    exactly(
        &[
            "validate",
            "--json",
            "tests/data/sip/invite_multipart.sip",
            "tests/data/sip/200_wrong_answer.sip",
        ],
        b"",
        5,
        r#"{"sdpoa":1,"command":"validate","offer":{"source":"tests/data/sip/invite_multipart.sip","message":"INVITE"},"answer":{"source":"tests/data/sip/200_wrong_answer.sip","message":"200 OK"},"valid":false,"violations":[{"line":17,"severity":"error","kind":"static-payload-type-mismatch","rule":"RFC 3551 §6","message":"a=rtpmap:0 PCMA/8000 contradicts the static payload type 0 PCMU/8000 (RFC 3551 §6)"},{"line":18,"severity":"error","kind":"answer-protocol","rule":"RFC 3264 §6","message":"m-line 1: transport protocol differs from the offer (RFC 3264 §6)"},{"line":20,"severity":"error","kind":"answer-media-count","rule":"RFC 3264 §6","message":"answer has 3 m-lines, the offer 2 (RFC 3264 §6)"}],"streams":[],"error":null}"#,
    );
}

#[test]
fn validate_ok() {
    exactly(
        &[
            "validate",
            "--json",
            "tests/data/rfc4317/2.1_1_alice_offer.sdp",
            "tests/data/rfc4317/2.1_2_bob_answer.sdp",
        ],
        b"",
        0,
        r#"{"sdpoa":1,"command":"validate","offer":{"source":"tests/data/rfc4317/2.1_1_alice_offer.sdp","message":null},"answer":{"source":"tests/data/rfc4317/2.1_2_bob_answer.sdp","message":null},"valid":true,"violations":[],"streams":[{"index":0,"media":"audio","state":"accepted","codec":{"name":"PCMU","clock_rate":8000,"channels":1,"send_pt":0,"recv_pt":0},"telephone_event":null,"direction":"sendrecv","remote_rtp":"host.biloxi.example.com:49174","rtcp_mux":false,"bundle":false,"srtp":null,"ice":false,"reason":null,"warning":null},{"index":1,"media":"video","state":"accepted","codec":{"name":"MPV","clock_rate":90000,"channels":1,"send_pt":32,"recv_pt":32},"telephone_event":null,"direction":"sendrecv","remote_rtp":"host.biloxi.example.com:49170","rtcp_mux":false,"bundle":false,"srtp":null,"ice":false,"reason":null,"warning":null}],"error":null}"#,
    );
}

#[test]
fn explain() {
    exactly(
        &[
            "explain",
            "--json",
            "--codec",
            "PCMU",
            "tests/data/sip/invite_multipart.sip",
        ],
        b"",
        0,
        r#"{"sdpoa":1,"command":"explain","offer":{"source":"tests/data/sip/invite_multipart.sip","message":"INVITE"},"m_lines":[{"index":0,"line":20,"media":"audio","outcome":"accepted","reason":null,"items":[{"line":21,"what":"format","value":"0 PCMU/8000","taken":true,"why":"the codec to send: first common format"},{"line":22,"what":"format","value":"8 PCMA/8000","taken":false,"why":"not in our audio capabilities"},{"line":23,"what":"format","value":"97 iLBC/8000","taken":false,"why":"not in our audio capabilities"}]},{"index":1,"line":24,"media":"video","outcome":"rejected","reason":"media type not supported (Warning 304)","items":[{"line":25,"what":"format","value":"31 H261/90000","taken":false,"why":"media type not supported (Warning 304)"},{"line":26,"what":"format","value":"32 MPV/90000","taken":false,"why":"media type not supported (Warning 304)"}]}],"error":null}"#,
    );
}
