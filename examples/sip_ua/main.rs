//! `sip_ua`: a small SIP user agent over UDP on loopback that drives the
//! crate's sans-IO [`Call`](sdp_offer_answer::call::Call) with the standard
//! media provider, to prove that a real transport can drive it against real
//! peers (SIPp, baresip: `tests/interop/run.sh`).
//!
//! ```text
//! cargo run --example sip_ua -- --bind 127.0.0.1:5080 uac sip:service@127.0.0.1:5070 \
//!     --custom-part ticket.txt --bye-after 1
//! cargo run --example sip_ua -- --bind 127.0.0.1:5080 uas --calls 1
//! ```
//!
//! It logs the SIP ladder (`→` sent, `←` received, `↻` retransmitted), the
//! Call's events and the negotiated session, and a `result:` line.
//!
//! # Structure
//!
//! The example owns only the glue; no I/O enters the library.
//!
//! The SIP modules below live in `examples/sip_net/`, shared with the
//! `ucwa_service` example.
//!
//! * `transport.rs`: the UDP socket, read with a timeout up to the next
//!   deadline (std only, no async runtime).
//! * `message.rs`: datagram ⇄ SIP message, with `ezk-sip-types`.
//! * `transaction.rs`: RFC 3261 §17 client and server transactions (Via
//!   branch, retransmissions with T1 doubling, ACK of non-2xx, the 2xx
//!   retransmitted until its ACK, Timer B/F/H capped short).
//! * `dialog.rs`: Call-ID, tags, CSeq, remote target; the transport headers
//!   of every request and response.
//! * `mapping.rs`: SIP message ⇄ the Call's `SipRequest`/`SipResponse`
//!   (Content-Type, Accept, Supported/Require, Warning, Retry-After,
//!   To-tag, RSeq/RAck...).
//! * `provider.rs`: loopback capabilities, and the provider wrapper behind
//!   `--decline`.
//! * `ua.rs`: the poll loop (the Call's `poll_timeout` and the transaction
//!   timers from one loop, `Instant::now()` read at the edge only), one
//!   Call per Call-ID, requests and responses routed between the
//!   transaction layer and the Calls; `ua/app.rs`: the application's
//!   reactions to Call events (accept, decline, hang up, log the session).
//! * `log.rs`: ladder lines and the negotiated-session summary.
//!
//! # Why `ezk-sip-types`
//!
//! Candidates that build here were tried on SIPp- and baresip-style
//! messages: `ezk-sip-types` 0.6 (MIT, edition 2024, maintained as part of
//! the ezk SIP/media stack) reads compact header names (`v:`, `i:`, `l:`),
//! folded header lines and LF-only messages, has typed Via, CSeq,
//! From/To, Contact, RAck/RSeq, Retry-After, and prints what it parses.
//! `rsip` 0.4 (last released years ago, on nom 7 with old RustCrypto
//! crates) rejected a message with a folded header line and knows no
//! compact names. `rvoip-sip-core` is a whole VoIP stack's core (chrono,
//! serde, uuid, rand...; 6 MB of source) for what needs a message parser;
//! `sipcore` 0.0.2 is a sketch. `ezk-sip-types` leaves the body to the
//! caller, which suits a crate that has its own multipart body layer: the
//! example cuts the body at Content-Length and hands the bytes to the Call.

mod provider;
#[path = "../sip_net/mod.rs"]
mod sip_net;
mod ua;

// The shared SIP modules at the crate root, where this example's modules
// name them (`crate::message`, `crate::transaction`...).
use sip_net::{dialog, log, mapping, message, send, transaction, transport};

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use ezk_sip_types::uri::SipUri;
use sdp_offer_answer::body::{ContentDisposition, Handling, MimePart};
use sdp_offer_answer::call::CallEstablishOptions;
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::ReNegotiationDeclineReason;

use crate::provider::{UaProvider, capabilities};
use crate::transaction::TimerConfig;
use crate::ua::{Plan, Settings, Ua};

