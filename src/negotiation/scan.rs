//! One pass over a session or media description collecting what
//! negotiation reads, so answer generation never rescans lines per format
//! (cost linear in lines, flat per format).

use std::time::Duration;

use crate::sdp::views::parse_ptime;
use crate::sdp::{
    Connection, Crypto, Direction, Fingerprint, MediaDescription, MediaLine, RtpMap, SdpError,
    SessionDescription, Setup,
};

/// Session-level facts.
#[derive(Debug)]
pub(crate) struct SessionScan<'a> {
    pub(crate) connection: Option<Connection<'a>>,
    pub(crate) direction: Option<Direction>,
    pub(crate) ice_ufrag: Option<&'a str>,
    pub(crate) ice_pwd: Option<&'a str>,
    pub(crate) ice_lite: bool,
    pub(crate) fingerprint: Option<Fingerprint<'a>>,
    pub(crate) setup: Option<Setup>,
    pub(crate) bandwidth_kbps: Option<u64>,
    /// `a=group:BUNDLE` value (ids), first one only (RFC 9143 allows several; we answer the first).
    pub(crate) bundle: Option<&'a str>,
    /// `a=group:ANAT` values (RFC 4091): alternatives of which one is accepted.
    pub(crate) anat: Option<&'a str>,
    /// A session-level `a=ptime` (not RFC 8866's place for it; PBXs write it).
    pub(crate) ptime: Option<Duration>,
}

impl<'a> SessionScan<'a> {
    pub(crate) fn new(sdp: &'a SessionDescription) -> Result<Self, SdpError> {
        let mut s = SessionScan {
            connection: sdp.connection()?,
            direction: None,
            ice_ufrag: None,
            ice_pwd: None,
            ice_lite: false,
            fingerprint: None,
            setup: None,
            bandwidth_kbps: None,
            bundle: None,
            anat: None,
            ptime: None,
        };
        for b in sdp.bandwidths() {
            let b = b?;
            if let Some(k) = b.kbps() {
                s.bandwidth_kbps = Some(s.bandwidth_kbps.map_or(k, |v| v.min(k)));
            }
        }
        for a in sdp.attributes() {
            let v = a.value().unwrap_or("");
            match a.name() {
                "sendrecv" | "sendonly" | "recvonly" | "inactive" => {
                    s.direction = s.direction.or(Direction::from_attribute(a.name()));
                }
                "ice-ufrag" => s.ice_ufrag = Some(v.trim()),
                "ice-pwd" => s.ice_pwd = Some(v.trim()),
                "ice-lite" => s.ice_lite = true,
                "ptime" => s.ptime = parse_ptime(v, a.line(), "a=ptime").ok(),
                "fingerprint" if s.fingerprint.is_none() => {
                    s.fingerprint = Some(Fingerprint::parse(v, a.line())?);
                }
                "setup" => s.setup = Some(Setup::parse(v, a.line())?),
                "group" => {
                    let g = crate::sdp::Group::parse(v);
                    if g.is("BUNDLE") && s.bundle.is_none() {
                        s.bundle = Some(g.ids);
                    } else if g.is("ANAT") && s.anat.is_none() {
                        s.anat = Some(g.ids);
                    }
                }
                _ => {}
            }
        }
        Ok(s)
    }
}

/// Line index within the media section of each payload type's first
/// rtpmap or fmtp (0 = none, [`FAR`] = at line 255 or later: in the
/// section's `far` list). One byte per payload type keeps the scan small
/// to move around.
pub(crate) type PtIndex = [u8; 128];

/// Marks a line too far down the section to index in a byte.
const FAR: u8 = u8::MAX;

/// Which per-payload-type attribute a `far` entry indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PtAttr {
    Rtpmap,
    Fmtp,
}

