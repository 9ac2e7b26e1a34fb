//! Conversions to and from `webrtc_sdp::SdpSession` (Mozilla's webrtc-sdp).
//!
//! Both directions go through SDP text, each library parsing with its own
//! rules, so what comes out is exactly what the other side would understand
//! on the wire.
//!
//! **Ours → webrtc-sdp loses** (measured on webrtc-sdp 0.3.17, design.md §5):
//! every attribute it does not know (`a=crypto`, `a=x-*`, T.38, BFCP, ...);
//! whole m-lines with an unknown protocol (their attributes move to the
//! previous section); `i=`/`u=`/`e=`/`p=`/`k=`/`r=`/`z=` lines; all but the
//! first `c=` per media; fmtp parameters it does not know (it joins them with
//! `,`, and rewrites telephone-event ranges such as `0-255` as `0-15`). It
//! also refuses descriptions without `t=` and decimal ptime values, which
//! then come back as [`SdpError::WebRtcSdp`].
//!
//! **webrtc-sdp → ours loses nothing** that webrtc-sdp still holds: its
//! serialization is parsed losslessly.

use super::error::SdpError;
use super::session::SessionDescription;

impl TryFrom<&SessionDescription> for webrtc_sdp::SdpSession {
    type Error = SdpError;

    /// Re-parses our serialization with `webrtc_sdp::parse_sdp` (not failing on warnings).
    fn try_from(sdp: &SessionDescription) -> Result<Self, SdpError> {
        webrtc_sdp::parse_sdp(&sdp.serialize(), false).map_err(|e| SdpError::WebRtcSdp {
            line: webrtc_line(&e),
            message: e.to_string(),
        })
    }
}

impl TryFrom<&webrtc_sdp::SdpSession> for SessionDescription {
    type Error = SdpError;

    /// Parses webrtc-sdp's serialization with the default limits.
    fn try_from(session: &webrtc_sdp::SdpSession) -> Result<Self, SdpError> {
        SessionDescription::parse(&session.to_string())
    }
}

fn webrtc_line(e: &webrtc_sdp::error::SdpParserError) -> usize {
    use webrtc_sdp::error::SdpParserError as E;
    match e {
        E::Line { line_number, .. }
        | E::Unsupported { line_number, .. }
        | E::Sequence { line_number, .. } => *line_number + 1,
    }
}
