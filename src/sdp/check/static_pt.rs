//! RFC 3551 §6 (Tables 4 and 5): the statically assigned RTP payload types.

use crate::sdp::views::RtpMap;

/// A static payload type assignment.
pub(super) struct Assigned {
    /// Encoding names, the RFC 3551 one first, then accepted aliases.
    names: &'static [&'static str],
    /// Clock rate in Hz.
    clock_rate: u32,
    /// Audio channels; `None` where RFC 3551 leaves them open (video, MPA).
    channels: Option<u16>,
}

impl Assigned {
    /// `true` when `map` names this encoding (case-insensitively), clock rate and channel count.
    pub(super) fn agrees_with(&self, map: &RtpMap<'_>) -> bool {
        self.names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(map.encoding_name))
            && self.clock_rate == map.clock_rate
            && self.channels.is_none_or(|c| c == map.channel_count())
    }

    /// `PCMU/8000` as the RFC writes it.
    pub(super) fn text(&self) -> String {
        let name = self.names.first().copied().unwrap_or("");
        match self.channels {
            Some(c) if c != 1 => format!("{name}/{}/{c}", self.clock_rate),
            _ => format!("{name}/{}", self.clock_rate),
        }
    }
}

const fn audio(names: &'static [&'static str], clock_rate: u32, channels: u16) -> Assigned {
    Assigned {
        names,
        clock_rate,
        channels: Some(channels),
    }
}

const fn video(names: &'static [&'static str]) -> Assigned {
    Assigned {
        names,
        clock_rate: 90_000,
        channels: None,
    }
}

/// The static assignment of payload type `pt`, `None` for reserved,
/// unassigned and dynamic payload types.
pub(super) fn lookup(pt: u8) -> Option<Assigned> {
    Some(match pt {
        0 => audio(&["PCMU"], 8000, 1),
        3 => audio(&["GSM"], 8000, 1),
        4 => audio(&["G723"], 8000, 1),
        5 => audio(&["DVI4"], 8000, 1),
        6 => audio(&["DVI4"], 16000, 1),
        7 => audio(&["LPC"], 8000, 1),
        8 => audio(&["PCMA"], 8000, 1),
        // RFC 3551 §4.5.2: G.722's RTP clock rate is 8000 although it samples at 16 kHz.
        9 => audio(&["G722"], 8000, 1),
        10 => audio(&["L16"], 44100, 2),
        11 => audio(&["L16"], 44100, 1),
        12 => audio(&["QCELP"], 8000, 1),
        13 => audio(&["CN"], 8000, 1),
        14 => Assigned {
            names: &["MPA"],
            clock_rate: 90_000,
            channels: None,
        },
        15 => audio(&["G728"], 8000, 1),
        16 => audio(&["DVI4"], 11025, 1),
        17 => audio(&["DVI4"], 22050, 1),
        // G.729 Annex A is bitstream-compatible and often written G729A.
        18 => audio(&["G729", "G729A"], 8000, 1),
        25 => video(&["CelB"]),
        26 => video(&["JPEG"]),
        28 => video(&["nv"]),
        31 => video(&["H261"]),
        32 => video(&["MPV"]),
        33 => video(&["MP2T"]),
        34 => video(&["H263"]),
        _ => return None,
    })
}