/// Media-level facts of one m-line.
#[derive(Debug)]
pub(crate) struct MediaScan<'a> {
    pub(crate) media: MediaDescription<'a>,
    pub(crate) line: MediaLine<'a>,
    /// Media-level direction, else session-level, else sendrecv.
    pub(crate) direction: Direction,
    /// Media-level `c=`, else session-level.
    pub(crate) connection: Option<Connection<'a>>,
    pub(crate) mid: Option<&'a str>,
    pub(crate) rtcp_mux: bool,
    pub(crate) bundle_only: bool,
    pub(crate) ptime: Option<Duration>,
    /// The session-level `a=ptime`, for media without one (when lenient).
    pub(crate) session_ptime: Option<Duration>,
    pub(crate) maxptime: Option<Duration>,
    pub(crate) rtcp: Option<crate::sdp::Rtcp<'a>>,
    pub(crate) bandwidth_kbps: Option<u64>,
    pub(crate) ice_ufrag: Option<&'a str>,
    pub(crate) ice_pwd: Option<&'a str>,
    pub(crate) fingerprint: Option<Fingerprint<'a>>,
    pub(crate) setup: Option<Setup>,
    pub(crate) has_crypto: bool,
    /// The session says `a=ice-lite` (RFC 8839 §5.3).
    pub(crate) ice_lite: bool,
    /// The section says `a=ice-mismatch` (RFC 8839 §5.6).
    pub(crate) ice_mismatch_attribute: bool,
    /// Index within the media section of each PT's first rtpmap / fmtp line (0 = none).
    rtpmap_at: PtIndex,
    fmtp_at: PtIndex,
    /// The lines marked [`FAR`]: at most one per payload type and attribute
    /// (256 entries), so a lookup costs a bounded scan whatever the section's
    /// size (no allocation for sections under 255 lines).
    far: Vec<(PtAttr, u8, u32)>,
}

impl<'a> MediaScan<'a> {
    pub(crate) fn new(
        media: MediaDescription<'a>,
        session: &SessionScan<'a>,
    ) -> Result<Self, SdpError> {
        let line = media.media_line()?;
        let mut s = MediaScan {
            media,
            line,
            direction: session.direction.unwrap_or(Direction::SENDRECV),
            connection: None,
            mid: None,
            rtcp_mux: false,
            bundle_only: false,
            ptime: None,
            session_ptime: session.ptime,
            maxptime: None,
            rtcp: None,
            bandwidth_kbps: None,
            ice_ufrag: session.ice_ufrag,
            ice_pwd: session.ice_pwd,
            fingerprint: session.fingerprint,
            setup: session.setup,
            has_crypto: false,
            ice_lite: session.ice_lite,
            ice_mismatch_attribute: false,
            rtpmap_at: [0; 128],
            fmtp_at: [0; 128],
            far: Vec::new(),
        };
        let mut media_connection = None;
        let mut media_direction = None;
        // One pass over the section: c= (all checked, the first used), b=, a=.
        for (i, l) in media.lines().enumerate() {
            match l.letter() {
                b'c' => {
                    let c = Connection::parse(l.value(), l.number())?;
                    media_connection.get_or_insert(c);
                    continue;
                }
                b'b' => {
                    if let Some(k) = crate::sdp::Bandwidth::parse(l.value(), l.number())?.kbps() {
                        s.bandwidth_kbps = Some(s.bandwidth_kbps.map_or(k, |v| v.min(k)));
                    }
                    continue;
                }
                _ => {}
            }
            let Some(a) = l.as_attribute() else {
                continue;
            };
            let v = a.value().unwrap_or("");
            match a.name() {
                "rtpmap" | "fmtp" => {
                    let (pt, _) = crate::sdp::views::split_token(v);
                    if let Some(pt) = crate::sdp::views::parse_pt(pt) {
                        let (table, kind) = if a.name() == "rtpmap" {
                            (&mut s.rtpmap_at, PtAttr::Rtpmap)
                        } else {
                            (&mut s.fmtp_at, PtAttr::Fmtp)
                        };
                        let slot = &mut table[usize::from(pt)];
                        if *slot == 0 {
                            // Lines past 254 are marked FAR and listed once.
                            *slot = u8::try_from(i).unwrap_or(FAR);
                            if *slot == FAR {
                                s.far.push((kind, pt, u32::try_from(i).unwrap_or(u32::MAX)));
                            }
                        }
                    }
                }
                "sendrecv" | "sendonly" | "recvonly" | "inactive" => {
                    media_direction = media_direction.or(Direction::from_attribute(a.name()));
                }
                "mid" => s.mid = Some(v.trim()),
                "rtcp-mux" => s.rtcp_mux = true,
                "bundle-only" => s.bundle_only = true,
                "ptime" => s.ptime = Some(parse_ptime(v, a.line(), "a=ptime")?),
                "maxptime" => s.maxptime = Some(parse_ptime(v, a.line(), "a=maxptime")?),
                "rtcp" => s.rtcp = Some(crate::sdp::Rtcp::parse(v, a.line())?),
                "ice-ufrag" => s.ice_ufrag = Some(v.trim()),
                "ice-pwd" => s.ice_pwd = Some(v.trim()),
                "fingerprint" => s.fingerprint = Some(Fingerprint::parse(v, a.line())?),
                "setup" => s.setup = Some(Setup::parse(v, a.line())?),
                "crypto" => s.has_crypto = true,
                "ice-mismatch" => s.ice_mismatch_attribute = true,
                _ => {}
            }
        }
        s.connection = media_connection.or(session.connection);
        if s.bandwidth_kbps.is_none() {
            s.bandwidth_kbps = session.bandwidth_kbps;
        }
        if let Some(d) = media_direction {
            s.direction = d;
        }
        Ok(s)
    }