/// A SIP user agent over UDP driving sdp-offer-answer's Call.
#[derive(Debug, Parser)]
#[command(name = "sip_ua")]
struct Args {
    /// Our SIP address (UDP).
    #[arg(long, default_value = "127.0.0.1:5080", global = true)]
    bind: SocketAddr,
    /// Our RTP port (audio), advertised in our SDP.
    #[arg(long, default_value_t = 40000, global = true)]
    rtp_port: u16,
    /// Our codecs, in preference order (PCMU, PCMA, G722, G729, OPUS).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "PCMU,PCMA",
        global = true
    )]
    codecs: Vec<String>,
    /// Take only application/sdp bodies (Accept: application/sdp): a
    /// multipart offer is refused with 415.
    #[arg(long, global = true)]
    sdp_only: bool,
    /// Hang up (BYE) this many seconds after the call is established.
    #[arg(long, global = true)]
    bye_after: Option<f64>,
    /// Give up on the whole run after this many seconds (exit code 2).
    #[arg(long, default_value_t = 30.0, global = true)]
    max_time: f64,
    /// Timer B/F/H (and the 2xx retransmission) cap in seconds, instead of
    /// RFC 3261's 64·T1 = 32 s.
    #[arg(long, default_value_t = 8.0, global = true)]
    give_up: f64,
    /// Seed of every random choice (Call-ID, tags, branches, boundaries);
    /// default: from the clock and the process id.
    #[arg(long, global = true)]
    seed: Option<u64>,
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Debug, Subcommand)]
enum Mode {
    /// Place a call to TARGET, e.g. sip:service@127.0.0.1:5070.
    Uac {
        /// The Request-URI (host must be an IP literal).
        target: String,
        /// Add FILE as a custom MIME part next to the SDP (multipart/mixed).
        #[arg(long)]
        custom_part: Option<PathBuf>,
        /// The custom part's Content-Type.
        #[arg(long, default_value = "application/x-custom")]
        custom_type: String,
        /// Mark the custom part handling=required (default: optional).
        #[arg(long)]
        custom_required: bool,
        /// Offer two SDPs as multipart/alternative: SDES-SRTP (preferred)
        /// and plain RTP.
        #[arg(long)]
        multi_sdp: bool,
        /// Re-offer the session (`Call::begin_renegotiation`: a re-INVITE)
        /// SECS after establishment.
        #[arg(long, num_args = 0..=1, default_missing_value = "1")]
        reinvite: Option<f64>,
        /// Put the call on hold (`Call::hold`: a re-INVITE with sendonly)
        /// SECS after establishment.
        #[arg(long, num_args = 0..=1, default_missing_value = "1")]
        hold: Option<f64>,
    },
    /// Answer calls.
    Uas {
        /// Serve this many calls (distinct Call-IDs), then exit.
        #[arg(long, default_value_t = 1)]
        calls: usize,
        /// Decline incoming calls: a status code (e.g. 486) or a
        /// ReNegotiationDeclineReason (e.g. InsufficientBandwidth) applied to
        /// the initial offer.
        #[arg(long)]
        decline: Option<String>,
        /// Dismiss every incoming renegotiation with this
        /// ReNegotiationDeclineReason (`Call::dismiss_renegotiation`, e.g.
        /// InsufficientBandwidth → 488 + Warning 370); the call goes on with
        /// its previous session. Without it the application answers each
        /// one through the provider (`Call::answer_renegotiation`).
        #[arg(long)]
        dismiss_renegotiation: Option<String>,
        /// Wait SECS before answering (a CANCEL may come meanwhile).
        #[arg(long)]
        answer_after: Option<f64>,
    },
}

fn main() {
    let args = Args::parse();
    match run(args) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("sip_ua: {e}");
            std::process::exit(64);
        }
    }
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s.clamp(0.0, 86_400.0))
}

fn reason(text: &str) -> Result<ReNegotiationDeclineReason, String> {
    ReNegotiationDeclineReason::from_str(text).map_err(|e| e.to_string())
}

