//! Fixed-iteration loops for instruction counting (callgrind), allocation
//! counting (memcheck) and the side-by-side table with the C peers
//! (`benches/peers/`). Not a criterion bench: it runs exactly the work it is
//! told, with no timing, no randomness and no output inside the loop, so
//! that valgrind's counts repeat exactly for a fixed binary and input.
//!
//! ```text
//! loops MODE N PAIR            a named pair (the instruction gate's inputs)
//! loops MODE N OFFER LOCAL     an offer file against a capability SDP file
//!                              (the peer table: the same files as the peers)
//! MODE: run   N iterations, silent (count with valgrind: the count per
//!             iteration is (total(N2) - total(N1)) / (N2 - N1))
//!       time  N iterations after a warm-up; prints nanoseconds per iteration
//!       setup N iterations of the per-iteration state alone (a Negotiator
//!             from the shared capabilities, or two Calls), no offer
//!       print the answer once (for a call flow: the SIP ladder)
//! ```
//!
//! One iteration of an answer pair is parse + [`Negotiator::receive_offer`] +
//! serialize + [`Negotiator::confirm_answer`], with a fresh `Negotiator`
//! over capabilities built once (as `benches/negotiation.rs` does). Named
//! pairs: `offer_a` (offer A vs local A), `offer_b`, `chrome` (the Chrome
//! offer vs the built-in softphone profile), `sip_av` (the SIP audio+video
//! offer vs the softphone profile) and `invite_200_ack` (two Calls built,
//! INVITE → 200 → ACK driven in memory, as `benches/call.rs` does).
//!
//! Every mode checks one answer first (`v=0`, as many m-lines as the offer,
//! one of them accepted) and exits 3 when it is not sane. Run by cargo
//! (`cargo bench`, `cargo bench -- --test`) it runs each named pair a few
//! times as a smoke test.

use std::hint::black_box;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, CallState, Transmit,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::{LocalCapabilities, Negotiator};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::sdp::SessionDescription;

const OFFER_A: &str = include_str!("../tests/data/bench/audio_offer_a.sdp");
const LOCAL_A: &str = include_str!("../tests/data/bench/audio_local_a.sdp");
const OFFER_B: &str = include_str!("../tests/data/bench/audio_offer_b.sdp");
const LOCAL_B: &str = include_str!("../tests/data/bench/audio_local_b.sdp");
const CHROME: &str = include_str!("../tests/data/bench/chrome_offer.sdp");
const SIP_AV: &str = include_str!("../tests/data/bench/sip_audio_video_offer.sdp");

/// The caller's capabilities in `invite_200_ack` (as `benches/call.rs`):
/// PCMU, PCMA, telephone-event 0-16, ptime 20, like `audio_offer_a.sdp`.
const OFFER_A_CAPS: &str = "v=0\r\no=- 3828399811 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

/// The named pairs, in the gate's order.
const PAIRS: [&str; 5] = ["offer_a", "offer_b", "chrome", "sip_av", "invite_200_ack"];

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Run,
    Time,
    Setup,
    Print,
}

/// What one iteration works on.
enum Work {
    Answer {
        caps: Arc<LocalCapabilities>,
        offer: String,
    },
    Flow(Box<Flow>),
}

/// The two providers of `invite_200_ack` (cloned into fresh Calls per
/// iteration) and the time given to the Calls.
struct Flow {
    caller: StandardMediaProvider,
    callee: StandardMediaProvider,
    now: Instant,
}

fn work(pair: &str) -> Option<Work> {
    let answer = |caps: LocalCapabilities, offer: &str| Work::Answer {
        caps: Arc::new(caps),
        offer: offer.to_owned(),
    };
    let local = |text: &str| LocalCapabilities::from_sdp_text(text).expect("bench capabilities");
    Some(match pair {
        "offer_a" => answer(local(LOCAL_A), OFFER_A),
        "offer_b" => answer(local(LOCAL_B), OFFER_B),
        "chrome" => answer(LocalCapabilities::demo_softphone(), CHROME),
        "sip_av" => answer(LocalCapabilities::demo_softphone(), SIP_AV),
        "invite_200_ack" => Work::Flow(Box::new(Flow {
            caller: StandardMediaProvider::new(local(OFFER_A_CAPS), 3_828_399_811),
            callee: StandardMediaProvider::new(local(LOCAL_A), 1),
            // Read once, outside the loop: the Calls take time as an
            // argument and the flow arms no timer that depends on its value.
            now: Instant::now(),
        })),
        _ => return None,
    })
}

