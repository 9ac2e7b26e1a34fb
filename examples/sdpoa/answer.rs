//! `sdpoa answer`: answer an offer with the built-in softphone profile or a
//! capability SDP.

use std::path::PathBuf;
use std::process::ExitCode;

use sdp_offer_answer::negotiation::{LocalCapabilities, NegotiationError, Negotiator};
use sdp_offer_answer::sdp::{SdpError, SessionDescription};

use crate::input::{InputError, Source};
use crate::{EXIT_MALFORMED, summary, write_stdout};

/// The offer answered when none is given: a Lync 2013 audio+video offer
/// (SDES, ICE, Microsoft video codecs), so the demo shows an accepted
/// stream and a rejected one.
const BUNDLED_OFFER: &str = include_str!("../data/lync2013_audio_video_offer.sdp");
const BUNDLED_OFFER_NAME: &str = "examples/data/lync2013_audio_video_offer.sdp";

/// The `o=` session id of our answers: fixed, so that runs are reproducible.
const SESSION_ID: u64 = 3_900_000_000;

/// Exit code: the offer is valid SDP but cannot be accepted.
const EXIT_NOT_ACCEPTABLE: u8 = 3;

/// Runs `sdpoa answer`. `Err` is a message for exit code 1.
pub fn run(local: Option<PathBuf>, offer: Option<PathBuf>) -> Result<ExitCode, String> {
    let caps = match local {
        None => LocalCapabilities::demo_softphone(),
        Some(path) => {
            let source = Source::from_arg(&path);
            let text = source.read_text().map_err(|e| e.to_string())?;
            LocalCapabilities::from_sdp_text(&text).map_err(|e| format!("{source}: {e}"))?
        }
    };
    let source = match offer {
        Some(path) => Source::from_arg(&path),
        None => Source::Bundled(BUNDLED_OFFER_NAME, BUNDLED_OFFER),
    };
    let offer = source.read_sdp().map_err(|e| e.to_string())?;
    if let Err(e) = read_strictly(&offer) {
        return Ok(declined(&source, &NegotiationError::InvalidSdp(e)));
    }

    let mut negotiator = Negotiator::new(caps, SESSION_ID);
    let answer = match negotiator.receive_offer(offer.clone()) {
        Ok(answer) => answer.clone(),
        Err(e) => return Ok(declined(&source, &e)),
    };
    let session = negotiator
        .confirm_answer()
        .map_err(|e| format!("confirming the answer: {e}"))?;

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
fn read_strictly(sdp: &SessionDescription) -> Result<(), SdpError> {
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

/// Reports an offer that cannot be answered and picks the exit code: 3
/// when the SDP is fine but nothing in it can be accepted, 1 when it is
/// malformed. Both name the SIP response that declines the offer.
fn declined(source: &Source, e: &NegotiationError) -> ExitCode {
    let code = match e {
        NegotiationError::NotAcceptable(rejection) => {
            let term = e.decline_term().unwrap_or("NotAcceptable");
            eprintln!("not acceptable: {term} ({rejection})");
            EXIT_NOT_ACCEPTABLE
        }
        NegotiationError::InvalidSdp(sdp) => {
            eprintln!(
                "error: {}",
                InputError::Sdp(source.to_string(), sdp.clone())
            );
            EXIT_MALFORMED
        }
        other => {
            eprintln!("error: {other}");
            EXIT_MALFORMED
        }
    };
    if let Some(decline) = e.sip_decline() {
        eprintln!("SIP response: {decline}");
    }
    ExitCode::from(code)
}
