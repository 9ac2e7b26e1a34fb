//! Re-offers (RFC 3264 §8): the `o=` session id stays and the version goes
//! up by exactly one when the SDP changes and stays otherwise; m-lines are
//! never removed (a removed stream is port 0, §8.2); a new stream reuses a
//! port-0 slot or is appended (§8.1); negotiated codecs keep their PT
//! (§8.3.2); ports and mids stay.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability, NegotiationError,
    Negotiator, StreamState,
};
use sdp_offer_answer::sdp::{MediaType, SessionDescription};

fn builder() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::opus().payload_type(111))
                .codec(Codec::pcmu()),
        )
        .media(MediaCapability::video(5000).codec(Codec::vp8().payload_type(96)))
}

fn negotiator() -> Negotiator {
    Negotiator::new(builder().build().unwrap(), 777)
}

/// The remote's answer to our offer `o`: same m-lines, port 30000 + 2i (or
/// 0 where `rejected` says), the offered formats.
fn answer_for(o: &SessionDescription, version: u64, rejected: &[usize]) -> SessionDescription {
    let mut lines = vec![
        "v=0".to_owned(),
        format!("o=remote 9 {version} IN IP4 192.0.2.1"),
        "s=-".to_owned(),
        "c=IN IP4 192.0.2.1".to_owned(),
        "t=0 0".to_owned(),
    ];
    for (i, m) in mlines(o).iter().enumerate() {
        let port = if m.port == 0 || rejected.contains(&i) {
            0
        } else {
            30000 + 2 * i
        };
        lines.push(format!(
            "m={} {port} {} {}",
            m.media,
            m.proto,
            m.formats.join(" ")
        ));
        for (pt, map) in &m.rtpmaps {
            lines.push(format!("a=rtpmap:{pt} {map}"));
        }
        lines.push(format!("a={}", m.direction.reversed().attribute_name()));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    sdp(&refs)
}

/// An established session where we offered audio and video and the remote took both.
fn established() -> (Negotiator, SessionDescription) {
    let mut n = negotiator();
    let o = n.create_offer().unwrap().clone();
    n.receive_answer(answer_for(&o, 1, &[])).unwrap();
    (n, o)
}

/// Nothing changed: the re-offer is our last SDP, same version (§8).
#[test]
fn unchanged_reoffer_keeps_the_version() {
    let (mut n, first) = established();
    let again = n.create_offer().unwrap().clone();
    assert_eq!(again, first);
    assert_eq!(version(&again), 1);
    n.receive_answer(answer_for(&again, 2, &[])).unwrap();
    assert_eq!(n.create_offer().unwrap(), &first);
}

/// A change (hold) gives version + 1, and the session id stays.
#[test]
fn changed_reoffer_is_version_plus_one() {
    let (mut n, first) = established();
    n.hold();
    let o = n.create_offer().unwrap().clone();
    assert_eq!(version(&o), 2);
    assert_eq!(session_id(&o), "777");
    assert_eq!(session_id(&first), "777");
    // Only the version differs in o=.
    let (a, b) = (
        first.origin().unwrap().unwrap(),
        o.origin().unwrap().unwrap(),
    );
    assert!(a.same_session(&b));
    n.receive_answer(answer_for(&o, 2, &[])).unwrap();
    n.resume();
    assert_eq!(version(n.create_offer().unwrap()), 3);
}

/// `remove_stream` disables the m-line with port 0 (§8.2); later offers
/// keep it at port 0; the m-line count never shrinks.
#[test]
fn removed_stream_stays_as_port_0() {
    let (mut n, _) = established();
    n.remove_stream(1).unwrap();
    let o = n.create_offer().unwrap().clone();
    let m = mlines(&o);
    assert_eq!(m.len(), 2);
    assert_eq!((m[0].port, m[1].port), (4000, 0));
    assert_eq!((m[1].media.as_str(), m[1].formats()), ("video", vec!["96"]));
    assert_eq!(version(&o), 2);
    let s = n.receive_answer(answer_for(&o, 2, &[])).unwrap();
    assert_eq!(s.streams[1].state, StreamState::Disabled);
    let o = n.create_offer().unwrap().clone();
    assert_eq!(
        mlines(&o).iter().map(|m| m.port).collect::<Vec<_>>(),
        [4000, 0]
    );
    assert_eq!(version(&o), 2);
    assert_eq!(n.remove_stream(2), Err(NegotiationError::NoSuchStream(2)));
}

/// A new stream reuses a port-0 slot (§8.1) with a new port and PTs.
#[test]
fn added_stream_reuses_a_port_0_slot() {
    let (mut n, _) = established();
    n.remove_stream(1).unwrap();
    let o = n.create_offer().unwrap().clone();
    n.receive_answer(answer_for(&o, 2, &[])).unwrap();
    n.add_stream(MediaType::Audio).unwrap();
    let o = n.create_offer().unwrap().clone();
    let m = mlines(&o);
    assert_eq!(m.len(), 2);
    assert_eq!((m[1].media.as_str(), m[1].port), ("audio", 4002));
    assert_eq!(m[1].formats(), ["111", "0"]);
    assert_eq!(version(&o), 3);
    let s = n.receive_answer(answer_for(&o, 3, &[])).unwrap();
    assert_eq!(s.streams[1].media, MediaType::Audio);
    assert!(s.streams[1].is_active());
}

/// A new stream is appended when there is no free slot.
#[test]
fn added_stream_is_appended_without_free_slot() {
    let (mut n, _) = established();
    n.add_stream(MediaType::Video).unwrap();
    let o = n.create_offer().unwrap().clone();
    let m = mlines(&o);
    assert_eq!(
        m.iter()
            .map(|l| (l.media.as_str(), l.port))
            .collect::<Vec<_>>(),
        [("audio", 4000), ("video", 5000), ("video", 5002)]
    );
    assert_eq!(version(&o), 2);
    assert_eq!(
        n.add_stream(MediaType::Image),
        Err(NegotiationError::NoCapability(MediaType::Image))
    );
}

/// Re-adding a stream the remote rejected: the re-offer reads as our first
/// offer, but it changes the session, so its version goes up (§8); with the
/// same version a peer would change nothing (as our own negotiator does).
#[test]
fn readding_a_stream_rejected_by_the_remote_bumps_the_version() {
    let mut n = negotiator();
    let first = n.create_offer().unwrap().clone();
    let s = n.receive_answer(answer_for(&first, 1, &[1])).unwrap();
    assert_eq!(s.streams[1].state, StreamState::RejectedByRemote);
    // Without a change request the rejected stream is offered at port 0.
    let o = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&o)[1].port, 0);
    n.rollback();
    n.add_stream(MediaType::Video).unwrap();
    let o = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&o)[1].port, 5000);
    assert_eq!(without_origin(&o), without_origin(&first));
    assert_eq!(version(&o), 3, "the rolled-back offer had version 2");
    let s = n.receive_answer(answer_for(&o, 2, &[])).unwrap();
    assert!(s.streams[1].is_active());
}

