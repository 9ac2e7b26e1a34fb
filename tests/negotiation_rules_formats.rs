//! RFC 3264 §6.1 format rules (`manual::negotiation_rules`): only offered formats are
//! answered; static PTs match by number, dynamic ones by encoding name
//! (case-insensitive), clock rate and channels; then the fmtp rules of
//! codecs whose fmtp changes meaning (H.264 packetization-mode and
//! profile-level-id, AMR/AMR-WB octet-align, telephone-event events); the
//! offerer's PT numbers are kept; telephone-event is answered once per
//! clock rate of a chosen codec; `AnswerCodecs::First` and `CodecOrder::Local`.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    AnswerCodecs, Codec, CodecOrder, Leniency, LocalCapabilities, LocalCapabilitiesBuilder,
    MediaCapability, NegotiatedSession, NegotiationError, Negotiator, RejectReason,
};
use sdp_offer_answer::sdp::SessionDescription;

fn caps(media: MediaCapability) -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(media)
}

/// Answers `offer` with `caps`; returns the answer and the agreed session.
fn answer(
    caps: LocalCapabilitiesBuilder,
    offer: SessionDescription,
) -> (SessionDescription, NegotiatedSession) {
    let mut n = Negotiator::new(caps.build().unwrap(), 1);
    let a = n.receive_offer(offer).unwrap().clone();
    (a, n.confirm_answer().unwrap().clone())
}

fn refusal(caps: LocalCapabilitiesBuilder, offer: SessionDescription) -> RejectReason {
    let mut n = Negotiator::new(caps.build().unwrap(), 1);
    match n.receive_offer(offer) {
        Err(NegotiationError::NotAcceptable(r)) => r.reason,
        other => panic!("{other:?}"),
    }
}

fn g711() -> MediaCapability {
    MediaCapability::audio(4000)
        .codec(Codec::pcmu())
        .codec(Codec::pcma())
}

/// RFC 3551 static PTs are matched by number, with or without rtpmap.
#[test]
fn static_payload_type_matched_by_number() {
    let (a, s) = answer(caps(g711()), offer(&["m=audio 20000 RTP/AVP 18 8 3"]));
    assert_eq!(mlines(&a)[0].formats(), ["8"]);
    assert_eq!(mlines(&a)[0].codecs(), ["PCMA/8000"]);
    assert_eq!(agreed(&s.streams[0]), [("PCMA".into(), 8000, 8, 8)]);
}

