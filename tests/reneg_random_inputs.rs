//! Property: an established Call (either role, either renegotiation mode)
//! fed any sequence of in-dialog requests and responses (re-INVITE, UPDATE,
//! ACK, CANCEL, BYE, PRACK; any status to INVITE or UPDATE; To-tags right,
//! wrong or missing; bodies from valid offers and answers to garbage),
//! timeouts, and renegotiation intents (begin, hold, resume, answer with
//! the provider or with an SDP, dismiss with any reason, for the pending
//! operation id or a made-up one) never panics, keeps its queues bounded,
//! has at most one renegotiation per direction, starts and completes each
//! operation at most once, and sends at most 1 + MAX_GLARE_RETRIES
//! requests per operation of ours. 512 cases per role.

mod call_harness;
mod reneg_harness;

use std::collections::HashMap;
use std::time::Duration;

use call_harness::*;
use proptest::prelude::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallEvent, MAX_GLARE_RETRIES, MAX_QUEUED_EVENTS, MAX_QUEUED_TRANSMITS, Method,
    RenegotiationAnswer, RenegotiationMode, SipHeaders, SipRequest, SipResponse, SipWarning,
    Transmit,
};
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason, RenegotiationDirection};
use sdp_offer_answer::testing::Side;

#[derive(Debug, Clone)]
enum Input {
    Request {
        method: u8,
        body: u8,
        tag: u8,
    },
    Response {
        status: u16,
        update: bool,
        body: u8,
        tag: u8,
        warning: bool,
    },
    Timeout(u32),
    Begin(u8),
    Answer {
        sdp: Option<u8>,
        bogus: bool,
    },
    Dismiss {
        reason: u8,
        bogus: bool,
    },
    Poll,
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        4 => (0u8..6, 0u8..8, 0u8..4).prop_map(|(method, body, tag)| Input::Request { method, body, tag }),
        4 => (
            prop_oneof![Just(100u16), Just(180), Just(200), Just(408), Just(481), Just(488), Just(491), Just(500), 100u16..700],
            any::<bool>(), 0u8..8, 0u8..4, any::<bool>(),
        ).prop_map(|(status, update, body, tag, warning)| Input::Response { status, update, body, tag, warning }),
        2 => prop_oneof![0u32..3000, 3000u32..40_000].prop_map(Input::Timeout),
        3 => (0u8..3).prop_map(Input::Begin),
        2 => (proptest::option::of(0u8..8), any::<bool>()).prop_map(|(sdp, bogus)| Input::Answer { sdp, bogus }),
        1 => (0u8..8, any::<bool>()).prop_map(|(reason, bogus)| Input::Dismiss { reason, bogus }),
        3 => Just(Input::Poll),
    ]
}

