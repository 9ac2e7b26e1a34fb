//! ICE (RFC 8839, RFC 8445): per-session credentials from the key source,
//! restarts both ways (new `ice-ufrag`/`ice-pwd`, RFC 8445 §9), ICE
//! mismatch (RFC 8839 §4.4.1.1: `a=ice-mismatch`, no ICE for the stream),
//! and ICE lite both ways (RFC 8445 §2.5).

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, KeySource, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability,
    NegotiationError, Negotiator,
};
use sdp_offer_answer::sdp::SessionDescription;

fn counting() -> Arc<dyn KeySource> {
    let n = Arc::new(AtomicU8::new(1));
    Arc::new(move |out: &mut [u8]| {
        let d = n.fetch_add(1, Ordering::Relaxed);
        out.iter_mut()
            .enumerate()
            .for_each(|(i, b)| *b = d.wrapping_mul(17).wrapping_add(i as u8));
    })
}

fn builder() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .media(MediaCapability::video(4002).codec(Codec::h264()))
        .ice("fixedufrag", "fixed0ice0password0000000")
}

fn with_source() -> Negotiator {
    Negotiator::new(builder().key_source(counting()).build().unwrap(), 1)
}

/// An offer of audio and video with ICE credentials per m-line.
fn ice_offer(version: u64, audio: (&str, &str), video: (&str, &str)) -> SessionDescription {
    let a = [
        format!("a=ice-ufrag:{}", audio.0),
        format!("a=ice-pwd:{}", audio.1),
    ];
    let v = [
        format!("a=ice-ufrag:{}", video.0),
        format!("a=ice-pwd:{}", video.1),
    ];
    offer_v(
        version,
        &[
            "m=audio 20000 RTP/AVP 0",
            &a[0],
            &a[1],
            "a=candidate:1 1 udp 2130706431 192.0.2.1 20000 typ host",
            "m=video 20002 RTP/AVP 97",
            "a=rtpmap:97 H264/90000",
            "a=fmtp:97 packetization-mode=1",
            &v[0],
            &v[1],
            "a=candidate:1 1 udp 2130706431 192.0.2.1 20002 typ host",
        ],
    )
}

fn ours(sdp: &SessionDescription, i: usize) -> (String, String) {
    (
        attr_values(sdp, i, "ice-ufrag")[0].clone(),
        attr_values(sdp, i, "ice-pwd")[0].clone(),
    )
}

const A1: (&str, &str) = ("aud1", "audio0password0000000000");
const V1: (&str, &str) = ("vid1", "video0password0000000000");
const A2: (&str, &str) = ("aud2", "audio0password1111111111");

/// A re-offer with new audio credentials restarts ICE on audio: our answer
/// carries fresh audio credentials, and video keeps its own.
#[test]
fn a_restart_in_a_reoffer_is_answered_with_fresh_credentials() {
    let mut n = with_source();
    let a1 = n.receive_offer(ice_offer(1, A1, V1)).unwrap().clone();
    let s1 = n.confirm_answer().unwrap().clone();
    // The session's credentials, drawn: not the capabilities' fixed ones.
    assert_ne!(ours(&a1, 0).0, "fixedufrag");
    assert_eq!(ours(&a1, 0), ours(&a1, 1));
    assert_eq!(
        s1.streams[0].local_ice.as_ref().unwrap().ufrag,
        ours(&a1, 0).0
    );
    let a2 = n.receive_offer(ice_offer(2, A2, V1)).unwrap().clone();
    let s2 = n.confirm_answer().unwrap().clone();
    assert_ne!(ours(&a2, 0), ours(&a1, 0), "audio restarted");
    assert_eq!(ours(&a2, 1), ours(&a1, 1), "video not");
    assert!(s2.streams[0].ice_restart && !s2.streams[1].ice_restart);
    assert_eq!(s2.streams[0].ice.as_ref().unwrap().ufrag, "aud2");
    // An unchanged re-offer (new version) keeps everything.
    let a3 = n.receive_offer(ice_offer(3, A2, V1)).unwrap().clone();
    let s3 = n.confirm_answer().unwrap();
    assert_eq!((ours(&a3, 0), ours(&a3, 1)), (ours(&a2, 0), ours(&a2, 1)));
    assert!(!s3.streams[0].ice_restart);
}

