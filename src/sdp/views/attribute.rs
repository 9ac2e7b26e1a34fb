//! `a=<name>[:<value>]` (RFC 8866 §5.13).

use crate::sdp::error::SdpError;

/// A borrowed attribute line: a property attribute (`a=rtcp-mux`) has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    name: &'a str,
    value: Option<&'a str>,
    line: usize,
}

impl<'a> Attribute<'a> {
    /// Splits an `a=` value at its first `:`.
    #[inline]
    pub fn from_value(raw: &'a str, line: usize) -> Self {
        let (name, value) = crate::sdp::text::split_once_byte(raw, b':');
        Attribute { name, value, line }
    }

    /// The attribute name, e.g. `rtpmap`.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The value after `:`, `None` for a property attribute.
    pub fn value(&self) -> Option<&'a str> {
        self.value
    }

    /// The 1-based source line.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Types the attribute with webrtc-sdp's attribute parser (candidate,
    /// extmap, ssrc, rtcp-fb, group, setup, fingerprint, ...).
    ///
    /// # Errors
    /// [`SdpError::WebRtcSdp`] with webrtc-sdp's message when it does not know
    /// or cannot read the attribute (e.g. `a=crypto`, MS-ICE candidates).
    pub fn to_webrtc(&self) -> Result<webrtc_sdp::attribute_type::SdpAttribute, SdpError> {
        let text = match self.value {
            Some(v) => format!("{}:{}", self.name, v),
            None => self.name.to_owned(),
        };
        text.parse().map_err(
            |e: webrtc_sdp::error::SdpParserInternalError| SdpError::WebRtcSdp {
                line: self.line,
                message: e.to_string(),
            },
        )
    }
}
