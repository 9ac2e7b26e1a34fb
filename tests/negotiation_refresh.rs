//! A re-offer repeating the `o=` version of the remote's current SDP is a
//! session refresh (RFC 3264 §8: "nothing changed"), answered with our
//! current SDP, only when that SDP, read as an answer to it, agrees the
//! session we have. After *we* offered, our SDP is an offer: a format the
//! remote's answer left out would, in an answer, be agreed again (RFC 3264
//! §6.1 lets an answer give an offered codec another payload type), so the
//! refresh gets a fresh answer listing only what the session has.

use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability, Negotiator};
use sdp_offer_answer::sdp::SessionDescription;

fn sdp(text: &str) -> SessionDescription {
    SessionDescription::parse(&text.replace('\n', "\r\n")).expect("valid SDP")
}

/// AMR-WB and two telephone-event formats (0-16 on 97, 0-15 on 98).
fn ours() -> Negotiator {
    let caps = LocalCapabilities::builder()
        .username("b")
        .ipv4("192.0.2.20".parse().unwrap())
        .media(
            MediaCapability::audio(20000)
                .codec(Codec::new("AMR-WB", 16000).payload_type(96))
                .codec(
                    Codec::new("telephone-event", 8000)
                        .fmtp("0-16")
                        .payload_type(97),
                )
                .codec(
                    Codec::new("telephone-event", 8000)
                        .fmtp("0-15")
                        .payload_type(98),
                ),
        )
        .build()
        .expect("valid capabilities");
    Negotiator::new(std::sync::Arc::new(caps), 2)
}

/// The remote's answer to our offer, and later its unchanged re-offer: one
/// telephone-event, PT 97.
const THEIRS: &str = "v=0
o=alice 1 1 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 10000 RTP/AVP 96 97
a=rtpmap:96 AMR-WB/16000
a=rtpmap:97 telephone-event/8000
a=fmtp:97 0-16
";

fn pt_list(sdp: &SessionDescription) -> Vec<String> {
    let m = sdp.media_descriptions().next().unwrap();
    m.media_line()
        .unwrap()
        .formats()
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_unchanged_reoffer_after_our_offer_with_more_formats_gets_a_fresh_answer() {
    let mut n = ours();
    let offer = n.create_offer().unwrap().clone();
    assert_eq!(pt_list(&offer), ["96", "97", "98"]);
    n.receive_answer(sdp(THEIRS)).unwrap();
    let reoffer = sdp(THEIRS);
    assert!(
        !n.is_refresh(&reoffer),
        "our offer lists 98, the session does not"
    );
    let answer = n.receive_offer(reoffer).unwrap().clone();
    // Only what was offered (RFC 3264 §6.1), and a new version of our SDP
    // (RFC 3264 §8: its text changed).
    assert_eq!(pt_list(&answer), ["96", "97"]);
    let version = |s: &SessionDescription| s.origin().unwrap().unwrap().session_version;
    assert_eq!(version(&answer), version(&offer) + 1);
    let session = n.confirm_answer().unwrap();
    let te: Vec<(u8, u8)> = session.streams[0]
        .codecs
        .iter()
        .filter(|c| c.encoding_name.eq_ignore_ascii_case("telephone-event"))
        .map(|c| (c.send_payload_type, c.recv_payload_type))
        .collect();
    assert_eq!(te, [(97, 97)]);
}

#[test]
fn an_unchanged_reoffer_after_our_offer_of_the_same_formats_is_a_refresh() {
    let mut n = ours();
    n.create_offer().unwrap();
    // The remote answers with all three formats: our offer agrees, as an
    // answer, exactly this session.
    let theirs = THEIRS.replace("96 97\n", "96 97 98\n")
        + "a=rtpmap:98 telephone-event/8000\na=fmtp:98 0-15\n";
    n.receive_answer(sdp(&theirs)).unwrap();
    let ours_before = n.local_description().unwrap().clone();
    assert!(n.is_refresh(&sdp(&theirs)));
    let answer = n.receive_offer(sdp(&theirs)).unwrap().clone();
    assert_eq!(
        answer, ours_before,
        "answered with our current SDP, unchanged"
    );
}

#[test]
fn an_unchanged_reoffer_after_our_answer_is_a_refresh() {
    let mut n = ours();
    let first = n.receive_offer(sdp(THEIRS)).unwrap().clone();
    n.confirm_answer().unwrap();
    assert!(n.is_refresh(&sdp(THEIRS)));
    assert_eq!(n.receive_offer(sdp(THEIRS)).unwrap(), &first);
}

/// The usual session-timer case (RFC 4028): we offered PCMU and PCMA, the
/// remote answered PCMU; its unchanged re-offer is a refresh, answered
/// with our SDP as it is (PCMA there is an answer's extra format, agreed
/// with nothing: RFC 3264 §6.1).
#[test]
fn a_session_timer_refresh_after_our_offer_is_a_refresh() {
    let caps = LocalCapabilities::builder()
        .username("b")
        .ipv4("192.0.2.20".parse().unwrap())
        .media(
            MediaCapability::audio(20000)
                .codec(Codec::pcmu())
                .codec(Codec::pcma()),
        )
        .build()
        .unwrap();
    let mut n = Negotiator::new(std::sync::Arc::new(caps), 2);
    let offer = n.create_offer().unwrap().clone();
    assert_eq!(pt_list(&offer), ["0", "8"]);
    let theirs = "v=0
o=alice 7 7 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 10000 RTP/AVP 0
";
    n.receive_answer(sdp(theirs)).unwrap();
    assert!(n.is_refresh(&sdp(theirs)));
    assert_eq!(n.receive_offer(sdp(theirs)).unwrap(), &offer);
}
