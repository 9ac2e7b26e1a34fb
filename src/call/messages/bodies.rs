//! Message bodies of the Call: the INVITE body from the offer and custom
//! parts, and the session descriptions of an incoming body (RFC 5621).

use std::sync::{Arc, LazyLock};

use mime::Mime;

use crate::body::{
    BodyError, BodyLimits, BoundaryGenerator, DispositionType, MessageBody, MimePart, PartContent,
    UnderstoodMedia, UnsupportedMediaType, parse_body, select_session_parts,
};
use crate::offer_answer::{SdpContentDescription, SdpOffer};
use crate::sdp::MediaType;
use crate::sip::SipHeaders;
use crate::sip::{SignalingHeader, check_header};

/// `[application/sdp]`, the media types of most initial offers, shared.
pub(crate) static SDP_ONLY: LazyLock<Arc<[Mime]>> = LazyLock::new(|| {
    Arc::from(
        "application/sdp"
            .parse::<Mime>()
            .map(|m| vec![m])
            .unwrap_or_default(),
    )
});

/// The body of an INVITE or 2xx carrying `offer` and `custom` parts: the
/// offer alone (`application/sdp`, or `multipart/alternative` for several
/// SDPs), or a `multipart/mixed` of it and the custom parts. `None` when
/// there is nothing to send.
pub(crate) fn offer_tree(offer: Option<&SdpOffer>, custom: &[MimePart]) -> Option<MimePart> {
    let mut parts = Vec::with_capacity(1 + custom.len());
    if let Some(p) = offer.and_then(SdpOffer::to_mime_part) {
        parts.push(p);
    }
    parts.extend(custom.iter().cloned());
    MimePart::mixed_or_single(parts)
}

