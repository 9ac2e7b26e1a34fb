//! rtx (RFC 4588 §8.6) and red (RFC 2198 §5): their fmtp names payload
//! types of the offer (`apt=<pt>`, `<pt>/<pt>`), so the answer writes the
//! offer's numbers anew from what was read, never the offer's text.

use std::borrow::Cow;

use super::{Family, Words, param};

/// The rtx family.
pub(super) struct Rtx;

/// The red family.
pub(super) struct Red;

impl Family for Rtx {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("rtx")
    }

    fn read(&self, _: Option<&str>) -> Words {
        [0; 4]
    }

    fn compatible(&self, _: &Words, _: &Words) -> bool {
        true
    }

    fn answer<'a>(
        &self,
        (offered, _): (Option<&'a str>, &Words),
        _: (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        rtx_fmtp(offered)
    }
}

impl Family for Red {
    fn covers(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case("red")
    }

    fn read(&self, _: Option<&str>) -> Words {
        [0; 4]
    }

    fn compatible(&self, _: &Words, _: &Words) -> bool {
        true
    }

    fn answer<'a>(
        &self,
        (offered, _): (Option<&'a str>, &Words),
        _: (Option<&'a str>, &Words),
    ) -> Option<Cow<'a, str>> {
        red_fmtp(offered)
    }
}

/// `apt=<pt>[;rtx-time=<ms>]` from the offered fmtp: only numbers we read.
fn rtx_fmtp(offered: Option<&str>) -> Option<Cow<'static, str>> {
    let apt = crate::sdp::views::parse_pt(param(offered, "apt")?)?;
    let mut out = String::with_capacity(24);
    out.push_str("apt=");
    out.push_str(itoa::Buffer::new().format(apt));
    if let Some(t) = param(offered, "rtx-time").and_then(|t| t.parse::<u32>().ok()) {
        out.push_str(";rtx-time=");
        out.push_str(itoa::Buffer::new().format(t));
    }
    Some(Cow::Owned(out))
}

/// `<pt>/<pt>...` from the offered fmtp, when every item is a payload type
/// (at most 32 levels of redundancy are written).
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
            rtx_fmtp(Some("apt=96;rtx-time=x")).as_deref(),
            Some("apt=96")
        );
        assert_eq!(rtx_fmtp(Some("apt=abc")), None);
        assert_eq!(red_fmtp(Some("111/111")).as_deref(), Some("111/111"));
        assert_eq!(red_fmtp(Some("111/x")), None);
    }
}
