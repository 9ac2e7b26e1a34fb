//! Renegotiation both ways between two in-memory `Call`s, with a simulated
//! clock, printing the SIP ladder, the events and Alice's active session
//! after each step. Alice (audio only) called Bob; Alice's application
//! decides on Bob's renegotiations (`RenegotiationMode::Manual`):
//!
//! 1. Bob re-INVITEs to add video; Alice's application dismisses it with
//!    `InsufficientBandwidth`: 488 with Warning 370, the audio session
//!    stays as it was (byte for byte).
//! 2. Bob puts Alice on hold (`sendonly`); Alice answers `recvonly`.
//! 3. Both re-INVITE at once (Bob resumes, Alice holds Bob): 491 both ways;
//!    Bob retries first (0–2 s: he does not own the Call-ID), then Alice
//!    (2.1–4 s); the calls converge.
//!
//! Run with `cargo run --example renegotiate`.

use std::time::Instant;

use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, RenegotiationAnswer, RenegotiationMode,
};
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability, Negotiator};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::{
    ReNegotiationDeclineReason, Renegotiation, RenegotiationDirection,
};
use sdp_offer_answer::sdp::{MediaType, SessionDescription};
use sdp_offer_answer::testing::{BackToBack, Side};

type Pair = BackToBack<StandardMediaProvider, StandardMediaProvider>;
type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let alice = StandardMediaProvider::new(caps("192.0.2.10", 20000, None)?, 1001);
    let bob = StandardMediaProvider::new(caps("198.51.100.5", 4000, Some(4002))?, 2002);
    let config = |seed, tag: &str| {
        let mut c = CallConfig::new(seed)
            .with_local_tag(tag)
            .with_renegotiation_mode(RenegotiationMode::Manual);
        c.warning_agent = Some(format!("{tag}.example.com"));
        c
    };
    let start = Instant::now();
    let mut p = BackToBack::new(
        Call::new(alice, config(7, "alice")),
        Call::new(bob, config(8, "bob")),
        start,
    );

    println!("== 0. Alice calls Bob ==");
    p.a.establish(CallEstablishOptions::new(), p.now)?;
    exchange(&mut p)?;
    print_session(&p);

    println!("\n== 1. Bob re-INVITEs to add video; Alice dismisses it ==");
    let before = sdps(&p.a);
    bob_negotiator(&mut p)?.add_stream(MediaType::Video)?;
    p.b.begin_renegotiation(p.now)?;
    events(&mut p)?;
    exchange(&mut p)?;
    println!(
        "    Alice's SDPs byte-identical to before: {}",
        sdps(&p.a) == before
    );
    print_session(&p);

    println!("\n== 2. Bob puts Alice on hold ==");
    p.b.hold(p.now)?;
    events(&mut p)?;
    exchange(&mut p)?;
    print_session(&p);

    println!("\n== 3. Bob resumes and Alice holds Bob, at the same time ==");
    p.b.resume(p.now)?;
    p.a.hold(p.now)?;
    p.pump(); // both re-INVITEs are on the wire before either arrives
    events(&mut p)?;
    while p.in_flight(Side::A) + p.in_flight(Side::B) > 0 {
        for side in [Side::A, Side::B] {
            if p.deliver_next(side) {
                print_last(&p);
            }
        }
        p.pump();
    }
    events(&mut p)?;
    let wait = |call: &Call<StandardMediaProvider>, now: Instant| {
        call.poll_timeout()
            .map_or(0.0, |at| (at - now).as_secs_f64())
    };
    println!(
        "    glare: Alice (sent the INVITE, owns the Call-ID) retries in {:.2} s, Bob in {:.2} s",
        wait(&p.a, p.now),
        wait(&p.b, p.now)
    );
    while let Some(at) = p.next_timeout() {
        p.now = at;
        println!("  t = +{:.2} s", (p.now - start).as_secs_f64());
        p.fire_timers();
        exchange(&mut p)?;
    }
    print_session(&p);
    Ok(())
}

/// Audio PCMU/PCMA/telephone-event at `ip`:`audio`, and H.264/VP8 video at
/// `video` when given.
fn caps(ip: &str, audio: u16, video: Option<u16>) -> Result<LocalCapabilities, Error> {
    let mut b = LocalCapabilities::builder().ipv4(ip.parse()?).media(
        MediaCapability::audio(audio)
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .telephone_event(8000)
            .ptime_ms(20),
    );
    if let Some(port) = video {
        b = b.media(
            MediaCapability::video(port)
                .codec(Codec::h264())
                .codec(Codec::vp8()),
        );
    }
    Ok(b.build()?)
}

fn bob_negotiator(p: &mut Pair) -> Result<&mut Negotiator, Error> {
    p.b.provider_mut()
        .negotiator_mut()
        .ok_or_else(|| "no negotiator".into())
}

/// Delivers every message, one at a time (printed), and lets the two
/// applications act on their events, until both Calls are quiet.
fn exchange(p: &mut Pair) -> Result<(), Error> {
    loop {
        p.pump();
        let from = [Side::A, Side::B].into_iter().find(|&s| p.in_flight(s) > 0);
        match from {
            Some(side) => {
                p.deliver_next(side);
                print_last(p);
                events(p)?;
            }
            None => {
                if !events(p)? {
                    return Ok(());
                }
            }
        }
    }
}

