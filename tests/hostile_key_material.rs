//! Our answers carry only our own keys and credentials (RFC 4568 §7.1.2:
//! the answerer's crypto line holds the answerer's key), and only session
//! parameters we understood, written from typed values (RFC 4568 §6.3).
//! Keys are fresh per session: two calls built from the same capabilities
//! never share one (with AES counter mode a reused key and SSRC is a
//! two-time pad).

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, KeySource, LocalCapabilities, MediaCapability, NegotiationError, Negotiator,
    RejectReason, SrtpPolicy, SrtpSuite,
};
use sdp_offer_answer::sdp::SessionDescription;

const THEIR_KEY: &str = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
const THEIR_FEC_KEY: &str = "inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj";

/// A key source that counts: byte `n` of draw `d` is `d * 31 + n`.
fn counting_source() -> Arc<dyn KeySource> {
    let draws = Arc::new(AtomicU8::new(0));
    Arc::new(move |out: &mut [u8]| {
        let d = draws.fetch_add(1, Ordering::Relaxed);
        for (n, b) in out.iter_mut().enumerate() {
            *b = d.wrapping_mul(31).wrapping_add(n as u8);
        }
    })
}

fn caps(policy: SrtpPolicy) -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .sdes(policy)
        .sdes_suite(SrtpSuite::AesCm128HmacSha1_80)
        .key_source(counting_source())
        .build()
        .unwrap()
}

fn savp(cryptos: &[&str]) -> SessionDescription {
    let mut lines = vec!["m=audio 20000 RTP/SAVP 0".to_owned()];
    lines.extend(cryptos.iter().map(|c| format!("a=crypto:{c}")));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    offer(&refs)
}

fn answer(
    policy: SrtpPolicy,
    offer: SessionDescription,
) -> Result<SessionDescription, NegotiationError> {
    Negotiator::new(caps(policy), 1)
        .receive_offer(offer)
        .cloned()
}

/// The shape: our key, but their FEC_KEY. A line with FEC_KEY is
/// not usable (FEC keys are not negotiated here): alone, the offer is
/// declined 488/306; beside a plain line, that line is answered.
#[test]
fn fec_key_is_never_echoed() {
    let with_fec = format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY} FEC_KEY={THEIR_FEC_KEY}");
    let err = answer(SrtpPolicy::Required, savp(&[&with_fec])).unwrap_err();
    assert!(
        matches!(&err, NegotiationError::NotAcceptable(r) if r.reason == RejectReason::NoCommonCryptoSuite),
        "{err:?}"
    );
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 306"
    );
    let plain = format!("2 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}");
    let a = answer(SrtpPolicy::Required, savp(&[&with_fec, &plain])).unwrap();
    let crypto = attr_values(&a, 0, "crypto");
    assert_eq!(crypto.len(), 1);
    assert!(
        crypto[0].starts_with("2 AES_CM_128_HMAC_SHA1_80 inline:"),
        "{crypto:?}"
    );
    let text = a.serialize();
    assert!(
        !text.contains("FEC_KEY")
            && !text.contains(&THEIR_FEC_KEY[7..])
            && !text.contains(&THEIR_KEY[7..])
    );
}

