//! One codec we can do: [`Codec`].

use std::sync::Arc;

use crate::negotiation::codecs::FmtpKey;

/// A codec in local capabilities: what we can send and receive for one
/// encoding (RFC 8866 §6.6 rtpmap + RFC 8866 §6.15 fmtp).
///
/// Built with [`Codec::new`] or the constructors for the common codecs; the
/// fmtp is what *we* want to receive and is written in our offers and answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codec {
    pub(crate) name: Arc<str>,
    pub(crate) clock_rate: u32,
    pub(crate) channels: u16,
    pub(crate) fmtp: Option<Arc<str>>,
    pub(crate) payload_type: Option<u8>,
    pub(crate) min_bitrate_kbps: Option<u32>,
    pub(crate) rtcp_fb: Vec<Arc<str>>,
    /// The fmtp read for matching, kept in step with `fmtp`.
    pub(crate) key: FmtpKey,
}

impl Codec {
    /// A codec `name/clock_rate` with one channel, no fmtp, a dynamic payload
    /// type assigned at offer time (96..=127) unless it has a static one
    /// (RFC 3551 table: PCMU 0, GSM 3, G723 4, PCMA 8, G722 9, CN 13, G729 18, H261 31, H263 34...).
    pub fn new(name: &str, clock_rate: u32) -> Self {
        let static_pt = super::super::codecs::static_payload_type(name, clock_rate, 1);
        Codec {
            name: Arc::from(name),
            clock_rate,
            channels: 1,
            fmtp: None,
            payload_type: static_pt,
            min_bitrate_kbps: None,
            rtcp_fb: Vec::new(),
            key: FmtpKey::read(name, None),
        }
    }

    /// G.711 µ-law, `PCMU/8000`, static payload type 0 (RFC 3551 §6).
    pub fn pcmu() -> Self {
        Codec::new("PCMU", 8000)
    }
    /// G.711 A-law, `PCMA/8000`, static payload type 8.
    pub fn pcma() -> Self {
        Codec::new("PCMA", 8000)
    }
    /// G.722, `G722/8000` (RTP clock 8000 per RFC 3551 §4.5.2), static payload type 9.
    pub fn g722() -> Self {
        Codec::new("G722", 8000)
    }
    /// G.729, `G729/8000`, static payload type 18.
    pub fn g729() -> Self {
        Codec::new("G729", 8000)
    }
    /// Opus, `opus/48000/2` (RFC 7587), dynamic payload type, `useinbandfec=1`.
    pub fn opus() -> Self {
        Codec::new("opus", 48000).channels(2).fmtp("useinbandfec=1")
    }
    /// H.264, `H264/90000` (RFC 6184), constrained baseline level 3.1, packetization-mode 1.
    pub fn h264() -> Self {
        Codec::new("H264", 90000).fmtp("profile-level-id=42e01f;packetization-mode=1")
    }
    /// VP8, `VP8/90000` (RFC 7741).
    pub fn vp8() -> Self {
        Codec::new("VP8", 90000)
    }

    /// Sets the channel count (audio; RFC 8866 §6.6 encoding parameters).
    pub fn channels(mut self, channels: u16) -> Self {
        self.channels = channels;
        self
    }

    /// Sets the fmtp parameters we want to receive (`a=fmtp:<pt> <params>`).
    pub fn fmtp(mut self, params: &str) -> Self {
        self.fmtp = Some(Arc::from(params));
        self.key = FmtpKey::read(&self.name, Some(params));
        self
    }

    /// Sets the payload type used in our offers (0..=127; checked by the builder).
    pub fn payload_type(mut self, pt: u8) -> Self {
        self.payload_type = Some(pt);
        self
    }

    /// Sets the lowest bandwidth, in kbit/s, this codec needs: a stream whose
    /// `b=AS`/`b=TIAS` (or our own limit) is lower cannot use it (RFC 3264 §5.8).
    pub fn min_bitrate_kbps(mut self, kbps: u32) -> Self {
        self.min_bitrate_kbps = Some(kbps);
        self
    }

    /// Adds an RTCP feedback type we support for this codec (`nack`, `nack pli`,
    /// `ccm fir`, `transport-cc`, `goog-remb`; RFC 4585 §4.2), answered when offered.
    pub fn rtcp_fb(mut self, fb: &str) -> Self {
        self.rtcp_fb.push(Arc::from(fb));
        self
    }

    /// The encoding name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The RTP clock rate in Hz.
    pub fn clock_rate(&self) -> u32 {
        self.clock_rate
    }
    /// The channel count.
    pub fn channel_count(&self) -> u16 {
        self.channels
    }
    /// The fmtp parameters, when set.
    pub fn fmtp_params(&self) -> Option<&str> {
        self.fmtp.as_deref()
    }
    /// The preferred payload type, when set or static.
    pub fn preferred_payload_type(&self) -> Option<u8> {
        self.payload_type
    }
}