/// Our restart: the next offer carries new credentials on every m-line,
/// and the one after keeps them.
#[test]
fn our_restart_puts_new_credentials_in_the_reoffer() {
    let mut n = with_source();
    let o1 = n.create_offer().unwrap().clone();
    n.receive_answer(ice_offer(1, A1, V1)).unwrap();
    n.restart_ice();
    let o2 = n.create_offer().unwrap().clone();
    assert_ne!(ours(&o2, 0), ours(&o1, 0));
    assert_ne!(ours(&o2, 1), ours(&o1, 1));
    let s = n.receive_answer(ice_offer(2, A2, V1)).unwrap();
    assert!(s.streams[0].ice_restart && s.streams[1].ice_restart);
    let o3 = n.create_offer().unwrap().clone();
    assert_eq!(ours(&o3, 0), ours(&o2, 0));
}

/// Without a key source, a restart cannot be answered: a typed error.
#[test]
fn a_restart_without_a_key_source_is_a_typed_error() {
    let mut n = Negotiator::new(builder().build().unwrap(), 1);
    let a1 = n.receive_offer(ice_offer(1, A1, V1)).unwrap().clone();
    assert_eq!(
        ours(&a1, 0),
        ("fixedufrag".into(), "fixed0ice0password0000000".into())
    );
    n.confirm_answer().unwrap();
    assert_eq!(
        n.receive_offer(ice_offer(2, A2, V1)),
        Err(NegotiationError::NoKeySource)
    );
    n.restart_ice();
    assert_eq!(n.create_offer().err(), Some(NegotiationError::NoKeySource));
}

/// RFC 8839 §4.4.1.1: the default destination (`c=` and `m=` port) not
/// among the candidates is an ICE mismatch: `a=ice-mismatch`, no ICE.
#[test]
fn an_ice_mismatch_is_answered_without_ice() {
    let mismatch = offer(&[
        "m=audio 20000 RTP/AVP 0",
        "a=ice-ufrag:aud1",
        "a=ice-pwd:audio0password0000000000",
        "a=candidate:1 1 udp 2130706431 203.0.113.9 31000 typ host",
    ]);
    let mut n = with_source();
    let a = n.receive_offer(mismatch).unwrap().clone();
    assert!(has_attr(&a, 0, "ice-mismatch"));
    assert!(attr_values(&a, 0, "ice-ufrag").is_empty());
    assert!(attr_values(&a, 0, "candidate").is_empty());
    let s = n.confirm_answer().unwrap();
    assert!(s.streams[0].ice_mismatch);
    assert_eq!(s.streams[0].ice, None);
    // The default among the candidates, or no candidates yet (trickle): ICE.
    for extra in [
        "a=candidate:1 1 udp 1 192.0.2.1 20000 typ host",
        "a=ice-options:trickle",
    ] {
        let fine = offer(&[
            "m=audio 20000 RTP/AVP 0",
            "a=ice-ufrag:aud1",
            "a=ice-pwd:audio0password0000000000",
            extra,
        ]);
        let mut n = with_source();
        let a = n.receive_offer(fine).unwrap().clone();
        assert!(!has_attr(&a, 0, "ice-mismatch"), "{extra}");
        assert_eq!(attr_values(&a, 0, "ice-ufrag").len(), 1);
    }
}

/// ICE lite both ways: ours is announced at session level; the remote's is
/// reported (we are then the controlling agent, RFC 8445 §6.1.1).
#[test]
fn ice_lite_both_ways() {
    let caps = builder()
        .ice_lite(true)
        .key_source(counting())
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, 1);
    let lite_offer = sdp(&[
        "v=0",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "c=IN IP4 192.0.2.1",
        "t=0 0",
        "a=ice-lite",
        "a=ice-ufrag:aud1",
        "a=ice-pwd:audio0password0000000000",
        "m=audio 20000 RTP/AVP 0",
    ]);
    let a = n.receive_offer(lite_offer).unwrap().clone();
    assert_eq!(session_attr_values(&a, "ice-lite"), [""]);
    let s = n.confirm_answer().unwrap();
    assert!(s.streams[0].ice.as_ref().unwrap().lite);
}
