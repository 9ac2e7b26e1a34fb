//! Shared set-up of the `reneg_*` tests: established calls between Alice
//! (the caller, owner of the Call-ID) and Bob over recording standard
//! providers, in either renegotiation mode, and helpers to read the
//! renegotiation events and the negotiated sessions.
#![allow(dead_code)]

use std::time::Instant;

use super::call_harness::*;
use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, CallState, RenegotiationFailure,
    RenegotiationMode,
};
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::Renegotiation;
use sdp_offer_answer::sdp::{Direction, SessionDescription};
use sdp_offer_answer::testing::{BackToBack, RecordingProvider, Side};

/// A Call with tag `tag`, seed `seed`, agent `agent` and `mode`.
pub fn call_with(
    provider: StandardMediaProvider,
    seed: u64,
    tag: &str,
    mode: RenegotiationMode,
) -> TestCall {
    let mut config = CallConfig::new(seed)
        .with_local_tag(tag)
        .with_renegotiation_mode(mode);
    config.warning_agent = Some(format!("{tag}.example.com"));
    Call::new(RecordingProvider::new(provider), config)
}

/// Alice calls Bob, both in `mode`; established, events and logs cleared.
pub fn established_with(
    alice: StandardMediaProvider,
    bob: StandardMediaProvider,
    mode: RenegotiationMode,
) -> Pair {
    let mut p = BackToBack::new(
        call_with(alice, 7, "a1", mode),
        call_with(bob, 8, "b1", mode),
        Instant::now(),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    assert_eq!(p.a.state(), CallState::Established);
    assert_eq!(p.b.state(), CallState::Established);
    p.take_events(Side::A);
    p.take_events(Side::B);
    p.take_ladder();
    log(&mut p.a);
    log(&mut p.b);
    p
}

/// Alice and Bob with audio only, both in manual mode.
pub fn established() -> Pair {
    established_with(alice_provider(), bob_provider(), RenegotiationMode::Manual)
}

/// Audio (PCMU, PCMA, telephone-event) and video (H.264, VP8) at `ip`.
pub fn av_caps(ip: &str, audio_port: u16, video_port: u16) -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4(ip.parse().unwrap())
        .media(
            MediaCapability::audio(audio_port)
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .telephone_event(8000)
                .ptime_ms(20),
        )
        .media(
            MediaCapability::video(video_port)
                .codec(Codec::h264())
                .codec(Codec::vp8()),
        )
        .build()
        .unwrap()
}

/// Bob's provider able to add video.
pub fn bob_av_provider() -> StandardMediaProvider {
    StandardMediaProvider::new(av_caps("198.51.100.5", 4000, 4002), 2002)
}

/// Our SDP and the remote's of the last completed exchange, serialized
/// (the "negotiated session", byte for byte).
pub fn session_bytes(call: &TestCall) -> (String, String) {
    let n = call.provider().inner().negotiator().unwrap();
    (
        n.local_description().unwrap().serialize(),
        n.remote_description().unwrap().serialize(),
    )
}

/// The direction of stream `index` of `call`'s negotiated session.
pub fn direction(call: &TestCall, index: usize) -> Direction {
    call.provider()
        .inner()
        .negotiated_session()
        .unwrap()
        .streams[index]
        .direction
}

/// The renegotiation events as short lines:
/// `started Incoming`, `completed Outgoing Ok`, `completed Incoming Err(...)`.
pub fn outline(events: &[CallEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            CallEvent::RenegotiationStarted { renegotiation } => {
                Some(format!("started {}", renegotiation.direction()))
            }
            CallEvent::RenegotiationCompleted {
                renegotiation,
                result: Ok(()),
            } => Some(format!("completed {} Ok", renegotiation.direction())),
            CallEvent::RenegotiationCompleted {
                renegotiation,
                result: Err(e),
            } => Some(format!(
                "completed {} Err({e:?})",
                renegotiation.direction()
            )),
            _ => None,
        })
        .collect()
}

/// The renegotiation of the first `RenegotiationStarted` in `events`.
pub fn started(events: &[CallEvent]) -> Renegotiation {
    events
        .iter()
        .find_map(|e| match e {
            CallEvent::RenegotiationStarted { renegotiation } => Some(renegotiation.clone()),
            _ => None,
        })
        .expect("a RenegotiationStarted event")
}

