//! Warning text that echoes the remote's input is bounded and escaped: an
//! INVITE whose Content-Type is 64 KiB of `"` gets a 400 whose Warning 399
//! holds at most 256 bytes of text (`MAX_WARN_TEXT_LEN`, cut on a char
//! boundary) written as a valid RFC 3261 §25.1 quoted-string.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallState, Method, SipRequest, SipWarning};
use sdp_offer_answer::sip::MAX_WARN_TEXT_LEN;

/// Whether `s` is exactly one RFC 3261 §25.1 `quoted-string` (without the
/// optional leading SWS): DQUOTE *(qdtext / quoted-pair) DQUOTE, with
/// `qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII` (LWS here: SP
/// or HT, no folding) and `quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)`.
fn is_quoted_string(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\\' => matches!(chars.next(), Some(n) if n.is_ascii() && n != '\n' && n != '\r'),
            ' ' | '\t' | '!' | '\u{23}'..='\u{5b}' | '\u{5d}'..='\u{7e}' => true,
            c => !c.is_ascii() && !c.is_control(),
        };
        if !ok {
            return false;
        }
    }
    true
}

fn warning_of_400(content_type: &str) -> SipWarning {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let invite = SipRequest::new(Method::Invite).with_body(content_type, OFFER_A.to_vec());
    bob.handle_request(invite, now).unwrap();
    let response = only_response(drain(&mut bob));
    assert_eq!((response.status, response.method), (400, Method::Invite));
    assert_eq!(bob.state(), CallState::Terminated);
    response.headers.warning.expect("Warning 399")
}

#[test]
fn warning_of_a_64_kib_content_type_is_bounded_and_quoted() {
    let quotes = "\"".repeat(64 * 1024);
    let warning = warning_of_400(&quotes);
    assert_eq!((warning.code, warning.agent.as_str()), (399, "-"));
    assert!(
        warning.text.len() <= MAX_WARN_TEXT_LEN,
        "{}",
        warning.text.len()
    );
    assert!(warning.text.starts_with("invalid Content-Type \"\\\"\\\""));
    let value = warning.header_value();
    let text = value.strip_prefix("399 - ").expect("code and agent");
    assert!(is_quoted_string(text), "{text}");
    // Every `"` and `\` of the text is escaped: the value is the text plus
    // one backslash for each, plus the quotes.
    let escapes = warning.text.matches(['"', '\\']).count();
    assert_eq!(text.len(), warning.text.len() + escapes + 2);
    assert!(value.len() <= 6 + 2 * MAX_WARN_TEXT_LEN + 2);
    assert_eq!(SipWarning::parse(&value), Some(warning));
}

#[test]
fn multibyte_and_control_characters_stay_valid() {
    // 3-byte chars: 256 is not a multiple of 3, so the cut falls inside one
    // unless it is made on a char boundary; controls become spaces.
    let value = format!("x/{}\u{1}\u{7f}", "€".repeat(30_000));
    let warning = warning_of_400(&value);
    assert!(warning.text.len() <= MAX_WARN_TEXT_LEN);
    assert!(warning.text.len() > MAX_WARN_TEXT_LEN - 4);
    let value = warning.header_value();
    assert!(
        is_quoted_string(value.strip_prefix("399 - ").unwrap()),
        "{value}"
    );

    let warning = SipWarning::new(399, None, "a\r\nb\0c\"d\\e");
    assert_eq!(warning.header_value(), "399 - \"a  b c\\\"d\\\\e\"");
    // A code out of range is written as 399, still one valid line.
    let warning = SipWarning {
        code: 42,
        agent: "bad agent".to_owned(),
        text: "line\r\nInjected: yes".to_owned(),
    };
    assert_eq!(warning.header_value(), "399 - \"line  Injected: yes\"");
}
