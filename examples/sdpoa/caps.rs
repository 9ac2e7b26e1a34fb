//! Local capabilities for `answer`, `validate` and `explain`: the built-in
//! softphone profile, a capability SDP (`--local`), or quick flags
//! (`--codec`, `--srtp`, `--dtls`, `--ipv6`) that describe a plain SIP
//! phone.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use sdp_offer_answer::negotiation::{
    Codec, KeySource, LocalCapabilities, MediaCapability, SrtpPolicy, SrtpSuite,
};

use crate::input::Source;

/// The capability options shared by the subcommands that answer.
#[derive(Args, Debug, Clone, Default)]
pub struct CapsArgs {
    /// Capability SDP (PJSIP/Sofia-SIP style local SDP) to answer with.
    #[arg(long, value_name = "CAPS.sdp", conflicts_with_all = ["codec", "srtp", "dtls", "ipv6"])]
    pub local: Option<PathBuf>,
    /// A codec we take, in preference order (repeatable): `PCMU`, `G722`,
    /// `opus`, `H264`, `telephone-event`, or any `NAME/RATE[/CHANNELS]`.
    #[arg(long, value_name = "NAME[/RATE]")]
    pub codec: Vec<String>,
    /// SDES-SRTP (RFC 4568): `off`, `optional` (RTP/AVP or RTP/SAVP) or
    /// `required` (RTP/SAVP only); keys from the OS random source.
    #[arg(long, value_name = "POLICY")]
    pub srtp: Option<Srtp>,
    /// Take DTLS-SRTP offers (RFC 5763; a fixed demo fingerprint).
    #[arg(long)]
    pub dtls: bool,
    /// Take IPv6 streams too (IPv4 192.0.2.10 and IPv6 2001:db8::10).
    #[arg(long)]
    pub ipv6: bool,
}

/// `--srtp` values.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Srtp {
    Off,
    Optional,
    Required,
}

/// The demo fingerprint of `--dtls` (the softphone profile's): a test
/// value, never a certificate's.
const DEMO_FINGERPRINT: &str = "D3:4D:0C:8A:7E:52:19:36:F1:6B:A0:4E:C2:9D:58:17:3B:E6:05:AA:71:C8:92:4F:0D:E3:6A:B5:28:9C:41:F7";

/// Video codec names: they go on the video capability.
const VIDEO: [&str; 5] = ["H264", "VP8", "VP9", "AV1", "H263"];

impl CapsArgs {
    /// Whether any quick flag is given.
    fn quick(&self) -> bool {
        !self.codec.is_empty() || self.srtp.is_some() || self.dtls || self.ipv6
    }

    /// The capabilities these options describe. `Err` is a message for exit 1.
    pub fn build(&self) -> Result<LocalCapabilities, String> {
        if let Some(path) = &self.local {
            let source = Source::from_arg(path);
            let text = String::from_utf8(source.read_bytes().map_err(|e| e.to_string())?)
                .map_err(|_| format!("{source}: not UTF-8"))?;
            return LocalCapabilities::from_sdp_text(&text).map_err(|e| format!("{source}: {e}"));
        }
        if !self.quick() {
            return Ok(LocalCapabilities::demo_softphone());
        }
        self.quick_caps()
    }

