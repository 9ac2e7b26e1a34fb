//! Helpers shared by the negotiation and RFC 4317 scenario tests: loading
//! the SDP test data, writing small SDPs inline, and reading the negotiated
//! values of an SDP (m-line by m-line) without the crate's negotiation code.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sdp_offer_answer::negotiation::{NegotiatedStream, RemoteAddress, TransportAddress};
use sdp_offer_answer::sdp::{Direction, SessionDescription};

/// `tests/data/<sub>`.
pub fn data_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(sub)
}

/// The text of `tests/data/<sub>/<name>`.
pub fn data_text(sub: &str, name: &str) -> String {
    let path = data_dir(sub).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses `tests/data/<sub>/<name>`.
pub fn load(sub: &str, name: &str) -> SessionDescription {
    SessionDescription::parse(&data_text(sub, name)).unwrap_or_else(|e| panic!("{sub}/{name}: {e}"))
}

/// An RFC 4317 description from `tests/data/rfc4317/`.
pub fn rfc(name: &str) -> SessionDescription {
    load("rfc4317", name)
}

/// A corpus description from `tests/data/corpus/`.
pub fn corpus(name: &str) -> SessionDescription {
    load("corpus", name)
}

/// Parses SDP lines given without line endings.
pub fn sdp(lines: &[&str]) -> SessionDescription {
    let text: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
    SessionDescription::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// A minimal offer: the session header of `192.0.2.1` (version `version`)
/// followed by `media` lines.
pub fn offer_v(version: u64, media: &[&str]) -> SessionDescription {
    let o = format!("o=remote 1000 {version} IN IP4 192.0.2.1");
    let mut lines = vec!["v=0", o.as_str(), "s=-", "c=IN IP4 192.0.2.1", "t=0 0"];
    lines.extend_from_slice(media);
    sdp(&lines)
}

/// [`offer_v`] at version 1.
pub fn offer(media: &[&str]) -> SessionDescription {
    offer_v(1, media)
}

/// One m-line as the test sees it: what negotiation agreed, read off the SDP text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MLine {
    /// The media token.
    pub media: String,
    /// The port.
    pub port: u16,
    /// The proto token.
    pub proto: String,
    /// The formats in m-line order.
    pub formats: Vec<String>,
    /// `(pt, "NAME/clock[/channels]")` of every `a=rtpmap`, in line order.
    pub rtpmaps: Vec<(u8, String)>,
    /// The effective direction (media, else session, else sendrecv).
    pub direction: Direction,
    /// The effective `c=` address as written.
    pub address: Option<String>,
}

impl MLine {
    /// `true` when the port is not 0.
    pub fn accepted(&self) -> bool {
        self.port != 0
    }

    /// The formats as `&str`.
    pub fn formats(&self) -> Vec<&str> {
        self.formats.iter().map(String::as_str).collect()
    }

    /// The rtpmap names (`NAME/clock[/channels]`) of the m-line's formats, in m-line order.
    pub fn codecs(&self) -> Vec<String> {
        self.formats
            .iter()
            .map(|f| {
                let pt: u8 = f.parse().unwrap();
                self.rtpmaps
                    .iter()
                    .find(|(p, _)| *p == pt)
                    .map_or_else(|| format!("static:{pt}"), |(_, n)| n.clone())
            })
            .collect()
    }
}

/// Reads every m-line of `sdp`.
pub fn mlines(sdp: &SessionDescription) -> Vec<MLine> {
    sdp.media_descriptions()
        .map(|m| {
            let line = m.media_line().unwrap();
            MLine {
                media: line.media.to_owned(),
                port: line.port,
                proto: line.proto.to_owned(),
                formats: line.formats().map(str::to_owned).collect(),
                rtpmaps: m
                    .rtpmaps()
                    .map(Result::unwrap)
                    .map(|r| {
                        let name = match r.channels {
                            Some(c) => format!("{}/{}/{}", r.encoding_name, r.clock_rate, c),
                            None => format!("{}/{}", r.encoding_name, r.clock_rate),
                        };
                        (r.payload_type, name)
                    })
                    .collect(),
                direction: m.effective_direction(),
                address: m
                    .effective_connection()
                    .unwrap()
                    .map(|c| c.address_text.to_owned()),
            }
        })
        .collect()
}

/// Values of the media section `index` whose attribute is `name` (`a=<name>:<value>`).
pub fn attr_values(sdp: &SessionDescription, index: usize, name: &str) -> Vec<String> {
    sdp.media(index)
        .unwrap()
        .attributes()
        .filter(|a| a.name() == name)
        .map(|a| a.value().unwrap_or("").to_owned())
        .collect()
}

/// `true` when media section `index` has `a=<name>`.
pub fn has_attr(sdp: &SessionDescription, index: usize, name: &str) -> bool {
    sdp.media(index).unwrap().has_attribute(name)
}

/// Session-level attribute values named `name`.
pub fn session_attr_values(sdp: &SessionDescription, name: &str) -> Vec<String> {
    sdp.attributes()
        .filter(|a| a.name() == name)
        .map(|a| a.value().unwrap_or("").to_owned())
        .collect()
}

/// The `o=` version.
pub fn version(sdp: &SessionDescription) -> u64 {
    sdp.origin().unwrap().unwrap().session_version
}

/// The `o=` session id as written.
pub fn session_id(sdp: &SessionDescription) -> String {
    sdp.origin().unwrap().unwrap().session_id.to_owned()
}

/// The SDP text without its `o=` line (to compare two SDPs apart from the version).
pub fn without_origin(sdp: &SessionDescription) -> String {
    sdp.serialize()
        .split("\r\n")
        .filter(|l| !l.starts_with("o="))
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// `(encoding name, clock rate, send PT, recv PT)` of each agreed format of a stream.
pub fn agreed(stream: &NegotiatedStream) -> Vec<(String, u32, u8, u8)> {
    stream
        .codecs
        .iter()
        .map(|c| {
            (
                c.encoding_name.to_string(),
                c.clock_rate,
                c.send_payload_type,
                c.recv_payload_type,
            )
        })
        .collect()
}

/// A transport address with an IP literal.
pub fn ip_addr(ip: &str, port: u16) -> TransportAddress {
    TransportAddress {
        address: RemoteAddress::Ip(ip.parse().unwrap()),
        port,
    }
}

/// A transport address with a domain name.
pub fn fqdn_addr(name: &str, port: u16) -> TransportAddress {
    TransportAddress {
        address: RemoteAddress::Fqdn(name.to_owned()),
        port,
    }
}

/// Owned strings from string slices.
pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// Asserts that `ours` agrees with `theirs` (an RFC example) in every
/// negotiated value, m-line by m-line: media, proto, accepted or rejected
/// (port 0 or not), and for accepted streams the formats in order (so the
/// PT numbers), the rtpmap names and clock rates, and the direction.
/// Ports, addresses and `o=` are ours and not compared.
pub fn assert_same_negotiated_values(ours: &SessionDescription, theirs: &SessionDescription) {
    let (o, t) = (mlines(ours), mlines(theirs));
    assert_eq!(o.len(), t.len(), "m-line count\n{ours}\n{theirs}");
    for (i, (o, t)) in o.iter().zip(&t).enumerate() {
        assert_eq!(o.media, t.media, "m-line {i}: media");
        assert_eq!(o.proto, t.proto, "m-line {i}: proto");
        assert_eq!(o.accepted(), t.accepted(), "m-line {i}: accepted\n{ours}");
        if o.accepted() {
            assert_eq!(o.formats, t.formats, "m-line {i}: formats\n{ours}");
            assert_eq!(o.codecs(), t.codecs(), "m-line {i}: rtpmaps\n{ours}");
            assert_eq!(o.direction, t.direction, "m-line {i}: direction\n{ours}");
        }
    }
}

/// RFC 4317's parties: their `o=` session ids, names and (documentation) addresses.
pub const BOB_SESSION: u64 = 2808844564;
/// Alice's `o=` session id in RFC 4317.
pub const ALICE_SESSION: u64 = 2890844526;

/// A negotiator for `user` at `ip` with these media capabilities.
pub fn negotiator(
    user: &str,
    ip: &str,
    session: u64,
    media: Vec<sdp_offer_answer::negotiation::MediaCapability>,
) -> sdp_offer_answer::negotiation::Negotiator {
    let mut b = sdp_offer_answer::negotiation::LocalCapabilities::builder()
        .username(user)
        .ipv4(ip.parse().unwrap());
    for m in media {
        b = b.media(m);
    }
    sdp_offer_answer::negotiation::Negotiator::new(b.build().unwrap(), session)
}

/// RFC 4317's Bob (`192.0.2.20`).
pub fn bob(
    media: Vec<sdp_offer_answer::negotiation::MediaCapability>,
) -> sdp_offer_answer::negotiation::Negotiator {
    negotiator("bob", "192.0.2.20", BOB_SESSION, media)
}

/// RFC 4317's Alice (`192.0.2.10`).
pub fn alice(
    media: Vec<sdp_offer_answer::negotiation::MediaCapability>,
) -> sdp_offer_answer::negotiation::Negotiator {
    negotiator("alice", "192.0.2.10", ALICE_SESSION, media)
}

/// `iLBC/8000` (dynamic payload type).
pub fn ilbc() -> sdp_offer_answer::negotiation::Codec {
    sdp_offer_answer::negotiation::Codec::new("iLBC", 8000)
}

/// `H261/90000` (static payload type 31).
pub fn h261() -> sdp_offer_answer::negotiation::Codec {
    sdp_offer_answer::negotiation::Codec::new("H261", 90000)
}

/// `MPV/90000` (static payload type 32).
pub fn mpv() -> sdp_offer_answer::negotiation::Codec {
    sdp_offer_answer::negotiation::Codec::new("MPV", 90000)
}

/// `telephone-event/8000` without fmtp.
pub fn telephone_event() -> sdp_offer_answer::negotiation::Codec {
    sdp_offer_answer::negotiation::Codec::new("telephone-event", 8000)
}
