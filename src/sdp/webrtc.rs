//! Conversions to and from `webrtc_sdp::SdpSession` (Mozilla's webrtc-sdp).
//!
//! Both directions go through SDP text, each library parsing with its own
//! rules, so what comes out is exactly what the other side would understand
//! on the wire.
//!
//! **Ours → webrtc-sdp loses** (measured on webrtc-sdp 0.3.17 with a 31-sample corpus of real SIP/WebRTC SDP):
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
    ///
    /// The error's line is the source line of `sdp` webrtc-sdp refused, 0
    /// when webrtc-sdp blames the whole description (e.g. no `t=`).
    fn try_from(sdp: &SessionDescription) -> Result<Self, SdpError> {
        webrtc_sdp::parse_sdp(&sdp.serialize(), false).map_err(|e| SdpError::WebRtcSdp {
            line: webrtc_line(sdp, &e),
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

/// Maps webrtc-sdp's line index (0-based, into our one-record-per-line
/// serialization) back to the source line number. Errors about the whole
/// text (it quotes all of it) and sequence errors at index 0 (its "no line"
/// marker, as for a missing `t=`) map to 0.
fn webrtc_line(sdp: &SessionDescription, e: &webrtc_sdp::error::SdpParserError) -> usize {
    use webrtc_sdp::error::SdpParserError as E;
    let index = match e {
        E::Line {
            line, line_number, ..
        }
        | E::Unsupported {
            line, line_number, ..
        } => {
            if line.contains('\n') {
                return 0;
            }
            *line_number
        }
        E::Sequence { line_number: 0, .. } => return 0,
        E::Sequence { line_number, .. } => *line_number,
    };
    sdp.lines().nth(index).map_or(0, |l| l.number())
}