fn run(side: Side, mode: RenegotiationMode, inputs: Vec<Input>) -> Result<(), TestCaseError> {
    let p = established_with(alice_provider(), bob_provider(), mode);
    let (alice_sdp, bob_sdp) = session_bytes(&p.a);
    let bodies: Vec<Vec<u8>> = vec![
        Vec::new(),
        bump_version(&bob_sdp).into_bytes(),
        bump_version(&bob_sdp)
            .replace("a=sendrecv", "a=sendonly")
            .into_bytes(),
        bob_sdp.clone().into_bytes(),
        alice_sdp.clone().into_bytes(),
        OFFER_A.to_vec(),
        b"v=0\r\nm=audio x\r\n".to_vec(),
        b"garbage \xff\xfe".to_vec(),
    ];
    let (mut call, remote_tag, our_tag) = match side {
        Side::A => (p.a, "b1", "a1"),
        Side::B => (p.b, "a1", "b1"),
    };
    let tag = |i: u8| match i % 4 {
        0 => None,
        1 => Some(remote_tag.to_owned()),
        2 => Some(our_tag.to_owned()),
        _ => Some("zz".to_owned()),
    };
    let mut now = p.now;
    let mut started: HashMap<String, bool> = HashMap::new();
    let mut requests = 0usize;
    let mut outgoing_started = 0usize;
    let mut inputs = inputs;
    inputs.push(Input::Poll);
    for input in inputs {
        let _ = match input {
            Input::Request {
                method,
                body,
                tag: t,
            } => {
                let method = [
                    Method::Invite,
                    Method::Update,
                    Method::Ack,
                    Method::Cancel,
                    Method::Bye,
                    Method::Prack,
                ][usize::from(method % 6)]
                .clone();
                let body = bodies[usize::from(body) % bodies.len()].clone();
                let mut request = SipRequest::new(method);
                if !body.is_empty() {
                    request = request.with_body("application/sdp", body);
                }
                request.headers.to_tag = tag(t);
                call.handle_request(request, now)
            }
            Input::Response {
                status,
                update,
                body,
                tag: t,
                warning,
            } => {
                let method = if update {
                    Method::Update
                } else {
                    Method::Invite
                };
                let body = bodies[usize::from(body) % bodies.len()].clone();
                let mut response = SipResponse::new(status, method).with_headers(SipHeaders {
                    to_tag: tag(t),
                    warning: warning.then(|| SipWarning::standard(370, None)),
                    ..SipHeaders::default()
                });
                if !body.is_empty() {
                    response = response.with_body("application/sdp", body);
                }
                call.handle_response(response, now)
            }
            Input::Timeout(ms) => {
                now += Duration::from_millis(u64::from(ms));
                call.handle_timeout(now)
            }
            Input::Begin(kind) => match kind {
                0 => call.begin_renegotiation(now).map(|_| ()),
                1 => call.hold(now).map(|_| ()),
                _ => call.resume(now).map(|_| ()),
            },
            Input::Answer { sdp, bogus } => {
                let id = match (bogus, call.incoming_renegotiation()) {
                    (false, Some(r)) => r.operation_id().to_owned(),
                    _ => "bogus".to_owned(),
                };
                let answer = match sdp {
                    Some(i) => {
                        RenegotiationAnswer::Sdp(bodies[usize::from(i) % bodies.len()].clone())
                    }
                    None => RenegotiationAnswer::Provider,
                };
                call.answer_renegotiation(&id, answer, now)
            }
            Input::Dismiss { reason, bogus } => {
                let id = match (bogus, call.incoming_renegotiation()) {
                    (false, Some(r)) => r.operation_id().to_owned(),
                    _ => "bogus".to_owned(),
                };
                let reason = ReNegotiationDeclineReason::ALL[usize::from(reason % 8)];
                call.dismiss_renegotiation(&id, reason, now)
            }
            Input::Poll => {
                while let Some(t) = call.poll_transmit() {
                    if let Transmit::Request(r) = &t
                        && matches!(r.method, Method::Invite | Method::Update)
                    {
                        requests += 1;
                    }
                }
                while let Some(e) = call.poll_event() {
                    match e {
                        CallEvent::RenegotiationStarted { renegotiation } => {
                            if renegotiation.direction() == RenegotiationDirection::Outgoing {
                                outgoing_started += 1;
                            }
                            let fresh = started
                                .insert(renegotiation.operation_id().to_owned(), false)
                                .is_none();
                            prop_assert!(fresh, "started twice");
                        }
                        CallEvent::RenegotiationCompleted { renegotiation, .. } => {
                            let id = renegotiation.operation_id().to_owned();
                            let before = started.insert(id, true);
                            prop_assert!(before != Some(true), "completed twice");
                            if renegotiation.direction() == RenegotiationDirection::Incoming {
                                prop_assert!(before.is_some(), "incoming completed, never started");
                            }
                        }
                        _ => {}
                    }
                }
                Ok(())
            }
        };
        prop_assert!(call.queued_transmits() <= MAX_QUEUED_TRANSMITS);
        prop_assert!(call.queued_events() <= MAX_QUEUED_EVENTS);
        if let (Some(i), Some(o)) = (call.incoming_renegotiation(), call.outgoing_renegotiation()) {
            prop_assert_ne!(i.operation_id(), o.operation_id());
        }
        if let Some(deadline) = call.poll_timeout() {
            prop_assert!(deadline >= p.now);
        }
    }
    // Each operation of ours sends its offer at most 1 + MAX_GLARE_RETRIES times.
    prop_assert!(
        requests <= outgoing_started * (1 + usize::from(MAX_GLARE_RETRIES)),
        "{requests} requests for {outgoing_started} operations"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_caller_never_panics(manual in any::<bool>(), inputs in proptest::collection::vec(input(), 0..48)) {
        let mode = if manual { RenegotiationMode::Manual } else { RenegotiationMode::Automatic };
        run(Side::A, mode, inputs)?;
    }

    #[test]
    fn the_callee_never_panics(manual in any::<bool>(), inputs in proptest::collection::vec(input(), 0..48)) {
        let mode = if manual { RenegotiationMode::Manual } else { RenegotiationMode::Automatic };
        run(Side::B, mode, inputs)?;
    }
}
