//! One media description: its m-line, `c=`/`b=` lines and, on RTP m-lines,
//! its payload types against `a=rtpmap`/`a=fmtp` and RFC 3551's static table.

use std::collections::HashSet;

use super::attributes::{self, Level, SectionInfo};
use super::structure::family_mismatch;
use super::{ProblemKind as K, Report, quote, static_pt};
use crate::sdp::line::Line;
use crate::sdp::media::MediaDescription;
use crate::sdp::views::{AddressType, Bandwidth, Connection, MediaLine, TransportProtocol};

/// Checks one media description; pushes its `a=mid` values (value, line,
/// m-line index) onto `mids`.
pub(super) fn check<'a>(
    m: &MediaDescription<'a>,
    session_has_c: bool,
    r: &mut Report,
    mids: &mut Vec<(&'a str, usize, usize)>,
) {
    let m_line = m.m_line();
    let mut has_c = false;
    for line in m.lines() {
        match line.letter() {
            b'c' => {
                has_c = true;
                connection(&line, r);
            }
            b'b' => bandwidth(&line, r),
            _ => {}
        }
    }
    if !has_c && !session_has_c {
        r.error(
            m_line.number(),
            K::MissingConnection,
            "no c= line for this media and none at session level (RFC 8866 §5.7)".to_owned(),
        );
    }
    let info = attributes::check_section(m.attributes(), Level::Media, r);
    mids.extend(info.mids.iter().map(|&(mid, line)| (mid, line, m.index())));
    match MediaLine::parse(m_line.value(), m_line.number()) {
        Err(e) => r.invalid(&e, m_line.number(), K::InvalidMediaLine),
        Ok(ml) => {
            if ml.formats().next().is_none() {
                r.error(
                    m_line.number(),
                    K::NoFormats,
                    "m= line lists no formats (RFC 8866 §5.14)".to_owned(),
                );
            } else if is_rtp(ml.transport()) {
                // A port-0 `bundle-only` m-line is active (RFC 9143 §7.2.2):
                // its formats need what an active stream's need.
                let active = ml.port != 0 || m.has_attribute("bundle-only");
                rtp_formats(&ml, m_line.number(), &info, active, r);
            } else {
                other_formats(&ml, &info, r);
            }
        }
    }
}

/// RTP over any transport: formats are payload type numbers (RFC 8866 §5.14).
fn is_rtp(t: TransportProtocol) -> bool {
    t.is_rtp() || t == TransportProtocol::RtpOverTcp
}

/// Checks a `c=` line (session or media level).
pub(super) fn connection(line: &Line<'_>, r: &mut Report) {
    let n = line.number();
    let net_type = line.value().split([' ', '\t']).find(|f| !f.is_empty());
    if let Some(t) = net_type.filter(|t| !t.eq_ignore_ascii_case("IN")) {
        r.error(
            n,
            K::NetworkTypeNotIn,
            format!(
                "c= network type {} is not IN, the only one defined (RFC 8866 §5.7)",
                super::quote(t)
            ),
        );
    }
    if let Err(e) = Connection::parse(line.value(), n) {
        let mut fields = line.value().split([' ', '\t']).filter(|f| !f.is_empty());
        let address_type = fields.nth(1).map(AddressType::parse);
        let address = fields.next().and_then(|a| a.split('/').next());
        let mismatch = address_type
            .zip(address)
            .and_then(|(t, a)| family_mismatch("c=", "RFC 8866 §5.7", t, a));
        match mismatch {
            Some(message) => r.error(n, K::ConnectionFamilyMismatch, message),
            None => r.invalid(&e, n, K::InvalidConnection),
        }
    }
}

/// Checks a `b=` line (session or media level).
pub(super) fn bandwidth(line: &Line<'_>, r: &mut Report) {
    if let Err(e) = Bandwidth::parse(line.value(), line.number()) {
        r.invalid(&e, line.number(), K::InvalidBandwidth);
    }
}

/// Reads a payload type token: decimal digits, 0..=127.
fn payload_type(s: &str) -> Option<u8> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u8>().ok().filter(|&pt| pt <= 127)
}

