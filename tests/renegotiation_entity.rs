//! The Renegotiation entity: state transitions and misuse errors.

use sdp_offer_answer::renegotiation::{
    ReNegotiationDeclineReason, Renegotiation, RenegotiationDirection, RenegotiationError,
    RenegotiationState, UnknownRenegotiationDirection,
};

const OFFER: &[u8] = b"v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
const ANSWER: &[u8] = b"v=0\r\no=- 7 8 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\n";

#[test]
fn incoming_answered() {
    let mut r = Renegotiation::incoming("op-1", OFFER);
    assert_eq!(r.operation_id(), "op-1");
    assert_eq!(r.direction(), RenegotiationDirection::Incoming);
    assert_eq!(r.media_offer(), OFFER);
    assert_eq!(r.media_answer(), None);
    assert!(r.is_pending());
    r.answer(ANSWER).unwrap();
    assert_eq!(r.state(), RenegotiationState::Answered);
    assert_eq!(r.media_answer(), Some(ANSWER));
    assert!(!r.is_pending());
    assert_eq!(
        r.answer(OFFER),
        Err(RenegotiationError::NotPending {
            state: RenegotiationState::Answered
        })
    );
    assert_eq!(
        r.dismiss(ReNegotiationDeclineReason::Conflict),
        Err(RenegotiationError::NotPending {
            state: RenegotiationState::Answered
        })
    );
    assert_eq!(
        r.media_answer(),
        Some(ANSWER),
        "unchanged by the refused calls"
    );
}

#[test]
fn incoming_dismissed() {
    let mut r = Renegotiation::incoming("op-2", OFFER);
    r.dismiss(ReNegotiationDeclineReason::InsufficientBandwidth)
        .unwrap();
    let dismissed =
        RenegotiationState::Dismissed(ReNegotiationDeclineReason::InsufficientBandwidth);
    assert_eq!(r.state(), dismissed);
    assert_eq!(
        r.answer(ANSWER),
        Err(RenegotiationError::NotPending { state: dismissed })
    );
    assert_eq!(
        r.fail(),
        Err(RenegotiationError::NotPending { state: dismissed })
    );
    assert_eq!(r.media_answer(), None);
}

#[test]
fn outgoing_cannot_be_dismissed_but_answered_or_failed() {
    let mut r = Renegotiation::outgoing("op-3", OFFER.to_vec());
    assert_eq!(r.direction(), RenegotiationDirection::Outgoing);
    assert_eq!(
        r.dismiss(ReNegotiationDeclineReason::Unknown),
        Err(RenegotiationError::NotIncoming)
    );
    assert!(r.is_pending());
    r.answer(ANSWER.to_vec()).unwrap();
    assert_eq!(r.state(), RenegotiationState::Answered);

    let mut r = Renegotiation::new("op-4", RenegotiationDirection::Outgoing, OFFER);
    r.fail().unwrap();
    assert_eq!(r.state(), RenegotiationState::Failed);
    assert!(!r.state().is_pending());
}

#[test]
fn direction_spelling() {
    assert_eq!(RenegotiationDirection::Incoming.to_string(), "Incoming");
    assert_eq!(RenegotiationDirection::Outgoing.as_str(), "Outgoing");
    assert_eq!("Incoming".parse(), Ok(RenegotiationDirection::Incoming));
    assert_eq!("outgoing".parse(), Ok(RenegotiationDirection::Outgoing));
    assert_eq!(
        "Sideways".parse::<RenegotiationDirection>(),
        Err(UnknownRenegotiationDirection("Sideways".into()))
    );
}
