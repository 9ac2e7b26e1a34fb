//! Random local capabilities: codec subsets, directions, address families,
//! SDES/DTLS policies, ICE, BUNDLE, rtcp-mux, answer codec policies.

use std::net::{Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use sdp_offer_answer::negotiation::{
    AnswerCodecs, Codec, CodecOrder, LocalCapabilities, MediaCapability, SrtpPolicy,
};
use sdp_offer_answer::sdp::{Direction, MediaType};

use super::codecs::{AUDIO, CodecDef, Kind, VIDEO};

pub const SUITE_80: &str = "AES_CM_128_HMAC_SHA1_80";
pub const SUITE_32: &str = "AES_CM_128_HMAC_SHA1_32";
/// A suite no generated capability has a key for.
pub const SUITE_GCM: &str = "AEAD_AES_256_GCM";
/// The key generated capabilities answer with (30 bytes, as the suites need).
pub const KEY: &str = "inline:cHJvcC1jYXBzLWtleS0wMTIzNDU2Nzg5YWJjZGVm";
/// The key generated offers carry (30 bytes).
pub const OFFER_KEY: &str = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

/// One RTP media capability.
#[derive(Clone, Debug)]
pub struct RtpCap {
    pub codecs: Vec<CodecDef>,
    pub direction: Direction,
    pub port: u16,
}

/// What the generated [`LocalCapabilities`] are made of, kept for the model.
#[derive(Clone, Debug)]
pub struct CapsSpec {
    pub ipv4: bool,
    pub ipv6: bool,
    pub audio: Option<RtpCap>,
    pub video: Option<RtpCap>,
    /// `m=application UDP/DTLS/SCTP webrtc-datachannel`.
    pub data_channel: bool,
    /// `m=image udptl t38`.
    pub t38: bool,
    pub sdes: SrtpPolicy,
    /// Suites we have SDES keys for (non-empty).
    pub sdes_suites: Vec<&'static str>,
    pub dtls: SrtpPolicy,
    pub ice: bool,
    pub bundle: bool,
    pub rtcp_mux: bool,
    pub answer_codecs: AnswerCodecs,
    pub codec_order: CodecOrder,
}

impl CapsSpec {
    pub fn build(&self) -> LocalCapabilities {
        let mut b = LocalCapabilities::builder()
            .username("prop")
            .sdes(self.sdes)
            .dtls(
                self.dtls,
                "sha-256",
                "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
            )
            .bundle(self.bundle)
            .rtcp_mux(self.rtcp_mux)
            .answer_codecs(self.answer_codecs)
            .codec_order(self.codec_order);
        if self.ipv4 {
            b = b.ipv4(Ipv4Addr::new(192, 0, 2, 77));
        }
        if self.ipv6 {
            b = b.ipv6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x77));
        }
        for suite in &self.sdes_suites {
            b = b.sdes_key(suite, KEY);
        }
        if self.ice {
            b = b.ice("propufrag", "prop0ice0password000000");
        }
        for (media, cap) in [
            (MediaType::Audio, &self.audio),
            (MediaType::Video, &self.video),
        ] {
            if let Some(cap) = cap {
                let mut m = MediaCapability::new(media, cap.port).direction(cap.direction);
                for def in &cap.codecs {
                    let mut codec = Codec::new(def.name, def.clock).channels(def.channels);
                    if let Some(f) = def.fmtp {
                        codec = codec.fmtp(f);
                    }
                    m = m.codec(codec);
                }
                b = b.media(m);
            }
        }
        if self.data_channel {
            b = b.media(MediaCapability::data_channel(7000));
        }
        if self.t38 {
            b = b.media(
                MediaCapability::new(MediaType::Image, 7100)
                    .non_rtp("udptl", &["t38"])
                    .attribute("T38FaxVersion:0"),
            );
        }
        b.build().expect("generated capabilities are valid")
    }

    /// Whether we have an SDES key for `suite`.
    pub fn has_suite(&self, suite: &str) -> bool {
        self.sdes_suites
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suite))
    }
}

pub fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![
        Direction::SENDRECV,
        Direction::SENDRECV,
        Direction::SEND,
        Direction::RECV,
        Direction::INACTIVE,
    ])
}

fn policy() -> impl Strategy<Value = SrtpPolicy> {
    prop::sample::select(vec![
        SrtpPolicy::Off,
        SrtpPolicy::Off,
        SrtpPolicy::Optional,
        SrtpPolicy::Optional,
        SrtpPolicy::Required,
    ])
}

/// A non-empty subset of `pool` with at least one media codec, in random order.
fn codec_list(pool: &'static [CodecDef]) -> impl Strategy<Value = Vec<CodecDef>> {
    prop::sample::subsequence(pool.to_vec(), 1..=pool.len())
        .prop_shuffle()
        .prop_filter("a media codec", |v| {
            v.iter().any(|c| c.kind != Kind::TelephoneEvent)
        })
}

fn rtp_cap(pool: &'static [CodecDef], port: u16) -> impl Strategy<Value = RtpCap> {
    (codec_list(pool), direction()).prop_map(move |(codecs, direction)| RtpCap {
        codecs,
        direction,
        port,
    })
}

pub fn caps() -> impl Strategy<Value = CapsSpec> {
    (
        prop::sample::select(vec![
            (true, false),
            (true, false),
            (false, true),
            (true, true),
        ]),
        prop::option::weighted(0.85, rtp_cap(&AUDIO, 10000)),
        prop::option::weighted(0.6, rtp_cap(&VIDEO, 12000)),
        any::<bool>(),
        any::<bool>(),
        (
            policy(),
            prop::sample::select(vec![
                vec![SUITE_80],
                vec![SUITE_32],
                vec![SUITE_80, SUITE_32],
            ]),
            policy(),
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (
            prop::sample::select(vec![AnswerCodecs::All, AnswerCodecs::First]),
            prop::sample::select(vec![CodecOrder::Offerer, CodecOrder::Local]),
        ),
    )
        .prop_filter("some RTP media", |t| t.1.is_some() || t.2.is_some())
        .prop_map(
            |(
                (ipv4, ipv6),
                audio,
                video,
                data_channel,
                t38,
                (sdes, sdes_suites, dtls),
                (ice, bundle, rtcp_mux),
                (answer_codecs, codec_order),
            )| CapsSpec {
                ipv4,
                ipv6,
                audio,
                video,
                data_channel,
                t38,
                sdes,
                sdes_suites,
                dtls,
                ice,
                bundle,
                rtcp_mux,
                answer_codecs,
                codec_order,
            },
        )
}
