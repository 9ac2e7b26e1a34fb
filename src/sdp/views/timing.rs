//! `a=ptime` / `a=maxptime` (RFC 8866 §6.4, §6.5): packet time in milliseconds.

use std::time::Duration;

use crate::sdp::error::SdpError;

/// Parses a packet time in milliseconds, decimals accepted (`20`, `20.0`, `22.5`).
///
/// # Errors
/// [`SdpError::InvalidValue`] naming `field` when the value is not a
/// non-negative decimal of at most 6 fraction digits, or is over 10 s.
pub fn parse_ptime(value: &str, line: usize, field: &'static str) -> Result<Duration, SdpError> {
    let v = value.trim();
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let bad = || SdpError::invalid(line, field, "not a time in milliseconds");
    if int.is_empty() || int.len() > 5 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if frac.len() > 6 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let ms: u64 = int.parse().map_err(|_| bad())?;
    if ms > 10_000 {
        return Err(SdpError::invalid(line, field, "over 10 seconds"));
    }
    let mut micros_frac: u64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        if i < 3 {
            micros_frac = micros_frac * 10 + u64::from(b - b'0');
        }
    }
    for _ in frac.len().min(3)..3 {
        micros_frac *= 10;
    }
    Ok(Duration::from_micros(ms * 1000 + micros_frac))
}
