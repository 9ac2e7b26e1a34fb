//! SIP messages ⇄ the Call's plain data ([`SipRequest`], [`SipResponse`],
//! [`SipHeaders`]): the offer/answer headers (Content-Type,
//! Content-Disposition, Content-ID, Accept, Supported, Require, Warning,
//! Retry-After, To-tag, RSeq, RAck) typed, every other header that is not
//! the transport's passed through in `extra`, and the body as it is.

use ezk_sip_types::Name;
use sdp_offer_answer::call::{Method, SipHeaders, SipRequest, SipResponse, SipWarning};
use sdp_offer_answer::offer_answer::SignalingHeader;

use super::message::{Message, name};

/// Headers the transport writes itself: never copied into `extra`.
const TRANSPORT: [&str; 12] = [
    "Via",
    "From",
    "To",
    "Call-ID",
    "CSeq",
    "Contact",
    "Max-Forwards",
    "Content-Length",
    "Route",
    "Record-Route",
    "User-Agent",
    "Server",
];

/// Headers typed in [`SipHeaders`].
const TYPED: [&str; 10] = [
    "Content-Type",
    "Content-Disposition",
    "Content-ID",
    "Accept",
    "Supported",
    "Require",
    "Warning",
    "Retry-After",
    "RSeq",
    "RAck",
];