/// A codec the session negotiated keeps its PT in our re-offers even when
/// it is not our preferred number (§8.3.2), and other codecs avoid the
/// numbers the remote uses.
#[test]
fn negotiated_payload_types_kept_in_reoffer() {
    let mut n = negotiator();
    n.receive_offer(offer(&[
        "m=audio 20000 RTP/AVP 100 111",
        "a=rtpmap:100 opus/48000/2",
        "a=rtpmap:111 iLBC/8000",
    ]))
    .unwrap();
    n.confirm_answer().unwrap();
    let o = n.create_offer().unwrap().clone();
    let m = mlines(&o);
    assert_eq!(m[0].formats(), ["100", "0"]);
    assert_eq!(m[0].codecs(), ["opus/48000/2", "PCMU/8000"]);
    // Our answer's port is kept.
    assert_eq!(m[0].port, 4000);
    assert_eq!(version(&o), 2);
}

/// Answering a changed re-offer keeps our port for the stream.
#[test]
fn answer_to_reoffer_keeps_our_ports() {
    let mut n = Negotiator::new(builder().build().unwrap(), 1);
    n.receive_offer(offer(&[
        "m=audio 20000 RTP/AVP 0",
        "m=audio 20002 RTP/AVP 0",
    ]))
    .unwrap();
    n.confirm_answer().unwrap();
    let a = n
        .receive_offer(offer_v(
            2,
            &[
                "m=audio 0 RTP/AVP 0",
                "m=audio 20002 RTP/AVP 0",
                "m=audio 20004 RTP/AVP 0",
            ],
        ))
        .unwrap()
        .clone();
    assert_eq!(
        mlines(&a).iter().map(|m| m.port).collect::<Vec<_>>(),
        [0, 4002, 4000]
    );
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams.iter().map(|s| s.local_port).collect::<Vec<_>>(),
        [0, 4002, 4000]
    );
}

