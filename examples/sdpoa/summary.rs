//! The one-line-per-stream summary `sdpoa answer` prints on stderr:
//!
//! ```text
//! m=0  audio        accepted  opus/48000/2 pt 111  telephone-event/48000 pt 110  sendrecv  -> 192.168.1.35:54609  rtcp-mux  bundle  dtls-srtp setup:active (client) sha-256  ice ufrag Cs6Z, 3 candidates
//! m=1  video        accepted  VP8/90000 pt 96                                    sendrecv  -> 192.168.1.35:54609  rtcp-mux  bundle  dtls-srtp setup:active (client) sha-256  ice ufrag Cs6Z, 3 candidates
//! m=2  application  rejected  media type not supported (Warning 304)
//! ```
//!
//! Columns (index, media, state, codec, telephone-event, direction, the
//! remote's ptime, remote RTP address) are aligned across rows, and a column
//! no row fills is left out; the facts that follow (rtcp-mux, BUNDLE,
//! bandwidth, SDES, DTLS-SRTP, ICE) and a rejection's reason are free text.
//! Payload types read `pt 9` when both directions use the same number, else
//! `send pt 96, recv pt 97`.

use std::time::Duration;

use sdp_offer_answer::negotiation::{
    NegotiatedCodec, NegotiatedSession, NegotiatedStream, RemoteAddress, StreamState,
    TransportAddress,
};
use sdp_offer_answer::sdp::{SessionDescription, Setup};

/// One summary row: cells aligned in columns, then free text.
struct Row {
    cells: Vec<String>,
    tail: Vec<String>,
}

/// The summary lines (without newlines), one per m-line of the answer.
pub fn lines(
    offer: &SessionDescription,
    answer: &SessionDescription,
    session: &NegotiatedSession,
) -> Vec<String> {
    let rows: Vec<Row> = session
        .streams
        .iter()
        .map(|st| row(offer, answer, session, st))
        .collect();
    align(&rows)
}

fn row(
    offer: &SessionDescription,
    answer: &SessionDescription,
    session: &NegotiatedSession,
    st: &NegotiatedStream,
) -> Row {
    // The m-line's own media token (`image`, `message`, ...), not "other".
    let media = answer
        .media(st.index)
        .and_then(|m| m.media_line().ok().map(|l| l.media.to_owned()))
        .unwrap_or_else(|| st.media.to_string());
    let mut cells = vec![format!("m={}", st.index), media];
    let mut tail = Vec::new();
    match st.state {
        StreamState::Active => {
            cells.push("accepted".into());
            cells.push(st.codec().map(codec).unwrap_or_else(|| "-".into()));
            cells.push(st.telephone_event().map(codec).unwrap_or_default());
            cells.push(st.direction.to_string());
            cells.push(ptime(st.ptime, st.maxptime));
            // RFC 9143: bundled streams use the BUNDLE-tag stream's
            // transport (the engine fills `remote_rtp` from it); the
            // candidates are counted on the tag's m-line.
            let bundled = session.bundle_group.contains(&st.index);
            let transport_index = if bundled {
                session.bundle_group.first().copied().unwrap_or(st.index)
            } else {
                st.index
            };
            cells.push(
                st.remote_rtp
                    .as_ref()
                    .map(|t| format!("-> {}", transport(t)))
                    .unwrap_or_default(),
            );
            tail.extend(facts(offer, st, transport_index, bundled));
        }
        StreamState::Rejected(reason) => {
            cells.push("rejected".into());
            tail.push(match reason.warning() {
                Some(w) => format!("{reason} (Warning {})", w.code()),
                None => reason.to_string(),
            });
        }
        StreamState::Disabled => {
            cells.push("disabled".into());
            tail.push("port 0 in the offer".into());
        }
        StreamState::RejectedByRemote => {
            cells.push("rejected".into());
            tail.push("by the remote (port 0)".into());
        }
        other => {
            cells.push("other".into());
            tail.push(format!("{other:?}"));
        }
    }
    Row { cells, tail }
}

