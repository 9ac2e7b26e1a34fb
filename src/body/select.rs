//! Choosing the session descriptions of an incoming body (RFC 5621 §3, §5,
//! §9; RFC 2046 §5.1.4; RFC 3261 §20.11 and §21.4.13).

use std::fmt;

use mime::Mime;

use super::disposition::{DispositionType, Handling};
use super::part::{MimePart, PartContent};

/// What this UA understands in a body: media types (leaf types such as
/// `application/sdp` and multipart types such as `multipart/mixed`) and
/// disposition types. It is also what a 415 lists in its Accept header
/// (RFC 3261 §21.4.13).
///
/// Media types match on type/subtype only (parameters ignored),
/// case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnderstoodMedia {
    media_types: Vec<Mime>,
    dispositions: Vec<DispositionType>,
}

impl UnderstoodMedia {
    /// Understands `media_types` (in the order the Accept header will list
    /// them) and the `session` disposition only.
    pub fn new(media_types: Vec<Mime>) -> Self {
        UnderstoodMedia {
            media_types,
            dispositions: vec![DispositionType::Session],
        }
    }

    /// `application/sdp`, `multipart/mixed` and `multipart/alternative`, with
    /// the `session` disposition: what an offer/answer UA takes (RFC 5621 §8
    /// asks every UA to support multipart/mixed and multipart/alternative).
    pub fn sdp() -> Self {
        let types = [
            "application/sdp",
            "multipart/mixed",
            "multipart/alternative",
        ]
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
        UnderstoodMedia::new(types)
    }

    /// This set with disposition type `disposition` understood as well.
    pub fn with_disposition(mut self, disposition: DispositionType) -> Self {
        if !self.dispositions.contains(&disposition) {
            self.dispositions.push(disposition);
        }
        self
    }

    /// The understood media types, in Accept order.
    pub fn media_types(&self) -> &[Mime] {
        &self.media_types
    }

    /// The understood disposition types.
    pub fn dispositions(&self) -> &[DispositionType] {
        &self.dispositions
    }

    /// Whether `media_type`'s type/subtype is understood.
    pub fn understands_media_type(&self, media_type: &Mime) -> bool {
        self.media_types
            .iter()
            .any(|m| m.type_() == media_type.type_() && m.subtype() == media_type.subtype())
    }

    /// Whether `disposition` is understood.
    pub fn understands_disposition(&self, disposition: &DispositionType) -> bool {
        self.dispositions.contains(disposition)
    }

    /// The Accept header value for a 415 (RFC 3261 §20.1, §21.4.13): the
    /// media types joined by `", "`, e.g.
    /// `application/sdp, multipart/mixed, multipart/alternative`.
    pub fn accept_value(&self) -> String {
        let mut out = String::new();
        for (i, m) in self.media_types.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(m.as_ref());
        }
        out
    }
}

impl Default for UnderstoodMedia {
    /// [`UnderstoodMedia::sdp`].
    fn default() -> Self {
        UnderstoodMedia::sdp()
    }
}

/// Why a body part made the body unacceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Its media type is not understood (RFC 3261 §21.4.13).
    UnknownMediaType,
    /// Its disposition type is not understood (RFC 3204 §5, RFC 5621 §9):
    /// answered with 415 too, with the same Accept.
    UnknownDisposition(DispositionType),
    /// It is a `multipart/alternative` none of whose parts is understood
    /// (RFC 5621 §5).
    NoUnderstoodAlternative,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownMediaType => f.write_str("media type not understood"),
            Refusal::UnknownDisposition(d) => write!(f, "disposition type {d} not understood"),
            Refusal::NoUnderstoodAlternative => f.write_str("no alternative understood"),
        }
    }
}

/// The body holds a part this UA must understand and does not: answer the
/// request with 415 (Unsupported Media Type) and an Accept header whose value
/// is [`accept`](UnsupportedMediaType::accept) (RFC 3261 §21.4.13, RFC 5621
/// §9).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("415 Unsupported Media Type: {refused}: {reason}")]
#[non_exhaustive]
pub struct UnsupportedMediaType {
    /// Media type of the refused body part, as text (without `boundary`),
    /// e.g. `application/isup`.
    pub refused: String,
    /// Why it was refused.
    pub reason: Refusal,
    /// The Accept header value for the 415:
    /// [`UnderstoodMedia::accept_value`].
    pub accept: String,
}

impl UnsupportedMediaType {
    /// The SIP status code to answer with: 415.
    pub const STATUS_CODE: u16 = 415;
}

/// Picks the session descriptions out of an incoming body (RFC 5621).
///
/// Walks the tree:
/// * a single part is taken when its media type and effective disposition
///   (explicit, else `session` for `application/sdp` and `render` for the
///   rest, RFC 5621 §3.2) are understood; it is returned when that
///   disposition is `session`;
/// * a `multipart/alternative` contributes its **last** alternative that is
///   understood as a whole (RFC 2046 §5.1.4, RFC 5621 §5); the `handling` of
///   the alternatives themselves is not looked at;
/// * any other understood multipart subtype is walked as `multipart/mixed`
///   (RFC 2046 §5.1.7): each part not understood is ignored when its
///   handling is `optional` and refuses the whole body when it is `required`
///   (the default when the parameter is absent, RFC 3261 §20.11, RFC 5621 §9);
/// * the root's own handling (the message's Content-Disposition) applies the
///   same way: an optional root that is not understood gives no parts.
///
/// Returns the session parts in body order; empty when the body carries none
/// (e.g. only optional parts that were ignored).
///
/// # Errors
/// [`UnsupportedMediaType`], carrying the 415's Accept value, when a required
/// part (or the root) is not understood.
pub fn select_session_parts<'a>(
    body: &'a MimePart,
    understood: &UnderstoodMedia,
) -> Result<Vec<&'a MimePart>, UnsupportedMediaType> {
    let mut out = Vec::new();
    match walk(body, understood, &mut out) {
        Ok(()) => Ok(out),
        Err(_) if body.handling() == Handling::Optional => Ok(Vec::new()),
        Err((refused, reason)) => Err(UnsupportedMediaType {
            refused: refused.content_type().as_ref().to_owned(),
            reason,
            accept: understood.accept_value(),
        }),
    }
}

type Refused<'a> = (&'a MimePart, Refusal);

fn walk<'a>(
    part: &'a MimePart,
    understood: &UnderstoodMedia,
    out: &mut Vec<&'a MimePart>,
) -> Result<(), Refused<'a>> {
    if !understood.understands_media_type(part.content_type()) {
        return Err((part, Refusal::UnknownMediaType));
    }
    let children = match part.content() {
        PartContent::Single(_) => {
            let disposition = part.effective_disposition();
            if !understood.understands_disposition(&disposition) {
                return Err((part, Refusal::UnknownDisposition(disposition)));
            }
            if disposition == DispositionType::Session {
                out.push(part);
            }
            return Ok(());
        }
        PartContent::Multipart(children) => children,
    };
    if part.content_type().subtype() == "alternative" {
        let mark = out.len();
        for alternative in children.iter().rev() {
            if walk(alternative, understood, out).is_ok() {
                return Ok(());
            }
            out.truncate(mark);
        }
        return Err((part, Refusal::NoUnderstoodAlternative));
    }
    for child in children {
        let mark = out.len();
        if let Err(refused) = walk(child, understood, out) {
            out.truncate(mark);
            if child.handling() == Handling::Required {
                return Err(refused);
            }
        }
    }
    Ok(())
}