/// Parse + answer + serialize + confirm: the whole job of an answering endpoint.
fn answer_once(caps: &Arc<LocalCapabilities>, offer: &str) -> String {
    let mut negotiator = Negotiator::new(caps.clone(), 1);
    let offer = SessionDescription::parse(offer).expect("bench offer parses");
    let answer = negotiator
        .receive_offer(offer)
        .expect("bench offer is answered")
        .serialize();
    black_box(negotiator.confirm_answer().expect("confirm"));
    answer
}

fn deliver<P: MediaProvider>(to: &mut Call<P>, t: Transmit, now: Instant) {
    let result = match t {
        Transmit::Request(r) => to.handle_request(r, now),
        Transmit::Response(r) => to.handle_response(r, now),
    };
    result.expect("delivered");
}

fn calls(
    caller: &StandardMediaProvider,
    callee: &StandardMediaProvider,
) -> (Call<StandardMediaProvider>, Call<StandardMediaProvider>) {
    // Fixed seeds: every iteration draws the same Call-ID, tags and branches.
    (
        Call::new(caller.clone(), CallConfig::new(7)),
        Call::new(callee.clone(), CallConfig::new(7 ^ 1)),
    )
}

/// INVITE → 200 → ACK between two Calls; `seen` is shown every message
/// (with `true` when it goes from A to B) before it is delivered.
fn flow_once(
    caller: &StandardMediaProvider,
    callee: &StandardMediaProvider,
    now: Instant,
    mut seen: impl FnMut(&Transmit, bool),
) {
    let (mut a, mut b) = calls(caller, callee);
    a.establish(CallEstablishOptions::new(), now)
        .expect("establish");
    loop {
        if let Some(t) = a.poll_transmit() {
            seen(&t, true);
            deliver(&mut b, t, now);
        } else if let Some(t) = b.poll_transmit() {
            seen(&t, false);
            deliver(&mut a, t, now);
        } else {
            break;
        }
        while let Some(e) = b.poll_event() {
            if matches!(e, CallEvent::IncomingCall { .. }) {
                b.accept(now).expect("accept");
            }
        }
        while a.poll_event().is_some() {}
    }
    assert_eq!(a.state(), CallState::Established);
    assert_eq!(b.state(), CallState::Established);
    black_box((a, b));
}

/// A ladder line: direction, method or status, body size.
fn ladder_line(t: &Transmit, to_b: bool) -> String {
    let arrow = if to_b { "A → B" } else { "A ← B" };
    match t {
        Transmit::Request(r) => format!("{arrow}  {} ({} bytes of body)", r.method, r.body.len()),
        Transmit::Response(r) => format!(
            "{arrow}  {} to {} ({} bytes of body)",
            r.status,
            r.method,
            r.body.len()
        ),
    }
}

/// One iteration of the work, its result dropped inside.
fn once(w: &Work) {
    match w {
        Work::Answer { caps, offer } => {
            black_box(answer_once(caps, black_box(offer)));
        }
        Work::Flow(f) => {
            let Flow {
                caller,
                callee,
                now,
            } = &**f;
            let mut messages = 0u32;
            flow_once(caller, callee, *now, |_, _| messages += 1);
            black_box(messages);
        }
    }
}

/// The per-iteration state alone: what `once` builds before any SDP.
fn setup_once(w: &Work) {
    match w {
        Work::Answer { caps, .. } => {
            black_box(Negotiator::new(caps.clone(), 1));
        }
        Work::Flow(f) => {
            black_box(calls(&f.caller, &f.callee));
        }
    }
}