/// The offer/answer view of a message's headers.
pub fn sip_headers(message: &Message) -> SipHeaders {
    let leading_number = |v: &str| -> Option<u32> {
        let digits: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let mut headers = SipHeaders {
        content_type: message.header(&Name::CONTENT_TYPE).map(str::to_owned),
        content_disposition: message
            .header(&Name::CONTENT_DISPOSITION)
            .map(str::to_owned),
        content_id: message.header(&name("Content-ID")).map(str::to_owned),
        accept: accept_value(message),
        supported: message.header_tokens(&Name::SUPPORTED),
        require: message.header_tokens(&Name::REQUIRE),
        warning: message
            .headers
            .get_raw(&Name::WARNING)
            .find_map(|w| SipWarning::parse(w)),
        retry_after: message.header(&Name::RETRY_AFTER).and_then(leading_number),
        to_tag: message
            .to_header()
            .and_then(|t| t.tag)
            .map(|t| t.to_string()),
        rseq: message.header(&Name::RSEQ).and_then(leading_number),
        rack: message.header(&Name::RACK).and_then(leading_number),
        extra: Vec::new(),
    };
    for (header, value) in message.headers.iter() {
        let text = header.as_print_str();
        let known = TRANSPORT.iter().chain(TYPED.iter());
        if !known.into_iter().any(|k| k.eq_ignore_ascii_case(text)) {
            headers
                .extra
                .push(SignalingHeader::new(text, value.to_string()));
        }
    }
    headers
}

/// Several Accept headers read as one comma list.
fn accept_value(message: &Message) -> Option<String> {
    let values: Vec<&str> = message
        .headers
        .get_raw(&Name::ACCEPT)
        .map(|v| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// A request that arrived, for [`Call::handle_request`](sdp_offer_answer::call::Call::handle_request).
pub fn to_request(message: &Message) -> SipRequest {
    SipRequest {
        method: Method::parse(&message.method().unwrap_or_default()),
        headers: sip_headers(message),
        body: message.body.to_vec(),
    }
}

/// A response that arrived, for [`Call::handle_response`](sdp_offer_answer::call::Call::handle_response);
/// its method is its CSeq method.
pub fn to_response(message: &Message) -> Option<SipResponse> {
    let (_, method) = message.cseq()?;
    Some(SipResponse {
        status: message.status()?,
        method: Method::parse(&method),
        headers: sip_headers(message),
        body: message.body.to_vec(),
    })
}

/// Writes the Call's offer/answer headers and body onto `message`, whose
/// transport headers are there already. `invite_cseq` completes a PRACK's
/// RAck (`response-num CSeq-num INVITE`, RFC 3262 §7.2).
pub fn write(headers: &SipHeaders, body: &[u8], invite_cseq: u32, message: &mut Message) {
    let h = &mut message.headers;
    if let Some(v) = &headers.accept {
        h.insert(Name::ACCEPT, v.clone());
    }
    if !headers.supported.is_empty() {
        h.insert(Name::SUPPORTED, headers.supported.join(", "));
    }
    if !headers.require.is_empty() {
        h.insert(Name::REQUIRE, headers.require.join(", "));
    }
    if let Some(rseq) = headers.rseq {
        h.insert(Name::RSEQ, rseq.to_string());
    }
    if let Some(rack) = headers.rack {
        h.insert(Name::RACK, format!("{rack} {invite_cseq} INVITE"));
    }
    if let Some(w) = &headers.warning {
        h.insert(Name::WARNING, w.header_value());
    }
    if let Some(secs) = headers.retry_after {
        h.insert(Name::RETRY_AFTER, secs.to_string());
    }
    for extra in &headers.extra {
        h.insert(name(&extra.name), extra.value.clone());
    }
    if !body.is_empty() {
        if let Some(v) = &headers.content_disposition {
            h.insert(Name::CONTENT_DISPOSITION, v.clone());
        }
        if let Some(v) = &headers.content_id {
            h.insert(name("Content-ID"), v.clone());
        }
        let content_type = headers.content_type.as_deref().unwrap_or("application/sdp");
        h.insert(Name::CONTENT_TYPE, content_type.to_owned());
        message.body = bytes::Bytes::copy_from_slice(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offer_answer_headers_round_trip() {
        let wire = b"SIP/2.0 488 Not Acceptable Here\r\n\
Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n\
To: <sip:a@127.0.0.1>;tag=xyz\r\nFrom: <sip:b@127.0.0.1>;tag=1\r\nCall-ID: c\r\n\
CSeq: 4 INVITE\r\nWarning: 370 sipp \"Insufficient bandwidth\"\r\nRetry-After: 5 (busy)\r\n\
Accept: application/sdp\r\nAccept: multipart/mixed\r\nSupported: 100rel, timer\r\nX-Extra: yes\r\n\r\n";
        let m = Message::parse(wire).unwrap();
        let r = to_response(&m).unwrap();
        assert_eq!((r.status, r.method.clone()), (488, Method::Invite));
        assert_eq!(r.headers.warning.as_ref().map(|w| w.code), Some(370));
        assert_eq!(r.headers.retry_after, Some(5));
        assert_eq!(r.headers.to_tag.as_deref(), Some("xyz"));
        assert_eq!(
            r.headers.accept.as_deref(),
            Some("application/sdp, multipart/mixed")
        );
        assert_eq!(r.headers.supported, ["100rel", "timer"]);
        assert_eq!(r.headers.extra.len(), 1);
        assert!(r.headers.extra[0].is("X-Extra"));

        let mut out = Message::response(488, "Not Acceptable Here");
        write(&r.headers, b"", 1, &mut out);
        let again = to_response(&{
            let mut o = Message::parse(&out.to_bytes()).unwrap();
            o.headers.insert(Name::CSEQ, "4 INVITE");
            o
        })
        .unwrap();
        assert_eq!(again.headers.warning, r.headers.warning);
        assert_eq!(again.headers.accept, r.headers.accept);
    }

    #[test]
    fn rack_gets_the_invite_cseq() {
        let headers = SipHeaders {
            rack: Some(1),
            ..SipHeaders::default()
        };
        let mut out = Message::response(200, "OK");
        write(&headers, b"v=0\r\n", 42, &mut out);
        assert_eq!(out.header(&Name::RACK), Some("1 42 INVITE"));
        assert_eq!(out.header(&Name::CONTENT_TYPE), Some("application/sdp"));
    }
}
