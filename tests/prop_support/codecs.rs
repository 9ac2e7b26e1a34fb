//! The codec universe of the generators: RFC 3551 static codecs, common
//! dynamic ones, and the fmtp variants whose meaning decides matching
//! (H.264 packetization-mode, AMR-WB octet-align).

/// One codec as an SDP writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodecDef {
    pub name: &'static str,
    pub clock: u32,
    pub channels: u16,
    /// The RFC 3551 static payload type, when there is one.
    pub static_pt: Option<u8>,
    pub fmtp: Option<&'static str>,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Audio,
    Video,
    /// telephone-event (RFC 4733): never decides whether a stream is accepted.
    TelephoneEvent,
}

const fn c(
    name: &'static str,
    clock: u32,
    channels: u16,
    static_pt: Option<u8>,
    fmtp: Option<&'static str>,
    kind: Kind,
) -> CodecDef {
    CodecDef {
        name,
        clock,
        channels,
        static_pt,
        fmtp,
        kind,
    }
}

pub const AUDIO: [CodecDef; 13] = [
    c("PCMU", 8000, 1, Some(0), None, Kind::Audio),
    c("PCMA", 8000, 1, Some(8), None, Kind::Audio),
    c("G722", 8000, 1, Some(9), None, Kind::Audio),
    c("GSM", 8000, 1, Some(3), None, Kind::Audio),
    c("G729", 8000, 1, Some(18), Some("annexb=no"), Kind::Audio),
    c("opus", 48000, 2, None, Some("useinbandfec=1"), Kind::Audio),
    c("iLBC", 8000, 1, None, Some("mode=30"), Kind::Audio),
    c("speex", 16000, 1, None, None, Kind::Audio),
    c("AMR-WB", 16000, 1, None, Some("octet-align=1"), Kind::Audio),
    c("AMR-WB", 16000, 1, None, None, Kind::Audio),
    c(
        "telephone-event",
        8000,
        1,
        None,
        Some("0-16"),
        Kind::TelephoneEvent,
    ),
    c(
        "telephone-event",
        8000,
        1,
        None,
        Some("0-15"),
        Kind::TelephoneEvent,
    ),
    c(
        "telephone-event",
        48000,
        1,
        None,
        None,
        Kind::TelephoneEvent,
    ),
];

pub const VIDEO: [CodecDef; 5] = [
    c(
        "H264",
        90000,
        1,
        None,
        Some("profile-level-id=42e01f;packetization-mode=1"),
        Kind::Video,
    ),
    c(
        "H264",
        90000,
        1,
        None,
        Some("profile-level-id=42e01f;packetization-mode=0"),
        Kind::Video,
    ),
    c("VP8", 90000, 1, None, None, Kind::Video),
    c("VP9", 90000, 1, None, None, Kind::Video),
    c("H261", 90000, 1, Some(31), None, Kind::Video),
];

/// Real-time text (RFC 4103): no generated capability has it.
pub const TEXT: [CodecDef; 1] = [c("t140", 1000, 1, None, None, Kind::Audio)];

/// The RFC 3551 encodings of the static payload types the generators use.
pub fn static_encoding(pt: u8) -> Option<(&'static str, u32, u16)> {
    AUDIO
        .iter()
        .chain(VIDEO.iter())
        .find(|d| d.static_pt == Some(pt))
        .map(|d| (d.name, d.clock, d.channels))
}

/// What decides whether an offered format can be answered by a local codec
/// (RFC 3264 §6.1: static by number, dynamic by name/clock/channels; then
/// the fmtp parameters that change a codec's meaning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub clock: u32,
    pub channels: u16,
    /// H.264 packetization-mode (RFC 6184 §8.2.2: must be equal; absent = 0).
    pub packetization_mode: Option<u8>,
    /// AMR-WB octet-align (RFC 4867 §8.3.1: must be equal; absent = 0).
    pub octet_align: Option<bool>,
}

impl Identity {
    pub fn new(name: &str, clock: u32, channels: u16, fmtp: Option<&str>) -> Self {
        let param = |key: &str| {
            fmtp.unwrap_or("")
                .split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
                .map(|(_, v)| v.trim().to_owned())
        };
        let lower = name.to_ascii_lowercase();
        Identity {
            packetization_mode: (lower == "h264")
                .then(|| param("packetization-mode").map_or(0, |v| v.parse().unwrap_or(255))),
            octet_align: (lower == "amr-wb" || lower == "amr")
                .then(|| param("octet-align").is_some_and(|v| v == "1")),
            name: lower,
            clock,
            channels,
        }
    }

    pub fn of(def: &CodecDef) -> Self {
        Identity::new(def.name, def.clock, def.channels, def.fmtp)
    }

    pub fn is_telephone_event(&self) -> bool {
        self.name == "telephone-event"
    }

    /// A media codec: not telephone-event, CN, RTX, RED or FEC.
    pub fn is_main(&self) -> bool {
        !matches!(
            self.name.as_str(),
            "telephone-event" | "cn" | "rtx" | "red" | "ulpfec" | "flexfec"
        )
    }

    /// Same codec with the same meaning, for matching an offer against capabilities.
    pub fn matches(&self, other: &Identity) -> bool {
        self == other
    }

    /// Same encoding (name, clock, channels), fmtp aside.
    pub fn same_encoding(&self, name: &str, clock: u32, channels: u16) -> bool {
        self.name.eq_ignore_ascii_case(name) && self.clock == clock && self.channels == channels
    }
}
