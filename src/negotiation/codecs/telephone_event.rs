//! telephone-event (RFC 4733 §2.5.1.3): the events of `0-15,66,70`; two
//! formats match when they share an event, and the answer lists the
//! intersection. Which telephone-event goes with which codec (its clock
//! rate) is chosen with the codecs, in the answer's format selection.

use std::borrow::Cow;
use std::fmt;

use super::{Family, Words};

/// The telephone-event family.
pub(super) struct TelephoneEvent;

impl Family for TelephoneEvent {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("telephone-event")
    }

    fn read(&self, fmtp: Option<&str>) -> Words {
        EventSet::parse_or_default(fmtp).0
    }

    /// Some event in common.
    fn compatible(&self, theirs: &Words, ours: &Words) -> bool {
        !EventSet(*theirs).intersect(&EventSet(*ours)).is_empty()
    }

    /// The intersection, normalized: never the offer's text, which may
    /// carry items we did not understand.
    fn answer<'a>(
        &self,
        (_, theirs): (Option<&'a str>, &Words),
        (ours, mine): (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        let both = EventSet(*theirs).intersect(&EventSet(*mine));
        if both.0 == *mine {
            return ours.map(Cow::Borrowed);
        }
        let mut buf = [0u8; 1024];
        Some(Cow::Owned(both.write_into(&mut buf).to_owned()))
    }
}

/// A set of DTMF/telephony events 0..=255.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EventSet([u64; 4]);

impl EventSet {
    const EMPTY: EventSet = EventSet([0; 4]);

    /// Reads an event list; absent → the RFC 4733 §2.5.1.3 default `0-15`.
    /// Unreadable items are skipped (they cannot be agreed on).
    pub(crate) fn parse_or_default(fmtp: Option<&str>) -> EventSet {
        let Some(text) = fmtp else {
            return EventSet::range(0, 15);
        };
        let mut set = EventSet::EMPTY;
        for item in text.split([',', ';']).map(str::trim) {
            let (lo, hi) = match item.split_once('-') {
                Some((a, b)) => (a.trim().parse::<u8>(), b.trim().parse::<u8>()),
                None => (item.parse::<u8>(), item.parse::<u8>()),
            };
            if let (Ok(lo), Ok(hi)) = (lo, hi) {
                if lo <= hi {
                    set = set.union(&EventSet::range(lo, hi));
                }
            }
        }
        set
    }

    /// Writes the set as ranges (`0-15,66,70`) into `out` and returns the
    /// text: no allocation, at most 1024 bytes.
    pub(crate) fn write_into<'b>(&self, out: &'b mut [u8; 1024]) -> &'b str {
        let len = self.write_ranges(out);
        std::str::from_utf8(out.get(..len).unwrap_or(&[])).unwrap_or("")
    }

    /// Events `lo..=hi` (`lo <= hi`), set a word at a time: the cost of an
    /// item does not depend on its width.
    fn range(lo: u8, hi: u8) -> EventSet {
        let mut s = EventSet::EMPTY;
        for (w, word) in s.0.iter_mut().enumerate() {
            let (base, top) = (w as u16 * 64, w as u16 * 64 + 63);
            let (lo, hi) = (u16::from(lo).max(base), u16::from(hi).min(top));
            if lo > hi {
                continue;
            }
            let width = hi - lo + 1;
            let bits = if width == 64 {
                u64::MAX
            } else {
                (1u64 << width) - 1
            };
            *word |= bits << (lo - base);
        }
        s
    }

    fn contains(&self, e: u8) -> bool {
        self.0[usize::from(e / 64)] & (1u64 << (e % 64)) != 0
    }

    fn union(&self, other: &EventSet) -> EventSet {
        EventSet(std::array::from_fn(|i| self.0[i] | other.0[i]))
    }

    pub(crate) fn intersect(&self, other: &EventSet) -> EventSet {
        EventSet(std::array::from_fn(|i| self.0[i] & other.0[i]))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
}

impl fmt::Display for EventSet {
    /// Writes ranges: `0-15,66,70`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = [0u8; 1024];
        let len = self.write_ranges(&mut out);
        f.write_str(std::str::from_utf8(out.get(..len).unwrap_or(&[])).unwrap_or(""))
    }
}

impl EventSet {
    /// Writes the ranges into `out` (ASCII), returning the length. 1024 bytes
    /// hold the worst case (every other event: 128 items of up to 4 bytes).
    fn write_ranges(&self, out: &mut [u8; 1024]) -> usize {
        let mut len = 0;
        let mut push = |s: &[u8]| {
            if let Some(dst) = out.get_mut(len..len + s.len()) {
                dst.copy_from_slice(s);
                len += s.len();
            }
        };
        let mut e: u16 = 0;
        let mut first = true;
        while e <= 255 {
            let word = self.0[usize::from(e / 64)] >> (e % 64);
            if word == 0 {
                e = (e / 64 + 1) * 64;
                continue;
            }
            e += word.trailing_zeros() as u16;
            let start = e;
            while e < 255 && self.contains((e + 1) as u8) {
                e += 1;
            }
            if !first {
                push(b",");
            }
            first = false;
            let mut buf = itoa::Buffer::new();
            push(buf.format(start).as_bytes());
            if start != e {
                push(b"-");
                push(buf.format(e).as_bytes());
            }
            e += 1;
        }
        len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_word_at_a_time() {
        let mut buf = [0u8; 1024];
        for (lo, hi) in [
            (0, 0),
            (0, 15),
            (0, 255),
            (63, 64),
            (64, 127),
            (200, 255),
            (5, 130),
        ] {
            let set = EventSet::range(lo, hi);
            let want = (lo..=hi).fold(EventSet::EMPTY, |s, e| {
                let mut t = s;
                t.0[usize::from(e / 64)] |= 1u64 << (e % 64);
                t
            });
            assert_eq!(set, want, "{lo}-{hi}");
        }
        let text = EventSet::parse_or_default(Some("0-15, 66,x,70,THEIR-TE-TEXT,16"));
        assert_eq!(text.write_into(&mut buf), "0-16,66,70");
    }
}
