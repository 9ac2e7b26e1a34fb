//! Random valid SDP offers: 1–16 m-lines of audio, video, application,
//! image and unknown media; static and dynamic codecs with rtpmap and fmtp,
//! telephone-event; directions at session and media level; SDES crypto
//! lines, DTLS fingerprints and setup; ICE; BUNDLE; IPv4, IPv6 and the
//! old `c=0.0.0.0` hold at session and media level; ports including 0.

use std::fmt::Write as _;

use proptest::prelude::*;
use sdp_offer_answer::sdp::Direction;

use super::caps::{OFFER_KEY, SUITE_32, SUITE_80, SUITE_GCM, direction};
use super::codecs::{AUDIO, CodecDef, TEXT, VIDEO};

/// A `c=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conn {
    Ip4,
    Ip6,
    /// `c=IN IP4 0.0.0.0`: the RFC 2543 hold (RFC 3264 §8.4).
    Ip4Hold,
}

impl Conn {
    fn line(self) -> &'static str {
        match self {
            Conn::Ip4 => "IN IP4 198.51.100.20",
            Conn::Ip6 => "IN IP6 2001:db8::20",
            Conn::Ip4Hold => "IN IP4 0.0.0.0",
        }
    }
}

/// An offered RTP format: its payload type and codec, and whether the
/// (static) payload type gets an rtpmap line.
#[derive(Clone, Debug)]
pub struct Format {
    pub pt: u8,
    pub codec: CodecDef,
    pub rtpmap: bool,
}

#[derive(Clone, Debug)]
pub struct Crypto {
    pub suite: &'static str,
    /// RFC 4568 session parameters (`""`, a known one, or an unknown one).
    pub session_params: &'static str,
}

/// The payload of an m-line.
#[derive(Clone, Debug)]
pub enum Payload {
    Rtp(Vec<Format>),
    /// Non-RTP formats as written (`t38`, `webrtc-datachannel`, `*`).
    Other(Vec<&'static str>),
}

#[derive(Clone, Debug)]
pub struct Stream {
    pub media: &'static str,
    pub port: u16,
    pub proto: &'static str,
    pub payload: Payload,
    pub direction: Option<Direction>,
    pub connection: Option<Conn>,
    pub cryptos: Vec<Crypto>,
    pub fingerprint: bool,
    pub setup: Option<&'static str>,
    pub rtcp_mux: bool,
}

#[derive(Clone, Debug)]
pub struct OfferSpec {
    pub version: u64,
    pub connection: Conn,
    pub direction: Option<Direction>,
    pub fingerprint: bool,
    pub ice: bool,
    pub bundle: bool,
    pub streams: Vec<Stream>,
}

impl OfferSpec {
    /// The SDP text, CRLF, in RFC 8866 line order.
    pub fn to_sdp(&self) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            "v=0\r\no=offerer 4242 {} IN IP4 198.51.100.20\r\ns=prop\r\nc={}\r\nt=0 0\r\n",
            self.version,
            self.connection.line()
        );
        if self.bundle {
            s.push_str("a=group:BUNDLE");
            for i in 0..self.streams.len() {
                let _ = write!(s, " m{i}");
            }
            s.push_str("\r\n");
        }
        if self.ice {
            s.push_str("a=ice-ufrag:offr\r\na=ice-pwd:offerer0ice0password0000\r\n");
        }
        if self.fingerprint {
            s.push_str("a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0\r\n");
        }
        if let Some(d) = self.direction {
            let _ = write!(s, "a={}\r\n", d.attribute_name());
        }
        for (i, m) in self.streams.iter().enumerate() {
            let _ = write!(s, "m={} {} {}", m.media, m.port, m.proto);
            match &m.payload {
                Payload::Rtp(formats) => {
                    for f in formats {
                        let _ = write!(s, " {}", f.pt);
                    }
                }
                Payload::Other(formats) => {
                    for f in formats {
                        let _ = write!(s, " {f}");
                    }
                }
            }
            s.push_str("\r\n");
            if let Some(c) = m.connection {
                let _ = write!(s, "c={}\r\n", c.line());
            }
            if self.bundle {
                let _ = write!(s, "a=mid:m{i}\r\n");
            }
            for (tag, c) in (1..).zip(&m.cryptos) {
                let _ = write!(s, "a=crypto:{tag} {} {OFFER_KEY}", c.suite);
                if !c.session_params.is_empty() {
                    let _ = write!(s, " {}", c.session_params);
                }
                s.push_str("\r\n");
            }
            if m.fingerprint {
                s.push_str("a=fingerprint:sha-256 FE:DC:BA:98:76:54:32:10:FE:DC:BA:98:76:54:32:10:FE:DC:BA:98:76:54:32:10:FE:DC:BA:98:76:54:32:10\r\n");
            }
            if let Some(setup) = m.setup {
                let _ = write!(s, "a=setup:{setup}\r\n");
            }
            if m.rtcp_mux {
                s.push_str("a=rtcp-mux\r\n");
            }
            if let Some(d) = m.direction {
                let _ = write!(s, "a={}\r\n", d.attribute_name());
            }
            if let Payload::Rtp(formats) = &m.payload {
                for f in formats.iter().filter(|f| f.rtpmap) {
                    let c = &f.codec;
                    let _ = write!(s, "a=rtpmap:{} {}/{}", f.pt, c.name, c.clock);
                    if c.channels != 1 {
                        let _ = write!(s, "/{}", c.channels);
                    }
                    s.push_str("\r\n");
                    if let Some(fmtp) = c.fmtp {
                        let _ = write!(s, "a=fmtp:{} {fmtp}\r\n", f.pt);
                    }
                }
            }
        }
        s
    }
}

