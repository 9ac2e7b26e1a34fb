//! Codec identity and the fmtp rules of codecs whose fmtp changes meaning
//! (RFC 3264 §6.1 format matching).
//!
//! * static payload types by number (RFC 3551 §6 table),
//! * dynamic ones by encoding name (case-insensitive), clock rate and channels,
//! * then the fmtp rules: H.264 packetization-mode and profile-level-id
//!   (RFC 6184 §8.2.2), AMR/AMR-WB octet-align (RFC 4867 §8.3.1),
//!   telephone-event event ranges (RFC 4733 §2.5.1), VP9/AV1/H.265 profiles,
//!   G.729 `annexb` (RFC 4856, audio/G729).

mod h264;
mod telephone_event;

use std::borrow::Cow;

use crate::sdp::{FmtpParameters, RtpMap};

pub(crate) use telephone_event::EventSet;

/// RFC 3551 §6 static payload types: (pt, name, clock rate, channels).
const STATIC: [(u8, &str, u32, u16); 24] = [
    (0, "PCMU", 8000, 1),
    (3, "GSM", 8000, 1),
    (4, "G723", 8000, 1),
    (5, "DVI4", 8000, 1),
    (6, "DVI4", 16000, 1),
    (7, "LPC", 8000, 1),
    (8, "PCMA", 8000, 1),
    (9, "G722", 8000, 1),
    (10, "L16", 44100, 2),
    (11, "L16", 44100, 1),
    (12, "QCELP", 8000, 1),
    (13, "CN", 8000, 1),
    (14, "MPA", 90000, 1),
    (15, "G728", 8000, 1),
    (16, "DVI4", 11025, 1),
    (17, "DVI4", 22050, 1),
    (18, "G729", 8000, 1),
    (25, "CelB", 90000, 1),
    (26, "JPEG", 90000, 1),
    (28, "nv", 90000, 1),
    (31, "H261", 90000, 1),
    (32, "MPV", 90000, 1),
    (33, "MP2T", 90000, 1),
    (34, "H263", 90000, 1),
];

/// The static payload type of an encoding, when RFC 3551 assigns one.
pub(crate) fn static_payload_type(name: &str, clock_rate: u32, channels: u16) -> Option<u8> {
    STATIC
        .iter()
        .find(|(_, n, c, ch)| n.eq_ignore_ascii_case(name) && *c == clock_rate && *ch == channels)
        .map(|(pt, ..)| *pt)
}

/// The encoding RFC 3551 assigns to a static payload type.
pub(crate) fn static_encoding(pt: u8) -> Option<Encoding<'static>> {
    STATIC
        .iter()
        .find(|(p, ..)| *p == pt)
        .map(|&(_, name, clock_rate, channels)| Encoding {
            name,
            clock_rate,
            channels,
        })
}

/// What a format of an m-line stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Encoding<'a> {
    pub(crate) name: &'a str,
    pub(crate) clock_rate: u32,
    pub(crate) channels: u16,
}

impl<'a> Encoding<'a> {
    /// The encoding of payload type `pt`: its rtpmap, else the RFC 3551 static table.
    pub(crate) fn resolve(pt: u8, rtpmap: Option<RtpMap<'a>>) -> Option<Self> {
        match rtpmap {
            Some(r) => Some(Encoding {
                name: r.encoding_name,
                clock_rate: r.clock_rate,
                channels: r.channel_count(),
            }),
            None => static_encoding(pt),
        }
    }

    /// Same name (case-insensitive), clock rate and channel count.
    pub(crate) fn same_as(&self, name: &str, clock_rate: u32, channels: u16) -> bool {
        self.clock_rate == clock_rate
            && self.channels == channels
            && self.name.eq_ignore_ascii_case(name)
    }

    pub(crate) fn role(&self) -> Role {
        Role::of(self.name)
    }
}

/// The part a format plays in a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A media codec.
    Main,
    /// `telephone-event` (RFC 4733): answered per clock rate of a chosen codec.
    TelephoneEvent,
    /// `CN` (RFC 3389): answered per clock rate of a chosen codec.
    ComfortNoise,
    /// `rtx` (RFC 4588): answered when its `apt` codec is chosen.
    Rtx,
    /// `red` (RFC 2198) and `ulpfec`/`flexfec` (RFC 5109, RFC 8627): answered with a chosen codec.
    Redundancy,
}

impl Role {
    pub(crate) fn of(name: &str) -> Role {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if is("telephone-event") {
            Role::TelephoneEvent
        } else if is("CN") {
            Role::ComfortNoise
        } else if is("rtx") {
            Role::Rtx
        } else if is("red") || is("ulpfec") || is("flexfec-03") || is("flexfec") {
            Role::Redundancy
        } else {
            Role::Main
        }
    }
}

