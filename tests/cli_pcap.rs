//! `sdpoa pcap` on a committed capture (`tests/data/pcap/calls.pcap`,
//! built by `make_captures.py` beside it with scapy, and the same packets
//! as pcapng): four dialogs — UDP/IPv4 offer/answer and a hold re-INVITE;
//! a fragmented SDES INVITE whose answer is deliberately wrong (three
//! violations, with the lines of the 200 OK); a TCP/IPv6 delayed offer
//! with a segmented 200 OK and the ACK sharing a segment with the BYE; a
//! reliable 183 with PRACK, an UPDATE answered and one rejected — as an
//! exact ladder; the same from pcapng; JSON; a capture that breaks off.

mod cli_support;

use cli_support::*;

const LADDER: &str = concat!(
    "dialog 1  Call-ID dialog1@192.0.2.1\n",
    "  A = 192.0.2.1:5060  B = 192.0.2.2:5060\n",
    "  +0.000  A -> B  UDP  INVITE                   offer 1\n",
    "  +0.010  A <- B  UDP  100 Trying\n",
    "  +0.020  A <- B  UDP  200 OK                   answer 1\n",
    "  +0.520  A <- B  UDP  200 OK (retransmission)\n",
    "  +0.530  A -> B  UDP  ACK\n",
    "  +1.530  A -> B  UDP  INVITE                   offer 2\n",
    "  +1.540  A <- B  UDP  200 OK                   answer 2\n",
    "  +1.550  A -> B  UDP  ACK\n",
    "  +2.550  A -> B  UDP  BYE\n",
    "  +2.560  A <- B  UDP  200 OK\n",
    "  exchange 1  INVITE / 200 OK: agreed: audio PCMA/8000 +dtmf sendrecv, video rejected\n",
    "  exchange 2  INVITE / 200 OK: agreed: audio PCMA/8000 +dtmf sendonly (hold), video disabled\n",
    "dialog 2  Call-ID dialog2@192.0.2.1\n",
    "  A = 192.0.2.1:5060  B = 192.0.2.2:5060\n",
    "  +0.000  A -> B  UDP  INVITE  offer 1\n",
    "  +0.010  A <- B  UDP  200 OK  answer 1\n",
    "  +0.020  A -> B  UDP  ACK\n",
    "  exchange 1  INVITE / 200 OK: 2 violations\n",
    "    line 17: error: a=rtpmap:0 PCMA/8000 contradicts the static payload type 0 PCMU/8000 (RFC 3551 §6)\n",
    "    line 18: error: m-line 0: a=crypto does not match an offered tag and suite (RFC 4568 §7.1.2)\n",
    "dialog 3  Call-ID dialog3@2001:db8::1\n",
    "  A = [2001:db8::1]:5060  B = [2001:db8::2]:5060\n",
    "  +0.000  A -> B  TCP  INVITE\n",
    "  +0.020  A <- B  TCP  200 OK  offer 1\n",
    "  +0.030  A -> B  TCP  ACK     answer 1\n",
    "  +0.030  A -> B  TCP  BYE\n",
    "  +0.040  A <- B  TCP  200 OK\n",
    "  exchange 1  200 OK / ACK: agreed: audio G722/8000 sendrecv\n",
    "dialog 4  Call-ID dialog4@192.0.2.1\n",
    "  A = 192.0.2.1:5060  B = 192.0.2.2:5060\n",
    "  +0.000  A -> B  UDP  INVITE                   offer 1\n",
    "  +0.010  A <- B  UDP  183 Session Progress     answer 1\n",
    "  +0.020  A -> B  UDP  PRACK\n",
    "  +0.030  A <- B  UDP  200 OK\n",
    "  +0.040  A -> B  UDP  UPDATE                   offer 2\n",
    "  +0.050  A <- B  UDP  200 OK                   answer 2\n",
    "  +0.060  A -> B  UDP  UPDATE                   offer 3\n",
    "  +0.070  A <- B  UDP  488 Not Acceptable Here  rejects 3\n",
    "  +0.080  A <- B  UDP  200 OK\n",
    "  +0.090  A -> B  UDP  ACK\n",
    "  exchange 1  INVITE / 183 Session Progress: agreed: audio PCMU/8000 sendrecv\n",
    "  exchange 2  UPDATE / 200 OK: agreed: audio PCMA/8000 sendrecv\n",
    "  exchange 3  UPDATE / 488 Not Acceptable Here: rejected\n",
);