/// rtcp-mux, bandwidth, BUNDLE, SDES, DTLS and ICE facts of an active stream.
/// `transport` is the m-line whose transport the stream uses (itself, or the BUNDLE tag).
fn facts(
    offer: &SessionDescription,
    st: &NegotiatedStream,
    transport: usize,
    bundled: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    if st.rtcp_mux {
        out.push("rtcp-mux".into());
    }
    if bundled {
        out.push("bundle".into());
    }
    if let Some(kbps) = st.bandwidth_kbps {
        out.push(format!("max {kbps} kbit/s"));
    }
    if let Some(sdes) = &st.sdes {
        out.push(format!("sdes {} tag {}", sdes.suite, sdes.tag));
    }
    if let Some(dtls) = &st.dtls {
        let role = match dtls.local_setup {
            Setup::Active => "active (client)",
            Setup::Passive => "passive (server)",
            Setup::Actpass => "actpass",
            Setup::Holdconn => "holdconn",
        };
        out.push(format!(
            "dtls-srtp setup:{role} {}",
            dtls.remote_hash_function
        ));
    }
    if let Some(ice) = &st.ice {
        let candidates = offer.media(transport).map_or(0, |m| {
            m.attributes().filter(|a| a.name() == "candidate").count()
        });
        let plural = if candidates == 1 { "" } else { "s" };
        out.push(format!(
            "ice ufrag {}, {candidates} candidate{plural}",
            ice.ufrag
        ));
    }
    out
}

/// `G722/8000 pt 9`, `opus/48000/2 pt 111`, `send pt 96, recv pt 97`.
fn codec(c: &NegotiatedCodec) -> String {
    let mut s = format!("{}/{}", c.encoding_name, c.clock_rate);
    if c.channels > 1 {
        s.push_str(&format!("/{}", c.channels));
    }
    if c.send_payload_type == c.recv_payload_type {
        s.push_str(&format!(" pt {}", c.send_payload_type));
    } else {
        s.push_str(&format!(
            " send pt {}, recv pt {}",
            c.send_payload_type, c.recv_payload_type
        ));
    }
    s
}

/// `ptime 20`, `ptime 20 (max 40)`, `maxptime 40`, or empty: the remote's values only.
fn ptime(ptime: Option<Duration>, maxptime: Option<Duration>) -> String {
    match (ptime, maxptime) {
        (Some(p), Some(m)) => format!("ptime {} (max {})", ms(p), ms(m)),
        (Some(p), None) => format!("ptime {}", ms(p)),
        (None, Some(m)) => format!("maxptime {}", ms(m)),
        (None, None) => String::new(),
    }
}

/// Milliseconds, with a fraction only when there is one (`a=ptime:2.5` exists).
fn ms(d: Duration) -> String {
    if d.subsec_nanos().is_multiple_of(1_000_000) {
        d.as_millis().to_string()
    } else {
        format!("{}", d.as_secs_f64() * 1000.0)
    }
}

/// `192.0.2.10:20000`, `[2001:db8::1]:20000`, `host.example.com:20000`.
fn transport(t: &TransportAddress) -> String {
    match &t.address {
        RemoteAddress::Ip(ip) if ip.is_ipv6() => format!("[{ip}]:{}", t.port),
        address => format!("{address}:{}", t.port),
    }
}

/// The answer's `a=group:BUNDLE` mids; the first is the BUNDLE tag.
/// Pads each column to its widest cell (columns empty in every row are
/// dropped), two spaces between cells, then the tail.
fn align(rows: &[Row]) -> Vec<String> {
    let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let mut parts: Vec<String> = r
                .cells
                .iter()
                .zip(&widths)
                .filter(|&(_, &w)| w > 0)
                .map(|(c, &w)| format!("{c:<w$}"))
                .collect();
            parts.extend(r.tail.iter().cloned());
            parts.join("  ").trim_end().to_owned()
        })
        .collect()
}
