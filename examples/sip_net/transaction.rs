//! A minimal RFC 3261 §17 transaction layer for UDP: client and server
//! transactions matched by Via branch (and CSeq method), retransmissions
//! with T1 doubling (capped at T2 where the RFC says so), the ACK of
//! non-2xx final responses, the 2xx retransmission of a UAS until its ACK
//! (§13.3.1.4), and short caps instead of 64·T1 for Timer B/F/H so that a
//! test run never hangs for half a minute.
//!
//! It is sans-IO like the Call: what to send goes into an [`Outbox`], time
//! comes in as `now`, and [`Transactions::poll_timeout`] says when to call
//! [`Transactions::handle_timeout`].

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::message::Message;

/// The RFC 3261 timer values, with the short caps of this example.
#[derive(Debug, Clone, Copy)]
pub struct TimerConfig {
    /// T1, the RTT estimate: 500 ms.
    pub t1: Duration,
    /// T2, the longest retransmit interval of non-INVITE requests and
    /// responses: 4 s.
    pub t2: Duration,
    /// Timer B, F, H and the 2xx retransmission give up after this (RFC:
    /// 64·T1 = 32 s).
    pub give_up: Duration,
    /// Timer D, I, J, K: how long a completed transaction stays to absorb
    /// retransmissions (RFC: up to 32 s on UDP).
    pub linger: Duration,
}

impl Default for TimerConfig {
    fn default() -> Self {
        TimerConfig {
            t1: Duration::from_millis(500),
            t2: Duration::from_secs(4),
            give_up: Duration::from_secs(8),
            linger: Duration::from_secs(2),
        }
    }
}

/// One datagram to send.
#[derive(Debug, Clone)]
pub struct Datagram {
    /// Where to.
    pub to: SocketAddr,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// For the ladder: `Some(line)` for what the transaction layer sends
    /// on its own (retransmissions, the ACK of a non-2xx); `None` for
    /// messages the UA logged when it built them.
    pub note: Option<String>,
}

/// What the transaction layer wants sent.
pub type Outbox = Vec<Datagram>;

/// A client transaction gave up (Timer B or F): the transaction user
/// should see a 408 (RFC 3261 §8.1.3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeout {
    /// The call.
    pub call_id: String,
    /// The request method.
    pub method: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClientState {
    /// Sent; no response yet (INVITE "Calling", non-INVITE "Trying").
    Trying,
    /// A provisional response came.
    Proceeding,
    /// A final response came; absorbing its retransmissions.
    Completed,
}

#[derive(Debug)]
struct ClientTx {
    branch: String,
    method: String,
    call_id: String,
    request: Message,
    bytes: Vec<u8>,
    peer: SocketAddr,
    state: ClientState,
    retransmit_at: Option<Instant>,
    interval: Duration,
    give_up_at: Instant,
    remove_at: Option<Instant>,
    /// The ACK of a non-2xx final response, re-sent for its retransmissions.
    ack: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ServerState {
    /// No final response yet.
    Proceeding,
    /// A final response was sent; retransmitted (INVITE) until the ACK.
    Completed,
    /// The ACK came, or a non-INVITE final was sent: absorbing.
    Confirmed,
}

#[derive(Debug)]
struct ServerTx {
    branch: String,
    method: String,
    call_id: String,
    cseq: u32,
    request: Message,
    peer: SocketAddr,
    last_response: Option<Vec<u8>>,
    /// The final response was a 2xx (its ACK has its own branch).
    success: bool,
    state: ServerState,
    retransmit_at: Option<Instant>,
    interval: Duration,
    give_up_at: Option<Instant>,
    remove_at: Option<Instant>,
}

/// Every live transaction.
#[derive(Debug, Default)]
pub struct Transactions {
    timers: TimerConfig,
    clients: Vec<ClientTx>,
    servers: Vec<ServerTx>,
}

/// The method an ACK or CANCEL is matched against, and the key of the
/// others: RFC 3261 §17.2.3 (the ACK of a non-2xx shares the INVITE's
/// branch; a CANCEL has its own transaction).
fn server_method(method: &str) -> &str {
    if method == "ACK" { "INVITE" } else { method }
}

impl Transactions {
    /// No transactions, with `timers`.
    pub fn new(timers: TimerConfig) -> Self {
        Transactions {
            timers,
            clients: Vec::new(),
            servers: Vec::new(),
        }
    }

