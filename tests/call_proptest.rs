//! Property: any sequence of inputs (requests and responses with random
//! methods, statuses, tags and bodies including garbage, timeouts, local
//! intents, polls or none) leaves a Call without panic, with bounded queues,
//! and with a bounded number of INVITEs (one establish, at most two 415
//! retries). 512 cases per Call set-up.

mod call_harness;

use std::time::{Duration, Instant};

use call_harness::*;
use proptest::prelude::*;
use sdp_offer_answer::body::{BoundaryGenerator, MessageBody, MimePart};
use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, MAX_QUEUED_EVENTS, MAX_QUEUED_TRANSMITS, Method,
    SipHeaders, SipRequest, SipResponse, Transmit,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::RecordingProvider;

#[derive(Debug, Clone)]
enum Input {
    Request {
        method: usize,
        body: usize,
        tag: usize,
        rel: bool,
    },
    Response {
        status: u16,
        method: usize,
        body: usize,
        tag: usize,
        rseq: Option<u32>,
        accept: usize,
    },
    Timeout(u16),
    Establish {
        custom: bool,
        early: bool,
        third_party: bool,
        retries: u8,
    },
    Accept,
    AcceptEarly,
    Decline(u16),
    Terminate,
    Poll,
}

fn method(i: usize) -> Method {
    match i % 8 {
        0 => Method::Invite,
        1 => Method::Ack,
        2 => Method::Prack,
        3 => Method::Update,
        4 => Method::Bye,
        5 => Method::Cancel,
        6 => Method::Other("INFO".into()),
        _ => Method::Invite,
    }
}

fn tag(i: usize) -> Option<String> {
    match i % 4 {
        0 => None,
        1 => Some("b1".into()),
        2 => Some("b2".into()),
        _ => Some("a1".into()),
    }
}

fn accept(i: usize) -> Option<String> {
    match i % 4 {
        0 => None,
        1 => Some("application/sdp".into()),
        2 => Some("application/sdp, multipart/alternative".into()),
        _ => Some("*/*;q=0, garbage,,;".into()),
    }
}

/// (Content-Type, body) pairs, from valid offers to garbage.
fn bodies() -> Vec<(Option<String>, Vec<u8>)> {
    let mut g = BoundaryGenerator::new(1);
    let mixed = MessageBody::build(
        &MimePart::mixed(vec![MimePart::sdp(OFFER_A.to_vec()), optional_custom()]),
        &mut g,
    )
    .unwrap();
    let alternative = MessageBody::build(
        &MimePart::alternative(vec![
            MimePart::sdp(OFFER_A.to_vec()),
            MimePart::sdp(OFFER_A.to_vec()),
        ]),
        &mut g,
    )
    .unwrap();
    let sdp = Some("application/sdp".to_owned());
    vec![
        (None, Vec::new()),
        (sdp.clone(), OFFER_A.to_vec()),
        (sdp.clone(), bob_answer_to(OFFER_A)),
        (sdp.clone(), b"garbage \xff\xfe".to_vec()),
        (sdp.clone(), b"v=0\r\nm=audio x\r\n".to_vec()),
        (Some(mixed.content_type), mixed.body),
        (Some(alternative.content_type), alternative.body),
        (
            Some("multipart/mixed;boundary=zz".into()),
            b"--zz\r\n\r\nv=0".to_vec(),
        ),
        (Some("text/plain".into()), b"hello".to_vec()),
        (None, OFFER_A.to_vec()),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        4 => (0..8usize, 0..10usize, 0..4usize, any::<bool>())
            .prop_map(|(method, body, tag, rel)| Input::Request { method, body, tag, rel }),
        6 => (
            prop_oneof![Just(100u16), Just(180), Just(183), Just(200), Just(415), Just(488), Just(491), 0u16..800],
            0..8usize,
            0..10usize,
            0..4usize,
            proptest::option::of(0u32..4),
            0..4usize,
        )
            .prop_map(|(status, method, body, tag, rseq, accept)| Input::Response {
                status, method, body, tag, rseq, accept
            }),
        1 => (0u16..40).prop_map(Input::Timeout),
        2 => (any::<bool>(), any::<bool>(), any::<bool>(), 0u8..4).prop_map(
            |(custom, early, third_party, retries)| Input::Establish { custom, early, third_party, retries }
        ),
        1 => Just(Input::Accept),
        1 => Just(Input::AcceptEarly),
        1 => (250u16..700).prop_map(Input::Decline),
        1 => Just(Input::Terminate),
        3 => Just(Input::Poll),
    ]
}

