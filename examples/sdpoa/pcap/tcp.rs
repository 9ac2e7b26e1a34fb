//! TCP streams put back in order, and SIP messages framed out of them by
//! Content-Length (RFC 3261 §18.3). No well-kept pure-Rust crate
//! reassembles TCP from captured segments, so this is a small one: per
//! direction, the next sequence number expected, the bytes not yet framed
//! and a few out-of-order segments — all bounded.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use etherparse::TcpSlice;

use crate::sip::{self, SipError, SipMessage};

/// Bounds: directions tracked, bytes buffered and segments held out of
/// order per direction. Past them the oldest direction is forgotten, a
/// buffer is dropped as not SIP, a gap is skipped.
const MAX_FLOWS: usize = 4096;
const MAX_BUFFER: usize = 256 * 1024;
const MAX_OUT_OF_ORDER: usize = 64;

#[derive(Default)]
struct Flow {
    /// The next sequence number in order, once known.
    next: Option<u32>,
    buffer: Vec<u8>,
    out_of_order: BTreeMap<u32, Vec<u8>>,
    last_used: u64,
}

/// Every TCP direction of the capture.
#[derive(Default)]
pub struct Streams {
    flows: HashMap<(SocketAddr, SocketAddr), Flow>,
    clock: u64,
}

impl Streams {
    /// Takes one segment; pushes the SIP messages it completes. Returns the
    /// number of bytes dropped as not SIP.
    pub fn segment(
        &mut self,
        from: SocketAddr,
        to: SocketAddr,
        tcp: &TcpSlice<'_>,
        out: &mut Vec<SipMessage>,
    ) -> u64 {
        self.clock += 1;
        if !self.flows.contains_key(&(from, to))
            && self.flows.len() >= MAX_FLOWS
            && let Some(oldest) = self
                .flows
                .iter()
                .min_by_key(|(_, f)| f.last_used)
                .map(|(k, _)| *k)
        {
            self.flows.remove(&oldest);
        }
        let flow = self.flows.entry((from, to)).or_default();
        flow.last_used = self.clock;
        let mut seq = tcp.sequence_number();
        if tcp.syn() {
            seq = seq.wrapping_add(1);
            flow.next = Some(seq);
        }
        let payload = tcp.payload();
        if !payload.is_empty() {
            let next = *flow.next.get_or_insert(seq);
            let ahead = seq.wrapping_sub(next);
            if ahead == 0 {
                flow.buffer.extend_from_slice(payload);
                flow.next = Some(seq.wrapping_add(payload.len() as u32));
            } else if ahead < 1 << 31 {
                // A segment past a gap: held until the gap fills.
                if flow.out_of_order.len() < MAX_OUT_OF_ORDER {
                    flow.out_of_order.insert(seq, payload.to_vec());
                } else {
                    // Too many held: give up on the gap.
                    flow.buffer.clear();
                    flow.out_of_order.clear();
                    flow.buffer.extend_from_slice(payload);
                    flow.next = Some(seq.wrapping_add(payload.len() as u32));
                }
            } else {
                // A retransmission: keep what is new in it.
                let old = next.wrapping_sub(seq) as usize;
                if let Some(new) = payload.get(old..) {
                    flow.buffer.extend_from_slice(new);
                    flow.next = Some(next.wrapping_add(new.len() as u32));
                }
            }
            // Segments the new bytes reached.
            while let Some(n) = flow.next {
                let Some(data) = flow.out_of_order.remove(&n) else {
                    break;
                };
                flow.buffer.extend_from_slice(&data);
                flow.next = Some(n.wrapping_add(data.len() as u32));
            }
        }
        let dropped = frame(&mut flow.buffer, out);
        if tcp.fin() || tcp.rst() {
            self.flows.remove(&(from, to));
        }
        dropped
    }
}

/// Takes every complete message off the front of `buffer`; returns the
/// bytes dropped as not SIP.
fn frame(buffer: &mut Vec<u8>, out: &mut Vec<SipMessage>) -> u64 {
    let mut dropped = 0u64;
    loop {
        // Keep-alive CRLFs between messages (RFC 5626 §3.5.1).
        let start = buffer
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(buffer.len());
        buffer.drain(..start);
        if buffer.is_empty() {
            return dropped;
        }
        match sip::parse(buffer, true) {
            Ok((message, used)) => {
                out.push(message);
                buffer.drain(..used);
            }
            Err(SipError::Incomplete | SipError::BadContentLength)
                if buffer.len() < MAX_BUFFER && sip::looks_like_sip(buffer) =>
            {
                // The rest of the message is still to come.
                return dropped;
            }
            // A first line not complete yet.
            Err(_) if buffer.len() < 1024 && !buffer.contains(&b'\n') => return dropped,
            Err(_) => {
                // Not SIP from here: skip to the next line and try again.
                let skip = memchr::memchr(b'\n', buffer).map_or(buffer.len(), |i| i + 1);
                dropped += skip as u64;
                buffer.drain(..skip);
            }
        }
    }
}
