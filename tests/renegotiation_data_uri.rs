//! SDP as RFC 2397 data: URIs: round trips, every decode error, limits, and
//! properties (never panics; encode→decode is the identity).

use proptest::prelude::*;
use sdp_offer_answer::renegotiation::{
    DEFAULT_MAX_DECODED_LEN, DataUriError, decode_sdp_data_uri, decode_sdp_data_uri_with_limit,
    encode_sdp_data_uri,
};

const SDP: &str = "v=0\r\n\
o=alice 2890844526 2890844527 IN IP4 atlanta.example.com\r\n\
s=-\r\n\
c=IN IP4 192.0.2.101\r\n\
t=0 0\r\n\
m=audio 49170 RTP/AVP 0 8 97 101\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=rtpmap:8 PCMA/8000\r\n\
a=rtpmap:97 iLBC/8000\r\n\
a=rtpmap:101 telephone-event/8000\r\n\
a=fmtp:101 0-15\r\n\
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n\
a=sendrecv\r\n";

#[test]
fn real_sdp_round_trips() {
    let uri = encode_sdp_data_uri(SDP.as_bytes());
    assert!(uri.starts_with("data:application/sdp;base64,"));
    assert!(!uri[28..].contains([',', ';', '\r', '\n', ' ']));
    assert_eq!(decode_sdp_data_uri(&uri).unwrap(), SDP.as_bytes());
}

#[test]
fn known_encodings() {
    assert_eq!(encode_sdp_data_uri(b""), "data:application/sdp;base64,");
    assert_eq!(
        encode_sdp_data_uri(b"v=0\r\n"),
        "data:application/sdp;base64,dj0wDQo="
    );
    assert_eq!(
        encode_sdp_data_uri(&[0xfb, 0xff]),
        "data:application/sdp;base64,+/8="
    );
    assert_eq!(
        decode_sdp_data_uri("data:application/sdp;base64,").unwrap(),
        b""
    );
}

#[test]
fn lenient_forms_are_accepted() {
    let plain = b"v=0\r\n".to_vec();
    for uri in [
        "DATA:Application/SDP;BASE64,dj0wDQo=",
        "data:application/sdp;charset=utf-8;base64,dj0wDQo=",
        "data:application/sdp;charset=utf-8;foo=bar;base64,dj0wDQo=",
        "data:application/sdp;base64,dj0wDQo",
        "data:application/sdp;base64,dj0wDQo%3D",
        "data:application/sdp;base64,dj0wDQo%3d",
    ] {
        assert_eq!(decode_sdp_data_uri(uri).as_ref(), Ok(&plain), "{uri}");
    }
    assert_eq!(
        decode_sdp_data_uri("data:application/sdp;base64,%2B%2F8%3D").unwrap(),
        vec![0xfb, 0xff]
    );
}

#[test]
fn not_a_data_uri() {
    for uri in [
        "",
        "data",
        "dat:application/sdp;base64,AA==",
        "http://example.com/x.sdp",
        "data:application/sdp;base64",
        "ü",
        "dataü:x,y",
    ] {
        assert_eq!(
            decode_sdp_data_uri(uri),
            Err(DataUriError::NotDataUri),
            "{uri:?}"
        );
    }
}

