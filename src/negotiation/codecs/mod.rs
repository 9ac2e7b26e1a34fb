//! Codec identity and the fmtp rules of codecs whose fmtp changes meaning
//! (RFC 3264 §6.1 format matching).
//!
//! * static payload types by number (RFC 3551 §6 table),
//! * dynamic ones by encoding name (case-insensitive), clock rate and channels,
//! * then the fmtp rules of each codec family, one file each, registered
//!   in [`FAMILIES`]: H.264 (RFC 6184), H.265 (RFC 7798), VP9 and AV1
//!   profiles, AMR/AMR-WB (RFC 4867), G.722.1 (RFC 5577), iLBC (RFC 3952),
//!   opus (RFC 7587), G.729 (RFC 4856), telephone-event (RFC 4733), rtx
//!   (RFC 4588) and red (RFC 2198).

mod amr;
mod av1;
mod g7221;
mod g729;
mod h264;
mod h265;
mod ilbc;
mod opus;
mod rtx_red;
mod telephone_event;
mod vp9;

pub(crate) use ilbc::mode as ilbc_mode;

use std::borrow::Cow;

use crate::sdp::{FmtpParameters, RtpMap};

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

    /// The same format as `other` when one side may have written opus
    /// without its channel count: RFC 7587 §7 makes every opus stream
    /// `opus/48000/2`, so `opus/48000` (channels omitted, read as 1) names
    /// it too. Used when checking an answer against its offer, where a
    /// lenient answerer writes the offer's `opus/48000` as `opus/48000/2`.
    pub(crate) fn same_format(&self, other: &Encoding<'_>) -> bool {
        if other.same_as(self.name, self.clock_rate, self.channels) {
            return true;
        }
        self.clock_rate == 48000
            && other.clock_rate == 48000
            && self.channels.max(other.channels) == 2
            && self.channels.min(other.channels) == 1
            && self.name.eq_ignore_ascii_case("opus")
            && other.name.eq_ignore_ascii_case("opus")
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

/// The value of parameter `name` (case-insensitive) in an fmtp.
pub(crate) fn param<'a>(fmtp: Option<&'a str>, name: &str) -> Option<&'a str> {
    fmtp.and_then(|f| FmtpParameters::new(f).get(name))
        .map(crate::sdp::text::trim_ws)
}

