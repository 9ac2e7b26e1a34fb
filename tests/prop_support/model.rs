//! A small reference model of RFC 3264 §6 answering, written from the RFCs
//! (RFC 3264 §6, RFC 4568, RFC 5763; `manual::negotiation_rules`), not from the engine: it reads an offer through the
//! public SDP views and says, per m-line, whether a negotiator with given
//! capabilities accepts it (and with which codecs and directions) or
//! rejects it, and why.
//!
//! The checks run in the order that names the most useful reason: media
//! type, transport, address family, keying, formats.

use sdp_offer_answer::negotiation::{AnswerCodecs, CodecOrder, RejectReason, SrtpPolicy};
use sdp_offer_answer::sdp::{
    AddressType, Crypto, Direction, MediaType, SessionDescription, TransportProtocol,
};

use super::caps::{CapsSpec, RtpCap};
use super::codecs::{Identity, static_encoding};

/// An offered RTP format whose encoding is known.
#[derive(Clone, Debug)]
pub struct OfferedFormat {
    pub pt: u8,
    pub id: Identity,
}

/// What the model needs of one offered m-line.
#[derive(Clone, Debug)]
pub struct OfferedStream {
    pub media: MediaType,
    pub port: u16,
    pub proto: String,
    pub formats: Vec<String>,
    /// RTP formats with a known encoding, in m-line order, each payload type once.
    pub rtp: Vec<OfferedFormat>,
    pub address_type: Option<AddressType>,
    /// `c=0.0.0.0` without ICE (RFC 3264 §8.4).
    pub old_hold: bool,
    /// Media level, else session level, else sendrecv.
    pub direction: Direction,
    pub cryptos: Vec<(String, String, bool)>,
    pub fingerprint: bool,
}

/// Reads an offer (a valid one: every line the model reads must parse).
pub fn read_offer(sdp: &SessionDescription) -> Vec<OfferedStream> {
    let session_fp = sdp.attribute("fingerprint").is_some();
    let session_ice = sdp.attribute("ice-ufrag").is_some();
    sdp.media_descriptions()
        .map(|m| {
            let line = m.media_line().expect("valid m-line");
            let conn = m.effective_connection().expect("valid c=");
            let ice = session_ice || m.attribute("ice-ufrag").is_some();
            let mut rtp: Vec<OfferedFormat> = Vec::new();
            if line.transport().is_rtp() {
                for f in line.formats() {
                    let Ok(pt) = f.parse::<u8>() else { continue };
                    let encoding = match m.rtpmap(pt) {
                        Some(r) => Some((r.encoding_name, r.clock_rate, r.channel_count())),
                        None => static_encoding(pt),
                    };
                    let Some((name, clock, channels)) = encoding else {
                        continue;
                    };
                    if pt < 128 && rtp.iter().all(|o| o.pt != pt) {
                        let fmtp = m.fmtp(f).map(|x| x.params);
                        rtp.push(OfferedFormat {
                            pt,
                            id: Identity::new(name, clock, channels, fmtp),
                        });
                    }
                }
            }
            OfferedStream {
                media: line.media_type(),
                port: line.port,
                proto: line.proto.to_owned(),
                formats: line.formats().map(str::to_owned).collect(),
                rtp,
                address_type: conn.map(|c| c.address_type),
                old_hold: !ice && conn.is_some_and(|c| c.is_unspecified()),
                direction: m.effective_direction(),
                cryptos: m
                    .attributes()
                    .filter(|a| a.name() == "crypto")
                    .map(|a| {
                        let c = Crypto::parse(a.value().unwrap_or(""), 0).expect("valid crypto");
                        let inline = c.keys().next().is_some_and(|k| k.inline().is_some());
                        (c.suite.to_owned(), c.session_params.to_owned(), inline)
                    })
                    .collect(),
                fingerprint: session_fp || m.attribute("fingerprint").is_some(),
            }
        })
        .collect()
}

/// What the model expects for one m-line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Port 0 in the offer: port 0 in the answer, not a failure.
    Disabled,
    Rejected(RejectReason),
    Accepted(Accepted),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The widest direction the answer may take: reverse(offer) ∩ local (RFC 3264 §6.1).
    pub allowed: Direction,
    /// RTP: the offered payload types of the media codecs the answer lists, in order.
    pub main_pts: Vec<u8>,
    pub rtp: bool,
}

