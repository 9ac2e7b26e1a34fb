//! Property tests of the SDP layer: on arbitrary bytes, on generated
//! "SDP-ish" line sequences and on mutated corpus lines, parsing never
//! panics; when it succeeds, `parse(serialize(x)) == x`, serialization is
//! idempotent, and the typed views, `check` and the webrtc-sdp conversion
//! never panic either.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use sdp_offer_answer::sdp::check::{check, check_text};
use sdp_offer_answer::sdp::views::parse_ptime;
use sdp_offer_answer::sdp::{
    Bandwidth, Candidate, Connection, Crypto, Fingerprint, Fmtp, Group, MediaLine, Origin,
    ParseLimits, Rtcp, RtpMap, SdpError, SessionDescription, Setup,
};

const CASES: u32 = 512;

/// The round-trip properties of a parsed description.
fn assert_round_trip(sdp: &SessionDescription) -> Result<(), TestCaseError> {
    let once = sdp.serialize();
    prop_assert!(once.is_empty() || once.ends_with("\r\n"));
    let again = SessionDescription::parse(&once)
        .map_err(|e| TestCaseError::fail(format!("re-parse: {e}")))?;
    prop_assert_eq!(&again, sdp);
    prop_assert!(again.is_canonical());
    prop_assert_eq!(again.serialize(), once.clone());
    prop_assert_eq!(sdp.to_string(), once);
    prop_assert_eq!(again.line_count(), sdp.line_count());
    prop_assert_eq!(again.media_count(), sdp.media_count());
    Ok(())
}

/// Reads every line through every view that could apply; none may panic.
fn exercise_views(sdp: &SessionDescription) {
    let _ = sdp.origin();
    let _ = sdp.connection();
    let _ = sdp.session_name();
    let _ = sdp.direction();
    let _ = sdp.bandwidths().count();
    for m in sdp.media_descriptions() {
        let _ = m
            .media_line()
            .map(|ml| (ml.media_type(), ml.transport(), ml.formats().count()));
        let _ = m.connections().count();
        let _ = m.effective_connection();
        let _ = m.bandwidths().count();
        let _ = m.effective_direction();
        let _ = m.rtpmaps().count();
        for f in m.fmtps().flatten() {
            let _ = f.parameters().count();
        }
        let _ = m.rtpmap(0);
        let _ = m.fmtp("101");
    }
    for line in sdp.lines() {
        let v = line.value();
        let n = line.number();
        let _ = MediaLine::parse(v, n);
        let _ = Connection::parse(v, n);
        let _ = Bandwidth::parse(v, n).map(|b| b.kbps());
        let _ = Origin::parse(v, n);
        if let Some(a) = line.as_attribute() {
            let value = a.value().unwrap_or("");
            let _ = RtpMap::parse(value, n);
            let _ = Fmtp::parse(value, n).map(|f| f.parameters().count());
            let _ = parse_ptime(value, n, "a=ptime");
            let _ = Rtcp::parse(value, n);
            if let Ok(c) = Crypto::parse(value, n) {
                for k in c.keys() {
                    let _ = k.inline();
                }
            }
            let _ = Fingerprint::parse(value, n);
            let _ = Setup::parse(value, n);
            let _ = Candidate::parse(value, n);
            let _ = Group::parse(value).mids().count();
        }
    }
}

/// Everything a caller may do with a parsed description, checked.
fn properties(sdp: &SessionDescription) -> Result<(), TestCaseError> {
    assert_round_trip(sdp)?;
    exercise_views(sdp);
    let problems = check(sdp);
    prop_assert!(problems.windows(2).all(|w| w[0].line <= w[1].line));
    prop_assert!(
        problems
            .iter()
            .all(|p| p.line <= sdp.lines().map(|l| l.number()).max().unwrap_or(0))
    );
    let _ = webrtc_sdp::SdpSession::try_from(sdp);
    Ok(())
}