fn run(
    mut call: Call<RecordingProvider<StandardMediaProvider>>,
    inputs: Vec<Input>,
) -> Result<(), TestCaseError> {
    let bodies = bodies();
    let start = Instant::now();
    let mut now = start;
    let mut invites = 0usize;
    let mut establishes = 0usize;
    let poll = |call: &mut Call<_>, invites: &mut usize| -> Result<(), TestCaseError> {
        let mut n = 0;
        while let Some(t) = call.poll_transmit() {
            n += 1;
            if matches!(&t, Transmit::Request(r) if r.method == Method::Invite) {
                *invites += 1;
            }
        }
        prop_assert!(n <= MAX_QUEUED_TRANSMITS);
        let mut e = 0;
        while call.poll_event().is_some() {
            e += 1;
        }
        prop_assert!(e <= MAX_QUEUED_EVENTS);
        Ok(())
    };
    for input in inputs {
        let body = |i: usize| bodies[i % bodies.len()].clone();
        let _ = match input {
            Input::Request {
                method: m,
                body: b,
                tag: t,
                rel,
            } => {
                let (content_type, bytes) = body(b);
                let headers = SipHeaders {
                    content_type,
                    to_tag: tag(t),
                    supported: if rel {
                        vec!["100rel".into()]
                    } else {
                        Vec::new()
                    },
                    ..SipHeaders::default()
                };
                call.handle_request(
                    SipRequest {
                        method: method(m),
                        headers,
                        body: bytes,
                    },
                    now,
                )
            }
            Input::Response {
                status,
                method: m,
                body: b,
                tag: t,
                rseq,
                accept: a,
            } => {
                let (content_type, bytes) = body(b);
                let headers = SipHeaders {
                    content_type,
                    to_tag: tag(t),
                    accept: accept(a),
                    require: if rseq.is_some() {
                        vec!["100rel".into()]
                    } else {
                        Vec::new()
                    },
                    rseq,
                    ..SipHeaders::default()
                };
                call.handle_response(
                    SipResponse {
                        status,
                        method: method(m),
                        headers,
                        body: bytes,
                    },
                    now,
                )
            }
            Input::Timeout(secs) => {
                now += Duration::from_secs(u64::from(secs));
                call.handle_timeout(now)
            }
            Input::Establish {
                custom,
                early,
                third_party,
                retries,
            } => {
                let mut options = CallEstablishOptions::new()
                    .with_early_media(early)
                    .with_third_party_call_control(third_party)
                    .with_max_retries(retries);
                if custom {
                    options = options.with_custom_mime_part(optional_custom());
                }
                let result = call.establish(options, now);
                if result.is_ok() {
                    establishes += 1;
                }
                result
            }
            Input::Accept => call.accept(now),
            Input::AcceptEarly => call.accept_early_media(now),
            Input::Decline(status) => call.decline(status, now),
            Input::Terminate => call.terminate(now),
            Input::Poll => {
                poll(&mut call, &mut invites)?;
                Ok(())
            }
        };
        prop_assert!(call.queued_transmits() <= MAX_QUEUED_TRANSMITS);
        prop_assert!(call.queued_events() <= MAX_QUEUED_EVENTS);
        if let Some(deadline) = call.poll_timeout() {
            prop_assert!(deadline >= start);
        }
    }
    poll(&mut call, &mut invites)?;
    prop_assert!(establishes <= 1);
    // Our INVITEs: the first and at most two retries (an incoming call sends none).
    prop_assert!(invites <= 3, "{invites} INVITEs");
    prop_assert!(call.provider().calls().len() <= 4096);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn caller_with_two_sdps_never_panics(inputs in proptest::collection::vec(input(), 0..48)) {
        run(call(alice_two_sdps(), 7, "a1"), inputs)?;
    }

    #[test]
    fn callee_taking_sdp_only_never_panics(inputs in proptest::collection::vec(input(), 0..48)) {
        let call = Call::new(
            RecordingProvider::new(sdp_only(bob_provider())),
            CallConfig::new(8).with_local_tag("b1"),
        );
        run(call, inputs)?;
    }
}

#[test]
fn call_and_standard_provider_are_send() {
    fn send<T: Send>() {}
    send::<Call<StandardMediaProvider>>();
    send::<StandardMediaProvider>();
}
