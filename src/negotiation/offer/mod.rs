//! Offer generation: the initial offer from capabilities, and re-offers
//! (RFC 3264 §8) that keep m-line count and order, payload types, ports and
//! mids. `plan` decides the m-lines, `payload_types` numbers the formats,
//! `extmap` the header extensions, `write` writes each m-line.

mod extmap;
mod payload_types;
mod plan;
mod write;

use extmap::extmap_ids;
use plan::plan;
use write::{write_disabled, write_stream};

use super::StreamCaps;
use super::capabilities::{Codec, LocalCapabilities, MediaCapability, SrtpPolicy};
use super::codecs::{Encoding, FmtpKey};
use super::error::NegotiationError;
use super::negotiated::NegotiatedSession;
use super::sdes::{SessionKeys, SrtpSessionParams};
use super::writer::{self, Family};
use crate::sdp::views::parse_pt;
use crate::sdp::{
    Direction, MediaDescription, MediaType, SdpBuilder, SessionDescription, Setup,
    TransportProtocol,
};
use smallvec::SmallVec;

/// What an offer is built from.
pub(crate) struct OfferParams<'a> {
    pub(crate) caps: &'a LocalCapabilities,
    pub(crate) session_id: u64,
    pub(crate) version: u64,
    pub(crate) hold: &'a super::Hold,
    pub(crate) add: &'a [MediaType],
    pub(crate) remove: &'a [usize],
    pub(crate) local: Option<&'a SessionDescription>,
    pub(crate) remote: Option<&'a SessionDescription>,
    pub(crate) negotiated: Option<&'a NegotiatedSession>,
    /// The capability m-line that carried each stream of the session.
    pub(crate) stream_caps: &'a [Option<u8>],
    /// Our ICE credentials per m-line.
    pub(crate) ice: &'a super::ice::SessionIce,
}

/// One m-line of the offer to write.
enum Slot<'a> {
    /// A stream from the capabilities (new, or kept from the session).
    Stream {
        cap: &'a MediaCapability,
        /// `cap`'s index in `LocalCapabilities::media`.
        cap_index: usize,
        port: u16,
        mid: Option<String>,
        /// The session's m-line (payload types and proto to keep), for a kept stream.
        previous: Option<MediaDescription<'a>>,
        remote: Option<MediaDescription<'a>>,
    },
    /// A disabled m-line copied with port 0.
    Disabled(MediaDescription<'a>),
}

/// Builds an offer at version `p.version` (the negotiator re-versions it).
pub(crate) fn build_offer(
    p: &OfferParams<'_>,
    keys: &mut SessionKeys,
) -> Result<(SessionDescription, StreamCaps), NegotiationError> {
    let slots = plan(p);
    let stream_caps: StreamCaps = slots
        .iter()
        .map(|s| match s {
            Slot::Stream { cap_index, .. } => u8::try_from(*cap_index).ok(),
            Slot::Disabled(_) => None,
        })
        .collect();
    let family = Family::preferred(p.caps);
    let mut b = SdpBuilder::with_capacity(1024, 64);
    writer::session_header(&mut b, p.caps, p.session_id, p.version, family);
    if p.caps.ice.as_ref().is_some_and(|i| i.lite) {
        b.line(b'a', "ice-lite");
    }
    if p.caps.bundle {
        let mids: Vec<&str> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Stream { mid: Some(m), .. } => Some(m.as_str()),
                _ => None,
            })
            .collect();
        if !mids.is_empty() {
            b.line_with(b'a', |w| {
                w.push_str("group:BUNDLE");
                for m in &mids {
                    w.push_char(' ').push_str(m);
                }
            });
        }
    }
    let extmaps = extmap_ids(p.caps, p.local);
    // Payload types given in earlier bundled m-lines (RFC 8843 §9.1).
    let mut bundle_pts = [false; 128];
    for (index, slot) in slots.iter().enumerate() {
        match slot {
            Slot::Disabled(m) => write_disabled(&mut b, m),
            Slot::Stream {
                cap,
                port,
                mid,
                previous,
                remote,
                ..
            } => {
                write_stream(
                    &mut b,
                    p,
                    index,
                    cap,
                    *port,
                    mid.as_deref(),
                    (*previous, *remote),
                    family,
                    &extmaps,
                    &mut bundle_pts,
                    keys,
                )?;
                if !p.caps.bundle {
                    bundle_pts = [false; 128];
                }
            }
        }
    }
    let sdp = b
        .finish(&crate::sdp::ParseLimits::DEFAULT)
        .map_err(NegotiationError::Unwritable)?;
    Ok((sdp, stream_caps))
}

/// A copy of `sdp` whose `o=` line carries `version`.
pub(crate) fn with_version(sdp: &SessionDescription, version: u64) -> SessionDescription {
    let mut b = SdpBuilder::with_capacity(sdp.serialize().len() + 8, sdp.line_count());
    for l in sdp.lines() {
        match (l.letter(), crate::sdp::Origin::parse(l.value(), l.number())) {
            (b'o', Ok(o)) => b.line_with(b'o', |w| {
                w.push_str(o.username)
                    .push_char(' ')
                    .push_str(o.session_id)
                    .push_char(' ')
                    .push_u64(version);
                w.push_char(' ')
                    .push_str(o.net_type)
                    .push_char(' ')
                    .push_str(o.address_type.as_str())
                    .push_char(' ')
                    .push_str(o.address);
            }),
            (letter, _) => b.line(letter, l.value()),
        }
    }
    b.build()
}