    /// Sends `request` (not an ACK) in a new client transaction.
    pub fn send_request(
        &mut self,
        request: Message,
        peer: SocketAddr,
        now: Instant,
        out: &mut Outbox,
    ) {
        let bytes = request.to_bytes();
        let method = request.method().unwrap_or_default();
        out.push(Datagram {
            to: peer,
            bytes: bytes.clone(),
            note: None,
        });
        self.clients.push(ClientTx {
            branch: request.branch().unwrap_or_default(),
            call_id: request.call_id().unwrap_or_default(),
            method,
            request,
            bytes,
            peer,
            state: ClientState::Trying,
            retransmit_at: Some(now + self.timers.t1),
            interval: self.timers.t1,
            give_up_at: now + self.timers.give_up,
            remove_at: None,
            ack: None,
        });
    }

    /// Sends an ACK for a 2xx: no transaction (RFC 3261 §17.1.1.3); the
    /// Call sends it again for each 2xx retransmission.
    pub fn send_ack(&mut self, ack: &Message, peer: SocketAddr, out: &mut Outbox) {
        out.push(Datagram {
            to: peer,
            bytes: ack.to_bytes(),
            note: None,
        });
    }

    /// Our INVITE of `call_id` that has no final response yet (a CANCEL
    /// copies its Request-URI, Via, From, To, Call-ID and CSeq number).
    pub fn pending_invite(&self, call_id: &str) -> Option<&Message> {
        self.clients
            .iter()
            .rev()
            .find(|c| {
                c.call_id == call_id && c.method == "INVITE" && c.state != ClientState::Completed
            })
            .map(|c| &c.request)
    }

    /// A response arrived. `true`: give it to the transaction user;
    /// `false`: a retransmission, absorbed (the ACK of a non-2xx final is
    /// re-sent here).
    pub fn on_response(&mut self, response: &Message, now: Instant, out: &mut Outbox) -> bool {
        let (Some(branch), Some((_, method)), Some(status)) =
            (response.branch(), response.cseq(), response.status())
        else {
            return false;
        };
        let Some(tx) = self
            .clients
            .iter_mut()
            .find(|c| c.branch == branch && c.method == method)
        else {
            // A 2xx retransmission after the INVITE transaction ended: the
            // Call re-sends its ACK.
            return (200..300).contains(&status) && method == "INVITE";
        };
        if tx.state == ClientState::Completed {
            if let Some(ack) = &tx.ack {
                out.push(Datagram {
                    to: tx.peer,
                    bytes: ack.clone(),
                    note: Some("↻ ACK (retransmission, for a repeated final response)".into()),
                });
            }
            return (200..300).contains(&status) && method == "INVITE";
        }
        match status {
            100..=199 => {
                tx.state = ClientState::Proceeding;
                if tx.method == "INVITE" {
                    tx.retransmit_at = None; // Timer A stops
                } else {
                    tx.interval = self.timers.t2;
                    tx.retransmit_at = Some(now + self.timers.t2);
                }
                status != 100
            }
            _ => {
                tx.state = ClientState::Completed;
                tx.retransmit_at = None;
                tx.remove_at = Some(now + self.timers.linger);
                if tx.method == "INVITE" && status >= 300 {
                    let Some(ack) = ack_for_failure(&tx.request, response) else {
                        return true;
                    };
                    let bytes = ack.to_bytes();
                    out.push(Datagram {
                        to: tx.peer,
                        bytes: bytes.clone(),
                        note: Some(format!(
                            "→ {}  (transaction layer: ACK of the {status})",
                            super::log::ladder_line(&ack)
                        )),
                    });
                    tx.ack = Some(bytes);
                }
                true
            }
        }
    }

