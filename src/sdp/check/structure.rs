//! Line types, their order and the mandatory lines (RFC 8866 §5), and the
//! session-level values of `v=`, `o=`, `s=`, `c=`, `b=` and `t=`.

use super::{ProblemKind as K, Report, quote};
use crate::sdp::line::Line;
use crate::sdp::session::SessionDescription;
use crate::sdp::views::{AddressType, Origin};

/// Session-level order of RFC 8866 §5 (`t` and `r` share a rank: `t r r t r`).
const SESSION_ORDER: &str = "v o s i u e p c b t r z k a";
/// Media-level order of RFC 8866 §5.
const MEDIA_ORDER: &str = "m i c b k a";

fn session_rank(letter: u8) -> Option<u8> {
    Some(match letter {
        b'v' => 0,
        b'o' => 1,
        b's' => 2,
        b'i' => 3,
        b'u' => 4,
        b'e' => 5,
        b'p' => 6,
        b'c' => 7,
        b'b' => 8,
        b't' | b'r' => 9,
        b'z' => 10,
        b'k' => 11,
        b'a' => 12,
        _ => return None,
    })
}

fn media_rank(letter: u8) -> Option<u8> {
    Some(match letter {
        b'm' => 0,
        b'i' => 1,
        b'c' => 2,
        b'b' => 3,
        b'k' => 4,
        b'a' => 5,
        _ => return None,
    })
}

/// Lines that appear at most once at session level.
fn session_single(letter: u8) -> bool {
    matches!(
        letter,
        b'v' | b'o' | b's' | b'i' | b'u' | b'c' | b'z' | b'k'
    )
}

/// Lines that appear at most once per media description.
fn media_single(letter: u8) -> bool {
    matches!(letter, b'i' | b'k')
}

fn letter_index(letter: u8) -> usize {
    usize::from(letter.to_ascii_lowercase().wrapping_sub(b'a')) % 26
}

/// Checks both levels' line types and order, and the session-level values.
/// Returns whether the session level has a `c=` line.
pub(super) fn check(sdp: &SessionDescription, r: &mut Report) -> bool {
    let mut seen = [false; 26];
    // (rank, letter) of the line holding the highest rank so far.
    let mut highest: (u8, u8) = (0, b'v');
    let mut previous: u8 = 0;
    for line in sdp.session_lines() {
        let letter = line.letter();
        let n = line.number();
        match session_rank(letter) {
            None => unknown_type(letter, n, r),
            Some(rank) => {
                if session_single(letter) && seen[letter_index(letter)] {
                    r.error(
                        n,
                        K::RepeatedLine,
                        format!(
                            "more than one {}= line at session level (RFC 8866 §5)",
                            letter as char
                        ),
                    );
                } else if letter == b'r' && !matches!(previous, b't' | b'r') {
                    r.error(
                        n,
                        K::RepeatWithoutTiming,
                        "r= must follow a t= line (RFC 8866 §5.10)".to_owned(),
                    );
                } else if rank < highest.0 {
                    r.error(
                        n,
                        K::LineOrder,
                        out_of_order(letter, highest.1, SESSION_ORDER),
                    );
                }
                seen[letter_index(letter)] = true;
                if rank > highest.0 {
                    highest = (rank, letter);
                }
                session_value(&line, r);
            }
        }
        previous = letter;
    }
    for (letter, what) in [(b'o', "o="), (b's', "s="), (b't', "t=")] {
        if !seen[letter_index(letter)] {
            r.error(0, K::MissingLine, format!("no {what} line (RFC 8866 §5)"));
        }
    }
    for m in sdp.media_descriptions() {
        media_lines(m.lines().skip(1), r);
    }
    seen[letter_index(b'c')]
}