fn m_lines(sdp: &str) -> impl Iterator<Item = &str> {
    sdp.lines().filter(|l| l.starts_with("m="))
}

/// The answer (or the ladder), checked: `Err` says why it is not sane.
fn checked(w: &Work) -> Result<String, String> {
    match w {
        Work::Answer { caps, offer } => {
            let answer = answer_once(caps, offer);
            let offered = m_lines(offer).count();
            let answered = m_lines(&answer).count();
            let accepted = m_lines(&answer)
                .filter(|m| m.split(' ').nth(1) != Some("0"))
                .count();
            if !answer.starts_with("v=0") || answered != offered || accepted == 0 {
                return Err(format!(
                    "{answered} m-lines for {offered} offered, {accepted} accepted"
                ));
            }
            Ok(answer)
        }
        Work::Flow(f) => {
            let Flow {
                caller,
                callee,
                now,
            } = &**f;
            let mut ladder = Vec::new();
            flow_once(caller, callee, *now, |t, to_b| {
                ladder.push(ladder_line(t, to_b))
            });
            if ladder.len() != 3 {
                return Err(format!("{} messages, not 3", ladder.len()));
            }
            Ok(ladder.join("\n") + "\n")
        }
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: loops run|time|setup N PAIR | loops run|time|setup N OFFER LOCAL | loops print PAIR | loops print OFFER LOCAL\n\
         named pairs: {}",
        PAIRS.join(", ")
    );
    ExitCode::from(2)
}

/// Under `cargo bench` (`--bench`, and `--test` for `cargo bench -- --test`):
/// every named pair checked and run a few times.
fn smoke() -> ExitCode {
    for pair in PAIRS {
        let w = work(pair).expect("named pair");
        if let Err(why) = checked(&w) {
            eprintln!("loops: {pair}: answer not sane: {why}");
            return ExitCode::from(3);
        }
        for _ in 0..10 {
            once(&w);
        }
    }
    println!("loops: {} named pairs checked", PAIRS.len());
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().all(|a| a == "--bench" || a == "--test") {
        return smoke();
    }
    let mode = match args[0].as_str() {
        "run" => Mode::Run,
        "time" => Mode::Time,
        "setup" => Mode::Setup,
        "print" => Mode::Print,
        _ => return usage(),
    };
    let (n, rest) = if mode == Mode::Print {
        (1, &args[1..])
    } else {
        match args.get(1).and_then(|n| n.parse::<u64>().ok()) {
            Some(n) => (n, &args[2..]),
            None => return usage(),
        }
    };
    let w = match rest {
        [pair] => match work(pair) {
            Some(w) => w,
            None => return usage(),
        },
        [offer, local] => {
            let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
            let (offer, local) = match (read(offer), read(local)) {
                (Ok(o), Ok(l)) => (o, l),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("loops: {e}");
                    return ExitCode::from(2);
                }
            };
            match LocalCapabilities::from_sdp_text(&local) {
                Ok(caps) => Work::Answer {
                    caps: Arc::new(caps),
                    offer,
                },
                Err(e) => {
                    eprintln!("loops: capabilities not accepted: {e}");
                    return ExitCode::from(3);
                }
            }
        }
        _ => return usage(),
    };
    let answer = match checked(&w) {
        Ok(a) => a,
        Err(why) => {
            eprintln!("loops: answer not sane: {why}");
            return ExitCode::from(3);
        }
    };
    match mode {
        Mode::Print => print!("{answer}"),
        Mode::Run => (0..n).for_each(|_| once(&w)),
        Mode::Setup => (0..n).for_each(|_| setup_once(&w)),
        Mode::Time => {
            for _ in 0..n.div_ceil(10) {
                once(&w);
            }
            let start = Instant::now();
            (0..n).for_each(|_| once(&w));
            let ns = start.elapsed().as_nanos() as f64 / n.max(1) as f64;
            println!("{ns:.1}");
        }
    }
    ExitCode::SUCCESS
}