    /// A request arrived from `peer`. `true`: a new request for the
    /// transaction user (a server transaction now waits for its response);
    /// `false`: a retransmission (the last response is sent again) or the
    /// ACK of a non-2xx final response, absorbed.
    pub fn on_request(
        &mut self,
        request: &Message,
        peer: SocketAddr,
        now: Instant,
        out: &mut Outbox,
    ) -> bool {
        let (Some(method), Some(branch), Some(call_id), Some((cseq, _))) = (
            request.method(),
            request.branch(),
            request.call_id(),
            request.cseq(),
        ) else {
            return false;
        };
        let key = server_method(&method);
        if let Some(tx) = self
            .servers
            .iter_mut()
            .find(|s| s.branch == branch && s.method == key)
        {
            if method == "ACK" {
                if tx.state == ServerState::Completed && !tx.success {
                    tx.state = ServerState::Confirmed;
                    tx.retransmit_at = None;
                    tx.remove_at = Some(now + self.timers.linger);
                }
                return false;
            }
            if let Some(last) = &tx.last_response {
                out.push(Datagram {
                    to: tx.peer,
                    bytes: last.clone(),
                    note: Some(format!("↻ response to {method} (retransmission)")),
                });
            }
            return false;
        }
        if method == "ACK" {
            // The ACK of a 2xx: a new branch, matched by Call-ID and CSeq.
            let tx = self.servers.iter_mut().find(|s| {
                s.method == "INVITE" && s.call_id == call_id && s.cseq == cseq && s.success
            });
            return match tx {
                Some(tx) if tx.state == ServerState::Completed => {
                    tx.state = ServerState::Confirmed;
                    tx.retransmit_at = None;
                    tx.remove_at = Some(now + self.timers.linger);
                    true
                }
                Some(_) => false, // a repeated ACK
                None => true,
            };
        }
        self.servers.push(ServerTx {
            branch,
            method,
            call_id,
            cseq,
            request: request.clone(),
            peer,
            last_response: None,
            success: false,
            state: ServerState::Proceeding,
            retransmit_at: None,
            interval: self.timers.t1,
            give_up_at: None,
            remove_at: None,
        });
        true
    }

    /// The oldest request of `call_id` with method `method` that has no
    /// final response yet: the one a response of that method answers.
    pub fn pending_request(&self, call_id: &str, method: &str) -> Option<&Message> {
        self.pending_server(call_id, method).map(|s| &s.request)
    }

    /// Whether a request of `call_id` with the same branch as `request`
    /// waits as an INVITE (the INVITE a CANCEL cancels).
    pub fn invite_pending_for_cancel(&self, cancel: &Message) -> bool {
        let branch = cancel.branch();
        self.servers.iter().any(|s| {
            s.method == "INVITE"
                && Some(&s.branch) == branch.as_ref()
                && s.state == ServerState::Proceeding
        })
    }

    fn pending_server(&self, call_id: &str, method: &str) -> Option<&ServerTx> {
        self.servers.iter().find(|s| {
            s.call_id == call_id && s.method == method && s.state == ServerState::Proceeding
        })
    }

