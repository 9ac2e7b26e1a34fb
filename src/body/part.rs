//! The MIME body part tree (UCMA's `MimePartContentDescription`).

use mime::Mime;

use super::BodyError;
use super::disposition::{ContentDisposition, DispositionType, Handling};
use super::media_type::{is_multipart, without_boundary};

/// What a body part holds: its own bytes, or the body parts of a multipart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "a MIME entity is a single body or a multipart (RFC 2046 §5.1)"
)]
pub enum PartContent {
    /// The body of a non-multipart part, as raw bytes (binary-safe: SIP bodies
    /// are binary, RFC 3261 §7.4, no transfer encoding is applied).
    Single(Vec<u8>),
    /// The body parts of a `multipart/*` part, in order (RFC 2046 §5.1).
    Multipart(Vec<MimePart>),
}

/// One MIME entity of a SIP body: a Content-Type, an optional
/// Content-Disposition, an optional Content-ID, other headers, and either its
/// bytes or its body parts. The whole body of a SIP message is a `MimePart`
/// too (its headers are the message's Content-* headers).
///
/// This is UCMA's `MimePartContentDescription`, and the shape of
/// `CallEstablishOptions::custom_mime_parts`.
///
/// Invariant: the content is [`PartContent::Multipart`] exactly when the
/// Content-Type is `multipart/*`; the constructors keep it. A multipart's
/// Content-Type never holds a `boundary` parameter: the boundary is framing,
/// chosen when the body is built ([`crate::body::build_body`]) and dropped when
/// it is parsed ([`crate::body::parse_body`]), so `parse(build(tree)) == tree`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MimePart {
    content_type: Mime,
    content_disposition: Option<ContentDisposition>,
    content_id: Option<String>,
    headers: Vec<(String, String)>,
    content: PartContent,
}

impl MimePart {
    /// A single (non-multipart) part of type `content_type` holding `body`.
    ///
    /// # Errors
    /// [`BodyError::UnexpectedMultipart`] when `content_type` is `multipart/*`.
    pub fn single(content_type: Mime, body: impl Into<Vec<u8>>) -> Result<Self, BodyError> {
        if is_multipart(&content_type) {
            return Err(BodyError::UnexpectedMultipart {
                content_type: content_type.to_string(),
            });
        }
        Ok(MimePart::raw(
            content_type,
            PartContent::Single(body.into()),
        ))
    }

    /// A single part that may be dropped: `Content-Disposition` with
    /// `handling=optional` (RFC 3261 §20.11, RFC 5621 §9) and the default
    /// disposition of its type (`session` for SDP, `render` otherwise). A
    /// 415 retry of [`Call::establish`](crate::call::Call::establish)
    /// leaves such custom parts out (UCMA: "exclude the custom optional
    /// MIME parts"), and a peer that does not understand it may ignore it.
    ///
    /// A part built with [`MimePart::single`] has no Content-Disposition and
    /// so counts as `handling=required`, RFC 3261's default: say which it
    /// is with this or [`MimePart::required`].
    ///
    /// # Errors
    /// As [`MimePart::single`].
    pub fn optional(content_type: Mime, body: impl Into<Vec<u8>>) -> Result<Self, BodyError> {
        MimePart::with_handling(content_type, body, Handling::Optional)
    }

    /// A single part the receiver must understand: `Content-Disposition`
    /// with `handling=required` written out (RFC 3261 §20.11; the default
    /// made explicit) and the default disposition of its type. A 415 retry
    /// keeps it; a peer that does not take its type answers 415 (RFC 5621
    /// §9).
    ///
    /// # Errors
    /// As [`MimePart::single`].
    pub fn required(content_type: Mime, body: impl Into<Vec<u8>>) -> Result<Self, BodyError> {
        MimePart::with_handling(content_type, body, Handling::Required)
    }

    fn with_handling(
        content_type: Mime,
        body: impl Into<Vec<u8>>,
        handling: Handling,
    ) -> Result<Self, BodyError> {
        let part = MimePart::single(content_type, body)?;
        let disposition = match part.effective_disposition() {
            DispositionType::Session => ContentDisposition::session(),
            _ => ContentDisposition::render(),
        };
        Ok(part.with_content_disposition(disposition.with_handling(handling)))
    }

    /// An `application/sdp` part holding `sdp` (RFC 4566 §8.1), without
    /// Content-Disposition (the default for SDP is `session`, RFC 5621 §3.2).
    pub fn sdp(sdp: impl Into<Vec<u8>>) -> Self {
        MimePart::raw(
            known_type("application/sdp"),
            PartContent::Single(sdp.into()),
        )
    }

    /// A multipart part of type `content_type` (any `multipart/*`; a
    /// `boundary` parameter in it is dropped) holding `parts`.
    ///
    /// # Errors
    /// [`BodyError::NotMultipart`] when `content_type` is not `multipart/*`;
    /// [`BodyError::InvalidContentType`] if dropping the boundary leaves a
    /// value the `mime` crate refuses, [`BodyError::DuplicateParameter`] if
    /// it names a parameter twice.
    pub fn multipart(content_type: Mime, parts: Vec<MimePart>) -> Result<Self, BodyError> {
        if !is_multipart(&content_type) {
            return Err(BodyError::NotMultipart {
                content_type: content_type.to_string(),
            });
        }
        let ty = without_boundary(&content_type)?;
        Ok(MimePart::raw(ty, PartContent::Multipart(parts)))
    }

    /// A `multipart/mixed` part (RFC 2046 §5.1.3) holding `parts`.
    pub fn mixed(parts: Vec<MimePart>) -> Self {
        MimePart::raw(known_type("multipart/mixed"), PartContent::Multipart(parts))
    }