fn line_strategy() -> impl Strategy<Value = String> {
    let letter = prop::sample::select(vec![
        "v", "o", "s", "i", "u", "e", "p", "c", "b", "t", "r", "z", "k", "a", "m", "a", "a", "m",
        "x", "V", "0", " ", "", "é",
    ]);
    let eq = prop::sample::select(vec!["=", "=", "=", "=", "=", "", " =", ":"]);
    let value = "[a-zA-Z0-9 \t\r:/.=;*#-]{0,24}";
    let ending = prop::sample::select(vec![
        "\n", "\r\n", "\r\n", "", "\r\r\n", " \n", "\t\r\n", "\n\n",
    ]);
    (letter, eq, value, ending).prop_map(|(l, e, v, end)| format!("{l}{e}{v}{end}"))
}

fn sdpish_strategy() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["v=0\r\n", "v=0\n", "", "\r\n", "v=1 \n"]),
        prop::collection::vec(line_strategy(), 0..40),
    )
        .prop_map(|(first, lines)| {
            let mut s = String::from(first);
            for l in lines {
                s.push_str(&l);
            }
            s
        })
}

/// Every non-blank line of the corpus and bench files.
fn corpus_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut lines = Vec::new();
        for dir in ["corpus", "bench"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(dir);
            for entry in std::fs::read_dir(path).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                lines.extend(
                    text.lines()
                        .map(|l| l.trim_end().to_owned())
                        .filter(|l| !l.is_empty() && !l.starts_with("v=")),
                );
            }
        }
        lines.sort();
        lines.dedup();
        lines
    })
}

/// A corpus line, possibly cut short or with a byte changed.
fn mutated_line() -> impl Strategy<Value = String> {
    let pool = corpus_lines().to_vec();
    (
        prop::sample::select(pool),
        0usize..200,
        prop::sample::select(vec![
            None,
            Some(' '),
            Some('/'),
            Some(':'),
            Some('x'),
            Some('9'),
        ]),
    )
        .prop_map(|(line, cut, replace)| {
            let mut chars: Vec<char> = line.chars().collect();
            if cut < chars.len() {
                match replace {
                    None => chars.truncate(cut.max(2)),
                    Some(c) => chars[cut] = c,
                }
            }
            chars.into_iter().collect()
        })
}

fn corpus_mix_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(mutated_line(), 0..60).prop_map(|lines| {
        let mut s = String::from("v=0\r\n");
        for l in lines {
            s.push_str(&l);
            s.push_str("\r\n");
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(sdp) = SessionDescription::parse_bytes(&bytes, &ParseLimits::DEFAULT) {
            properties(&sdp)?;
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = check_text(text);
        }
    }

    #[test]
    fn arbitrary_bytes_after_a_version_line_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let mut input = b"v=0\r\n".to_vec();
        input.extend_from_slice(&bytes);
        let parsed = SessionDescription::parse_bytes(&input, &ParseLimits::DEFAULT);
        if let Ok(sdp) = &parsed {
            properties(sdp)?;
        }
        if let Ok(text) = std::str::from_utf8(&input) {
            prop_assert_eq!(SessionDescription::parse(text).is_ok(), parsed.is_ok());
            let _ = check_text(text);
        }
    }

    #[test]
    fn sdp_ish_text_never_panics_and_round_trips(text in sdpish_strategy()) {
        let parsed = SessionDescription::parse(&text);
        if let Ok(sdp) = &parsed {
            properties(sdp)?;
        }
        match check_text(&text) {
            Ok(_) => prop_assert!(parsed.is_ok()),
            Err(e) => prop_assert_eq!(Err(e), parsed.map(|_| ())),
        }
    }

    #[test]
    fn mutated_corpus_lines_never_panic_and_round_trip(text in corpus_mix_strategy()) {
        let sdp = SessionDescription::parse(&text);
        let malformed = matches!(sdp, Err(SdpError::MalformedLine { .. }));
        prop_assert!(sdp.is_ok() || malformed, "{:?}", sdp.err());
        if let Ok(sdp) = sdp {
            properties(&sdp)?;
            prop_assert!(check_text(&text).is_ok());
        }
    }
}
