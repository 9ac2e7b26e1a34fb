//! `answer_violations` lists every fault of an answer against its offer:
//! a wrong m-line count, then each m-line's faults, in m-line order — here
//! one answer with four, and one m-line with three (format, direction,
//! crypto) — and is empty exactly when `validate_answer` accepts the pair
//! (every RFC 4317 offer/answer example).

use std::path::Path;

use sdp_offer_answer::negotiation::{AnswerError, answer_violations, validate_answer};
use sdp_offer_answer::sdp::{Direction, SessionDescription};

const HEAD: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
const KEY: &str = "inline:b3VyLWtleS04MC0wMTIzNDU2Nzg5YWJjZGVmZ2hp";

fn sdp(body: &str) -> SessionDescription {
    SessionDescription::parse(&format!("{HEAD}{body}")).unwrap()
}

#[test]
fn every_m_line_fault_is_listed() {
    let offer = sdp(&format!(
        "m=audio 49170 RTP/AVP 0 8\r\na=sendonly\r\n\
         m=video 51372 RTP/AVP 31\r\n\
         m=audio 49174 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 {KEY}\r\n\
         m=audio 49176 RTP/AVP 0\r\n"
    ));
    let answer = sdp(&format!(
        "m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n\
         m=video 4002 RTP/AVP 34\r\n\
         m=audio 4004 RTP/SAVP 0\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 {KEY}\r\n\
         m=audio 4006 RTP/AVP 0\r\n\
         m=audio 4008 RTP/AVP 0\r\n"
    ));
    assert_eq!(
        answer_violations(&offer, &answer),
        [
            AnswerError::MediaCountMismatch {
                offered: 4,
                answered: 5
            },
            AnswerError::DirectionNotAllowed {
                index: 0,
                offered: Direction::SEND,
                answered: Direction::SEND,
            },
            AnswerError::FormatNotOffered {
                index: 1,
                format: "34".into()
            },
            AnswerError::CryptoMismatch { index: 2 },
        ]
    );
    // validate_answer stops at the first.
    assert_eq!(
        validate_answer(&offer, &answer).unwrap_err(),
        AnswerError::MediaCountMismatch {
            offered: 4,
            answered: 5
        }
    );
}

#[test]
fn one_m_line_with_three_faults_lists_them_all() {
    // None of the offered formats (an extra one alone, RFC 3264 §6.1), a direction the offer does not allow and a
    // crypto tag not offered, all on m-line 0.
    let offer = sdp(&format!(
        "m=audio 49170 RTP/SAVP 0\r\na=sendonly\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 {KEY}\r\n"
    ));
    let answer = sdp(&format!(
        "m=audio 4000 RTP/SAVP 18\r\na=sendonly\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 {KEY}\r\n"
    ));
    assert_eq!(
        answer_violations(&offer, &answer),
        [
            AnswerError::DirectionNotAllowed {
                index: 0,
                offered: Direction::SEND,
                answered: Direction::SEND,
            },
            AnswerError::FormatNotOffered {
                index: 0,
                format: "18".into()
            },
            AnswerError::CryptoMismatch { index: 0 },
        ]
    );
}

#[test]
fn empty_exactly_when_validate_answer_accepts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rfc4317");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with("_offer.sdp"))
        .collect();
    names.sort();
    let read = |name: &str| {
        SessionDescription::parse(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let mut pairs = 0;
    for offer_name in &names {
        // `2.1_1_alice_offer.sdp` is answered by `2.1_2_bob_answer.sdp`.
        let (step, rest) = offer_name.split_once('_').unwrap();
        let n: u32 = rest[..1].parse().unwrap();
        let prefix = format!("{step}_{}_", n + 1);
        let Some(answer_name) = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .find(|a| a.starts_with(&prefix) && a.ends_with("_answer.sdp"))
        else {
            continue;
        };
        let (offer, answer) = (read(offer_name), read(&answer_name));
        let all = answer_violations(&offer, &answer);
        match validate_answer(&offer, &answer) {
            Ok(_) => assert_eq!(all, [], "{answer_name}"),
            Err(first) => assert_eq!(all.first(), Some(&first), "{answer_name}"),
        }
        // The offer as its own answer breaks nothing or something, the same way.
        let mirrored = answer_violations(&offer, &offer).is_empty();
        assert_eq!(
            mirrored,
            validate_answer(&offer, &offer).is_ok(),
            "{offer_name}"
        );
        pairs += 1;
    }
    assert!(pairs >= 25, "{pairs} pairs");
}
