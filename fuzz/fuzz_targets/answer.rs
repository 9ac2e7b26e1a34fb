//! Negotiation on hostile offers: arbitrary bytes as an offer against the
//! demo softphone and a plain-RTP IPv4-only profile. The negotiator answers
//! or returns a typed error, never panics; an answer has the offer's
//! m-lines (count, media, proto), re-parses, lists only offered formats with
//! the offer's payload types, and the offerer accepts it
//! (`validate_answer`). Every answer is free of CR, LF and NUL inside its
//! lines (the same line count however a reader splits it), within our own
//! default parse limits, and carries none of the offer's key material or
//! credentials (crypto and FEC keys, ICE passwords, fingerprints). After
//! confirming, a re-offer from us works and re-offers from the peer (same,
//! bumped, mutated) are handled.
#![no_main]

use std::net::Ipv4Addr;
use std::sync::{Arc, LazyLock};

use libfuzzer_sys::fuzz_target;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, NegotiationState, Negotiator,
    SrtpSuite, validate_answer,
};
use sdp_offer_answer::sdp::{ParseLimits, SdpBuilder, SessionDescription};

static PROFILES: LazyLock<[Arc<LocalCapabilities>; 2]> = LazyLock::new(|| {
    let plain = LocalCapabilities::builder()
        .ipv4(Ipv4Addr::new(198, 51, 100, 7))
        .media(
            MediaCapability::audio(30000)
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .codec(Codec::g729().fmtp("annexb=no"))
                .codec(Codec::new("AMR-WB", 16000).fmtp("octet-align=1"))
                .telephone_event(8000)
                .ptime_ms(20),
        )
        .media(
            MediaCapability::video(30002)
                .codec(Codec::h264())
                .codec(Codec::new("H264", 90000).fmtp("packetization-mode=0")),
        )
        .media(
            MediaCapability::new(sdp_offer_answer::sdp::MediaType::Image, 30004)
                .non_rtp("udptl", &["t38"])
                .attribute("T38FaxVersion:0"),
        )
        .build()
        .expect("the plain profile is valid");
    [
        Arc::new(LocalCapabilities::demo_softphone()),
        Arc::new(plain),
    ]
});

fuzz_target!(|data: &[u8]| {
    let Ok(offer) = SessionDescription::parse_bytes(data, &ParseLimits::DEFAULT) else {
        return;
    };
    for caps in PROFILES.iter() {
        let mut n = Negotiator::new(caps.clone(), 0x5eed);
        let Some(answer) = answer_checked(&mut n, &offer) else {
            continue;
        };
        assert_eq!(n.state(), NegotiationState::RemoteOfferPending);
        let agreed = n.confirm_answer().expect("confirm after an answer").clone();
        assert_eq!(agreed.streams.len(), offer.media_count());
        assert_eq!(n.local_description(), Some(&answer));
        // Our own re-offer: keeps every m-line.
        let mut ours = n.clone();
        match ours.create_offer() {
            Ok(reoffer) => {
                let text = reoffer.serialize();
                let reparsed = SessionDescription::parse(&text).expect("our re-offer re-parses");
                assert!(reparsed.media_count() >= answer.media_count());
            }
            Err(NegotiationError::PayloadTypesExhausted) => {}
            Err(e) => panic!("create_offer after a confirmed answer: {e:?}"),
        }
        // The peer's re-offers.
        for mutation in 0..MUTATIONS {
            let reoffer = mutate(&offer, mutation);
            let mut again = n.clone();
            answer_checked(&mut again, &reoffer);
        }
    }
});

/// `receive_offer` and every property of its answer; `None` when it refused the offer.
fn answer_checked(n: &mut Negotiator, offer: &SessionDescription) -> Option<SessionDescription> {
    let answer = match n.receive_offer(offer.clone()) {
        Ok(a) => a.clone(),
        Err(
            NegotiationError::InvalidSdp(_)
            | NegotiationError::NotAcceptable(_)
            | NegotiationError::Unwritable(_)
            | NegotiationError::InvalidReOffer { .. },
        ) => {
            assert_eq!(
                n.state(),
                NegotiationState::Stable,
                "a refusal changed the state"
            );
            return None;
        }
        Err(e) => panic!("unexpected error to an offer: {e:?}"),
    };
    assert_eq!(answer.media_count(), offer.media_count());
    let text = answer.serialize();
    let lines = answer.line_count();
    assert!(!text.contains('\0'), "NUL in our answer");
    assert_eq!(text.split('\n').count(), lines + 1, "LF inside a line");
    assert_eq!(text.split('\r').count(), lines + 1, "CR inside a line");
    assert!(text.len() <= ParseLimits::DEFAULT.max_size);
    let reparsed = SessionDescription::parse(&text).expect("our answer re-parses");
    assert_eq!(reparsed, answer);
    // No attribute of ours carries the offer's secrets (an m-line may echo
    // a rejected stream's first format token, whatever the offer made it).
    let attributes: String = answer
        .lines()
        .filter(|l| l.letter() == b'a')
        .map(|l| format!("{}\n", l.value()))
        .collect();
    for secret in secrets(offer) {
        assert!(
            !attributes.contains(secret) || n.capabilities_text_has(secret),
            "the offer's secret {secret} is in our answer\noffer:\n{offer}\nanswer:\n{answer}"
        );
    }
    if let Err(e) = validate_answer(offer, &answer) {
        panic!("the offerer refuses our answer: {e}\noffer:\n{offer}\nanswer:\n{answer}");
    }
    for (o, a) in offer.media_descriptions().zip(answer.media_descriptions()) {
        let ol = o.media_line().expect("an answered offer has valid m-lines");
        let al = a.media_line().expect("our m-lines are valid");
        assert!(ol.media.eq_ignore_ascii_case(al.media));
        assert_eq!(ol.proto, al.proto);
        if al.port == 0 {
            continue;
        }
        let rtp = ol.transport().is_rtp();
        for f in al.formats() {
            // RTP formats are payload type numbers (an offered `09` is answered `9`).
            let same = |of: &str| match (rtp, f.parse::<u8>(), of.parse::<u8>()) {
                (true, Ok(a), Ok(b)) => a == b,
                _ => of.eq_ignore_ascii_case(f),
            };
            assert!(
                ol.formats().any(same),
                "format {f} was not offered\noffer:\n{offer}\nanswer:\n{answer}"
            );
            let (Ok(pt), true) = (f.parse::<u8>(), rtp) else {
                continue;
            };
            // The offer's payload type keeps the offer's meaning.
            if let (Some(theirs), Some(ours)) = (o.rtpmap(pt), a.rtpmap(pt)) {
                assert!(
                    theirs
                        .encoding_name
                        .eq_ignore_ascii_case(ours.encoding_name)
                );
                assert_eq!(theirs.clock_rate, ours.clock_rate);
                // RFC 7587 §7: an offered `opus/48000` (channels omitted)
                // is opus, always answered `opus/48000/2`.
                let opus_fixed = theirs.encoding_name.eq_ignore_ascii_case("opus")
                    && theirs.clock_rate == 48000
                    && theirs.channels.is_none()
                    && ours.channel_count() == 2;
                if !opus_fixed {
                    assert_eq!(theirs.channel_count(), ours.channel_count());
                }
            }
        }
    }
    Some(answer)
}