fn print_last(p: &Pair) {
    if let Some(entry) = p.ladder().last() {
        println!("{entry}");
    }
}

/// Prints both sides' events; the applications answer or dismiss incoming
/// renegotiations. Returns whether one acted.
fn events(p: &mut Pair) -> Result<bool, Error> {
    let mut acted = false;
    for (side, name) in [(Side::A, "Alice"), (Side::B, "Bob")] {
        for event in p.take_events(side) {
            match &event {
                CallEvent::RenegotiationStarted { renegotiation } => {
                    println!(
                        "        {name}: renegotiation {} started ({}; offer {})",
                        short(renegotiation),
                        renegotiation.direction(),
                        summary(renegotiation.media_offer())
                    );
                    if renegotiation.direction() == RenegotiationDirection::Incoming {
                        decide(p, side, name, renegotiation)?;
                        acted = true;
                    }
                }
                CallEvent::RenegotiationCompleted {
                    renegotiation,
                    result,
                } => {
                    let outcome = match result {
                        Ok(()) => format!(
                            "answer {}",
                            summary(renegotiation.media_answer().unwrap_or_default())
                        ),
                        Err(e) => format!("{e:?}"),
                    };
                    println!(
                        "        {name}: renegotiation {} completed: {outcome}",
                        short(renegotiation)
                    );
                }
                CallEvent::IncomingCall { .. } if side == Side::B => {
                    println!("        {name}: {event:?} → accept");
                    p.b.accept(p.now)?;
                    acted = true;
                }
                other => println!("        {name}: {other:?}"),
            }
        }
    }
    Ok(acted)
}

/// The applications: Alice has no bandwidth for video; otherwise both
/// answer with their provider.
fn decide(p: &mut Pair, side: Side, name: &str, reneg: &Renegotiation) -> Result<(), Error> {
    let now = p.now;
    let call = match side {
        Side::A => &mut p.a,
        Side::B => &mut p.b,
    };
    let id = reneg.operation_id();
    if side == Side::A && summary(reneg.media_offer()).contains("video:4002") {
        let reason = ReNegotiationDeclineReason::InsufficientBandwidth;
        println!("        {name}: dismiss({reason})");
        call.dismiss_renegotiation(id, reason, now)?;
    } else {
        println!("        {name}: answer(Provider)");
        call.answer_renegotiation(id, RenegotiationAnswer::Provider, now)?;
    }
    Ok(())
}

/// The first group of the operation id.
fn short(reneg: &Renegotiation) -> &str {
    reneg.operation_id().split('-').next().unwrap_or_default()
}

/// `v3 audio:4000 sendonly, video:4002 sendrecv`: the o= version and, per
/// m-line, media, port and direction.
fn summary(sdp: &[u8]) -> String {
    let Ok(sdp) = SessionDescription::parse_bytes(sdp, &Default::default()) else {
        return "(none)".to_owned();
    };
    let version = sdp.origin().ok().flatten().map_or(0, |o| o.session_version);
    let media: Vec<String> = sdp
        .media_descriptions()
        .filter_map(|m| {
            let line = m.media_line().ok()?;
            let dir = ["sendrecv", "sendonly", "recvonly", "inactive"]
                .into_iter()
                .find(|d| m.attribute(d).is_some())
                .unwrap_or("sendrecv");
            Some(format!("{}:{} {dir}", line.media, line.port))
        })
        .collect();
    format!("v{version} {}", media.join(", "))
}

/// Alice's SDPs of the active session (ours, theirs).
fn sdps(call: &Call<StandardMediaProvider>) -> Option<(String, String)> {
    let n = call.provider().negotiator()?;
    Some((
        n.local_description()?.serialize(),
        n.remote_description()?.serialize(),
    ))
}

fn print_session(p: &Pair) {
    let Some(session) = p.a.provider().negotiated_session() else {
        return;
    };
    for s in &session.streams {
        if !s.is_active() {
            println!("    Alice's {} stream: rejected (port 0)", s.media);
            continue;
        }
        let codec = s.codec().map_or("-".to_owned(), |c| {
            format!("{}/{}", c.encoding_name, c.send_payload_type)
        });
        let to = s
            .remote_rtp
            .as_ref()
            .map_or("-".to_owned(), |t| format!("{}:{}", t.address, t.port));
        println!(
            "    Alice's active session: {} {codec} {} → {to} (ours {}, theirs {})",
            s.media,
            direction(s.direction),
            session.local_version,
            session.remote_version,
        );
    }
}

fn direction(d: sdp_offer_answer::sdp::Direction) -> &'static str {
    use sdp_offer_answer::sdp::Direction;
    match (d.contains(Direction::SEND), d.contains(Direction::RECV)) {
        (true, true) => "sendrecv",
        (true, false) => "sendonly",
        (false, true) => "recvonly",
        (false, false) => "inactive",
    }
}
