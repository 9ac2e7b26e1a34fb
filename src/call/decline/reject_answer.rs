//! The answer that accepts nothing: every stream at port 0 (RFC 3264 §6),
//! for an offer that cannot be declined (in a 2xx or a reliable 1xx,
//! RFC 6337 §2.3, RFC 3261 §13.2.2.4).

use crate::sdp::{ParseLimits, SdpBuilder, SessionDescription};

/// An answer to `offer` with the offer's m-lines, each at port 0 with its
/// protocol and formats; `None` when the offer does not parse (the ACK then
/// goes without body).
pub(crate) fn rejecting_answer(offer: &[u8], session_id: u64) -> Option<Vec<u8>> {
    let sdp = SessionDescription::parse_bytes(offer, &ParseLimits::DEFAULT).ok()?;
    let mut b = SdpBuilder::with_capacity(256, 8 + sdp.media_count());
    b.push_line(b'v', "0").ok()?;
    b.push_line(b'o', &format!("- {session_id} 1 IN IP4 0.0.0.0"))
        .ok()?;
    b.push_line(b's', "-").ok()?;
    b.push_line(b'c', "IN IP4 0.0.0.0").ok()?;
    b.push_line(b't', "0 0").ok()?;
    for media in sdp.media_descriptions() {
        let line = media.media_line().ok()?;
        let formats = if line.formats.trim().is_empty() {
            "0"
        } else {
            line.formats.trim()
        };
        b.push_line(
            b'm',
            &format!("{} 0 {} {}", line.media, line.proto, formats),
        )
        .ok()?;
    }
    Some(b.build().serialize().into_bytes())
}