/// The renegotiation and result of the first `RenegotiationCompleted`.
pub fn completed(events: &[CallEvent]) -> (Renegotiation, Result<(), RenegotiationFailure>) {
    events
        .iter()
        .find_map(|e| match e {
            CallEvent::RenegotiationCompleted {
                renegotiation,
                result,
            } => Some((renegotiation.clone(), *result)),
            _ => None,
        })
        .expect("a RenegotiationCompleted event")
}

/// The m= lines of an SDP, in order (e.g. `audio 4000 RTP/AVP 0 8 101`).
pub fn m_lines(sdp: &[u8]) -> Vec<String> {
    let sdp = SessionDescription::parse_bytes(sdp, &Default::default()).unwrap();
    sdp.media_descriptions()
        .map(|m| {
            let l = m.media_line().unwrap();
            format!("{} {} {} {}", l.media, l.port, l.proto, l.formats)
        })
        .collect()
}

/// Checks that both sides agree on the session: same codec and
/// telephone-event payload types per stream, mirrored directions, and each
/// side's remote RTP address is the other's local one.
pub fn assert_sessions_agree(p: &Pair) {
    let a = p.a.provider().inner().negotiated_session().unwrap();
    let b = p.b.provider().inner().negotiated_session().unwrap();
    assert_eq!(a.streams.len(), b.streams.len());
    for (x, y) in a.streams.iter().zip(&b.streams) {
        assert_eq!(x.is_active(), y.is_active());
        if !x.is_active() {
            continue;
        }
        let codec = |s: &sdp_offer_answer::negotiation::NegotiatedStream| {
            s.codec()
                .map(|c| (c.encoding_name.to_string(), c.send_payload_type))
        };
        assert_eq!(codec(x), codec(y));
        assert_eq!(mirror(x.direction), y.direction);
        assert_eq!(x.remote_rtp.as_ref().map(|t| t.port), Some(y.local_port));
        assert_eq!(y.remote_rtp.as_ref().map(|t| t.port), Some(x.local_port));
    }
}

/// The direction seen from the other side (send and receive swapped).
pub fn mirror(d: Direction) -> Direction {
    let mut m = Direction::empty();
    if d.contains(Direction::SEND) {
        m |= Direction::RECV;
    }
    if d.contains(Direction::RECV) {
        m |= Direction::SEND;
    }
    m
}

/// Plays the applications of both sides until nothing is left to do:
/// delivers everything, answers every incoming renegotiation with the
/// provider, and moves the simulated clock to each next deadline (at most
/// `rounds` times). Returns the events of each side seen meanwhile.
pub fn settle(p: &mut Pair, rounds: usize) -> (Vec<CallEvent>, Vec<CallEvent>) {
    let (mut a_events, mut b_events) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        p.run();
        a_events.extend(p.take_events(Side::A));
        b_events.extend(p.take_events(Side::B));
        let now = p.now;
        let mut answered = false;
        if let Some(id) =
            p.a.incoming_renegotiation()
                .map(|r| r.operation_id().to_owned())
        {
            answered |=
                p.a.answer_renegotiation(
                    &id,
                    sdp_offer_answer::call::RenegotiationAnswer::Provider,
                    now,
                )
                .is_ok();
        }
        if let Some(id) =
            p.b.incoming_renegotiation()
                .map(|r| r.operation_id().to_owned())
        {
            answered |=
                p.b.answer_renegotiation(
                    &id,
                    sdp_offer_answer::call::RenegotiationAnswer::Provider,
                    now,
                )
                .is_ok();
        }
        if answered {
            continue;
        }
        match p.next_timeout() {
            Some(at) if at > p.now => {
                let by = at - p.now;
                p.advance(by);
            }
            Some(_) => {
                p.advance(std::time::Duration::ZERO);
            }
            None => break,
        }
    }
    p.run();
    a_events.extend(p.take_events(Side::A));
    b_events.extend(p.take_events(Side::B));
    (a_events, b_events)
}

/// `sdp` with its `o=` session version one higher (a changed re-offer,
/// RFC 3264 §8).
pub fn bump_version(sdp: &str) -> String {
    sdp.lines()
        .map(|line| match line.strip_prefix("o=") {
            Some(origin) => {
                let mut fields: Vec<String> = origin.split(' ').map(str::to_owned).collect();
                let version: u64 = fields[2].parse().unwrap();
                fields[2] = (version + 1).to_string();
                format!("o={}\r\n", fields.join(" "))
            }
            None => format!("{line}\r\n"),
        })
        .collect()
}
