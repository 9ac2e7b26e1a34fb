//! SDP text layer: arbitrary bytes are parsed (default and raised limits);
//! a description that parses serializes to CRLF text that re-parses to an
//! equal model, serialization is idempotent, and every typed view,
//! `check` and `check_text` run without panic. The webrtc-sdp conversions
//! (about 20x slower per input) have their own target, `sdp_webrtc`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdp_offer_answer::sdp::check::{check, check_text};
use sdp_offer_answer::sdp::views::parse_ptime;
use sdp_offer_answer::sdp::{
    Bandwidth, Candidate, Connection, Crypto, Fingerprint, Fmtp, Group, MediaLine, Origin,
    ParseLimits, Rtcp, RtpMap, SdpError, SessionDescription, Setup,
};

/// Larger than anything libFuzzer feeds here: only the size checks differ.
const RAISED: ParseLimits = ParseLimits {
    max_size: 1 << 20,
    max_media: 1 << 16,
};

fuzz_target!(|data: &[u8]| {
    let default = SessionDescription::parse_bytes(data, &ParseLimits::DEFAULT);
    let raised = SessionDescription::parse_bytes(data, &RAISED);
    match (&default, &raised) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the limits changed the model"),
        // Only a limit may refuse under the defaults what the raised limits take.
        (Err(e), Ok(_)) => assert!(
            matches!(e, SdpError::TooLarge { .. } | SdpError::TooManyMedia { .. }),
            "refused under default limits only: {e:?}"
        ),
        (Ok(_), Err(e)) => panic!("refused under raised limits only: {e:?}"),
        (Err(_), Err(_)) => {}
    }
    let text = std::str::from_utf8(data).ok();
    if let Ok(sdp) = raised {
        round_trip(&sdp);
        exercise_views(&sdp);
        // check_text checks the parsed model too (default limits); only an
        // SDP over them is checked on its own.
        let problems = match (text, default.is_ok()) {
            (Some(t), true) => check_text(t).expect("parsed under the default limits"),
            _ => check(&sdp),
        };
        // Raw-text problems may name blank lines the model drops.
        let last_line = data.split(|&b| b == b'\n').count();
        assert!(problems.windows(2).all(|w| w[0].line <= w[1].line));
        assert!(problems.iter().all(|p| p.line <= last_line));
        // A report is capped: 16 + one per 128 bytes each for the model and
        // the raw text, plus their summaries.
        assert!(problems.len() <= 2 * (17 + data.len() / 128));
    } else if let Some(t) = text {
        assert!(check_text(t).is_err(), "check_text took what parse refused");
    }
});

/// `parse(serialize(x)) == x`, and serialization is idempotent and canonical.
fn round_trip(sdp: &SessionDescription) {
    let once = sdp.serialize();
    assert!(once.ends_with("\r\n"));
    assert_eq!(sdp.to_string(), once);
    let again = SessionDescription::parse_with(&once, &RAISED).expect("serialized SDP re-parses");
    assert_eq!(&again, sdp);
    assert!(again.is_canonical());
    assert_eq!(again.serialize(), once);
    assert_eq!(again.line_count(), sdp.line_count());
    assert_eq!(again.media_count(), sdp.media_count());
}

/// Every view on every line it could apply to.
fn exercise_views(sdp: &SessionDescription) {
    let _ = sdp.origin();
    let _ = sdp.connection();
    let _ = sdp.session_name();
    let _ = sdp.direction();
    let _ = sdp.bandwidths().count();
    let _ = sdp.attributes().count();
    let _ = sdp.session_lines().count();
    for m in sdp.media_descriptions() {
        if let Ok(ml) = m.media_line() {
            let _ = (ml.media_type(), ml.transport(), ml.formats().count());
            for f in ml.formats() {
                let _ = m.fmtp(f);
                if let Ok(pt) = f.parse::<u8>() {
                    let _ = m.rtpmap(pt).map(|r| r.channel_count());
                }
            }
        }
        let _ = m.connections().count();
        let _ = m.effective_connection();
        let _ = m.bandwidths().count();
        let _ = m.effective_direction();
        let _ = m.rtpmaps().count();
        for f in m.fmtps().flatten() {
            let _ = f.parameters().count();
        }
        let _ = m.has_attribute("rtcp-mux");
    }
    for line in sdp.lines() {
        let (v, n) = (line.value(), line.number());
        let _ = line.line_type();
        let _ = MediaLine::parse(v, n);
        let _ = Connection::parse(v, n).map(|c| (c.ip(), c.is_unspecified()));
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