    fn quick_caps(&self) -> Result<LocalCapabilities, String> {
        let names: Vec<&str> = if self.codec.is_empty() {
            vec![
                "opus",
                "G722",
                "PCMU",
                "PCMA",
                "telephone-event",
                "H264",
                "VP8",
            ]
        } else {
            self.codec.iter().map(String::as_str).collect()
        };
        let mut audio = MediaCapability::audio(49170).ptime_ms(20);
        let mut video = MediaCapability::video(49174);
        let (mut has_audio, mut has_video) = (false, false);
        for name in names {
            if let Some(rate) = telephone_event(name)? {
                audio = audio.telephone_event(rate);
                continue;
            }
            let codec = codec(name)?;
            if VIDEO.iter().any(|v| v.eq_ignore_ascii_case(codec.name())) {
                video = video.codec(codec);
                has_video = true;
            } else {
                audio = audio.codec(codec);
                has_audio = true;
            }
        }
        let mut b = LocalCapabilities::builder()
            .username("sdpoa")
            .session_name("sdpoa")
            .ipv4(std::net::Ipv4Addr::new(192, 0, 2, 10));
        if self.ipv6 {
            b = b.ipv6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x10));
        }
        if has_audio {
            b = b.media(audio);
        }
        if has_video {
            b = b.media(video);
        }
        let policy = match self.srtp.unwrap_or(Srtp::Off) {
            Srtp::Off => None,
            Srtp::Optional => Some(SrtpPolicy::Optional),
            Srtp::Required => Some(SrtpPolicy::Required),
        };
        if let Some(policy) = policy {
            let source: Arc<dyn KeySource> = Arc::new(os_random);
            b = b
                .sdes(policy)
                .sdes_suite(SrtpSuite::AesCm128HmacSha1_80)
                .sdes_suite(SrtpSuite::AesCm128HmacSha1_32)
                .key_source(source);
        }
        if self.dtls {
            b = b.dtls(SrtpPolicy::Optional, "sha-256", DEMO_FINGERPRINT);
        }
        b.build().map_err(|e| format!("capabilities: {e}"))
    }
}

/// SRTP master keys and salts from the OS CSPRNG (RFC 4568 §6.1 wants
/// them random). A failing OS source leaves zeros, which a real stack must
/// not do; sdpoa only prints answers.
fn os_random(out: &mut [u8]) {
    if getrandom::fill(out).is_err() {
        out.fill(0);
    }
}

/// `telephone-event[/RATE]` → its clock rate (8000 by default).
fn telephone_event(name: &str) -> Result<Option<u32>, String> {
    let mut parts = name.split('/');
    if !parts
        .next()
        .is_some_and(|n| n.eq_ignore_ascii_case("telephone-event"))
    {
        return Ok(None);
    }
    match parts.next() {
        None => Ok(Some(8000)),
        Some(rate) => rate
            .parse()
            .map(Some)
            .map_err(|_| format!("--codec {name}: the rate is not a number")),
    }
}

/// `NAME[/RATE[/CHANNELS]]` → a codec; the well-known names have their
/// RFC 3551 / RFC 7587 / RFC 6184 rates.
fn codec(spec: &str) -> Result<Codec, String> {
    let mut parts = spec.split('/');
    let name = parts.next().unwrap_or_default();
    let number = |p: Option<&str>| -> Result<Option<u32>, String> {
        p.map(|v| {
            v.parse()
                .map_err(|_| format!("--codec {spec}: {v:?} is not a number"))
        })
        .transpose()
    };
    let rate = number(parts.next())?;
    let channels = number(parts.next())?;
    let known = match name.to_ascii_uppercase().as_str() {
        "PCMU" => Some(Codec::pcmu()),
        "PCMA" => Some(Codec::pcma()),
        "G722" => Some(Codec::g722()),
        "G729" => Some(Codec::g729()),
        "OPUS" => Some(Codec::opus().payload_type(111)),
        "H264" => Some(Codec::h264().payload_type(102)),
        "VP8" => Some(Codec::vp8().payload_type(96)),
        _ => None,
    };
    let codec = match (known, rate) {
        (Some(c), None) => c,
        (Some(c), Some(r)) if r == c.clock_rate() => c,
        (_, Some(r)) if !name.is_empty() => Codec::new(name, r),
        _ => {
            return Err(format!(
                "--codec {spec}: give NAME/RATE for a codec sdpoa does not know"
            ));
        }
    };
    Ok(match channels {
        Some(ch) => codec
            .channels(u16::try_from(ch).map_err(|_| format!("--codec {spec}: too many channels"))?),
        None => codec,
    })
}