    /// A `multipart/alternative` part (RFC 2046 §5.1.4) holding `parts`, least
    /// preferred first.
    pub fn alternative(parts: Vec<MimePart>) -> Self {
        MimePart::raw(
            known_type("multipart/alternative"),
            PartContent::Multipart(parts),
        )
    }

    /// `parts` as one body: the part itself when there is one, else a
    /// `multipart/mixed` of them (how an offer with custom MIME parts is sent,
    /// UCMA's `SdpOffer` with `CallEstablishOptions.CustomMimeParts`). `None`
    /// when `parts` is empty.
    pub fn mixed_or_single(mut parts: Vec<MimePart>) -> Option<Self> {
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(MimePart::mixed(parts)),
        }
    }

    pub(crate) fn raw(content_type: Mime, content: PartContent) -> Self {
        MimePart {
            content_type,
            content_disposition: None,
            content_id: None,
            headers: Vec::new(),
            content,
        }
    }

    /// This part with Content-Disposition `disposition` (RFC 3261 §20.11).
    pub fn with_content_disposition(mut self, disposition: ContentDisposition) -> Self {
        self.content_disposition = Some(disposition);
        self
    }

    /// This part with Content-ID `id`, written as given, e.g.
    /// `"<sdp1@example.com>"` (RFC 2045 §7, RFC 2392). A value holding CR or
    /// LF makes [`crate::body::build_body`] fail with
    /// [`BodyError::InvalidHeader`].
    pub fn with_content_id(mut self, id: impl Into<String>) -> Self {
        self.content_id = Some(id.into());
        self
    }

    /// This part with one more header (e.g. `Content-Language`), written
    /// after Content-Type, Content-Disposition and Content-ID, in the order
    /// added. Names that are those three or `Content-Length` are not
    /// special-cased here: use the typed setters.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub(crate) fn set_content_disposition(&mut self, d: Option<ContentDisposition>) {
        self.content_disposition = d;
    }

    pub(crate) fn set_content_id(&mut self, id: Option<String>) {
        self.content_id = id;
    }

    pub(crate) fn headers_mut(&mut self) -> &mut Vec<(String, String)> {
        &mut self.headers
    }

    /// The media type (for a multipart, without `boundary`).
    pub fn content_type(&self) -> &Mime {
        &self.content_type
    }

    /// The Content-Disposition, when the part has one.
    pub fn content_disposition(&self) -> Option<&ContentDisposition> {
        self.content_disposition.as_ref()
    }

    /// The Content-ID as written (angle brackets included), when present.
    pub fn content_id(&self) -> Option<&str> {
        self.content_id.as_deref()
    }

    /// The other headers of the part, as (name, unfolded value), in order.
    /// Content-Length is not kept (body parts are delimited by the boundary).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// What the part holds.
    pub fn content(&self) -> &PartContent {
        &self.content
    }

    /// The part's content, by value.
    pub fn into_content(self) -> PartContent {
        self.content
    }

    /// The bytes of a single part; `None` for a multipart.
    pub fn body(&self) -> Option<&[u8]> {
        match &self.content {
            PartContent::Single(b) => Some(b),
            PartContent::Multipart(_) => None,
        }
    }

    /// The body parts of a multipart; empty for a single part.
    pub fn parts(&self) -> &[MimePart] {
        match &self.content {
            PartContent::Single(_) => &[],
            PartContent::Multipart(p) => p,
        }
    }

    /// Whether the part is a `multipart/*`.
    pub fn is_multipart(&self) -> bool {
        matches!(self.content, PartContent::Multipart(_))
    }

    /// The disposition type in force: the Content-Disposition's, else the
    /// default for the media type: `session` for `application/sdp`
    /// (RFC 5621 §3.2), `render` for any other (RFC 3261 §20.11).
    pub fn effective_disposition(&self) -> DispositionType {
        match &self.content_disposition {
            Some(d) => d.disposition_type().clone(),
            None if is_sdp(&self.content_type) => DispositionType::Session,
            None => DispositionType::Render,
        }
    }

    /// The handling in force: the Content-Disposition's `handling` parameter,
    /// [`Handling::Required`] when absent (RFC 3261 §20.11, RFC 5621 §9).
    pub fn handling(&self) -> Handling {
        self.content_disposition
            .as_ref()
            .map_or(Handling::Required, ContentDisposition::handling)
    }

    /// This tree without its `handling=optional` body parts, at any depth
    /// (the first retry after a 415, [`crate::manual::retry_415`]). A multipart left with
    /// one part is replaced by that part; `None` when nothing required is
    /// left. The root's own handling is not looked at.
    pub fn without_optional_parts(&self) -> Option<MimePart> {
        match &self.content {
            PartContent::Single(_) => Some(self.clone()),
            PartContent::Multipart(parts) => {
                let mut kept: Vec<MimePart> = parts
                    .iter()
                    .filter(|p| p.handling() == Handling::Required)
                    .filter_map(MimePart::without_optional_parts)
                    .collect();
                match kept.len() {
                    0 => None,
                    1 => kept.pop(),
                    _ => {
                        let mut out = self.clone();
                        out.content = PartContent::Multipart(kept);
                        Some(out)
                    }
                }
            }
        }
    }
}

/// Whether `mime` is `application/sdp`.
pub(crate) fn is_sdp(mime: &Mime) -> bool {
    mime.type_() == mime::APPLICATION && mime.subtype() == "sdp"
}

/// A media type from a constant known to parse (the fallback is never taken;
/// it only keeps this free of `unwrap`).
fn known_type(text: &'static str) -> Mime {
    text.parse().unwrap_or(mime::STAR_STAR)
}