    /// Sends `response` in the server transaction of the oldest pending
    /// `method` request of `call_id`. `false` when there is none.
    pub fn respond(
        &mut self,
        call_id: &str,
        method: &str,
        response: &Message,
        now: Instant,
        out: &mut Outbox,
    ) -> bool {
        let Some(status) = response.status() else {
            return false;
        };
        let timers = self.timers;
        let Some(tx) = self.servers.iter_mut().find(|s| {
            s.call_id == call_id && s.method == method && s.state == ServerState::Proceeding
        }) else {
            return false;
        };
        let bytes = response.to_bytes();
        out.push(Datagram {
            to: tx.peer,
            bytes: bytes.clone(),
            note: None,
        });
        tx.last_response = Some(bytes);
        if status < 200 {
            return true;
        }
        tx.success = status < 300;
        if tx.method == "INVITE" {
            // Timer G (non-2xx) or the §13.3.1.4 2xx retransmission, until
            // the ACK; then give up (Timer H).
            tx.state = ServerState::Completed;
            tx.interval = timers.t1;
            tx.retransmit_at = Some(now + timers.t1);
            tx.give_up_at = Some(now + timers.give_up);
        } else {
            tx.state = ServerState::Confirmed;
            tx.remove_at = Some(now + timers.linger);
        }
        true
    }

    /// The next instant [`handle_timeout`](Self::handle_timeout) has work.
    pub fn poll_timeout(&self) -> Option<Instant> {
        let clients = self.clients.iter().flat_map(|c| {
            let live = c.state != ClientState::Completed;
            [c.retransmit_at, live.then_some(c.give_up_at), c.remove_at]
        });
        let servers = self
            .servers
            .iter()
            .flat_map(|s| [s.retransmit_at, s.give_up_at, s.remove_at]);
        clients.chain(servers).flatten().min()
    }

    /// Runs the timers due at `now`: retransmissions go into `out`; client
    /// transactions that gave up are returned.
    pub fn handle_timeout(&mut self, now: Instant, out: &mut Outbox) -> Vec<Timeout> {
        let t2 = self.timers.t2;
        let mut timeouts = Vec::new();
        for c in &mut self.clients {
            if c.state != ClientState::Completed && c.give_up_at <= now {
                timeouts.push(Timeout {
                    call_id: c.call_id.clone(),
                    method: c.method.clone(),
                });
                c.state = ClientState::Completed;
                c.retransmit_at = None;
                c.remove_at = Some(now);
                continue;
            }
            if let Some(at) = c.retransmit_at.filter(|at| *at <= now) {
                out.push(Datagram {
                    to: c.peer,
                    bytes: c.bytes.clone(),
                    note: Some(format!("↻ {} (retransmission)", c.method)),
                });
                // Timer A doubles without bound; Timer E is capped at T2.
                c.interval = if c.method == "INVITE" {
                    c.interval * 2
                } else {
                    (c.interval * 2).min(t2)
                };
                c.retransmit_at = Some(at.max(now) + c.interval);
            }
        }
        self.clients
            .retain(|c| c.remove_at.is_none_or(|at| at > now));
        for s in &mut self.servers {
            if s.give_up_at.is_some_and(|at| at <= now) {
                // Timer H, or no ACK for our 2xx: the Call's own ACK timer
                // ends the call.
                s.state = ServerState::Confirmed;
                s.retransmit_at = None;
                s.give_up_at = None;
                s.remove_at = Some(now);
                continue;
            }
            if let Some(at) = s.retransmit_at.filter(|at| *at <= now) {
                if let Some(last) = &s.last_response {
                    out.push(Datagram {
                        to: s.peer,
                        bytes: last.clone(),
                        note: Some(format!("↻ response to {} (retransmission)", s.method)),
                    });
                }
                s.interval = (s.interval * 2).min(t2);
                s.retransmit_at = Some(at.max(now) + s.interval);
            }
            if s.state == ServerState::Confirmed && s.give_up_at.is_some() {
                s.give_up_at = None;
            }
        }
        self.servers
            .retain(|s| s.remove_at.is_none_or(|at| at > now));
        timeouts
    }