fn media_lines<'a>(lines: impl Iterator<Item = Line<'a>>, r: &mut Report) {
    let mut seen = [false; 26];
    let mut highest: (u8, u8) = (0, b'm');
    for line in lines {
        let letter = line.letter();
        let n = line.number();
        match media_rank(letter) {
            None if session_rank(letter).is_some() => r.error(
                n,
                K::SessionLineInMedia,
                format!(
                    "{}= is not allowed in a media description (RFC 8866 §5)",
                    letter as char
                ),
            ),
            None => unknown_type(letter, n, r),
            Some(rank) => {
                if media_single(letter) && seen[letter_index(letter)] {
                    r.error(
                        n,
                        K::RepeatedLine,
                        format!(
                            "more than one {}= line in a media description (RFC 8866 §5)",
                            letter as char
                        ),
                    );
                } else if rank < highest.0 {
                    r.error(
                        n,
                        K::LineOrder,
                        out_of_order(letter, highest.1, MEDIA_ORDER),
                    );
                }
                seen[letter_index(letter)] = true;
                if rank > highest.0 {
                    highest = (rank, letter);
                }
            }
        }
    }
}

fn unknown_type(letter: u8, line: usize, r: &mut Report) {
    r.error(
        line,
        K::UnknownLineType,
        format!("unknown line type {}= (RFC 8866 §5)", letter as char),
    );
}

fn out_of_order(letter: u8, after: u8, order: &str) -> String {
    format!(
        "{}= comes after {}=, against the RFC 8866 §5 order {order}",
        letter as char, after as char
    )
}

fn session_value(line: &Line<'_>, r: &mut Report) {
    let n = line.number();
    let value = line.value();
    match line.letter() {
        b'v' if value != "0" => r.error(
            n,
            K::VersionNotZero,
            "v= must be 0 (RFC 8866 §5.1)".to_owned(),
        ),
        b'o' => origin(value, n, r),
        b'c' => super::media::connection(line, r),
        b'b' => super::media::bandwidth(line, r),
        b's' if value.is_empty() => r.warning(
            n,
            K::EmptySessionName,
            "s= is empty; write s=- when there is no name (RFC 8866 §5.3)".to_owned(),
        ),
        b't' => {
            let mut fields = value.split([' ', '\t']).filter(|f| !f.is_empty());
            let numeric = |f: Option<&str>| {
                f.is_some_and(|f| f.len() <= 20 && f.bytes().all(|b| b.is_ascii_digit()))
            };
            if !(numeric(fields.next()) && numeric(fields.next()) && fields.next().is_none()) {
                r.error(
                    n,
                    K::InvalidTiming,
                    "t= must be two decimal times <start> <stop> (RFC 8866 §5.9)".to_owned(),
                );
            }
        }
        _ => {}
    }
}

fn origin(value: &str, n: usize, r: &mut Report) {
    match Origin::parse(value, n) {
        Err(e) => r.invalid(&e, n, K::InvalidOrigin),
        Ok(o) => {
            if o.session_id.is_empty() || !o.session_id.bytes().all(|b| b.is_ascii_digit()) {
                r.error(
                    n,
                    K::SessionIdNotNumeric,
                    format!(
                        "o= session id {} is not a decimal number (RFC 8866 §5.2)",
                        quote(o.session_id)
                    ),
                );
            }
            if let Some(message) = family_mismatch("o=", "RFC 8866 §5.2", o.address_type, o.address)
            {
                r.error(n, K::OriginFamilyMismatch, message);
            }
        }
    }
}

/// A message when `address` is an IP literal of the other family than `address_type` says.
pub(super) fn family_mismatch(
    what: &str,
    rfc: &str,
    address_type: AddressType,
    address: &str,
) -> Option<String> {
    use std::net::{Ipv4Addr, Ipv6Addr};
    match address_type {
        AddressType::Ip4 if address.parse::<Ipv6Addr>().is_ok() => {
            Some(format!("{what} says IP4 but holds an IPv6 address ({rfc})"))
        }
        AddressType::Ip6 if address.parse::<Ipv4Addr>().is_ok() => {
            Some(format!("{what} says IP6 but holds an IPv4 address ({rfc})"))
        }
        _ => None,
    }
}