/// Dynamic PTs are matched by name, clock rate and channels; names compare
/// case-insensitively (RFC 4855 §3) and the answer keeps the offer's spelling.
/// (Strict: the default leniency takes `opus/48000` as opus, see
/// `negotiation_leniency.rs`.)
#[test]
fn dynamic_payload_type_matched_by_name_clock_channels() {
    let opus = || {
        caps(MediaCapability::audio(4000).codec(Codec::opus().payload_type(111)))
            .leniency(Leniency::STRICT)
    };
    let (a, s) = answer(
        opus(),
        offer(&[
            "m=audio 20000 RTP/AVP 100 101 102 103",
            "a=rtpmap:100 opus/48000",
            "a=rtpmap:101 opus/16000/2",
            "a=rtpmap:102 OPUS/48000/2",
            "a=rtpmap:103 opus/48000/2",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["102", "103"]);
    assert_eq!(mlines(&a)[0].codecs(), ["OPUS/48000/2", "opus/48000/2"]);
    let c = s.streams[0].codec().unwrap();
    assert_eq!(
        (&*c.encoding_name, c.clock_rate, c.channels),
        ("OPUS", 48000, 2)
    );
    // Neither the mono nor the 16 kHz opus is ours.
    assert_eq!(
        refusal(
            opus(),
            offer(&[
                "m=audio 20000 RTP/AVP 100 101",
                "a=rtpmap:100 opus/48000",
                "a=rtpmap:101 opus/16000/2",
            ])
        ),
        RejectReason::NoCommonFormat
    );
}

/// A lower-case static name in an rtpmap still names the static codec.
#[test]
fn encoding_names_compare_case_insensitively() {
    let (a, _) = answer(
        caps(g711()),
        offer(&["m=audio 20000 RTP/AVP 0", "a=rtpmap:0 pcmu/8000"]),
    );
    assert_eq!(mlines(&a)[0].codecs(), ["pcmu/8000"]);
}

/// The offerer's PT numbers are kept even when we prefer another (RFC 3264 §6.1).
#[test]
fn offerer_payload_types_kept() {
    let (a, s) = answer(
        caps(MediaCapability::audio(4000).codec(Codec::opus().payload_type(111))),
        offer(&["m=audio 20000 RTP/AVP 120", "a=rtpmap:120 opus/48000/2"]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["120"]);
    assert_eq!(agreed(&s.streams[0]), [("opus".into(), 48000, 120, 120)]);
}

/// Only offered formats are answered: codecs we have but the offer does not
/// list never appear (RFC 3264 §6.1).
#[test]
fn only_offered_formats_answered() {
    let (a, _) = answer(
        caps(
            MediaCapability::audio(4000)
                .codec(Codec::g722())
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .telephone_event(8000),
        ),
        offer(&["m=audio 20000 RTP/AVP 8"]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["8"]);
    assert_eq!(attr_values(&a, 0, "rtpmap"), ["8 PCMA/8000"]);
    assert!(attr_values(&a, 0, "fmtp").is_empty());
}

fn h264_caps() -> LocalCapabilitiesBuilder {
    caps(MediaCapability::video(5000).codec(Codec::h264()))
}

fn h264_offer(fmtp: &str) -> SessionDescription {
    let f = format!("a=fmtp:97 {fmtp}");
    offer(&["m=video 30000 RTP/AVP 97", "a=rtpmap:97 H264/90000", &f])
}

/// H.264 packetization-mode must be equal (RFC 6184 §8.2.2): our mode 1
/// does not answer a mode 0 offer (no fmtp = mode 0).
#[test]
fn h264_packetization_mode_must_match() {
    assert_eq!(
        refusal(
            h264_caps(),
            h264_offer("profile-level-id=42e01f;packetization-mode=0")
        ),
        RejectReason::NoCommonFormat
    );
    assert_eq!(
        refusal(
            h264_caps(),
            offer(&["m=video 30000 RTP/AVP 97", "a=rtpmap:97 H264/90000"])
        ),
        RejectReason::NoCommonFormat
    );
    let (a, _) = answer(
        h264_caps(),
        offer(&[
            "m=video 30000 RTP/AVP 96 97",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 profile-level-id=42e01f;packetization-mode=0",
            "a=rtpmap:97 H264/90000",
            "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["97"]);
}

/// H.264 profile-level-id names the profile (Main is not Constrained
/// Baseline); the answer's level is the lower of both (RFC 6184 §8.2.2).
#[test]
fn h264_profile_must_match_and_level_is_the_lower() {
    assert_eq!(
        refusal(
            h264_caps(),
            h264_offer("profile-level-id=4d001f;packetization-mode=1")
        ),
        RejectReason::NoCommonFormat
    );
    let (a, s) = answer(
        h264_caps(),
        h264_offer("profile-level-id=42e00d;packetization-mode=1"),
    );
    assert_eq!(
        attr_values(&a, 0, "fmtp"),
        ["97 profile-level-id=42e00d;packetization-mode=1"]
    );
    assert_eq!(
        s.streams[0].codec().unwrap().recv_fmtp.as_deref(),
        Some("profile-level-id=42e00d;packetization-mode=1")
    );
    let (a, _) = answer(
        h264_caps(),
        h264_offer("profile-level-id=42e028;packetization-mode=1"),
    );
    assert_eq!(
        attr_values(&a, 0, "fmtp"),
        ["97 profile-level-id=42e01f;packetization-mode=1"]
    );
}

fn amr_wb_caps(fmtp: Option<&str>) -> LocalCapabilitiesBuilder {
    let mut c = Codec::new("AMR-WB", 16000);
    if let Some(f) = fmtp {
        c = c.fmtp(f);
    }
    caps(MediaCapability::audio(4000).codec(c))
}

/// AMR-WB octet-align must be equal (RFC 4867 §8.3.1); absent means 0.
#[test]
fn amr_wb_octet_align_must_match() {
    let offer_with = |fmtp: Option<&str>| {
        let mut lines = vec!["m=audio 20000 RTP/AVP 96", "a=rtpmap:96 AMR-WB/16000"];
        let f = fmtp.map(|f| format!("a=fmtp:96 {f}"));
        if let Some(f) = &f {
            lines.push(f);
        }
        offer(&lines)
    };
    assert_eq!(
        refusal(amr_wb_caps(Some("octet-align=1")), offer_with(None)),
        RejectReason::NoCommonFormat
    );
    assert_eq!(
        refusal(amr_wb_caps(None), offer_with(Some("octet-align=1"))),
        RejectReason::NoCommonFormat
    );
    let (a, _) = answer(
        amr_wb_caps(Some("octet-align=1")),
        offer_with(Some("mode-change-capability=2;octet-align=1")),
    );
    assert_eq!(attr_values(&a, 0, "fmtp"), ["96 octet-align=1"]);
    let (a, _) = answer(amr_wb_caps(None), offer_with(Some("octet-align=0")));
    assert_eq!(mlines(&a)[0].formats(), ["96"]);
}

fn voice_and_events() -> LocalCapabilitiesBuilder {
    caps(
        MediaCapability::audio(4000)
            .codec(Codec::opus().payload_type(111))
            .codec(Codec::pcmu())
            .telephone_event(48000)
            .telephone_event(8000),
    )
}

/// telephone-event is answered once per clock rate of a chosen codec: the
/// 8 kHz one with PCMU, not the 48 kHz one without opus, not a second 8 kHz.
#[test]
fn telephone_event_once_per_chosen_clock_rate() {
    let (a, s) = answer(
        voice_and_events(),
        offer(&[
            "m=audio 20000 RTP/AVP 0 101 102 103",
            "a=rtpmap:101 telephone-event/8000",
            "a=rtpmap:102 telephone-event/48000",
            "a=rtpmap:103 telephone-event/8000",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["0", "101"]);
    assert_eq!(
        s.streams[0].telephone_event().map(|t| t.send_payload_type),
        Some(101)
    );
    // With opus and PCMU both chosen, both clock rates get theirs.
    let (a, _) = answer(
        voice_and_events(),
        offer(&[
            "m=audio 20000 RTP/AVP 111 0 101 102",
            "a=rtpmap:111 opus/48000/2",
            "a=rtpmap:101 telephone-event/8000",
            "a=rtpmap:102 telephone-event/48000",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["111", "0", "101", "102"]);
}

/// The answered event list is the intersection of both (RFC 4733 §2.5.1.3);
/// no common event means no telephone-event, the voice codec still stands.
#[test]
fn telephone_event_ranges_intersect() {
    let te = |ours: &str| {
        caps(
            MediaCapability::audio(4000)
                .codec(Codec::pcmu())
                .codec(Codec::new("telephone-event", 8000).fmtp(ours)),
        )
    };
    let offered = |events: &str| {
        let f = format!("a=fmtp:101 {events}");
        offer(&[
            "m=audio 20000 RTP/AVP 0 101",
            "a=rtpmap:101 telephone-event/8000",
            &f,
        ])
    };
    let (a, _) = answer(te("0-16,70"), offered("0-15,66,70"));
    assert_eq!(attr_values(&a, 0, "fmtp"), ["101 0-15,70"]);
    let (a, _) = answer(te("0-16"), offered("0-16"));
    assert_eq!(attr_values(&a, 0, "fmtp"), ["101 0-16"]);
    let (a, s) = answer(te("0-16"), offered("66"));
    assert_eq!(mlines(&a)[0].formats(), ["0"]);
    assert_eq!(s.streams[0].telephone_event(), None);
}

/// A telephone-event-only stream (RFC 4317 §2.4) is answered with its
/// telephone-event; CN alone is not a stream we can answer.
#[test]
fn telephone_event_only_stream_accepted() {
    let (a, s) = answer(
        voice_and_events(),
        offer(&[
            "m=audio 20000 RTP/AVP 101 13",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=rtpmap:13 CN/8000",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["101"]);
    assert_eq!(attr_values(&a, 0, "fmtp"), ["101 0-15"]);
    assert_eq!(s.streams[0].codec(), None);
    assert_eq!(
        agreed(&s.streams[0]),
        [("telephone-event".into(), 8000, 101, 101)]
    );
    assert_eq!(
        refusal(
            caps(
                MediaCapability::audio(4000)
                    .codec(Codec::pcmu())
                    .codec(Codec::new("CN", 8000))
            ),
            offer(&["m=audio 20000 RTP/AVP 13"])
        ),
        RejectReason::NoCommonFormat
    );
}

/// Unknown dynamic PTs (no rtpmap) cannot be matched and are left out.
#[test]
fn dynamic_payload_type_without_rtpmap_is_skipped() {
    let (a, _) = answer(caps(g711()), offer(&["m=audio 20000 RTP/AVP 98 0"]));
    assert_eq!(mlines(&a)[0].formats(), ["0"]);
}

/// `AnswerCodecs::First`: one codec (the offerer's first common one) plus
/// the telephone-event of its clock rate.
#[test]
fn answer_codecs_first_lists_one_codec() {
    let b = caps(
        MediaCapability::audio(4000)
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .codec(Codec::g722())
            .telephone_event(8000),
    )
    .answer_codecs(AnswerCodecs::First);
    let (a, s) = answer(
        b,
        offer(&[
            "m=audio 20000 RTP/AVP 18 8 0 9 101",
            "a=rtpmap:101 telephone-event/8000",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["8", "101"]);
    assert_eq!(s.streams[0].codec().unwrap().send_payload_type, 8);
}

/// `CodecOrder::Local`: the answer lists the common codecs in our order.
#[test]
fn codec_order_local_sorts_by_our_preference() {
    let b = caps(
        MediaCapability::audio(4000)
            .codec(Codec::g722())
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .telephone_event(8000),
    )
    .codec_order(CodecOrder::Local);
    let (a, s) = answer(
        b,
        offer(&[
            "m=audio 20000 RTP/AVP 8 0 101 9",
            "a=rtpmap:101 telephone-event/8000",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["9", "0", "8", "101"]);
    assert_eq!(&*s.streams[0].codec().unwrap().encoding_name, "G722");
}

/// `CodecOrder::Local` with `AnswerCodecs::First`: the one codec is our
/// most preferred common codec, not the offerer's first.
#[test]
fn codec_order_local_with_first_answers_our_preferred_codec() {
    let b = caps(
        MediaCapability::audio(4000)
            .codec(Codec::g722())
            .codec(Codec::pcmu())
            .codec(Codec::pcma()),
    )
    .codec_order(CodecOrder::Local)
    .answer_codecs(AnswerCodecs::First);
    let (a, _) = answer(b, offer(&["m=audio 20000 RTP/AVP 8 0 9"]));
    assert_eq!(mlines(&a)[0].formats(), ["9"]);
}

/// The default: all common codecs in the offer's order (RFC 3264 §6.1).
#[test]
fn default_answers_all_common_codecs_in_offer_order() {
    let (a, _) = answer(
        caps(
            MediaCapability::audio(4000)
                .codec(Codec::g722())
                .codec(Codec::pcmu())
                .codec(Codec::pcma()),
        ),
        offer(&["m=audio 20000 RTP/AVP 8 0 9"]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["8", "0", "9"]);
}

/// RTX is answered with its `apt` codec, echoing the offer's fmtp (RFC 4588 §8).
#[test]
fn rtx_follows_its_codec() {
    let b = caps(
        MediaCapability::video(5000)
            .codec(Codec::vp8())
            .codec(Codec::new("rtx", 90000)),
    );
    let (a, _) = answer(
        b,
        offer(&[
            "m=video 30000 RTP/AVP 96 97 98 99",
            "a=rtpmap:96 VP8/90000",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:98 H264/90000",
            "a=rtpmap:99 rtx/90000",
            "a=fmtp:99 apt=98",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["96", "97"]);
    assert_eq!(attr_values(&a, 0, "fmtp"), ["97 apt=96"]);
}
