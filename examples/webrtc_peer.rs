//! `webrtc_peer`: a WebRTC-capable negotiator driven by JSON lines, for the
//! Chromium interop test (`tests/interop/browser/`).
//!
//! One JSON object per line on stdin, one per line on stdout:
//!
//! ```text
//! {"cmd":"new","bundle":true,"data":true}     fresh negotiator (the profile below)
//! {"cmd":"answer","offer":"<sdp>"}             receive_offer + confirm_answer
//! {"cmd":"offer"}                              create_offer
//! {"cmd":"answer_received","answer":"<sdp>"}   receive_answer
//! {"cmd":"hold"} {"cmd":"resume"}              hold / resume from the next offer on
//! {"cmd":"restart_ice"}                        restart_ice from the next offer on
//! {"cmd":"add_stream","media":"video"}         add_stream
//! {"cmd":"remove_stream","index":1}            remove_stream
//! ```
//!
//! Replies are `{"ok":true,...}` with `sdp` (our SDP) and `session` (a
//! summary of the `NegotiatedSession`) where there is one, or
//! `{"ok":false,"error":"..."}`; the negotiator is kept either way.
//!
//! The profile: audio opus/48000/2 + telephone-event (48 kHz and 8 kHz),
//! video VP8 and H.264 (constrained baseline 3.1, packetization-mode 1) with
//! RTX, rtcp-fb `nack`, `nack pli`, `ccm fir`, `goog-remb`, `transport-cc`;
//! DTLS-SRTP required (`UDP/TLS/RTP/SAVPF`, a fixed fingerprint: the DTLS
//! handshake never runs here), `a=setup:active` in answers, ICE with host
//! candidates on 127.0.0.1, rtcp-mux, BUNDLE (unless `"bundle":false`), the
//! `sdes:mid` header extension and a data channel (unless `"data":false`).

use std::io::{BufRead, Write};
use std::net::Ipv4Addr;

use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiatedSession, Negotiator, SrtpPolicy,
    StreamState,
};
use sdp_offer_answer::sdp::{MediaType, SessionDescription, Setup};
use serde_json::{Value, json};

/// A fixed, well-formed SHA-256 fingerprint (no certificate behind it).
const FINGERPRINT: &str = "5B:1C:0E:93:7A:44:D2:68:F0:3B:A9:17:C6:2E:85:DB:40:9F:13:76:EA:58:21:BC:07:D4:6F:92:3A:E5:C8:11";