/// The local capability for a media type: RTP codecs, or a non-RTP (proto, formats).
enum Local<'a> {
    Rtp(&'a RtpCap),
    Other(&'static str, &'static [&'static str]),
}

fn local_for(caps: &CapsSpec, media: MediaType) -> Option<Local<'_>> {
    match media {
        MediaType::Audio => caps.audio.as_ref().map(Local::Rtp),
        MediaType::Video => caps.video.as_ref().map(Local::Rtp),
        MediaType::Application if caps.data_channel => {
            Some(Local::Other("UDP/DTLS/SCTP", &["webrtc-datachannel"]))
        }
        MediaType::Image if caps.t38 => Some(Local::Other("udptl", &["t38"])),
        _ => None,
    }
}

/// RFC 4568 §6.3 session parameters a receiver must understand or refuse the line.
const KNOWN_SESSION_PARAMS: [&str; 7] = [
    "KDR=",
    "UNENCRYPTED_SRTP",
    "UNENCRYPTED_SRTCP",
    "UNAUTHENTICATED_SRTP",
    "FEC_ORDER=",
    "FEC_KEY=",
    "WSH=",
];

/// An `a=crypto` line we can answer: a suite we have a key for, an inline
/// key, session parameters we understand (RFC 4568 §7.1.1).
fn usable_crypto(s: &OfferedStream, caps: &CapsSpec) -> bool {
    s.cryptos.iter().any(|(suite, params, inline)| {
        *inline
            && caps.has_suite(suite)
            && params
                .split_ascii_whitespace()
                .all(|p| KNOWN_SESSION_PARAMS.iter().any(|k| p.starts_with(k)))
    })
}

/// Keying (the capability SDP convention of `manual::negotiation_rules`): DTLS profiles need DTLS on and a fingerprint;
/// SAVP(F) needs SDES on and a usable crypto line; plain AVP(F) takes
/// SDES best effort and is refused when SRTP is required.
fn keying(s: &OfferedStream, caps: &CapsSpec) -> Result<(), RejectReason> {
    let t = TransportProtocol::parse(&s.proto);
    if t.is_dtls_srtp() || t == TransportProtocol::DtlsSctp {
        if caps.dtls == SrtpPolicy::Off {
            return Err(RejectReason::SrtpNotSupported);
        }
        if !s.fingerprint {
            return Err(RejectReason::MissingFingerprint);
        }
        return Ok(());
    }
    if !t.is_rtp() {
        return Ok(());
    }
    if t.is_sdes_srtp() {
        if caps.sdes == SrtpPolicy::Off {
            return Err(RejectReason::SrtpNotSupported);
        }
        return if usable_crypto(s, caps) {
            Ok(())
        } else {
            Err(RejectReason::NoCommonCryptoSuite)
        };
    }
    if !s.cryptos.is_empty() && caps.sdes != SrtpPolicy::Off {
        if usable_crypto(s, caps) {
            return Ok(());
        }
        if caps.sdes == SrtpPolicy::Required {
            return Err(RejectReason::NoCommonCryptoSuite);
        }
    }
    if caps.sdes == SrtpPolicy::Required || caps.dtls == SrtpPolicy::Required {
        return Err(RejectReason::SrtpRequired);
    }
    Ok(())
}

/// The local codec index an offered format is answered with, when any.
pub fn local_match(cap: &RtpCap, id: &Identity) -> Option<usize> {
    cap.codecs.iter().position(|d| Identity::of(d).matches(id))
}

pub fn decide(s: &OfferedStream, caps: &CapsSpec) -> Expect {
    if s.port == 0 {
        return Expect::Disabled;
    }
    let Some(local) = local_for(caps, s.media) else {
        return Expect::Rejected(RejectReason::UnsupportedMediaType);
    };
    let transport_ok = match local {
        Local::Rtp(_) => TransportProtocol::parse(&s.proto).is_rtp(),
        Local::Other(proto, _) => s.proto.eq_ignore_ascii_case(proto),
    };
    if !transport_ok {
        return Expect::Rejected(RejectReason::UnsupportedTransport);
    }
    match s.address_type {
        Some(AddressType::Ip6) if !caps.ipv6 => {
            return Expect::Rejected(RejectReason::Ipv6NotSupported);
        }
        Some(AddressType::Ip4) if !caps.ipv4 => {
            return Expect::Rejected(RejectReason::Ipv4NotSupported);
        }
        _ => {}
    }
    if let Err(r) = keying(s, caps) {
        return Expect::Rejected(r);
    }
    // An offered `c=0.0.0.0` (RFC 3264 §8.4) does not change what the answer
    // may say (RFC 4317 §5.2 answers it with the offered direction's
    // reverse); it only stops the answerer sending.
    let offered = s.direction;
    match local {
        Local::Other(_, formats) => {
            let common = s
                .formats
                .iter()
                .any(|f| formats.iter().any(|l| l.eq_ignore_ascii_case(f)));
            if !common {
                return Expect::Rejected(RejectReason::NoCommonFormat);
            }
            Expect::Accepted(Accepted {
                allowed: offered.reversed(),
                main_pts: Vec::new(),
                rtp: false,
            })
        }
        Local::Rtp(cap) => {
            let mut common: Vec<(u8, usize)> = s
                .rtp
                .iter()
                .filter(|o| o.id.is_main())
                .filter_map(|o| local_match(cap, &o.id).map(|i| (o.pt, i)))
                .collect();
            // RFC 4317 §2.4: a stream offering only telephone-event is
            // accepted with the telephone-event formats we have.
            let events_only = s.rtp.iter().all(|o| !o.id.is_main());
            let events_common = s
                .rtp
                .iter()
                .any(|o| o.id.is_telephone_event() && local_match(cap, &o.id).is_some());
            if common.is_empty() && !(events_only && events_common) {
                return Expect::Rejected(RejectReason::NoCommonFormat);
            }
            // Our order when asked for (offer order among equals), and with
            // `First` the first in that order: our most preferred codec.
            if caps.codec_order == CodecOrder::Local {
                common.sort_by_key(|&(_, i)| i);
            }
            if caps.answer_codecs == AnswerCodecs::First {
                common.truncate(1);
            }
            Expect::Accepted(Accepted {
                allowed: offered.reversed() & cap.direction,
                main_pts: common.into_iter().map(|(pt, _)| pt).collect(),
                rtp: true,
            })
        }
    }
}

/// How specific a reason is when it names a whole refused offer: a
/// security mismatch says more than an address family, which says more
/// than codecs, transport or media type.
pub fn rank(r: RejectReason) -> u8 {
    use RejectReason as R;
    match r {
        R::SrtpRequired | R::SrtpNotSupported | R::NoCommonCryptoSuite | R::MissingFingerprint => 7,
        R::Ipv6NotSupported | R::Ipv4NotSupported => 6,
        R::InsufficientBandwidth => 5,
        R::NoCommonFormat => 4,
        R::UnsupportedTransport => 3,
        R::UnsupportedMediaType => 2,
        _ => 1,
    }
}
