//! One pass over a session or media description collecting what
//! negotiation reads, so answer generation never rescans lines per format
//! (cost linear in lines, flat per format).

use std::time::Duration;

use smallvec::SmallVec;

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

/// Which per-payload-type attribute an index entry points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PtAttr {
    Rtpmap = 0,
    Fmtp = 1,
}

/// Where each payload type's first `a=rtpmap` and `a=fmtp` sit in a media
/// section: a few entries inline (a typical m-line has under 8), a table
/// of all 256 (payload type, attribute) keys once there are more. Every
/// insert and lookup is O(1) for a bounded size, whatever the section
/// holds, and the scan stays small to move around.
#[derive(Debug, Default)]
struct PtLines {
    small: SmallVec<[(u8, u32); 8]>,
    /// Line index + 1 per key (0 = none), once past the inline entries.
    table: Option<Box<[u32; 256]>>,
}

impl PtLines {
    fn key(kind: PtAttr, pt: u8) -> u8 {
        (pt & 0x7f) | (kind as u8) << 7
    }

    /// Records line `index` for (`kind`, `pt`) unless an earlier one is there.
    fn insert(&mut self, kind: PtAttr, pt: u8, index: usize) {
        let key = Self::key(kind, pt);
        let index = u32::try_from(index).unwrap_or(u32::MAX - 1);
        if let Some(t) = &mut self.table {
            let slot = &mut t[usize::from(key)];
            if *slot == 0 {
                *slot = index + 1;
            }
            return;
        }
        if self.small.iter().any(|&(k, _)| k == key) {
            return;
        }
        if self.small.len() < 8 {
            self.small.push((key, index));
            return;
        }
        let mut t = Box::new([0u32; 256]);
        for &(k, i) in &self.small {
            t[usize::from(k)] = i + 1;
        }
        t[usize::from(key)] = index + 1;
        self.small.clear();
        self.table = Some(t);
    }

    fn get(&self, kind: PtAttr, pt: u8) -> Option<usize> {
        let key = Self::key(kind, pt);
        match &self.table {
            Some(t) => t[usize::from(key)].checked_sub(1).map(|i| i as usize),
            None => self
                .small
                .iter()
                .find(|&&(k, _)| k == key)
                .map(|&(_, i)| i as usize),
        }
    }
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
    /// Each payload type's first rtpmap / fmtp line in the section.
    pt_lines: PtLines,
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
            pt_lines: PtLines::default(),
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
                        let kind = if a.name() == "rtpmap" {
                            PtAttr::Rtpmap
                        } else {
                            PtAttr::Fmtp
                        };
                        s.pt_lines.insert(kind, pt, i);
                    }
                }
                "sendrecv" | "sendonly" | "recvonly" | "inactive" => {
                    media_direction = media_direction.or(Direction::from_attribute(a.name()));
                }
                "mid" => {
                    // Echoed in our answer and its BUNDLE group: only a
                    // well-formed tag (RFC 5888 §4: a token) goes back.
                    let mid = crate::sdp::text::trim_ws(v);
                    if !crate::sdp::text::is_token(mid) {
                        return Err(SdpError::invalid(
                            a.line(),
                            "a=mid",
                            "identification tag is not a token (RFC 5888 §4, RFC 8866 §9)",
                        ));
                    }
                    s.mid = Some(mid);
                }
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
        match self.attr_at(PtAttr::Rtpmap, pt) {
            Some((v, line)) => RtpMap::parse(v, line).map(Some),
            None => Ok(None),
        }
    }

    /// The fmtp parameter text of `pt`, when present.
    pub(crate) fn fmtp(&self, pt: u8) -> Option<&'a str> {
        let (v, _) = self.attr_at(PtAttr::Fmtp, pt)?;
        let (_, params) = crate::sdp::views::split_token(v);
        Some(params.trim_end())
    }

    /// The value (after `name:`) and line number of `pt`'s first `kind` line.
    fn attr_at(&self, kind: PtAttr, pt: u8) -> Option<(&'a str, usize)> {
        let l = self.media.line_at(self.pt_lines.get(kind, pt)?)?;
        let (_, v) = crate::sdp::text::split_once_byte(l.value(), b':');
        v.map(|v| (v, l.number()))
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
