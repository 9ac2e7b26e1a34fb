//! The `serde` feature: what an SBC replicates or logs survives a JSON
//! round trip unchanged — a negotiated session with SDES keys (as base64),
//! a renegotiation (SDP as text), the statuses and reasons (as their UCMA
//! and UCWA names) — and the JSON of a plain audio session is exactly the
//! documented shape.
#![cfg(feature = "serde")]

use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiatedSession, Negotiator, RejectReason,
    SrtpPolicy, StreamState,
};
use sdp_offer_answer::offer_answer::{
    OfferAnswerFailureReason, SdpAnswerStatus, SdpOfferAnswerReason,
};
use sdp_offer_answer::renegotiation::{
    ReNegotiationDeclineReason, Renegotiation, RenegotiationState,
};
use sdp_offer_answer::sdp::SessionDescription;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
    json
}

fn negotiate(caps: LocalCapabilities, offer: &str) -> NegotiatedSession {
    let mut n = Negotiator::new(caps, 7);
    n.receive_offer(SessionDescription::parse(offer).unwrap())
        .unwrap();
    n.confirm_answer().unwrap().clone()
}

const PLAIN_OFFER: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n\
m=audio 20000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n\
m=video 20002 RTP/AVP 31\r\n";

#[test]
fn a_plain_session_has_the_documented_json() {
    let caps = LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::pcmu())
                .telephone_event(8000),
        )
        .build()
        .unwrap();
    let session = negotiate(caps, PLAIN_OFFER);
    let json: Value = serde_json::from_str(&round_trip(&session)).unwrap();
    let unused = json!({
        "remote_rtp": null, "remote_rtcp": null, "rtcp_mux": false, "ptime": null,
        "maxptime": null, "bandwidth_kbps": null, "sdes": null, "dtls": null, "ice": null,
        "held_by_remote": false, "holding_remote": false, "extra_formats": [],
        "local_ice": null, "ice_restart": false, "ice_mismatch": false,
    });
    let mut video = json!({
        "index": 1, "media": "video", "mid": null,
        "state": {"Rejected": "UnsupportedMediaType"},
        "direction": "inactive", "local_port": 0, "codecs": [],
    });
    video
        .as_object_mut()
        .unwrap()
        .extend(unused.as_object().unwrap().clone());
    assert_eq!(
        json,
        json!({
            "streams": [
                {
                    "index": 0, "media": "audio", "mid": null, "state": "Active",
                    "direction": "sendrecv", "local_port": 4000,
                    "codecs": [
                        {
                            "encoding_name": "PCMU", "clock_rate": 8000, "channels": 1,
                            "send_payload_type": 0, "recv_payload_type": 0,
                            "send_fmtp": null, "recv_fmtp": null,
                        },
                        {
                            "encoding_name": "telephone-event", "clock_rate": 8000, "channels": 1,
                            "send_payload_type": 101, "recv_payload_type": 101,
                            "send_fmtp": "0-15", "recv_fmtp": "0-15",
                        },
                    ],
                    "remote_rtp": {"address": {"Ip": "192.0.2.10"}, "port": 20000},
                    "remote_rtcp": {"address": {"Ip": "192.0.2.10"}, "port": 20001},
                    "rtcp_mux": false,
                    "ptime": {"secs": 0, "nanos": 20_000_000},
                    "maxptime": null, "bandwidth_kbps": null,
                    "sdes": null, "dtls": null, "ice": null,
                    "held_by_remote": false, "holding_remote": false, "extra_formats": [],
                    "local_ice": null, "ice_restart": false, "ice_mismatch": false,
                },
                video,
            ],
            "bundle_group": [],
            "local_version": 1,
            "remote_version": 1,
        })
    );
}

#[test]
fn an_sdes_session_round_trips_with_its_keys() {
    let caps = LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .sdes(SrtpPolicy::Required)
        .sdes_key(
            "AES_CM_128_HMAC_SHA1_80",
            "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
        )
        .build()
        .unwrap();
    let offer = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n\
m=audio 20000 RTP/SAVP 0\r\n\
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4\r\n";
    let session = negotiate(caps, offer);
    let json: Value = serde_json::from_str(&round_trip(&session)).unwrap();
    let no_params = json!({
        "kdr": null, "unencrypted_srtp": false, "unencrypted_srtcp": false,
        "unauthenticated_srtp": false, "fec_order": null, "wsh": null,
    });
    // The key and salt of each `inline:` (30 bytes: 16 + 14), in base64.
    assert_eq!(
        json["streams"][0]["sdes"],
        json!({
            "suite": "AES_CM_128_HMAC_SHA1_80",
            "tag": 1,
            "send": {
                "master_keys": [{
                    "key": "WVNfX19zZW1jdGwgKCkgew==", "salt": "CTIyMDt9Cn0KdW5sZXM=",
                    "lifetime": null, "mki": null,
                }],
                "session_params": no_params,
            },
            "receive": {
                "master_keys": [{
                    "key": "PS1uQCVeeCFCanVmcjkpPw==", "salt": "LCM1aFxgPSZde3FpUFE=",
                    "lifetime": 1_048_576, "mki": {"value": 1, "length": 4},
                }],
                "session_params": no_params,
            },
        })
    );
}

#[test]
fn renegotiations_statuses_and_reasons_round_trip() {
    let mut r = Renegotiation::incoming("op-1", "v=0\r\n");
    assert_eq!(
        round_trip(&r),
        r#"{"operation_id":"op-1","direction":"Incoming","media_offer":"v=0\r\n","media_answer":null,"state":"Pending"}"#
    );
    r.dismiss(ReNegotiationDeclineReason::InsufficientBandwidth)
        .unwrap();
    assert_eq!(
        round_trip(&r),
        r#"{"operation_id":"op-1","direction":"Incoming","media_offer":"v=0\r\n","media_answer":null,"state":{"Dismissed":"InsufficientBandwidth"}}"#
    );
    // An offer that is not UTF-8 stays bytes, exactly.
    let mut r = Renegotiation::outgoing("op-2", b"v=0\r\n\xff".to_vec());
    r.answer("v=0\r\n").unwrap();
    assert_eq!(
        round_trip(&r),
        r#"{"operation_id":"op-2","direction":"Outgoing","media_offer":[118,61,48,13,10,255],"media_answer":"v=0\r\n","state":"Answered"}"#
    );
    assert_eq!(round_trip(&RenegotiationState::Failed), r#""Failed""#);
    assert_eq!(
        round_trip(&SdpAnswerStatus::NotAcceptableDueToBandwidthPolicy),
        r#""NotAcceptableDueToBandwidthPolicy""#
    );
    assert_eq!(
        round_trip(&OfferAnswerFailureReason::RedirectDueToBandwidthPolicy),
        r#""RedirectDueToBandwidthPolicy""#
    );
    assert_eq!(
        round_trip(&SdpOfferAnswerReason::IncomingRenegotiation),
        r#""IncomingRenegotiation""#
    );
    assert_eq!(
        round_trip(&StreamState::Rejected(RejectReason::NoCommonFormat)),
        r#"{"Rejected":"NoCommonFormat"}"#
    );
    // Unknown names are errors, not panics.
    assert!(serde_json::from_str::<SdpAnswerStatus>(r#""Maybe""#).is_err());
    assert!(serde_json::from_str::<RenegotiationState>(r#"{"Dismissed":"Tired"}"#).is_err());
}