#[test]
fn wrong_media_type() {
    assert_eq!(
        decode_sdp_data_uri("data:text/plain;base64,dj0wDQo="),
        Err(DataUriError::WrongMediaType {
            found: "text/plain".into()
        })
    );
    assert_eq!(
        decode_sdp_data_uri("data:;base64,dj0wDQo="),
        Err(DataUriError::WrongMediaType { found: "".into() })
    );
    assert_eq!(
        decode_sdp_data_uri("data:,v=0"),
        Err(DataUriError::WrongMediaType { found: "".into() })
    );
    // The reported media type is cut to 64 bytes, on a char boundary.
    let long = format!("data:{};base64,", "é".repeat(100));
    match decode_sdp_data_uri(&long) {
        Err(DataUriError::WrongMediaType { found }) => assert_eq!(found, "é".repeat(32)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_base64() {
    for uri in [
        "data:application/sdp,v=0%0D%0A",
        "data:application/sdp;charset=utf-8,v=0",
        "data:application/sdp;base64;charset=utf-8,dj0wDQo=",
    ] {
        assert_eq!(
            decode_sdp_data_uri(uri),
            Err(DataUriError::NotBase64),
            "{uri}"
        );
    }
}

#[test]
fn bad_base64() {
    for uri in [
        "data:application/sdp;base64,dj0w DQo=",
        "data:application/sdp;base64,dj0wDQo=dj0w",
        "data:application/sdp;base64,-_8=",
        "data:application/sdp;base64,d",
        "data:application/sdp;base64,dj0wDQo==",
        "data:application/sdp;base64,dj0wDQoé",
    ] {
        assert!(
            matches!(
                decode_sdp_data_uri(uri),
                Err(DataUriError::InvalidBase64 { .. })
            ),
            "{uri}: {:?}",
            decode_sdp_data_uri(uri)
        );
    }
    for uri in [
        "data:application/sdp;base64,dj0wDQo%3",
        "data:application/sdp;base64,dj0wDQo%",
        "data:application/sdp;base64,dj0wDQo%zz",
    ] {
        assert_eq!(
            decode_sdp_data_uri(uri),
            Err(DataUriError::InvalidPercentEncoding),
            "{uri}"
        );
    }
}

#[test]
fn size_limit() {
    let at_limit = vec![b'a'; DEFAULT_MAX_DECODED_LEN];
    let uri = encode_sdp_data_uri(&at_limit);
    assert_eq!(
        decode_sdp_data_uri(&uri).unwrap().len(),
        DEFAULT_MAX_DECODED_LEN
    );

    let over = vec![b'a'; DEFAULT_MAX_DECODED_LEN + 1];
    assert_eq!(
        decode_sdp_data_uri(&encode_sdp_data_uri(&over)),
        Err(DataUriError::TooLarge {
            limit: DEFAULT_MAX_DECODED_LEN
        })
    );

    // Every size around a custom limit: exactly the ones over it are refused.
    for limit in 0..12 {
        for len in 0..16 {
            let uri = encode_sdp_data_uri(&vec![7u8; len]);
            let got = decode_sdp_data_uri_with_limit(&uri, limit);
            if len <= limit {
                assert_eq!(got.map(|v| v.len()), Ok(len), "len {len} limit {limit}");
            } else {
                assert_eq!(
                    got,
                    Err(DataUriError::TooLarge { limit }),
                    "len {len} limit {limit}"
                );
            }
        }
    }

    // Huge data is refused before decoding, percent-encoded or not.
    let huge = format!("data:application/sdp;base64,{}", "A".repeat(1 << 20));
    assert_eq!(
        decode_sdp_data_uri(&huge),
        Err(DataUriError::TooLarge { limit: 65536 })
    );
    let huge = format!("data:application/sdp;base64,{}", "%41".repeat(1 << 18));
    assert_eq!(
        decode_sdp_data_uri(&huge),
        Err(DataUriError::TooLarge { limit: 65536 })
    );
}

#[test]
fn errors_display() {
    assert_eq!(DataUriError::NotDataUri.to_string(), "not a data: URI");
    assert_eq!(
        DataUriError::TooLarge { limit: 10 }.to_string(),
        "data: URI decodes to more than 10 bytes"
    );
}

proptest! {
    #[test]
    fn encode_decode_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let uri = encode_sdp_data_uri(&bytes);
        prop_assert_eq!(decode_sdp_data_uri(&uri).unwrap(), bytes);
    }

    #[test]
    fn decoding_arbitrary_strings_never_panics(s in ".{0,300}") {
        let _ = decode_sdp_data_uri(&s);
        let _ = decode_sdp_data_uri_with_limit(&s, 3);
    }

    #[test]
    fn decoding_data_uri_like_strings_never_panics(
        header in "(?i)(application/sdp|text/plain|)(;[a-z=0-9-]{0,10}){0,3}(;base64)?",
        data in "[A-Za-z0-9+/=%ü -]{0,64}",
        limit in 0usize..64,
    ) {
        let uri = format!("data:{header},{data}");
        if let Ok(bytes) = decode_sdp_data_uri_with_limit(&uri, limit) {
            prop_assert!(bytes.len() <= limit);
        }
    }
}