fn param<'a>(fmtp: Option<&'a str>, name: &str) -> Option<&'a str> {
    fmtp.and_then(|f| FmtpParameters::new(f).get(name))
}

/// What an fmtp means for matching, read once per format (and once per
/// capability codec, when capabilities are built).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FmtpKey {
    /// A codec whose fmtp does not decide matching.
    Free,
    /// H.264 (RFC 6184 §8.2.2).
    H264(h264::Params),
    /// AMR/AMR-WB `octet-align` (RFC 4867 §8.3.1, default 0).
    OctetAlign(bool),
    /// VP9/H.265 `profile-id`, AV1 `profile`; `u32::MAX` when unreadable.
    Profile(u32),
    /// telephone-event events (RFC 4733 §2.5.1.3, default `0-15`).
    Events(EventSet),
}

impl FmtpKey {
    /// Reads the fmtp of a format of encoding `name`.
    pub(crate) fn read(name: &str, fmtp: Option<&str>) -> FmtpKey {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        let profile = |key: &str, default: u32| {
            FmtpKey::Profile(param(fmtp, key).map_or(default, |v| {
                crate::sdp::text::trim_ws(v).parse().unwrap_or(u32::MAX)
            }))
        };
        if is("H264") {
            FmtpKey::H264(h264::Params::read(fmtp))
        } else if is("AMR") || is("AMR-WB") {
            FmtpKey::OctetAlign(
                param(fmtp, "octet-align").is_some_and(|v| crate::sdp::text::trim_ws(v) == "1"),
            )
        } else if is("VP9") || is("H265") {
            profile("profile-id", if is("H265") { 1 } else { 0 })
        } else if is("AV1") {
            profile("profile", 0)
        } else if is("telephone-event") {
            FmtpKey::Events(EventSet::parse_or_default(fmtp))
        } else {
            FmtpKey::Free
        }
    }

    /// `true` when an offered format with this key can be answered by our
    /// codec with key `ours` (RFC 3264 §6.1 plus each codec's rules).
    pub(crate) fn compatible(&self, ours: &FmtpKey) -> bool {
        match (self, ours) {
            (FmtpKey::Free, FmtpKey::Free) => true,
            (FmtpKey::H264(t), FmtpKey::H264(m)) => t.compatible(m),
            (FmtpKey::OctetAlign(t), FmtpKey::OctetAlign(m)) => t == m,
            (FmtpKey::Profile(t), FmtpKey::Profile(m)) => t == m && *t != u32::MAX,
            (FmtpKey::Events(t), FmtpKey::Events(m)) => !t.intersect(m).is_empty(),
            _ => false,
        }
    }
}

/// `true` when a format offered with fmtp `offered` can be answered with
/// fmtp `ours` for encoding `name`.
pub(crate) fn fmtp_compatible(name: &str, offered: Option<&str>, ours: Option<&str>) -> bool {
    offered == ours || FmtpKey::read(name, offered).compatible(&FmtpKey::read(name, ours))
}

/// The fmtp we answer an offered format with: ours, adjusted where the
/// codec's rules say the answer depends on the offer. `None` = no fmtp line.
pub(crate) fn answer_fmtp<'a>(
    name: &str,
    (offered, their_key): (Option<&'a str>, Option<&FmtpKey>),
    (ours, my_key): (Option<&'a str>, &FmtpKey),
) -> Option<Cow<'a, str>> {
    if offered == ours && offered.is_some() {
        return ours.map(Cow::Borrowed);
    }
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    let read;
    let their_key = match their_key {
        Some(k) => k,
        None => {
            read = FmtpKey::read(name, offered);
            &read
        }
    };
    match (their_key, my_key) {
        (FmtpKey::H264(t), FmtpKey::H264(m)) => h264::answer_fmtp(t, m, ours),
        (FmtpKey::Events(theirs), FmtpKey::Events(mine)) => {
            // The intersection, normalized (RFC 4733 §2.5.1.3): never the
            // offer's text, which may carry items we did not understand.
            let both = theirs.intersect(mine);
            if both == *mine {
                return ours.map(Cow::Borrowed);
            }
            let mut buf = [0u8; 1024];
            Some(Cow::Owned(both.write_into(&mut buf).to_owned()))
        }
        _ if is("G729")
            && param(offered, "annexb").is_some_and(|v| v.eq_ignore_ascii_case("no")) =>
        {
            // Annex B was refused by the offerer: the answer cannot turn it on (RFC 4856, audio/G729).
            Some(Cow::Borrowed("annexb=no"))
        }
        // Their parameters name payload types of the offer: written anew
        // from what we read (RFC 4588 §8.6 `apt`, RFC 2198 §5 `pt/pt`).
        _ if is("rtx") => rtx_fmtp(offered),
        _ if is("red") => red_fmtp(offered),
        _ => ours.map(Cow::Borrowed),
    }
}