/// Builds `tree` and writes it into `headers` (Content-* and root entity
/// headers); returns the body bytes (empty for no tree).
///
/// # Errors
/// As [`MessageBody::build`], and [`BodyError::InvalidHeader`] for a root
/// header that cannot be a SIP header (its name not an RFC 3261 token, a
/// value holding CR, LF or NUL): the root's headers become message headers.
pub(crate) fn write_body(
    tree: Option<&MimePart>,
    boundaries: &mut BoundaryGenerator,
    headers: &mut SipHeaders,
) -> Result<Vec<u8>, BodyError> {
    let Some(tree) = tree else {
        return Ok(Vec::new());
    };
    let built = MessageBody::build(tree, boundaries)?;
    let message_headers = [
        ("Content-Disposition", built.content_disposition.as_deref()),
        ("Content-ID", built.content_id.as_deref()),
    ];
    let bad = message_headers
        .into_iter()
        .filter_map(|(n, v)| v.map(|v| (n, v)))
        .chain(built.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        .find(|(n, v)| check_header(n, v).is_err());
    if let Some((name, _)) = bad {
        return Err(BodyError::InvalidHeader {
            name: name.to_owned(),
        });
    }
    headers.content_type = Some(built.content_type);
    headers.content_disposition = built.content_disposition;
    headers.content_id = built.content_id;
    headers.extra.extend(
        built
            .headers
            .into_iter()
            .map(|(n, v)| SignalingHeader::new(n, v)),
    );
    Ok(built.body)
}

/// Writes one SDP (an answer) as an `application/sdp` body.
pub(crate) fn write_sdp(description: &SdpContentDescription, headers: &mut SipHeaders) -> Vec<u8> {
    headers.content_type = Some("application/sdp".to_owned());
    headers.content_disposition = description
        .content_disposition
        .as_ref()
        .map(ToString::to_string);
    headers.content_id.clone_from(&description.content_id);
    description.body.clone()
}

/// The media of the m-lines of `offer`'s preferred SDP, each once, in
/// order (UCMA's `InitialOfferMediaTypes`), shared. A line scan: the
/// provider parses the SDP.
pub(crate) fn offer_media_types(offer: Option<&SdpOffer>) -> Arc<[MediaType]> {
    static AUDIO_ONLY: LazyLock<Arc<[MediaType]>> =
        LazyLock::new(|| Arc::from([MediaType::Audio].as_slice()));
    let mut out: smallvec::SmallVec<[MediaType; 4]> = smallvec::SmallVec::new();
    let body = offer
        .and_then(SdpOffer::preferred)
        .map(|d| d.body.as_slice());
    let body = body.unwrap_or_default();
    // The m-lines' starts: the body's first line, or after an LF (memchr's
    // substring search, not a byte-at-a-time split).
    let first = body.starts_with(b"m=").then_some(0);
    let rest = memchr::memmem::find_iter(body, b"\nm=").map(|i| i + 1);
    for start in first.into_iter().chain(rest) {
        let line = body.get(start + 2..).unwrap_or_default();
        let end = memchr::memchr3(b' ', b'\r', b'\n', line).unwrap_or(line.len());
        let token = line.get(..end).unwrap_or_default();
        let media = MediaType::parse(std::str::from_utf8(token).unwrap_or_default().trim());
        if !out.contains(&media) {
            out.push(media);
        }
    }
    match out.as_slice() {
        // The usual call: shared, not allocated.
        [MediaType::Audio] => AUDIO_ONLY.clone(),
        media => Arc::from(media),
    }
}

/// The body types of the leaf parts of `tree`, shared.
pub(crate) fn initial_types(tree: Option<&MimePart>) -> Arc<[Mime]> {
    match tree {
        Some(t) if !t.is_multipart() && is_sdp(t.content_type()) => SDP_ONLY.clone(),
        Some(t) => {
            let mut types = Vec::new();
            leaf_types(t, &mut types);
            Arc::from(types)
        }
        None => Arc::from(Vec::new()),
    }
}

/// The media types of the leaf parts of `part`, in order.
pub(crate) fn leaf_types(part: &MimePart, out: &mut Vec<Mime>) {
    match part.content() {
        PartContent::Single(_) => out.push(part.content_type().clone()),
        PartContent::Multipart(children) => {
            for c in children {
                leaf_types(c, out);
            }
        }
    }
}

/// The body of a message as a tree; `None` for an empty body. A body
/// without Content-Type is read as `application/sdp`.
pub(crate) fn parse_message_body(
    headers: &SipHeaders,
    body: &[u8],
    limits: &BodyLimits,
) -> Result<Option<MimePart>, BodyError> {
    if body.is_empty() {
        return Ok(None);
    }
    let content_type = headers.content_type.as_deref().unwrap_or("application/sdp");
    let mut root = parse_body(content_type, body, limits)?;
    if let Some(d) = headers.content_disposition.as_deref() {
        root = root.with_content_disposition(crate::body::ContentDisposition::parse(d)?);
    }
    if let Some(id) = &headers.content_id {
        root = root.with_content_id(id.clone());
    }
    Ok(Some(root))
}

/// The session descriptions of an incoming body, per RFC 5621: a required
/// part that is not understood refuses the body (415 with Accept); a
/// `multipart/alternative` contributes every alternative that is
/// understood, in order (least preferred first), so that the provider can
/// pick one it can do.
pub(crate) fn session_descriptions(
    root: &MimePart,
    understood: &UnderstoodMedia,
) -> Result<Vec<SdpContentDescription>, UnsupportedMediaType> {
    let selected = select_session_parts(root, understood)?;
    let mut out = Vec::with_capacity(selected.len());
    if selected.is_empty() {
        return Ok(out);
    }
    collect(root, understood, &mut out);
    Ok(out)
}

fn collect(part: &MimePart, understood: &UnderstoodMedia, out: &mut Vec<SdpContentDescription>) {
    match part.content() {
        PartContent::Single(_) => {
            if is_sdp(part.content_type())
                && part.effective_disposition() == DispositionType::Session
            {
                out.extend(SdpContentDescription::from_mime_part(part));
            }
        }
        PartContent::Multipart(children) if part.content_type().subtype() == "alternative" => {
            for c in children {
                if let Ok(parts) = select_session_parts(c, understood) {
                    out.extend(
                        parts
                            .into_iter()
                            .filter_map(SdpContentDescription::from_mime_part),
                    );
                }
            }
        }
        PartContent::Multipart(children) => {
            for c in children {
                if understood.understands_media_type(c.content_type()) {
                    collect(c, understood, out);
                }
            }
        }
    }
}

pub(crate) fn is_sdp(mime: &Mime) -> bool {
    mime.type_() == mime::APPLICATION && mime.subtype() == "sdp"
}

/// Whether the body's own Content-Type is one the provider does not take
/// while the body is required (no `handling=optional` on the message): it is
/// then refused with 415 before being parsed (RFC 3261 §8.2.3: the
/// Content-Type is checked first). `false` when the type does not even
/// parse (the full parse reports it).
pub(crate) fn root_type_refused(headers: &SipHeaders, body: &[u8], understood: &[Mime]) -> bool {
    if body.is_empty() {
        return false;
    }
    let Some(content_type) = headers.content_type.as_deref() else {
        return false;
    };
    let Ok(root) = crate::body::parse_media_type(content_type) else {
        return false;
    };
    let known = understood
        .iter()
        .any(|m| m.type_() == root.type_() && m.subtype() == root.subtype());
    let optional = headers
        .content_disposition
        .as_deref()
        .and_then(|d| crate::body::ContentDisposition::parse(d).ok())
        .is_some_and(|d| d.handling() == crate::body::Handling::Optional);
    !known && !optional
}

/// A body that is exactly one `application/sdp` (no parameters, no
/// Content-Disposition) the provider takes, read without the MIME parser:
/// the common case, and what RFC 5621 selection would give for it.
///
/// The body is moved out of `body` when it is one.
pub(crate) fn single_sdp(
    headers: &SipHeaders,
    body: &mut Vec<u8>,
    understood: &[Mime],
    limits: &BodyLimits,
) -> Option<SdpContentDescription> {
    if body.is_empty() || body.len() > limits.max_size || headers.content_disposition.is_some() {
        return None;
    }
    let content_type = headers.content_type.as_deref().unwrap_or("application/sdp");
    if !content_type.trim().eq_ignore_ascii_case("application/sdp")
        || !understood.iter().any(is_sdp)
    {
        return None;
    }
    Some(SdpContentDescription {
        body: std::mem::take(body),
        content_id: headers.content_id.clone(),
        content_disposition: None,
    })
}

/// The answer SDP in a response or ACK body: its most preferred session
/// description; `None` when there is none or the body cannot be read. A
/// single `application/sdp` body is moved out of `body`.
pub(crate) fn answer_description(
    headers: &SipHeaders,
    body: &mut Vec<u8>,
    understood: &[Mime],
    limits: &BodyLimits,
) -> Option<SdpContentDescription> {
    if let Some(description) = single_sdp(headers, body, understood, limits) {
        return Some(description);
    }
    let root = parse_message_body(headers, body, limits).ok()??;
    let understood = UnderstoodMedia::new(understood.to_vec());
    session_descriptions(&root, &understood).ok()?.pop()
}

/// Whether `bytes` can be an SDP at all: UTF-8 whose first non-blank line
/// is `v=` (else the body is answered 400 with Warning 399,
/// RFC 3261 §21.4.1).
pub(crate) fn looks_like_sdp(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| s.trim_start().starts_with("v="))
}
