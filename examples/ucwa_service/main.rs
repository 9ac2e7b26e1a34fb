//! `ucwa_service`: UCWA's `audioVideoRenegotiation` REST resource and event
//! channel, served over HTTP and driven by real SIP (issue 12). The crate
//! stays sans-IO: sockets and HTTP live here only.
//!
//! ```text
//! cargo run --example ucwa_service --features ucwa -- --http 127.0.0.1:8080 \
//!     --sip 127.0.0.1:5080 --token demo-token=Conversations.Initiate,Conversations.Receive
//! ```
//!
//! Incoming calls are accepted at once (one `Call` per dialog, in
//! `RenegotiationMode::Manual`); each re-INVITE of the remote becomes an
//! `audioVideoRenegotiation` announced with a `started` event, answered or
//! dismissed over HTTP. `paths.rs` lists the URLs, `auth.rs` the scopes,
//! `hub.rs` the event channel's acknowledgement and overflow rules.
//!
//! # Structure
//! * `sip.rs`: the SIP thread and the dialogs (shared `examples/sip_net/`
//!   transport and transactions, as `sip_ua` uses them).
//! * `http.rs`: the axum router and handlers; `repr.rs`: JSON/XML and
//!   error bodies; `minimal.rs`: conversation/session resources, event pages.
//! * `page.rs`: the HTML page at `/`.
//! * `provider.rs`: the standard provider, with the application's offer for
//!   `POST .../renegotiations`.
//!
//! axum on tokio: well kept (the tokio project), small, and on the
//! tower/hyper ecosystem (body limits, extractors).

mod auth;
mod http;
mod hub;
mod minimal;
mod page;
mod paths;
mod provider;
mod repr;
mod sip;
#[path = "../sip_net/mod.rs"]
mod sip_net;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;

/// The UCWA audioVideoRenegotiation service.
#[derive(Debug, Parser)]
#[command(name = "ucwa_service")]
struct Args {
    /// HTTP address.
    #[arg(long, default_value = "127.0.0.1:8080")]
    http: SocketAddr,
    /// SIP address (UDP).
    #[arg(long, default_value = "127.0.0.1:5080")]
    sip: SocketAddr,
    /// A bearer token and its scopes: TOKEN=Scope,Scope (repeatable).
    #[arg(long, required = true)]
    token: Vec<String>,
    /// The application id in the paths.
    #[arg(long, default_value = "app1")]
    app: String,
    /// Our RTP port, advertised in our SDP.
    #[arg(long, default_value_t = 40010)]
    rtp_port: u16,
    /// Longest wait of one events GET, in seconds.
    #[arg(long, default_value_t = 30)]
    poll_secs: u64,
}

fn main() {
    let args = Args::parse();
    if let Err(e) = run(args) {
        eprintln!("ucwa_service: {e}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<(), String> {
    let tokens = auth::Tokens::parse(&args.token)?;
    let IpAddr::V4(ip) = args.sip.ip() else {
        return Err("--sip must be an IPv4 address".into());
    };
    let caps = provider::capabilities(ip, args.rtp_port)?;
    let recv = sip_net::transport::Transport::bind(args.sip)
        .map_err(|e| format!("--sip {}: {e}", args.sip))?;
    let send = recv.try_clone().map_err(|e| e.to_string())?;
    let hub = Arc::new(hub::Hub::default());
    let paths = paths::Paths::new(&args.app);
    let log = sip_net::log::Log::new(Instant::now());
    let engine =
        sip::Engine::new(send, caps, hub.clone(), paths.clone(), log).map_err(|e| e.to_string())?;
    let engine = Arc::new(Mutex::new(engine));
    let sip_engine = engine.clone();
    std::thread::spawn(move || sip::run(recv, sip_engine));
    let state = http::AppState {
        engine,
        hub,
        tokens,
        app: args.app,
        paths,
        poll: Duration::from_secs(args.poll_secs),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.http)
            .await
            .map_err(|e| format!("--http {}: {e}", args.http))?;
        eprintln!("ucwa_service: http://{} sip:{}", args.http, args.sip);
        axum::serve(listener, http::router(state))
            .await
            .map_err(|e| e.to_string())
    })
}