const SUMMARY: &str = "tests/data/pcap/calls.pcap: 32 packets, 28 SIP messages, 4 dialogs, \
7 offer/answer exchanges (1 with violations)\n";

#[test]
fn the_ladder_of_every_dialog() {
    let run = sdpoa(&["pcap", "tests/data/pcap/calls.pcap"], b"");
    assert_eq!(run.code, 5, "violations found: {}", run.stderr);
    assert_eq!(run.stdout, LADDER);
    assert_eq!(run.stderr, SUMMARY);
}

#[test]
fn pcapng_gives_the_same_ladder() {
    let run = sdpoa(&["pcap", "tests/data/pcap/calls.pcapng"], b"");
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert_eq!(run.stdout, LADDER);
    assert_eq!(run.stderr, SUMMARY.replace("calls.pcap:", "calls.pcapng:"));
}

#[test]
fn json_has_dialogs_exchanges_and_violations() {
    let run = sdpoa(&["pcap", "--json", "tests/data/pcap/calls.pcap"], b"");
    assert_eq!(run.code, 5);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["sdpoa"], 1);
    assert_eq!(json["command"], "pcap");
    assert_eq!(
        json["counts"],
        serde_json::json!({
            "packets": 32, "sip_messages": 28, "undecoded": 0, "not_sip": 0, "fragments_pending": 0
        })
    );
    let outcomes: Vec<(String, String)> = json["dialogs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["exchanges"].as_array().unwrap().clone())
        .map(|x| {
            (
                format!(
                    "{} / {}",
                    x["offer"].as_str().unwrap(),
                    x["answer"].as_str().or(x["rejected_by"].as_str()).unwrap()
                ),
                x["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("INVITE / 200 OK", "agreed"),
        ("INVITE / 200 OK", "agreed"),
        ("INVITE / 200 OK", "violations"),
        ("200 OK / ACK", "agreed"),
        ("INVITE / 183 Session Progress", "agreed"),
        ("UPDATE / 200 OK", "agreed"),
        ("UPDATE / 488 Not Acceptable Here", "rejected"),
    ];
    assert_eq!(
        outcomes,
        expected.map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let wrong = &json["dialogs"][1]["exchanges"][0]["violations"];
    let kinds: Vec<(u64, &str)> = wrong
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["line"].as_u64().unwrap(), v["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            (17, "static-payload-type-mismatch"),
            (18, "answer-crypto-mismatch")
        ]
    );
}

#[test]
fn a_capture_that_breaks_off_keeps_what_was_read() {
    let bytes = std::fs::read(format!("{MANIFEST_DIR}/tests/data/pcap/calls.pcap")).unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("truncated.pcap");
    std::fs::write(&path, &bytes[..6000]).unwrap();
    let path = path.to_str().unwrap();
    let run = sdpoa(&["pcap", path], b"");
    assert_eq!(run.code, 1);
    assert!(LADDER.starts_with(run.stdout.split("dialog 2").next().unwrap()));
    assert_eq!(
        run.stderr,
        format!(
            "{path}: 12 packets, 11 SIP messages, 2 dialogs, 3 offer/answer exchanges (0 with violations)\n\
             error: {path}: the capture breaks off: Error reading bytes\n"
        )
    );

    let run = sdpoa(&["pcap", "README.md"], b"");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: README.md: Invalid field value: PcapHeader: wrong magic number\n"
    );
}
