//! The SDP text layer: a lossless session-description model (RFC 8866) with
//! typed views of the lines offer/answer needs.
//!
//! * [`SessionDescription`] keeps every line, in order; it is parsed in one
//!   linear pass ([`SessionDescription::parse`], capped by [`ParseLimits`]) and
//!   serialized with CRLF line endings.
//! * [`MediaDescription`] is one m-line and its lines.
//! * [`views`] types lines on demand: [`MediaLine`], [`Connection`],
//!   [`Bandwidth`], [`Origin`], [`Direction`], [`RtpMap`], [`Fmtp`],
//!   [`Crypto`], [`Fingerprint`], [`Setup`], [`Group`], [`Candidate`], ...
//! * [`SdpBuilder`] writes new descriptions.
//! * [`check`] lists what a strict peer would reject: [`check::check`] on the
//!   parsed model, [`check::check_text`] also on the raw text.
//! * `webrtc_sdp::SdpSession` converts both ways (see the `webrtc` module docs
//!   on what that loses).
//!
//! Why our own model rather than webrtc-sdp's: measured on webrtc-sdp 0.3.17
//! with a 31-sample corpus of real SIP/WebRTC SDP, webrtc-sdp drops unknown
//! attributes and m-lines, rewrites fmtp and refuses common SIP SDP.

mod builder;
pub mod check;
mod error;
mod line;
mod media;
mod parse;
mod session;
pub(crate) mod text;
pub mod views;
mod webrtc;

pub use builder::SdpBuilder;

/// Line indexes of the m-lines; most SDPs have one to four, held inline.
pub(crate) type MediaStarts = smallvec::SmallVec<[u32; 4]>;
pub use error::SdpError;
pub use line::{Line, LineType};
pub use media::MediaDescription;
pub use parse::ParseLimits;
pub use session::SessionDescription;
pub use views::{
    AddressType, Attribute, Bandwidth, BandwidthType, Candidate, Connection, ConnectionAddress,
    Crypto, Direction, Fingerprint, Fmtp, FmtpParameter, FmtpParameters, Group, MediaLine,
    MediaType, Origin, Rtcp, RtpMap, Setup, TransportProtocol,
};
