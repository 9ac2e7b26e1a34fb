//! Reading a peer's Accept header (RFC 3261 §20.1, RFC 7231 §5.3.2).

use mime::Mime;

use super::media_type::compact_whitespace;

/// Whether an Accept header value admits `media_type`.
///
/// `accept` is the header value (several Accept headers joined with `,`), or
/// `None` when the message has no Accept header, which RFC 3261 §20.1 reads
/// as `application/sdp` only. Media ranges `*/*` and `type/*` match; the most
/// specific matching range decides, and `q=0` on it means "not acceptable"
/// (RFC 7231 §5.3.2). An empty value accepts nothing. Ranges the `mime`
/// crate cannot parse are skipped.
pub fn accepts(accept: Option<&str>, media_type: &Mime) -> bool {
    let Some(accept) = accept else {
        return media_type.type_() == mime::APPLICATION && media_type.subtype() == "sdp";
    };
    // (specificity, acceptable) of the most specific matching range.
    let mut best: Option<(u8, bool)> = None;
    for range in split_ranges(accept) {
        let Ok(range) = compact_whitespace(range).parse::<Mime>() else {
            continue;
        };
        let specificity = if range.type_() == mime::STAR && range.subtype() == mime::STAR {
            1
        } else if range.type_() == media_type.type_() && range.subtype() == mime::STAR {
            2
        } else if range.type_() == media_type.type_() && range.subtype() == media_type.subtype() {
            3
        } else {
            continue;
        };
        let acceptable = !range.get_param("q").is_some_and(|q| is_zero_q(q.as_str()));
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, acceptable));
        }
    }
    best.is_some_and(|(_, acceptable)| acceptable)
}

/// Whether the peer takes `multipart/alternative` bodies, from its Accept
/// header ([`accepts`]): the test behind step 1 of [`crate::manual::retry_415`] (after a 415,
/// resend the same offer without the optional parts).
pub fn supports_multipart_alternative(accept: Option<&str>) -> bool {
    let alternative: Mime = match "multipart/alternative".parse() {
        Ok(m) => m,
        Err(_) => return false,
    };
    accepts(accept, &alternative)
}

/// The comma-separated media ranges, commas inside quoted strings kept.
fn split_ranges(value: &str) -> impl Iterator<Item = &str> {
    let mut in_quotes = false;
    let mut start = 0;
    let mut pieces = Vec::new();
    for (i, c) in value.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                pieces.push(value.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(value.get(start..).unwrap_or(""));
    pieces.into_iter().filter(|p| !p.trim().is_empty())
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`: zero when
/// it is `0`, `0.`, `0.0`... .
fn is_zero_q(q: &str) -> bool {
    let mut chars = q.chars();
    chars.next() == Some('0') && {
        let rest = chars.as_str();
        rest.is_empty()
            || rest
                .strip_prefix('.')
                .is_some_and(|d| d.chars().all(|c| c == '0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_accept_means_sdp_only() {
        assert!(accepts(None, &"application/sdp".parse().unwrap()));
        assert!(!supports_multipart_alternative(None));
    }

    #[test]
    fn ranges_and_q() {
        assert!(supports_multipart_alternative(Some(
            "application/sdp, multipart/alternative"
        )));
        assert!(supports_multipart_alternative(Some("multipart/*")));
        assert!(supports_multipart_alternative(Some("*/*")));
        assert!(supports_multipart_alternative(Some(
            "Multipart/Alternative ; q=0.5"
        )));
        assert!(!supports_multipart_alternative(Some(
            "multipart/alternative;q=0"
        )));
        assert!(!supports_multipart_alternative(Some(
            "multipart/*;q=0.000, application/sdp"
        )));
        assert!(supports_multipart_alternative(Some(
            "multipart/*;q=0, multipart/alternative"
        )));
        assert!(!supports_multipart_alternative(Some(
            "application/sdp, multipart/mixed"
        )));
        assert!(!supports_multipart_alternative(Some("")));
        assert!(!supports_multipart_alternative(Some("garbage, ,;")));
    }
}
