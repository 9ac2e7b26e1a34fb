//! [`MediaDescription`]: one m-line and the lines under it.

use super::error::SdpError;
use super::line::{Line, LineRec};
use super::session::SessionDescription;
use super::views::{Attribute, Bandwidth, Connection, Direction, Fmtp, MediaLine, RtpMap};

/// A borrowed media description (RFC 8866 §5.14): the `m=` line and every
/// line after it up to the next `m=`.
#[derive(Clone, Copy)]
pub struct MediaDescription<'a> {
    sdp: &'a SessionDescription,
    index: usize,
    recs: &'a [LineRec],
}

impl<'a> MediaDescription<'a> {
    pub(crate) fn new(sdp: &'a SessionDescription, index: usize, recs: &'a [LineRec]) -> Self {
        MediaDescription { sdp, index, recs }
    }

    /// 0-based m-line index within the session.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The session this media description belongs to.
    pub fn session(&self) -> &'a SessionDescription {
        self.sdp
    }

    /// The `m=` line itself (untyped).
    pub fn m_line(&self) -> Line<'a> {
        self.sdp.line_of(&self.recs[0])
    }

    /// The `m=` line, typed.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] naming the line when the m-line is malformed.
    pub fn media_line(&self) -> Result<MediaLine<'a>, SdpError> {
        let l = self.m_line();
        MediaLine::parse(l.value, l.number)
    }

    /// The line at `i` within the section (0 = the `m=` line).
    pub(crate) fn line_at(&self, i: usize) -> Option<Line<'a>> {
        self.recs.get(i).map(|r| self.sdp.line_of(r))
    }

    /// Every line of the section, the `m=` line first.
    pub fn lines(&self) -> impl ExactSizeIterator<Item = Line<'a>> + 'a {
        let sdp = self.sdp;
        self.recs.iter().map(move |r| sdp.line_of(r))
    }

    /// The media-level attributes, in order.
    pub fn attributes(&self) -> impl Iterator<Item = Attribute<'a>> + 'a {
        let sdp = self.sdp;
        self.recs
            .iter()
            .filter(|r| r.kind == b'a')
            .map(move |r| Attribute::from_value(sdp.value_of(r), r.number as usize))
    }

    /// The first media-level attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<Attribute<'a>> {
        self.attributes().find(|a| a.name() == name)
    }

    /// `true` when a property attribute `name` (no value, e.g. `rtcp-mux`) is present.
    pub fn has_attribute(&self, name: &str) -> bool {
        self.attribute(name).is_some()
    }

    /// The media-level `c=` lines, typed (there may be several, RFC 8866 §5.7).
    pub fn connections(&self) -> impl Iterator<Item = Result<Connection<'a>, SdpError>> + 'a {
        let sdp = self.sdp;
        self.recs
            .iter()
            .filter(|r| r.kind == b'c')
            .map(move |r| Connection::parse(sdp.value_of(r), r.number as usize))
    }

    /// The connection that applies to this media: its first `c=`, else the session's.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the applicable `c=` line is malformed.
    pub fn effective_connection(&self) -> Result<Option<Connection<'a>>, SdpError> {
        match self.connections().next() {
            Some(c) => c.map(Some),
            None => self.sdp.connection(),
        }
    }

    /// The media-level `b=` lines, typed.
    pub fn bandwidths(&self) -> impl Iterator<Item = Result<Bandwidth<'a>, SdpError>> + 'a {
        let sdp = self.sdp;
        self.recs
            .iter()
            .filter(|r| r.kind == b'b')
            .map(move |r| Bandwidth::parse(sdp.value_of(r), r.number as usize))
    }

    /// The media-level direction attribute, when there is one.
    pub fn direction(&self) -> Option<Direction> {
        self.attributes()
            .find_map(|a| Direction::from_attribute(a.name()))
    }

    /// The direction in force (RFC 3264 §5.1): media level, else session level, else `sendrecv`.
    pub fn effective_direction(&self) -> Direction {
        self.direction()
            .or_else(|| self.sdp.direction())
            .unwrap_or(Direction::SENDRECV)
    }

    /// `a=rtpmap` lines, typed, in order.
    pub fn rtpmaps(&self) -> impl Iterator<Item = Result<RtpMap<'a>, SdpError>> + 'a {
        self.attributes()
            .filter(|a| a.name() == "rtpmap")
            .map(|a| RtpMap::parse(a.value().unwrap_or(""), a.line()))
    }

    /// The `a=rtpmap` for payload type `pt`, when present and well formed.
    pub fn rtpmap(&self, pt: u8) -> Option<RtpMap<'a>> {
        self.rtpmaps()
            .filter_map(Result::ok)
            .find(|r| r.payload_type == pt)
    }

    /// `a=fmtp` lines, typed, in order.
    pub fn fmtps(&self) -> impl Iterator<Item = Result<Fmtp<'a>, SdpError>> + 'a {
        self.attributes()
            .filter(|a| a.name() == "fmtp")
            .map(|a| Fmtp::parse(a.value().unwrap_or(""), a.line()))
    }

    /// The `a=fmtp` for format `format` (a payload type number as written, or a non-RTP format).
    pub fn fmtp(&self, format: &str) -> Option<Fmtp<'a>> {
        self.fmtps()
            .filter_map(Result::ok)
            .find(|f| f.format == format)
    }
}

impl std::fmt::Debug for MediaDescription<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.lines().map(|l| l.to_string()))
            .finish()
    }
}