    /// The source line number of the `m=` line.
    pub(crate) fn media_line_number(&self) -> usize {
        self.media.line_at(0).map_or(0, |l| l.number())
    }

    /// The rtpmap of `pt`, when present.
    ///
    /// # Errors
    /// The rtpmap line is malformed.
    pub(crate) fn rtpmap(&self, pt: u8) -> Result<Option<RtpMap<'a>>, SdpError> {
        match self.attr_at(self.rtpmap_at[usize::from(pt & 0x7f)], PtAttr::Rtpmap, pt) {
            Some((v, line)) => RtpMap::parse(v, line).map(Some),
            None => Ok(None),
        }
    }

    /// The fmtp parameter text of `pt`, when present.
    pub(crate) fn fmtp(&self, pt: u8) -> Option<&'a str> {
        let (v, _) = self.attr_at(self.fmtp_at[usize::from(pt & 0x7f)], PtAttr::Fmtp, pt)?;
        let (_, params) = crate::sdp::views::split_token(v);
        Some(params.trim_end())
    }

    /// The value (after `name:`) and line number of the media line at `idx` (0 = none: the m-line).
    fn attr_at(&self, idx: u8, kind: PtAttr, pt: u8) -> Option<(&'a str, usize)> {
        let value_of = |l: crate::sdp::Line<'a>| {
            let (_, v) = crate::sdp::text::split_once_byte(l.value(), b':');
            v.map(|v| (v, l.number()))
        };
        let at = match idx {
            0 => return None,
            FAR => self
                .far
                .iter()
                .find(|&&(k, p, _)| k == kind && p == pt)
                .map(|&(_, _, i)| i as usize)?,
            i => usize::from(i),
        };
        self.media.line_at(at).and_then(value_of)
    }

    /// The offered `a=crypto` lines, typed.
    pub(crate) fn cryptos(&self) -> impl Iterator<Item = Result<Crypto<'a>, SdpError>> + 'a {
        self.media
            .attributes()
            .filter(|a| a.name() == "crypto")
            .map(|a| Crypto::parse(a.value().unwrap_or(""), a.line()))
    }

    /// The port, but 0 when the stream is disabled (`bundle-only` m-lines
    /// with port 0 are not disabled, RFC 9143 §7.2.2).
    pub(crate) fn is_disabled(&self, bundle_supported: bool) -> bool {
        self.line.port == 0 && !(bundle_supported && self.bundle_only)
    }

    /// `c=0.0.0.0` without ICE: the RFC 2543 hold, which RFC 3264 §8.4 asks
    /// answerers to accept (with ICE, 0.0.0.0 is only the default address
    /// of RFC 8839 §4.2.1, not a hold).
    pub(crate) fn is_old_style_hold(&self) -> bool {
        self.ice_ufrag.is_none() && self.connection.is_some_and(|c| c.is_unspecified())
    }

    /// RFC 8839 §4.4.1.1 ICE mismatch: the section lists candidates but
    /// its default destination (`c=` address and `m=` port) is none of
    /// their RTP components. Not a mismatch: no candidates (trickle ICE,
    /// RFC 8840), the `0.0.0.0`/port 9 placeholder, a disabled or
    /// `bundle-only` stream. A second pass over the section, only for
    /// streams with ICE.
    pub(crate) fn ice_mismatch(&self) -> bool {
        let Some(c) = self.connection else {
            return false;
        };
        let port = self.line.port;
        if port == 0 || port == 9 || c.is_unspecified() || self.bundle_only {
            return false;
        }
        let default_ip = c.ip();
        let mut any = false;
        for a in self.media.attributes().filter(|a| a.name() == "candidate") {
            let Ok(cand) = crate::sdp::Candidate::parse(a.value().unwrap_or(""), a.line()) else {
                continue;
            };
            if cand.component != 1 {
                continue;
            }
            any = true;
            let same_address = match (default_ip, cand.address.parse::<std::net::IpAddr>()) {
                (Some(d), Ok(a)) => d == a,
                _ => cand.address.eq_ignore_ascii_case(c.address_text),
            };
            if same_address && cand.port == port {
                return false;
            }
        }
        any
    }

    /// Bandwidth in kbit/s the remote announces for the stream, when any.
    pub(crate) fn bandwidth(&self) -> Option<u64> {
        self.bandwidth_kbps
    }
}
