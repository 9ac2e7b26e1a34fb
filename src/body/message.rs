//! The body of one SIP message with its Content-* header values.

use super::boundary::BoundaryGenerator;
use super::disposition::ContentDisposition;
use super::part::MimePart;
use super::{BodyError, BodyLimits, build_body, parse_body};

/// A SIP message body as it travels: the Content-Type, Content-Disposition
/// and Content-ID header values of the message (RFC 3261 §20.15, §20.11,
/// RFC 2045 §7) and the body bytes (Content-Length is `body.len()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody {
    /// The Content-Type header value, e.g. `application/sdp` or
    /// `multipart/mixed;boundary=sdpoa-e220a8397b1dcdaf`.
    pub content_type: String,
    /// The Content-Disposition header value, when present.
    pub content_disposition: Option<String>,
    /// The Content-ID header value, when present.
    pub content_id: Option<String>,
    /// Other entity headers of the root part (e.g. Content-Language), as
    /// (name, value): the SIP layer writes them as message headers.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl MessageBody {
    /// Serializes `root`: see [`build_body`].
    ///
    /// # Errors
    /// As [`build_body`].
    pub fn build(root: &MimePart, boundaries: &mut BoundaryGenerator) -> Result<Self, BodyError> {
        build_body(root, boundaries)
    }

    /// Parses the body and its headers into a tree: [`parse_body`], then the
    /// message's Content-Disposition, Content-ID and other headers set on the
    /// root.
    ///
    /// # Errors
    /// As [`parse_body`], and [`BodyError::InvalidContentDisposition`] for
    /// the message's Content-Disposition.
    pub fn parse(&self, limits: &BodyLimits) -> Result<MimePart, BodyError> {
        let disposition = self
            .content_disposition
            .as_deref()
            .map(ContentDisposition::parse)
            .transpose()?;
        let mut root = parse_body(&self.content_type, &self.body, limits)?;
        root.set_content_disposition(disposition);
        root.set_content_id(self.content_id.clone());
        root.headers_mut().clone_from(&self.headers);
        Ok(root)
    }
}