/// `fmtp` with parameter `name` set to `value` (replaced where it is,
/// appended otherwise), the other parameters kept in order.
pub(crate) fn with_param(fmtp: Option<&str>, name: &str, value: &str) -> String {
    let fmtp = fmtp.unwrap_or("");
    let mut out = String::with_capacity(fmtp.len() + name.len() + value.len() + 2);
    let mut wrote = false;
    for p in FmtpParameters::new(fmtp) {
        if !out.is_empty() {
            out.push(';');
        }
        match p.name {
            Some(n) if n.eq_ignore_ascii_case(name) => {
                out.push_str(name);
                out.push('=');
                out.push_str(value);
                wrote = true;
            }
            Some(n) => {
                out.push_str(n);
                out.push('=');
                out.push_str(p.value);
            }
            None => out.push_str(p.value),
        }
    }
    if !wrote {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// What a format's fmtp means for matching, read once per offered format
/// (and once per capability codec, when capabilities are built): the codec
/// family that reads it and what the family read, in four words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FmtpKey {
    /// Index into [`FAMILIES`] plus one; 0 = a codec whose fmtp decides nothing.
    family: u8,
    words: Words,
}

/// A family's reading of an fmtp (bit sets, numbers), `Copy` and small.
pub(crate) type Words = [u64; 4];

/// The offer/answer rules of one codec family (one file each, registered in
/// [`FAMILIES`]): which fmtp values make two formats the same codec, and
/// what the answer's fmtp is.
pub(crate) trait Family: Sync {
    /// `true` for the encoding names of the family (case-insensitive).
    fn covers(&self, name: &str) -> bool;
    /// Reads an fmtp (`None`: no fmtp line).
    fn read(&self, fmtp: Option<&str>) -> Words;
    /// `true` when an offered format read as `theirs` can be answered by
    /// our codec read as `ours`.
    fn compatible(&self, theirs: &Words, ours: &Words) -> bool;
    /// The fmtp we answer with, from the offered and our own fmtp text and
    /// readings. The default is ours: the family's parameters describe what
    /// each side receives.
    fn answer<'a>(
        &self,
        offered: (Option<&'a str>, &Words),
        ours: (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        let _ = offered;
        ours.0.map(Cow::Borrowed)
    }
}

/// Every codec family with fmtp rules. A new family is one file and one
/// line here.
pub(crate) static FAMILIES: [&dyn Family; 12] = [
    &h264::H264,
    &h265::H265,
    &vp9::Vp9,
    &av1::Av1,
    &amr::Amr,
    &g7221::G7221,
    &ilbc::Ilbc,
    &opus::Opus,
    &g729::G729,
    &telephone_event::TelephoneEvent,
    &rtx_red::Rtx,
    &rtx_red::Red,
];

impl FmtpKey {
    /// Reads the fmtp of a format of encoding `name`.
    pub(crate) fn read(name: &str, fmtp: Option<&str>) -> FmtpKey {
        match FAMILIES.iter().position(|f| f.covers(name)) {
            Some(i) => FmtpKey {
                family: i as u8 + 1,
                words: FAMILIES[i].read(fmtp),
            },
            None => FmtpKey {
                family: 0,
                words: [0; 4],
            },
        }
    }

    fn family(&self) -> Option<&'static dyn Family> {
        usize::from(self.family)
            .checked_sub(1)
            .and_then(|i| FAMILIES.get(i).copied())
    }

    /// `true` when an offered format with this key can be answered by our
    /// codec with key `ours` (RFC 3264 §6.1 plus each codec's rules).
    pub(crate) fn compatible(&self, ours: &FmtpKey) -> bool {
        if self.family != ours.family {
            return false;
        }
        match self.family() {
            Some(f) => f.compatible(&self.words, &ours.words),
            None => true,
        }
    }
}

/// `true` when a format offered with fmtp `offered` can be answered with
/// fmtp `ours` for encoding `name`.
pub(crate) fn fmtp_compatible(name: &str, offered: Option<&str>, ours: Option<&str>) -> bool {
    offered == ours || FmtpKey::read(name, offered).compatible(&FmtpKey::read(name, ours))
}

/// The fmtp we answer an offered format with: the family's answer rule
/// (ours, adjusted where the answer depends on the offer). `None` = no
/// fmtp line.
pub(crate) fn answer_fmtp<'a>(
    name: &str,
    (offered, their_key): (Option<&'a str>, Option<&FmtpKey>),
    (ours, my_key): (Option<&'a str>, &FmtpKey),
) -> Option<Cow<'a, str>> {
    let Some(family) = my_key.family() else {
        return ours.map(Cow::Borrowed);
    };
    if offered == ours && offered.is_some() && !family_echoes_numbers(name) {
        return ours.map(Cow::Borrowed);
    }
    let read;
    let theirs = match their_key {
        Some(k) => k,
        None => {
            read = FmtpKey::read(name, offered);
            &read
        }
    };
    family.answer((offered, &theirs.words), (ours, &my_key.words))
}

/// rtx and red answer with the offer's payload types, re-written: their
/// fmtp is never taken as text, even when it equals ours.
fn family_echoes_numbers(name: &str) -> bool {
    name.eq_ignore_ascii_case("rtx") || name.eq_ignore_ascii_case("red")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_table_round_trips() {
        assert_eq!(static_payload_type("pcmu", 8000, 1), Some(0));
        assert_eq!(static_payload_type("G722", 8000, 1), Some(9));
        assert_eq!(static_payload_type("opus", 48000, 2), None);
        assert_eq!(static_encoding(18).map(|e| e.name), Some("G729"));
        assert_eq!(static_encoding(96), None);
    }

    #[test]
    fn with_param_replaces_or_appends() {
        assert_eq!(
            with_param(Some("a=1;mode=20;b=2"), "mode", "30"),
            "a=1;mode=30;b=2"
        );
        assert_eq!(with_param(Some("a=1"), "mode", "30"), "a=1;mode=30");
        assert_eq!(with_param(None, "mode", "30"), "mode=30");
    }

    #[test]
    fn families_do_not_overlap() {
        for name in [
            "H264",
            "H265",
            "VP9",
            "AV1",
            "AMR",
            "AMR-WB",
            "G7221",
            "iLBC",
            "opus",
            "G729",
            "telephone-event",
            "rtx",
            "red",
        ] {
            assert_eq!(
                FAMILIES.iter().filter(|f| f.covers(name)).count(),
                1,
                "{name}"
            );
        }
        assert!(!FAMILIES.iter().any(|f| f.covers("PCMU")));
    }
}
