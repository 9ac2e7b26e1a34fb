//! `sdpoa answer`: answer an offer with the built-in softphone profile, a
//! capability SDP or the quick capability flags.

use std::process::ExitCode;

use serde::Serialize;

use sdp_offer_answer::negotiation::{NegotiationError, Negotiator};
use sdp_offer_answer::sdp::{SdpError, SessionDescription};

use crate::caps::CapsArgs;
use crate::input::{InputError, Loaded, Source};
use crate::{EXIT_MALFORMED, json, summary, write_stdout};

/// The offer answered when none is given: a Lync 2013 audio+video offer
/// (SDES, ICE, Microsoft video codecs), so the demo shows an accepted
/// stream and a rejected one.
const BUNDLED_OFFER: &str = include_str!("../data/lync2013_audio_video_offer.sdp");
const BUNDLED_OFFER_NAME: &str = "examples/data/lync2013_audio_video_offer.sdp";

/// The `o=` session id of our answers: fixed, so that runs are reproducible.
pub const SESSION_ID: u64 = 3_900_000_000;

/// Exit code: the offer is valid SDP but cannot be accepted.
const EXIT_NOT_ACCEPTABLE: u8 = 3;

/// `answer --json` (see `json.rs`).
#[derive(Serialize)]
struct AnswerJson {
    sdpoa: u32,
    command: &'static str,
    offer: Option<json::Input>,
    answer: Option<String>,
    streams: Vec<json::Stream>,
    decline: Option<Decline>,
    error: Option<json::Error>,
}

#[derive(Serialize)]
struct Decline {
    reason: String,
    detail: String,
    sip_response: Option<String>,
}

impl AnswerJson {
    fn new(offer: Option<&Loaded>) -> Self {
        AnswerJson {
            sdpoa: json::SCHEMA,
            command: "answer",
            offer: offer.map(json::Input::from),
            answer: None,
            streams: Vec::new(),
            decline: None,
            error: None,
        }
    }
}

/// Runs `sdpoa answer`. `Err` is a message for exit code 1.
pub fn run(caps: &CapsArgs, offer: Option<&Source>, as_json: bool) -> Result<ExitCode, String> {
    let source = offer
        .cloned()
        .unwrap_or(Source::Bundled(BUNDLED_OFFER_NAME, BUNDLED_OFFER));
    let loaded = match source.load() {
        Ok(l) => l,
        Err(e) => return malformed(None, &e, as_json),
    };
    let caps = match caps.build() {
        Ok(c) => c,
        Err(e) if as_json => {
            let mut out = AnswerJson::new(Some(&loaded));
            out.error = Some(json::Error::message(e));
            json::print(&out)?;
            return Ok(ExitCode::from(EXIT_MALFORMED));
        }
        Err(e) => return Err(e),
    };
    let offer = match loaded.parse().and_then(|o| {
        read_strictly(&o).map_err(|e| loaded.error(e))?;
        Ok(o)
    }) {
        Ok(o) => o,
        Err(e) => return malformed(Some(&loaded), &e, as_json),
    };

    let mut negotiator = Negotiator::new(caps, SESSION_ID);
    let answer = match negotiator.receive_offer(offer.clone()) {
        Ok(answer) => answer.clone(),
        Err(e) => return declined(&loaded, &e, as_json),
    };
    let session = negotiator
        .confirm_answer()
        .map_err(|e| format!("confirming the answer: {e}"))?;

    if as_json {
        let mut out = AnswerJson::new(Some(&loaded));
        out.answer = Some(answer.serialize());
        out.streams = json::streams(session);
        json::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    write_stdout(answer.serialize().as_bytes())?;
    for line in summary::lines(&offer, &answer, session) {
        eprintln!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads every line that says what a stream carries and where (`o=`, `c=`,
/// `b=`, `m=`, `a=rtpmap`, `a=fmtp`) through its typed view, and returns the
/// first that does not read.
///
/// The negotiator is lenient on purpose: it skips a format whose `a=rtpmap`
/// it cannot read and answers with the others. A command-line tool is
/// where an engineer wants to hear about that line, so `sdpoa answer`
/// treats it as a malformed offer (exit 1, 488 with Warning 399).
pub fn read_strictly(sdp: &SessionDescription) -> Result<(), SdpError> {
    sdp.origin()?;
    sdp.connection()?;
    for b in sdp.bandwidths() {
        b?;
    }
    for m in sdp.media_descriptions() {
        m.media_line()?;
        for c in m.connections() {
            c?;
        }
        for b in m.bandwidths() {
            b?;
        }
        for r in m.rtpmaps() {
            r?;
        }
        for f in m.fmtps() {
            f?;
        }
    }
    Ok(())
}

/// A malformed offer: exit 1, with the 488 + Warning 399 a SIP stack sends.
fn malformed(loaded: Option<&Loaded>, e: &InputError, as_json: bool) -> Result<ExitCode, String> {
    let sdp_error = matches!(e, InputError::Sdp(..));
    let response = NegotiationError::InvalidSdp(SdpError::Empty)
        .sip_decline()
        .map(|d| d.to_string());
    if as_json {
        let mut out = AnswerJson::new(loaded);
        out.error = Some(json::Error::from(e));
        if sdp_error {
            out.decline = Some(Decline {
                reason: "InvalidMediaOffer".into(),
                detail: e.to_string(),
                sip_response: response,
            });
        }
        json::print(&out)?;
    } else {
        eprintln!("error: {e}");
        if let (true, Some(r)) = (sdp_error, response) {
            eprintln!("SIP response: {r}");
        }
    }
    Ok(ExitCode::from(EXIT_MALFORMED))
}

/// Reports an offer that cannot be answered: exit 3 when the SDP is fine
/// but nothing in it can be accepted, 1 when it is malformed. Both name the
/// SIP response that declines the offer.
fn declined(loaded: &Loaded, e: &NegotiationError, as_json: bool) -> Result<ExitCode, String> {
    let NegotiationError::NotAcceptable(rejection) = e else {
        if let NegotiationError::InvalidSdp(sdp) = e {
            return malformed(Some(loaded), &loaded.error(sdp.clone()), as_json);
        }
        return Err(e.to_string());
    };
    let term = e.decline_term().unwrap_or("NotAcceptable");
    let response = e.sip_decline().map(|d| d.to_string());
    if as_json {
        let mut out = AnswerJson::new(Some(loaded));
        out.decline = Some(Decline {
            reason: term.to_owned(),
            detail: rejection.to_string(),
            sip_response: response,
        });
        json::print(&out)?;
    } else {
        eprintln!("not acceptable: {term} ({rejection})");
        if let Some(r) = response {
            eprintln!("SIP response: {r}");
        }
    }
    Ok(ExitCode::from(EXIT_NOT_ACCEPTABLE))
}