/// A set of RTP payload types 0..=127 (larger values are never members).
#[derive(Default)]
struct PtSet(u128);

impl PtSet {
    fn contains(&self, pt: u8) -> bool {
        pt < 128 && self.0 & (1u128 << pt) != 0
    }

    /// Adds `pt`; `false` when it was already there or is not a payload type.
    fn insert(&mut self, pt: u8) -> bool {
        if pt >= 128 || self.contains(pt) {
            return false;
        }
        self.0 |= 1u128 << pt;
        true
    }
}

fn rtp_formats(
    ml: &MediaLine<'_>,
    m_number: usize,
    info: &SectionInfo<'_>,
    active: bool,
    r: &mut Report,
) {
    let mut listed = PtSet::default();
    let mut order: Vec<u8> = Vec::new();
    for f in ml.formats() {
        match payload_type(f) {
            None => r.error(
                m_number,
                K::FormatNotPayloadType,
                format!(
                    "format {} is not an RTP payload type 0..=127 (RFC 8866 §5.14)",
                    quote(f)
                ),
            ),
            Some(pt) if listed.contains(pt) => r.error(
                m_number,
                K::DuplicatePayloadType,
                format!("payload type {pt} is listed twice on the m= line (RFC 8866 §5.14)"),
            ),
            Some(pt) => {
                listed.insert(pt);
                order.push(pt);
            }
        }
    }
    let mut mapped = PtSet::default();
    for (map, line) in &info.rtpmaps {
        let pt = map.payload_type;
        mapped.insert(pt);
        if !listed.contains(pt) {
            r.warning(
                *line,
                K::RtpmapForUnlistedFormat,
                format!(
                    "a=rtpmap for payload type {pt}, which the m= line does not list (RFC 8866 §6.6)"
                ),
            );
        }
        if let Some(assigned) = static_pt::lookup(pt) {
            if !assigned.agrees_with(map) {
                r.error(
                    *line,
                    K::StaticPayloadTypeMismatch,
                    format!(
                        "a=rtpmap:{pt} {} contradicts the static payload type {pt} {} (RFC 3551 §6)",
                        quote(&rtpmap_text(map)),
                        assigned.text()
                    ),
                );
            }
        }
    }
    for (format, line) in &info.fmtps {
        let known = payload_type(format).is_some_and(|pt| listed.contains(pt));
        if !known {
            r.warning(
                *line,
                K::FmtpForUnlistedFormat,
                format!(
                    "a=fmtp for format {}, which the m= line does not list (RFC 8866 §6.15)",
                    quote(format)
                ),
            );
        }
    }
    if !active {
        // A disabled stream needs no usable formats (RFC 3264 §6).
        return;
    }
    for pt in order {
        if mapped.contains(pt) || static_pt::lookup(pt).is_some() {
            continue;
        }
        let (kind, message) = if pt >= 96 {
            (
                K::MissingRtpmap,
                format!("dynamic payload type {pt} has no a=rtpmap (RFC 8866 §6.6)"),
            )
        } else {
            (
                K::UnassignedPayloadType,
                format!("payload type {pt} has no static assignment and no a=rtpmap (RFC 3551 §6)"),
            )
        };
        r.error(m_number, kind, message);
    }
}

fn rtpmap_text(map: &crate::sdp::views::RtpMap<'_>) -> String {
    match map.channels {
        Some(c) => format!("{}/{}/{c}", map.encoding_name, map.clock_rate),
        None => format!("{}/{}", map.encoding_name, map.clock_rate),
    }
}

/// Non-RTP m-lines: `a=fmtp` names one of the formats, compared as written.
fn other_formats(ml: &MediaLine<'_>, info: &SectionInfo<'_>, r: &mut Report) {
    if info.fmtps.is_empty() {
        return;
    }
    let formats: HashSet<&str> = ml.formats().collect();
    for (format, line) in &info.fmtps {
        if !formats.contains(format) {
            r.warning(
                *line,
                K::FmtpForUnlistedFormat,
                format!(
                    "a=fmtp for format {}, which the m= line does not list (RFC 8866 §6.15)",
                    quote(format)
                ),
            );
        }
    }
}