const MUTATIONS: u8 = 5;

/// A re-offer derived from `offer`: 0 the same text (same version), 1 the
/// version bumped, 2 bumped with the first m-line disabled, 3 bumped with
/// every direction swapped to `sendonly`, 4 bumped with the first m-line
/// section appended again.
fn mutate(offer: &SessionDescription, mutation: u8) -> SessionDescription {
    if mutation == 0 {
        return offer.clone();
    }
    let mut b = SdpBuilder::new();
    let mut seen_m = 0usize;
    let mut first_section: Vec<(u8, String)> = Vec::new();
    for line in offer.lines() {
        let (letter, value) = (line.letter(), line.value());
        let value = match letter {
            b'o' => bump_version(value),
            b'm' => {
                seen_m += 1;
                if mutation == 2 && seen_m == 1 {
                    disable(value)
                } else {
                    value.to_owned()
                }
            }
            b'a' if mutation == 3
                && matches!(value, "sendrecv" | "sendonly" | "recvonly" | "inactive") =>
            {
                "sendonly".to_owned()
            }
            _ => value.to_owned(),
        };
        if seen_m == 1 {
            first_section.push((letter, value.clone()));
        }
        let _ = b.push_line(letter, &value);
    }
    if mutation == 4 {
        for (letter, value) in &first_section {
            let _ = b.push_line(*letter, value);
        }
    }
    b.build()
}

fn bump_version(origin: &str) -> String {
    let mut fields: Vec<String> = origin.split(' ').map(str::to_owned).collect();
    if let Some(v) = fields.get_mut(2)
        && let Ok(n) = v.parse::<u64>()
    {
        *v = n.wrapping_add(1).to_string();
    }
    fields.join(" ")
}

fn disable(m_line: &str) -> String {
    let mut fields: Vec<&str> = m_line.split(' ').collect();
    if let Some(port) = fields.get_mut(1) {
        *port = "0";
    }
    fields.join(" ")
}

/// The key material and credentials of `sdp` (16 characters or more, so
/// that a match is not chance): crypto and FEC keys, ICE passwords,
/// certificate fingerprints.
fn secrets(sdp: &SessionDescription) -> Vec<&str> {
    let mut out = Vec::new();
    let media = sdp
        .media_descriptions()
        .flat_map(|m| m.attributes().collect::<Vec<_>>());
    for a in sdp.attributes().chain(media) {
        let v = a.value().unwrap_or("");
        match a.name() {
            "crypto" => {
                for part in v.split("inline:").skip(1) {
                    out.push(part.split(['|', ';', ' ']).next().unwrap_or(""));
                }
            }
            "ice-pwd" => out.push(v.trim()),
            "fingerprint" => out.push(v.split_once(' ').map_or("", |(_, f)| f.trim())),
            _ => {}
        }
    }
    out.retain(|s| s.len() >= 16);
    out
}

/// Whether a text is one of our own values: our capabilities' ICE password
/// or fingerprint (a fuzzer may offer them back to us), or part of a
/// registered SRTP suite name, which every `a=crypto` line of ours carries
/// (an offered key `_128_HMAC_SHA1_80` is inside `AES_CM_128_HMAC_SHA1_80`).
trait OwnText {
    fn capabilities_text_has(&self, s: &str) -> bool;
}

impl OwnText for Negotiator {
    fn capabilities_text_has(&self, s: &str) -> bool {
        let caps = self.capabilities();
        caps.ice()
            .is_some_and(|i| i.pwd.contains(s) || s.contains(&*i.pwd))
            || OUR_FINGERPRINTS
                .iter()
                .any(|f| f.contains(s) || s.contains(f))
            || SrtpSuite::ALL.iter().any(|suite| suite.name().contains(s))
    }
}

/// The demo profile's certificate fingerprint.
const OUR_FINGERPRINTS: [&str; 1] = [
    "D3:4D:0C:8A:7E:52:19:36:F1:6B:A0:4E:C2:9D:58:17:3B:E6:05:AA:71:C8:92:4F:0D:E3:6A:B5:28:9C:41:F7",
];