/// `apt=<pt>[;rtx-time=<ms>]` (RFC 4588 §8.6) from the offered fmtp: only
/// numbers we read are written.
fn rtx_fmtp(offered: Option<&str>) -> Option<Cow<'static, str>> {
    let apt = crate::sdp::views::parse_pt(crate::sdp::text::trim_ws(param(offered, "apt")?))?;
    let mut out = String::with_capacity(24);
    out.push_str("apt=");
    out.push_str(itoa::Buffer::new().format(apt));
    if let Some(t) = param(offered, "rtx-time")
        .map(crate::sdp::text::trim_ws)
        .and_then(|t| t.parse::<u32>().ok())
    {
        out.push_str(";rtx-time=");
        out.push_str(itoa::Buffer::new().format(t));
    }
    Some(Cow::Owned(out))
}

/// `<pt>/<pt>...` (RFC 2198 §5) from the offered fmtp, when every item is a
/// payload type (at most 32 levels of redundancy are written).
fn red_fmtp(offered: Option<&str>) -> Option<Cow<'static, str>> {
    let mut out = String::new();
    for (i, p) in offered?.split('/').enumerate() {
        let pt = crate::sdp::views::parse_pt(crate::sdp::text::trim_ws(p))?;
        if i >= 32 {
            return None;
        }
        if i > 0 {
            out.push('/');
        }
        out.push_str(itoa::Buffer::new().format(pt));
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtx_and_red_are_written_from_numbers() {
        assert_eq!(rtx_fmtp(Some("apt=96")).as_deref(), Some("apt=96"));
        assert_eq!(
            rtx_fmtp(Some("apt=96;rtx-time=3000")).as_deref(),
            Some("apt=96;rtx-time=3000")
        );
        assert_eq!(
            rtx_fmtp(Some("apt=96;rtx-time=x\rc=IN")).as_deref(),
            Some("apt=96")
        );
        assert_eq!(rtx_fmtp(Some("apt=abc")), None);
        assert_eq!(red_fmtp(Some("111/111")).as_deref(), Some("111/111"));
        assert_eq!(red_fmtp(Some("111/x")), None);
    }

    #[test]
    fn static_table_round_trips() {
        assert_eq!(static_payload_type("pcmu", 8000, 1), Some(0));
        assert_eq!(static_payload_type("G722", 8000, 1), Some(9));
        assert_eq!(static_payload_type("opus", 48000, 2), None);
        assert_eq!(static_encoding(18).map(|e| e.name), Some("G729"));
        assert_eq!(static_encoding(96), None);
    }

    #[test]
    fn amr_octet_align_must_match() {
        assert!(fmtp_compatible(
            "AMR-WB",
            Some("octet-align=1"),
            Some("octet-align=1")
        ));
        assert!(!fmtp_compatible("AMR-WB", Some("octet-align=1"), None));
        assert!(fmtp_compatible("AMR", None, Some("octet-align=0")));
    }

    fn answer_fmtp<'a>(
        name: &str,
        offered: Option<&'a str>,
        ours: Option<&'a str>,
    ) -> Option<Cow<'a, str>> {
        super::answer_fmtp(name, (offered, None), (ours, &FmtpKey::read(name, ours)))
    }

    #[test]
    fn telephone_event_answer_is_the_intersection() {
        assert_eq!(
            answer_fmtp("telephone-event", Some("0-15"), Some("0-16")).as_deref(),
            Some("0-15")
        );
        assert_eq!(
            answer_fmtp("telephone-event", Some("0-16"), Some("0-16")).as_deref(),
            Some("0-16")
        );
        assert_eq!(
            answer_fmtp("telephone-event", Some("0-15,66,70"), Some("0-16,70")).as_deref(),
            Some("0-15,70")
        );
        assert_eq!(
            answer_fmtp("telephone-event", None, Some("0-16")).as_deref(),
            Some("0-15")
        );
        assert!(!fmtp_compatible(
            "telephone-event",
            Some("66"),
            Some("0-16")
        ));
    }

    #[test]
    fn g729_annexb_no_is_kept() {
        assert_eq!(
            answer_fmtp("G729", Some("annexb=no"), None).as_deref(),
            Some("annexb=no")
        );
        assert_eq!(answer_fmtp("G729", None, None), None);
    }
}
