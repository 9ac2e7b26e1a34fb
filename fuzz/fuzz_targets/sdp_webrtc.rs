//! The webrtc-sdp conversions on hostile SDP: every attribute and candidate
//! typed through webrtc-sdp's line parser, and whole descriptions converted
//! to `webrtc_sdp::SdpSession`; errors are typed, nothing panics. (Kept out
//! of `sdp_parse`: webrtc-sdp costs about 20x our own parse per input.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdp_offer_answer::sdp::{Candidate, ParseLimits, SessionDescription};

fuzz_target!(|data: &[u8]| {
    let Ok(sdp) = SessionDescription::parse_bytes(data, &ParseLimits::DEFAULT) else {
        return;
    };
    for line in sdp.lines() {
        if let Some(a) = line.as_attribute() {
            let _ = a.to_webrtc();
            if let Ok(c) = Candidate::parse(a.value().unwrap_or(""), line.number()) {
                let _ = c.to_webrtc(line.number());
            }
        }
    }
    if let Ok(session) = webrtc_sdp::SdpSession::try_from(&sdp) {
        let _ = SessionDescription::try_from(&session);
    }
});
