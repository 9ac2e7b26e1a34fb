//! SDP carried in a `data:` URI (RFC 2397), as UCWA's `mediaOffer` and
//! `mediaAnswer` links do: `data:application/sdp;base64,<base64 of the SDP>`.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};

/// The media type written into, and required from, an SDP data URI.
pub const SDP_MEDIA_TYPE: &str = "application/sdp";

/// The default cap on the decoded size of an SDP data URI, in bytes (64 KiB).
pub const DEFAULT_MAX_DECODED_LEN: usize = 64 * 1024;

/// The longest media type kept in [`DataUriError::WrongMediaType`], in bytes.
const MAX_REPORTED_MEDIA_TYPE: usize = 64;

/// Why a string could not be decoded as an SDP data URI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DataUriError {
    /// The string does not start with `data:` or has no `,` ending the header.
    #[error("not a data: URI")]
    NotDataUri,
    /// The media type is not `application/sdp` (an empty one means
    /// `text/plain` per RFC 2397).
    #[error("data: URI media type is {found:?}, not application/sdp")]
    WrongMediaType {
        /// The media type found, cut to 64 bytes.
        found: String,
    },
    /// The header does not end with `;base64` (percent-encoded text data is
    /// not accepted).
    #[error("data: URI is not base64-encoded")]
    NotBase64,
    /// The data holds a `%` not followed by two hex digits.
    #[error("data: URI has an invalid percent-escape")]
    InvalidPercentEncoding,
    /// The data is not valid standard-alphabet base64 (RFC 4648 §4).
    #[error("data: URI holds invalid base64: {detail}")]
    InvalidBase64 {
        /// The base64 decoder's description of the fault.
        detail: String,
    },
    /// The decoded SDP would be longer than the limit.
    #[error("data: URI decodes to more than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

/// Encodes SDP bytes as `data:application/sdp;base64,<data>` (RFC 2397), with
/// the standard base64 alphabet and `=` padding (RFC 4648 §4).
///
/// ```
/// use sdp_offer_answer::renegotiation::encode_sdp_data_uri;
/// assert_eq!(encode_sdp_data_uri(b"v=0\r\n"), "data:application/sdp;base64,dj0wDQo=");
/// ```
pub fn encode_sdp_data_uri(sdp: &[u8]) -> String {
    const PREFIX: &str = "data:application/sdp;base64,";
    let mut uri = String::with_capacity(PREFIX.len() + sdp.len().div_ceil(3) * 4);
    uri.push_str(PREFIX);
    STANDARD.encode_string(sdp, &mut uri);
    uri
}

/// Decodes an SDP data URI back to the SDP bytes, refusing more than
/// [`DEFAULT_MAX_DECODED_LEN`] (64 KiB) of SDP.
///
/// See [`decode_sdp_data_uri_with_limit`] for what is accepted.
///
/// # Errors
/// See [`decode_sdp_data_uri_with_limit`].
pub fn decode_sdp_data_uri(uri: &str) -> Result<Vec<u8>, DataUriError> {
    decode_sdp_data_uri_with_limit(uri, DEFAULT_MAX_DECODED_LEN)
}

/// Decodes an SDP data URI back to the SDP bytes, refusing more than
/// `max_decoded_len` bytes of SDP.
///
/// Accepted: `data:` in any case; the media type `application/sdp` in any
/// case; any further `;name=value` parameters (e.g. `charset=utf-8`),
/// ignored; a final `;base64` (any case), required; data in the standard
/// base64 alphabet, with or without `=` padding, where percent-escapes
/// (`%2B`, `%3D`...) are undone first. The URL-safe alphabet, whitespace
/// inside the data, and non-base64 (percent-encoded text) data URIs are
/// refused. Work is linear in the input, and an input whose data is longer
/// than `max_decoded_len` allows is refused before it is decoded.
///
/// # Errors
/// [`DataUriError::NotDataUri`], [`DataUriError::WrongMediaType`],
/// [`DataUriError::NotBase64`], [`DataUriError::InvalidPercentEncoding`],
/// [`DataUriError::InvalidBase64`] and [`DataUriError::TooLarge`], as their
/// names say.
pub fn decode_sdp_data_uri_with_limit(
    uri: &str,
    max_decoded_len: usize,
) -> Result<Vec<u8>, DataUriError> {
    let rest = strip_prefix_ignore_ascii_case(uri, "data:").ok_or(DataUriError::NotDataUri)?;
    let (header, data) = rest.split_once(',').ok_or(DataUriError::NotDataUri)?;

    let mut params = header.split(';');
    let media_type = params.next().unwrap_or_default();
    if !media_type.eq_ignore_ascii_case(SDP_MEDIA_TYPE) {
        return Err(DataUriError::WrongMediaType {
            found: truncate(media_type, MAX_REPORTED_MEDIA_TYPE).to_owned(),
        });
    }
    if !params
        .next_back()
        .is_some_and(|p| p.eq_ignore_ascii_case("base64"))
    {
        return Err(DataUriError::NotBase64);
    }

    // Longest padded base64 text of `max_decoded_len` bytes; any longer data
    // decodes to more than the limit.
    let max_encoded_len = max_decoded_len.div_ceil(3).saturating_mul(4);
    let too_large = DataUriError::TooLarge {
        limit: max_decoded_len,
    };
    let decoded = if data.contains('%') {
        // Each encoded byte is at most 3 URI characters ("%2B").
        if data.len() > max_encoded_len.saturating_mul(3) {
            return Err(too_large);
        }
        let unescaped = percent_decode(data.as_bytes())?;
        if unescaped.len() > max_encoded_len {
            return Err(too_large);
        }
        decode_base64(&unescaped)?
    } else {
        if data.len() > max_encoded_len {
            return Err(too_large);
        }
        decode_base64(data.as_bytes())?
    };
    if decoded.len() > max_decoded_len {
        return Err(too_large);
    }
    Ok(decoded)
}

fn decode_base64(data: &[u8]) -> Result<Vec<u8>, DataUriError> {
    STANDARD_PAD_INDIFFERENT
        .decode(data)
        .map_err(|e| DataUriError::InvalidBase64 {
            detail: e.to_string(),
        })
}

fn strip_prefix_ignore_ascii_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char
/// boundary.
fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// Undoes percent-escapes (RFC 3986 §2.1) with the `percent-encoding`
/// crate, after checking that every `%` starts one: that crate passes a
/// malformed escape through as text, which would then read as bad base64.
fn percent_decode(data: &[u8]) -> Result<Vec<u8>, DataUriError> {
    let mut rest = data;
    while let Some(at) = memchr::memchr(b'%', rest) {
        let escape = rest.get(at + 1..at + 3).unwrap_or_default();
        if escape.len() != 2 || !escape.iter().all(u8::is_ascii_hexdigit) {
            return Err(DataUriError::InvalidPercentEncoding);
        }
        rest = rest.get(at + 3..).unwrap_or_default();
    }
    Ok(percent_encoding::percent_decode(data).collect())
}