    /// Whether anything of `call_id` still waits on the network: a request
    /// of ours without final response, or a final response of ours
    /// without ACK.
    pub fn busy(&self, call_id: &str) -> bool {
        self.clients
            .iter()
            .any(|c| c.call_id == call_id && c.state != ClientState::Completed)
            || self.servers.iter().any(|s| {
                s.call_id == call_id
                    && (s.state == ServerState::Completed
                        || (s.state == ServerState::Proceeding && s.method != "INVITE"))
            })
    }
}

/// The ACK of a non-2xx final response to `invite` (RFC 3261 §17.1.1.3):
/// the INVITE's Request-URI, Via (same branch), From, Call-ID, CSeq number
/// and Route; the To of the response.
pub fn ack_for_failure(invite: &Message, response: &Message) -> Option<Message> {
    use ezk_sip_types::Name;
    let uri = invite.request_uri()?.clone();
    let mut ack = Message::request("ACK", uri);
    if let Some(via) = invite.header(&Name::VIA) {
        ack.headers.insert(Name::VIA, via.to_owned());
    }
    ack.headers.insert(Name::MAX_FORWARDS, "70");
    for name in [Name::FROM, Name::CALL_ID] {
        if let Some(v) = invite.header(&name) {
            ack.headers.insert(name, v.to_owned());
        }
    }
    if let Some(to) = response.header(&Name::TO) {
        ack.headers.insert(Name::TO, to.to_owned());
    }
    if let Some((cseq, _)) = invite.cseq() {
        ack.headers.insert(Name::CSEQ, format!("{cseq} ACK"));
    }
    for route in invite.headers.get_raw(&Name::ROUTE) {
        ack.headers.insert(Name::ROUTE, route.to_string());
    }
    Some(ack)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEER: &str = "127.0.0.1:5070";

    fn invite(branch: &str) -> Message {
        let wire = format!(
            "INVITE sip:b@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch={branch}\r\n\
From: <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n\r\n"
        );
        Message::parse(wire.as_bytes()).unwrap()
    }

    fn response(status: u16, branch: &str, method: &str) -> Message {
        let wire = format!(
            "SIP/2.0 {status} X\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch={branch}\r\n\
From: <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:b@127.0.0.1>;tag=b1\r\nCall-ID: c1\r\nCSeq: 1 {method}\r\n\r\n"
        );
        Message::parse(wire.as_bytes()).unwrap()
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn invite_is_retransmitted_with_t1_doubling_until_a_response() {
        let mut tx = Transactions::new(TimerConfig::default());
        let mut out = Outbox::new();
        let t0 = Instant::now();
        tx.send_request(invite("z9hG4bK-1"), PEER.parse().unwrap(), t0, &mut out);
        assert_eq!(out.len(), 1);
        let mut sent_at = Vec::new();
        for step in 1..=40 {
            let now = t0 + ms(step * 100);
            let before = out.len();
            assert!(tx.handle_timeout(now, &mut out).is_empty());
            if out.len() > before {
                sent_at.push(step * 100);
            }
        }
        // Timer A: 500 ms, then 1 s, 2 s later.
        assert_eq!(sent_at, [500, 1500, 3500]);
        let got = tx.on_response(
            &response(180, "z9hG4bK-1", "INVITE"),
            t0 + ms(4000),
            &mut out,
        );
        assert!(got);
        let before = out.len();
        tx.handle_timeout(t0 + ms(7600), &mut out);
        assert_eq!(out.len(), before, "no retransmission after a provisional");
    }

    #[test]
    fn timer_b_gives_up_with_a_timeout_for_the_call() {
        let timers = TimerConfig {
            give_up: ms(2000),
            ..TimerConfig::default()
        };
        let mut tx = Transactions::new(timers);
        let mut out = Outbox::new();
        let t0 = Instant::now();
        tx.send_request(invite("z9hG4bK-2"), PEER.parse().unwrap(), t0, &mut out);
        assert!(tx.busy("c1"));
        let timeouts = tx.handle_timeout(t0 + ms(2000), &mut out);
        assert_eq!(
            timeouts,
            [Timeout {
                call_id: "c1".into(),
                method: "INVITE".into()
            }]
        );
        assert!(!tx.busy("c1"));
    }

    #[test]
    fn a_failure_is_acked_once_and_its_retransmissions_absorbed() {
        let mut tx = Transactions::new(TimerConfig::default());
        let mut out = Outbox::new();
        let t0 = Instant::now();
        tx.send_request(invite("z9hG4bK-3"), PEER.parse().unwrap(), t0, &mut out);
        out.clear();
        assert!(tx.on_response(&response(488, "z9hG4bK-3", "INVITE"), t0, &mut out));
        let ack = Message::parse(&out[0].bytes).unwrap();
        assert_eq!(ack.method().as_deref(), Some("ACK"));
        assert_eq!(ack.branch().as_deref(), Some("z9hG4bK-3"));
        assert_eq!(ack.cseq(), Some((1, "ACK".into())));
        assert!(
            ack.header(&ezk_sip_types::Name::TO)
                .unwrap()
                .contains("tag=b1")
        );
        // The 488 again: absorbed, the ACK re-sent.
        assert!(!tx.on_response(&response(488, "z9hG4bK-3", "INVITE"), t0, &mut out));
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn a_2xx_is_retransmitted_until_its_ack() {
        let mut tx = Transactions::new(TimerConfig::default());
        let mut out = Outbox::new();
        let t0 = Instant::now();
        let peer = PEER.parse().unwrap();
        assert!(tx.on_request(&invite("z9hG4bK-4"), peer, t0, &mut out));
        // A retransmitted INVITE before any response: nothing to repeat yet.
        assert!(!tx.on_request(&invite("z9hG4bK-4"), peer, t0, &mut out));
        let ok = super::super::dialog::response_to(&invite("z9hG4bK-4"), 200, Some("b1"), None);
        assert!(tx.respond("c1", "INVITE", &ok, t0, &mut out));
        assert_eq!(out.len(), 1);
        tx.handle_timeout(t0 + ms(500), &mut out);
        tx.handle_timeout(t0 + ms(1500), &mut out);
        assert_eq!(out.len(), 3, "200 sent at 0, 0.5 s and 1.5 s");
        // The INVITE again: the 200 again.
        assert!(!tx.on_request(&invite("z9hG4bK-4"), peer, t0 + ms(1600), &mut out));
        assert_eq!(out.len(), 4);
        // The ACK (its own branch) stops it and goes to the Call once.
        let ack = Message::parse(
            b"ACK sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-ack\r\n\
From: <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:b@127.0.0.1>;tag=b1\r\nCall-ID: c1\r\nCSeq: 1 ACK\r\n\r\n",
        )
        .unwrap();
        assert!(tx.on_request(&ack, peer, t0 + ms(1700), &mut out));
        assert!(!tx.on_request(&ack, peer, t0 + ms(1800), &mut out));
        tx.handle_timeout(t0 + ms(3500), &mut out);
        assert_eq!(out.len(), 4);
        assert!(!tx.busy("c1"));
    }

    #[test]
    fn a_non_2xx_final_waits_for_the_ack_of_the_same_branch() {
        let mut tx = Transactions::new(TimerConfig::default());
        let mut out = Outbox::new();
        let t0 = Instant::now();
        let peer = PEER.parse().unwrap();
        assert!(tx.on_request(&invite("z9hG4bK-5"), peer, t0, &mut out));
        let busy = super::super::dialog::response_to(&invite("z9hG4bK-5"), 486, Some("b1"), None);
        assert!(tx.respond("c1", "INVITE", &busy, t0, &mut out));
        assert!(tx.busy("c1"));
        let ack = ack_for_failure(&invite("z9hG4bK-5"), &busy).unwrap();
        assert!(
            !tx.on_request(&ack, peer, t0 + ms(10), &mut out),
            "absorbed"
        );
        assert!(!tx.busy("c1"));
    }
}