/// Session parameters are read into typed values: an unknown mandatory
/// one (`UNENCRYPTED_SRTP<script>`), or a known one that does not read
/// (`KDR=anything;WSH=0`), makes the line unusable (RFC 4568 §6.3.7); the
/// declarative ones we accept are written back from their values, the
/// offerer's own window hint is not, an optional `-` one is ignored.
#[test]
fn session_parameters_are_written_from_typed_values() {
    for params in [
        "UNENCRYPTED_SRTP<script>",
        "KDR=anything;WSH=0",
        "FUTURE_PARAM",
    ] {
        let err = answer(
            SrtpPolicy::Optional,
            savp(&[&format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY} {params}")]),
        )
        .unwrap_err();
        assert_eq!(
            err.sip_decline().unwrap().to_string(),
            "488 Not Acceptable Here; Warning: 306",
            "{params}"
        );
    }
    let a = answer(
        SrtpPolicy::Optional,
        savp(&[&format!(
            "1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY} kdr=4 WSH=128 unencrypted_srtcp -X-VENDOR=1"
        )]),
    )
    .unwrap();
    let crypto = &attr_values(&a, 0, "crypto")[0];
    assert!(crypto.ends_with(" KDR=4 UNENCRYPTED_SRTCP"), "{crypto}");
}

/// Every corpus offer (real SIP phones, PBXs, gateways, browsers): no key,
/// password or fingerprint of the offer appears in our answer.
#[test]
fn no_offered_secret_reaches_an_answer() {
    let mut checked = 0;
    for sub in ["corpus", "webrtc", "rfc4317"] {
        for entry in std::fs::read_dir(data_dir(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "sdp") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(offer) = SessionDescription::parse(&text) else {
                continue;
            };
            let secrets = secrets_of(&offer);
            let mut n = Negotiator::new(LocalCapabilities::demo_softphone(), 1);
            let Ok(answer) = n.receive_offer(offer) else {
                continue;
            };
            let answer = answer.serialize();
            for s in &secrets {
                assert!(
                    !answer.contains(s.as_str()),
                    "{}: {s} echoed",
                    path.display()
                );
            }
            checked += usize::from(!secrets.is_empty());
        }
    }
    assert!(checked >= 8, "only {checked} offers carried secrets");
}

/// The key material and credentials an SDP carries: crypto keys (and FEC
/// keys), ICE passwords, certificate fingerprints.
fn secrets_of(sdp: &SessionDescription) -> HashSet<String> {
    let mut out = HashSet::new();
    let attrs = sdp.attributes().chain(
        sdp.media_descriptions()
            .flat_map(|m| m.attributes().collect::<Vec<_>>()),
    );
    for a in attrs {
        let v = a.value().unwrap_or("");
        match a.name() {
            "crypto" => {
                for token in v.split_ascii_whitespace() {
                    for key in token.split("inline:").skip(1) {
                        let key = key.split(['|', ';']).next().unwrap_or("");
                        if key.len() >= 16 {
                            out.insert(key.to_owned());
                        }
                    }
                }
            }
            "ice-pwd" if v.len() >= 8 => {
                out.insert(v.to_owned());
            }
            "fingerprint" => {
                if let Some((_, fp)) = v.split_once(' ') {
                    out.insert(fp.trim().to_owned());
                }
            }
            _ => {}
        }
    }
    out
}

/// Two sessions built from the same capabilities draw their own keys; a
/// re-answer in one session keeps its key; `rekey_sdes` draws a new one.
#[test]
fn keys_are_fresh_per_session_and_kept_per_session() {
    let caps = Arc::new(caps(SrtpPolicy::Required));
    let offer = savp(&[&format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}")]);
    let mut a = Negotiator::new(caps.clone(), 1);
    let mut b = Negotiator::new(caps, 2);
    let key = |n: &mut Negotiator, offer: &SessionDescription| {
        n.receive_offer(offer.clone()).unwrap();
        let s = n.confirm_answer().unwrap();
        s.streams[0].sdes.as_ref().unwrap().send.master_keys[0].clone()
    };
    let ka = key(&mut a, &offer);
    let kb = key(&mut b, &offer);
    assert_ne!(ka, kb);
    assert_eq!((ka.key.len(), ka.salt.len()), (16, 14));
    // A changed re-offer (version 2) is answered with the same key.
    let reoffer = offer_v(
        2,
        &[
            "m=audio 20002 RTP/SAVP 0",
            &format!("a=crypto:1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
        ],
    );
    assert_eq!(key(&mut a, &reoffer), ka);
    a.rekey_sdes();
    let reoffer3 = offer_v(
        3,
        &[
            "m=audio 20004 RTP/SAVP 0",
            &format!("a=crypto:1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
        ],
    );
    let kc = key(&mut a, &reoffer3);
    assert_ne!(kc, ka);
    assert_ne!(kc, kb);
    // Our offers too: two sessions, two keys.
    let mut c = Negotiator::new(LocalCapabilities::demo_softphone(), 3);
    let demo = c.capabilities().clone();
    let mut d = Negotiator::new(demo, 4);
    let oc = attr_values(c.create_offer().unwrap(), 0, "crypto");
    let od = attr_values(d.create_offer().unwrap(), 0, "crypto");
    assert_eq!(oc.len(), 2);
    assert!(oc.iter().all(|l| !od.contains(l)), "{oc:?} {od:?}");
}