/// RTP formats: 1–5 codecs from `pool` (repeats allowed: the same codec
/// may be offered under two payload types). A static codec goes under a
/// dynamic number 1 time in 4, else under its own, with an rtpmap 1 time
/// in 3 (always when it has fmtp); dynamic numbers are distinct, 96..=127.
fn rtp_formats(pool: &'static [CodecDef]) -> impl Strategy<Value = Vec<Format>> {
    (
        prop::collection::vec((prop::sample::select(pool.to_vec()), 0u8..4), 1..6),
        Just((96u8..=127).collect::<Vec<u8>>()).prop_shuffle(),
    )
        .prop_map(|(picks, dynamic)| {
            let mut dynamic = dynamic.into_iter();
            let mut out: Vec<Format> = Vec::new();
            for (codec, style) in picks {
                let (pt, rtpmap) = match codec.static_pt {
                    // style 0: a dynamic number; 1: static with rtpmap; 2, 3: static without.
                    Some(pt) if style > 0 => (pt, style == 1 || codec.fmtp.is_some()),
                    _ => match dynamic.next() {
                        Some(pt) => (pt, true),
                        None => continue,
                    },
                };
                if out.iter().all(|f| f.pt != pt) {
                    out.push(Format { pt, codec, rtpmap });
                }
            }
            out
        })
}

fn cryptos() -> impl Strategy<Value = Vec<Crypto>> {
    prop::collection::vec(
        (
            prop::sample::select(vec![SUITE_80, SUITE_32, SUITE_GCM]),
            prop::sample::select(vec!["", "", "UNENCRYPTED_SRTCP", "FOO=1"]),
        )
            .prop_map(|(suite, session_params)| Crypto {
                suite,
                session_params,
            }),
        1..3,
    )
}

/// An RTP m-line with keying lines that fit its proto, sometimes missing:
/// SDES profiles carry `a=crypto` 3 times in 4, plain RTP half the time
/// (best-effort SRTP), DTLS profiles a fingerprint 3 times in 4 and maybe
/// `a=setup`. Suites and session parameters may be ones nobody can answer.
fn rtp_stream(media: &'static str, pool: &'static [CodecDef]) -> impl Strategy<Value = Stream> {
    (
        prop::sample::select(vec![
            "RTP/AVP",
            "RTP/AVP",
            "RTP/AVP",
            "RTP/AVPF",
            "RTP/SAVP",
            "RTP/SAVPF",
            "UDP/TLS/RTP/SAVPF",
            "TCP/RTP/AVP",
        ]),
        rtp_formats(pool),
        cryptos(),
        0u8..4,
        prop::option::of(prop::sample::select(vec!["actpass", "active", "passive"])),
    )
        .prop_map(move |(proto, formats, cryptos, roll, setup)| {
            let usually = roll > 0;
            let half_the_time = roll % 2 == 0;
            let dtls = proto.starts_with("UDP/TLS/");
            let with_crypto = if proto.starts_with("RTP/S") {
                usually
            } else {
                proto.starts_with("RTP/AVP") && half_the_time
            };
            Stream {
                media,
                port: 0,
                proto,
                payload: Payload::Rtp(formats),
                direction: None,
                connection: None,
                cryptos: if with_crypto { cryptos } else { Vec::new() },
                fingerprint: dtls && usually,
                setup: if dtls { setup } else { None },
                rtcp_mux: false,
            }
        })
}

fn other_stream(
    media: &'static str,
    proto: &'static str,
    formats: Vec<&'static str>,
    dtls: bool,
) -> impl Strategy<Value = Stream> {
    any::<bool>().prop_map(move |fingerprint| Stream {
        media,
        port: 0,
        proto,
        payload: Payload::Other(formats.clone()),
        direction: None,
        connection: None,
        cryptos: Vec::new(),
        fingerprint: dtls && fingerprint,
        setup: dtls.then_some("actpass"),
        rtcp_mux: false,
    })
}

/// One m-line of any kind, with its port, direction, `c=` and rtcp-mux.
pub fn stream() -> impl Strategy<Value = Stream> {
    let kind = prop_oneof![
        8 => rtp_stream("audio", &AUDIO),
        5 => rtp_stream("video", &VIDEO),
        1 => rtp_stream("text", &TEXT),
        1 => rtp_stream("x-unknown", &AUDIO),
        2 => other_stream("application", "UDP/DTLS/SCTP", vec!["webrtc-datachannel"], true),
        1 => other_stream("application", "TCP/BFCP", vec!["*"], false),
        2 => other_stream("image", "udptl", vec!["t38"], false),
        1 => other_stream("message", "TCP/MSRP", vec!["*"], false),
    ];
    (
        kind,
        prop_oneof![1 => Just(0u16), 6 => 1024u16..65000],
        prop::option::weighted(0.5, direction()),
        prop::option::weighted(
            0.3,
            prop::sample::select(vec![Conn::Ip4, Conn::Ip6, Conn::Ip4Hold]),
        ),
        any::<bool>(),
    )
        .prop_map(|(mut s, port, direction, connection, rtcp_mux)| {
            s.port = port;
            s.direction = direction;
            s.connection = connection;
            s.rtcp_mux = rtcp_mux;
            s
        })
}

pub fn offer() -> impl Strategy<Value = OfferSpec> {
    (
        1u64..1_000_000,
        prop::sample::select(vec![
            Conn::Ip4,
            Conn::Ip4,
            Conn::Ip4,
            Conn::Ip6,
            Conn::Ip4Hold,
        ]),
        prop::option::weighted(0.3, direction()),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        prop::collection::vec(stream(), 1..=16),
    )
        .prop_map(
            |(version, connection, direction, (fingerprint, ice, bundle), streams)| OfferSpec {
                version,
                connection,
                direction,
                fingerprint,
                ice,
                bundle,
                streams,
            },
        )
}
