//! What we can do for one media type: [`MediaCapability`].

use std::sync::Arc;
use std::time::Duration;

use super::Codec;
use crate::sdp::{Direction, MediaType};

/// What we can do for one kind of media: one m-line of a capability SDP.
///
/// RTP media (audio, video, text) list codecs; other media (T.38 `image`,
/// data channels) list their protocol, formats and attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaCapability {
    pub(crate) media: MediaType,
    pub(crate) port: u16,
    pub(crate) direction: Direction,
    pub(crate) codecs: Vec<Codec>,
    pub(crate) ptime: Option<Duration>,
    pub(crate) maxptime: Option<Duration>,
    pub(crate) bandwidth_kbps: Option<u32>,
    pub(crate) rtcp_attribute: bool,
    pub(crate) protocol: Option<Arc<str>>,
    pub(crate) formats: Vec<Arc<str>>,
    pub(crate) attributes: Vec<Arc<str>>,
    pub(crate) extmaps: Vec<Arc<str>>,
}

impl MediaCapability {
    /// A capability for `media` on RTP `port`, `sendrecv`, no codec yet.
    pub fn new(media: MediaType, port: u16) -> Self {
        MediaCapability {
            media,
            port,
            direction: Direction::SENDRECV,
            codecs: Vec::new(),
            ptime: None,
            maxptime: None,
            bandwidth_kbps: None,
            rtcp_attribute: false,
            protocol: None,
            formats: Vec::new(),
            attributes: Vec::new(),
            extmaps: Vec::new(),
        }
    }

    /// `m=audio` on `port`.
    pub fn audio(port: u16) -> Self {
        Self::new(MediaType::Audio, port)
    }

    /// `m=video` on `port`.
    pub fn video(port: u16) -> Self {
        Self::new(MediaType::Video, port)
    }

    /// A WebRTC data channel: `m=application <port> UDP/DTLS/SCTP webrtc-datachannel`
    /// with `a=sctp-port:5000` and `a=max-message-size:262144` (RFC 8841).
    pub fn data_channel(port: u16) -> Self {
        Self::new(MediaType::Application, port)
            .non_rtp("UDP/DTLS/SCTP", &["webrtc-datachannel"])
            .attribute("sctp-port:5000")
            .attribute("max-message-size:262144")
    }

    /// Adds a codec (order = our preference).
    pub fn codec(mut self, codec: Codec) -> Self {
        self.codecs.push(codec);
        self
    }

    /// Adds `telephone-event/<clock_rate>` with events `0-16` (RFC 4733).
    pub fn telephone_event(self, clock_rate: u32) -> Self {
        self.codec(Codec::new("telephone-event", clock_rate).fmtp("0-16"))
    }

    /// Sets the direction we can do (RFC 3264 §6.1: the answer never exceeds it).
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Sets `a=ptime` in milliseconds.
    pub fn ptime_ms(mut self, ms: u32) -> Self {
        self.ptime = Some(Duration::from_millis(u64::from(ms)));
        self
    }

    /// Sets `a=maxptime` in milliseconds.
    pub fn maxptime_ms(mut self, ms: u32) -> Self {
        self.maxptime = Some(Duration::from_millis(u64::from(ms)));
        self
    }

    /// Sets the bandwidth we accept to receive, in kbit/s (written as `b=AS`).
    pub fn bandwidth_kbps(mut self, kbps: u32) -> Self {
        self.bandwidth_kbps = Some(kbps);
        self
    }

    /// Writes `a=rtcp:<port+1>` (RFC 3605) when RTCP is not multiplexed.
    pub fn rtcp_attribute(mut self, on: bool) -> Self {
        self.rtcp_attribute = on;
        self
    }

    /// Makes this a non-RTP capability with protocol `proto` (e.g. `udptl`)
    /// and formats (e.g. `t38`).
    pub fn non_rtp(mut self, proto: &str, formats: &[&str]) -> Self {
        self.protocol = Some(Arc::from(proto));
        self.formats = formats.iter().map(|f| Arc::from(*f)).collect();
        self
    }

    /// Adds an attribute written as `a=<value>` in our offers and answers
    /// for this media (e.g. `T38FaxVersion:0`, `sctp-port:5000`).
    pub fn attribute(mut self, value: &str) -> Self {
        self.attributes.push(Arc::from(value));
        self
    }

    /// Adds an RTP header extension URI we support (RFC 8285), answered with the offer's id.
    pub fn extmap(mut self, uri: &str) -> Self {
        self.extmaps.push(Arc::from(uri));
        self
    }

    /// The media type.
    pub fn media_type(&self) -> MediaType {
        self.media
    }
    /// The base port.
    pub fn port(&self) -> u16 {
        self.port
    }
    /// The codecs, in preference order.
    pub fn codecs(&self) -> &[Codec] {
        &self.codecs
    }
    /// `true` for RTP media (no non-RTP protocol set).
    pub fn is_rtp(&self) -> bool {
        self.protocol.is_none()
    }
}