/// Our re-offer reusing a port-0 slot before kept streams of the same kind
/// gives the new stream a port none of them uses.
#[test]
fn reused_slot_does_not_take_a_kept_port() {
    let mut n = negotiator();
    n.receive_offer(offer(&[
        "m=video 30000 RTP/AVP 96",
        "a=rtpmap:96 VP8/90000",
        "m=audio 20000 RTP/AVP 0",
        "m=audio 20002 RTP/AVP 0",
    ]))
    .unwrap();
    n.confirm_answer().unwrap();
    n.receive_offer(offer_v(
        2,
        &[
            "m=video 0 RTP/AVP 96",
            "m=audio 20000 RTP/AVP 0",
            "m=audio 20002 RTP/AVP 0",
        ],
    ))
    .unwrap();
    n.confirm_answer().unwrap();
    n.add_stream(MediaType::Audio).unwrap();
    let o = n.create_offer().unwrap();
    assert_eq!(
        mlines(o)
            .iter()
            .map(|m| (m.media.as_str(), m.port))
            .collect::<Vec<_>>(),
        [("audio", 4004), ("audio", 4000), ("audio", 4002)]
    );
}

/// Our mids stay across re-offers, and a stream added in a reused slot
/// gets a fresh mid (RFC 9143 §7.5.3 via RFC 8843).
#[test]
fn mids_kept_and_fresh_for_a_new_stream() {
    let mut n = Negotiator::new(builder().bundle(true).build().unwrap(), 1);
    let o = n.create_offer().unwrap().clone();
    assert_eq!(session_attr_values(&o, "group"), ["BUNDLE 0 1"]);
    n.receive_answer(answer_for(&o, 1, &[])).unwrap();
    n.remove_stream(1).unwrap();
    let o = n.create_offer().unwrap().clone();
    assert_eq!(attr_values(&o, 0, "mid"), ["0"]);
    assert_eq!(attr_values(&o, 1, "mid"), ["1"]);
    assert_eq!(session_attr_values(&o, "group"), ["BUNDLE 0"]);
    n.receive_answer(answer_for(&o, 2, &[])).unwrap();
    n.add_stream(MediaType::Video).unwrap();
    let o = n.create_offer().unwrap().clone();
    assert_eq!(attr_values(&o, 1, "mid"), ["2"]);
    assert_eq!(session_attr_values(&o, "group"), ["BUNDLE 0 2"]);
}

/// Glare (RFC 3261 §14.1, `manual::glare`): our add/remove are for *our*
/// next offer; when the remote's offer wins and is answered first, they
/// still go into our retried offer.
#[test]
fn pending_changes_survive_an_answered_remote_offer() {
    let (mut n, _) = established();
    n.add_stream(MediaType::Audio).unwrap();
    n.remove_stream(1).unwrap();
    let ours = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&ours).len(), 3);
    // Glare: both offered; ours is withdrawn and the remote's answered.
    n.rollback();
    n.receive_offer(offer_v(
        2,
        &[
            "m=audio 30000 RTP/AVP 0",
            "m=video 30002 RTP/AVP 96",
            "a=rtpmap:96 VP8/90000",
        ],
    ))
    .unwrap();
    n.confirm_answer().unwrap();
    let retry = n.create_offer().unwrap().clone();
    let m = mlines(&retry);
    assert_eq!(
        m.iter()
            .map(|l| (l.media.as_str(), l.port))
            .collect::<Vec<_>>(),
        [("audio", 4000), ("video", 0), ("audio", 4002)]
    );
    n.receive_answer(answer_for(&retry, 3, &[])).unwrap();
    // Completed: the next offer carries no change.
    let again = n.create_offer().unwrap().clone();
    assert_eq!(again, retry);
}