fn run(args: Args) -> Result<i32, String> {
    let start = Instant::now();
    let seed = args.seed.unwrap_or_else(|| {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        nanos ^ (u64::from(std::process::id()) << 32)
    });
    let ip = match args.bind.ip() {
        IpAddr::V4(ip) => ip,
        IpAddr::V6(_) => return Err("--bind must be an IPv4 address".into()),
    };
    let caps = capabilities(ip, args.rtp_port, &args.codecs, false)?;
    let mut decline_initial = None;
    let mut dismiss = None;
    let mut renegotiate = (None, None);
    let mut multi_sdp = false;
    let plan = match args.mode {
        Mode::Uac {
            target,
            custom_part,
            custom_type,
            custom_required,
            multi_sdp: multi,
            reinvite,
            hold,
        } => {
            multi_sdp = multi;
            renegotiate = (reinvite.map(secs), hold.map(secs));
            let uri = SipUri::from_str(&target).map_err(|e| format!("target {target:?}: {e}"))?;
            let host = uri
                .host_port
                .ip()
                .ok_or_else(|| format!("target {target:?}: the host must be an IP literal"))?;
            let peer = SocketAddr::new(host, uri.host_port.port.unwrap_or(5060));
            let mut options = CallEstablishOptions::new();
            if let Some(path) = custom_part {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let media_type = custom_type
                    .parse()
                    .map_err(|e| format!("--custom-type {custom_type:?}: {e}"))?;
                let handling = if custom_required {
                    Handling::Required
                } else {
                    Handling::Optional
                };
                let part = MimePart::single(media_type, bytes)
                    .map_err(|e| e.to_string())?
                    .with_content_disposition(ContentDisposition::render().with_handling(handling));
                options = options.with_custom_mime_part(part);
            }
            Plan::Uac {
                target: uri,
                peer,
                options: Box::new(options),
            }
        }
        Mode::Uas {
            calls,
            decline,
            dismiss_renegotiation,
            answer_after,
        } => {
            let mut status = None;
            if let Some(text) = decline {
                match text.parse::<u16>() {
                    Ok(code) => status = Some(code),
                    Err(_) => decline_initial = Some(reason(&text)?),
                }
            }
            if let Some(text) = dismiss_renegotiation {
                dismiss = Some(reason(&text)?);
            }
            Plan::Uas {
                calls,
                decline: status,
                answer_after: answer_after.map(secs),
            }
        }
    };
    let srtp = if multi_sdp {
        Some(capabilities(ip, args.rtp_port, &args.codecs, true)?)
    } else {
        None
    };
    let session_seed = seed >> 16;
    let sdp_only: Option<mime::Mime> = match args.sdp_only {
        true => Some("application/sdp".parse().map_err(|e| format!("{e}"))?),
        false => None,
    };
    let provider = move || {
        let mut inner = match &srtp {
            // SRTP preferred (primary), plain RTP as the alternative.
            Some(srtp) => StandardMediaProvider::new(srtp.clone(), session_seed)
                .with_alternative(caps.clone()),
            None => StandardMediaProvider::new(caps.clone(), session_seed),
        };
        if let Some(sdp) = &sdp_only {
            inner = inner.with_supported_content_types(vec![sdp.clone()]);
        }
        UaProvider {
            inner,
            decline_initial,
        }
    };
    let timers = TimerConfig {
        give_up: secs(args.give_up),
        ..TimerConfig::default()
    };
    let settings = Settings {
        plan,
        provider: Box::new(provider),
        bye_after: args.bye_after.map(secs),
        reinvite_after: renegotiate.0,
        hold_after: renegotiate.1,
        dismiss_renegotiation: dismiss,
        timers,
        max_time: secs(args.max_time),
        seed,
    };
    let transport =
        transport::Transport::bind(args.bind).map_err(|e| format!("bind {}: {e}", args.bind))?;
    let _media = transport::MediaSink::bind(args.bind.ip(), args.rtp_port);
    let log = log::Log::new(start);
    let ua = Ua::new(transport, settings, log).map_err(|e| e.to_string())?;
    Ok(ua.run(start))
}
