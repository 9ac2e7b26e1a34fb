//! The built-in softphone profile.

use std::sync::Arc;

use super::{Codec, LocalCapabilities, MediaCapability, SrtpPolicy};
use crate::negotiation::sdes::{DemoKeySource, SrtpSuite};

impl LocalCapabilities {
    /// A softphone profile for examples, tests and fuzzing: audio opus,
    /// G722, PCMU, PCMA, telephone-event (48 kHz and 8 kHz); video H264 and
    /// VP8; SDES and DTLS-SRTP optional; ICE; BUNDLE and rtcp-mux; IPv4
    /// `192.0.2.10` and IPv6 `2001:db8::10` (documentation addresses,
    /// RFC 5737 / RFC 3849); audio on port 49170, video on 49174.
    ///
    /// **Its SDES keys are not random and its DTLS fingerprint is a fixed
    /// demo value**: never use it to protect real media. Its key source
    /// gives each session (each clone of these capabilities included) keys
    /// of its own, reproducibly, from a counter. Build your own capabilities
    /// with a [`KeySource`](crate::negotiation::KeySource) over a CSPRNG.
    pub fn demo_softphone() -> LocalCapabilities {
        let audio = MediaCapability::audio(49170)
            .codec(Codec::opus().payload_type(111))
            .codec(Codec::g722())
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .telephone_event(48000)
            .telephone_event(8000)
            .ptime_ms(20);
        let video = MediaCapability::video(49174)
            .codec(
                Codec::h264()
                    .payload_type(102)
                    .rtcp_fb("nack")
                    .rtcp_fb("nack pli")
                    .rtcp_fb("ccm fir"),
            )
            .codec(
                Codec::vp8()
                    .payload_type(96)
                    .rtcp_fb("nack")
                    .rtcp_fb("nack pli")
                    .rtcp_fb("ccm fir"),
            );
        let built = LocalCapabilities::builder()
            .username("sdpoa")
            .session_name("sdp-offer-answer")
            .ipv4(std::net::Ipv4Addr::new(192, 0, 2, 10))
            .ipv6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x10))
            .media(audio)
            .media(video)
            .sdes(SrtpPolicy::Optional)
            .sdes_suite(SrtpSuite::AesCm128HmacSha1_80)
            .sdes_suite(SrtpSuite::AesCm128HmacSha1_32)
            .key_source(Arc::new(DemoKeySource::default()))
            .dtls(
                SrtpPolicy::Optional,
                "sha-256",
                "D3:4D:0C:8A:7E:52:19:36:F1:6B:A0:4E:C2:9D:58:17:3B:E6:05:AA:71:C8:92:4F:0D:E3:6A:B5:28:9C:41:F7",
            )
            .ice("sdpoa1", "demo0ice0password0000000")
            .bundle(true)
            .rtcp_mux(true)
            .build();
        // A constant profile: `tests::demo_profile_builds` proves it builds,
        // so no input can reach this expect.
        built.expect("the demo profile is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_profile_builds() {
        let caps = LocalCapabilities::demo_softphone();
        assert_eq!(caps.media().len(), 2);
        assert!(caps.ice().is_some());
    }
}