fn profile(bundle: bool, data: bool) -> Result<LocalCapabilities, String> {
    let video_codec = |c: Codec| {
        c.rtcp_fb("goog-remb")
            .rtcp_fb("transport-cc")
            .rtcp_fb("ccm fir")
            .rtcp_fb("nack")
            .rtcp_fb("nack pli")
    };
    let audio = MediaCapability::audio(50000)
        .codec(
            Codec::opus()
                .payload_type(111)
                .fmtp("minptime=10;useinbandfec=1")
                .rtcp_fb("transport-cc"),
        )
        .telephone_event(48000)
        .telephone_event(8000)
        .extmap("urn:ietf:params:rtp-hdrext:sdes:mid")
        .extmap("urn:ietf:params:rtp-hdrext:ssrc-audio-level")
        .extmap("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
    let video = MediaCapability::video(50002)
        .codec(video_codec(Codec::vp8().payload_type(96)))
        .codec(video_codec(Codec::h264().payload_type(102)))
        .codec(Codec::new("rtx", 90000))
        .extmap("urn:ietf:params:rtp-hdrext:sdes:mid")
        .extmap("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time")
        .extmap("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
    let mut b = LocalCapabilities::builder()
        .username("sdpoa")
        .session_name("webrtc-peer")
        .ipv4(Ipv4Addr::LOCALHOST)
        .media(audio)
        .media(video);
    if data {
        b = b.media(MediaCapability::data_channel(50004));
    }
    b.dtls(SrtpPolicy::Required, "sha-256", FINGERPRINT)
        .dtls_answer_setup(Setup::Active)
        .ice("sdpoaPeer", "sdpoa0webrtc0peer0password")
        // Each session's ICE credentials (and restarts) from the OS CSPRNG.
        .key_source(std::sync::Arc::new(|out: &mut [u8]| {
            getrandom::fill(out).expect("the OS random number generator failed")
        }))
        .rtcp_mux(true)
        .bundle(bundle)
        .build()
        .map_err(|e| e.to_string())
}

fn summary(s: &NegotiatedSession) -> Value {
    let streams: Vec<Value> = s
        .streams
        .iter()
        .map(|st| {
            let state = match st.state {
                StreamState::Active => "active".to_owned(),
                StreamState::Disabled => "disabled".to_owned(),
                StreamState::RejectedByRemote => "rejected_by_remote".to_owned(),
                StreamState::Rejected(r) => format!("rejected: {r:?}"),
                other => format!("{other:?}"),
            };
            let codecs: Vec<Value> = st
                .codecs
                .iter()
                .map(|c| {
                    json!({
                        "name": &*c.encoding_name,
                        "clock_rate": c.clock_rate,
                        "channels": c.channels,
                        "send_pt": c.send_payload_type,
                        "recv_pt": c.recv_payload_type,
                        "send_fmtp": c.send_fmtp.as_deref(),
                        "recv_fmtp": c.recv_fmtp.as_deref(),
                    })
                })
                .collect();
            json!({
                "index": st.index,
                "media": st.media.as_str(),
                "mid": st.mid,
                "state": state,
                "direction": st.direction.attribute_name(),
                "local_port": st.local_port,
                "rtcp_mux": st.rtcp_mux,
                "dtls_setup": st.dtls.as_ref().map(|d| d.local_setup.as_str()),
                "remote_fingerprint": st.dtls.as_ref().map(|d| d.remote_fingerprint.clone()),
                "ice_ufrag": st.ice.as_ref().map(|i| i.ufrag.clone()),
                "local_ice_ufrag": st.local_ice.as_ref().map(|i| i.ufrag.clone()),
                "ice_restart": st.ice_restart,
                "codecs": codecs,
            })
        })
        .collect();
    json!({
        "bundle_group": s.bundle_group,
        "local_version": s.local_version,
        "remote_version": s.remote_version,
        "streams": streams,
    })
}

fn sdp_arg(cmd: &Value, key: &str) -> Result<SessionDescription, String> {
    let text = cmd[key]
        .as_str()
        .ok_or_else(|| format!("missing string field {key:?}"))?;
    SessionDescription::parse(text).map_err(|e| format!("{key} does not parse: {e}"))
}

fn handle(peer: &mut Option<Negotiator>, cmd: &Value) -> Result<Value, String> {
    let name = cmd["cmd"].as_str().ok_or("missing field \"cmd\"")?;
    if name == "new" {
        let bundle = cmd["bundle"].as_bool().unwrap_or(true);
        let data = cmd["data"].as_bool().unwrap_or(true);
        let session_id = cmd["session_id"].as_u64().unwrap_or(4_242_424_242);
        *peer = Some(Negotiator::new(profile(bundle, data)?, session_id));
        return Ok(json!({"ok": true}));
    }
    let n = peer
        .as_mut()
        .ok_or("no negotiator: send {\"cmd\":\"new\"} first")?;
    let err = |e: sdp_offer_answer::negotiation::NegotiationError| e.to_string();
    match name {
        "answer" => {
            let offer = sdp_arg(cmd, "offer")?;
            let sdp = n.receive_offer(offer).map_err(err)?.serialize();
            let session = summary(n.confirm_answer().map_err(err)?);
            Ok(json!({"ok": true, "sdp": sdp, "session": session}))
        }
        "offer" => {
            let sdp = n.create_offer().map_err(err)?.serialize();
            Ok(json!({"ok": true, "sdp": sdp}))
        }
        "answer_received" => {
            let answer = sdp_arg(cmd, "answer")?;
            let session = summary(n.receive_answer(answer).map_err(err)?);
            Ok(json!({"ok": true, "session": session}))
        }
        "rollback" => {
            n.rollback();
            Ok(json!({"ok": true}))
        }
        "hold" => {
            n.hold();
            Ok(json!({"ok": true}))
        }
        "resume" => {
            n.resume();
            Ok(json!({"ok": true}))
        }
        "restart_ice" => {
            n.restart_ice();
            Ok(json!({"ok": true}))
        }
        "add_stream" => {
            let media = MediaType::parse(cmd["media"].as_str().ok_or("missing \"media\"")?);
            n.add_stream(media).map_err(err)?;
            Ok(json!({"ok": true}))
        }
        "remove_stream" => {
            let index = cmd["index"].as_u64().ok_or("missing \"index\"")?;
            let index = usize::try_from(index).map_err(|e| e.to_string())?;
            n.remove_stream(index).map_err(err)?;
            Ok(json!({"ok": true}))
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut peer = None;
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Value>(&line) {
            Ok(cmd) => handle(&mut peer, &cmd).unwrap_or_else(|e| json!({"ok": false, "error": e})),
            Err(e) => json!({"ok": false, "error": format!("not JSON: {e}")}),
        };
        writeln!(out, "{reply}")?;
        out.flush()?;
    }
    Ok(())
}
