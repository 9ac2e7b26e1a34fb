//! Line writers shared by offers and answers.

use std::fmt::Write as _;
use std::time::Duration;

use super::capabilities::{IceCredentials, LocalCapabilities};
use super::sdes::{SrtpMasterKey, SrtpSessionParams, SrtpSuite};
use crate::sdp::{MediaType, SdpBuilder, Setup};

/// The address family of a stream's `c=` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Ip4,
    Ip6,
}

impl Family {
    pub(crate) fn token(self) -> &'static str {
        match self {
            Family::Ip4 => "IP4",
            Family::Ip6 => "IP6",
        }
    }

    /// Our address of this family as SDP text (callers only pick a family we have).
    pub(crate) fn address(self, caps: &LocalCapabilities) -> &str {
        match (self, caps.has_ip4(), caps.has_ip6()) {
            (Family::Ip4, true, _) | (Family::Ip6, true, false) => &caps.ipv4_text,
            _ => &caps.ipv6_text,
        }
    }

    /// The token of the family [`Family::address`] really returns.
    pub(crate) fn effective(self, caps: &LocalCapabilities) -> Family {
        match (self, caps.has_ip4(), caps.has_ip6()) {
            (Family::Ip4, true, _) | (Family::Ip6, true, false) => Family::Ip4,
            _ => Family::Ip6,
        }
    }

    /// The family we prefer when the offer does not say: IPv4 when we have it.
    pub(crate) fn preferred(caps: &LocalCapabilities) -> Family {
        if caps.has_ip4() {
            Family::Ip4
        } else {
            Family::Ip6
        }
    }
}

/// `v=0`, `o=`, `s=`, `c=`, `t=0 0`.
pub(crate) fn session_header(
    b: &mut SdpBuilder,
    caps: &LocalCapabilities,
    session_id: u64,
    version: u64,
    family: Family,
) {
    let addr = family.address(caps);
    let family = family.effective(caps);
    b.line(b'v', "0");
    b.line_with(b'o', |w| {
        w.push_str(&caps.username)
            .push_char(' ')
            .push_u64(session_id)
            .push_char(' ')
            .push_u64(version);
        w.push_str(" IN ")
            .push_str(family.token())
            .push_char(' ')
            .push_str(addr);
    });
    b.line(b's', &caps.session_name);
    connection(b, caps, family);
    b.line(b't', "0 0");
}

/// `c=IN <family> <our address>`.
pub(crate) fn connection(b: &mut SdpBuilder, caps: &LocalCapabilities, family: Family) {
    let addr = family.address(caps);
    let family = family.effective(caps);
    b.line_with(b'c', |w| {
        w.push_str("IN ")
            .push_str(family.token())
            .push_char(' ')
            .push_str(addr);
    });
}

/// `a=rtpmap:<pt> <name>/<clock>[/<channels>]`.
pub(crate) fn rtpmap(
    b: &mut SdpBuilder,
    pt: u8,
    name: &str,
    clock_rate: u32,
    channels: Option<u16>,
) {
    b.line_with(b'a', |w| {
        w.push_str("rtpmap:")
            .push_u64(u64::from(pt))
            .push_char(' ')
            .push_str(name)
            .push_char('/');
        w.push_u64(u64::from(clock_rate));
        if let Some(ch) = channels {
            w.push_char('/').push_u64(u64::from(ch));
        }
    });
}

/// `a=fmtp:<pt> <params>`.
pub(crate) fn fmtp(b: &mut SdpBuilder, pt: u8, params: &str) {
    b.line_with(b'a', |w| {
        w.push_str("fmtp:")
            .push_u64(u64::from(pt))
            .push_char(' ')
            .push_str(params);
    });
}

/// `a=<name>:<ms>` with decimals only when needed.
pub(crate) fn ptime(b: &mut SdpBuilder, name: &str, d: Duration) {
    b.line_with(b'a', |w| {
        w.push_str(name).push_char(':');
        let micros = d.as_micros();
        let ms = (micros / 1000) as u64;
        w.push_u64(ms);
        let frac = (micros % 1000) as u64;
        if frac != 0 {
            let _ = write!(w, ".{:03}", frac);
        }
    });
}

/// ICE credentials and candidates for one stream (RFC 8839 §5).
/// `(ufrag, pwd)` are the session's for this m-line (see `ice::SessionIce`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn ice(
    b: &mut SdpBuilder,
    ice: &IceCredentials,
    (ufrag, pwd): (&str, &str),
    media: MediaType,
    addr: &str,
    port: u16,
    rtcp_mux: bool,
) {
    b.line_with(b'a', |w| {
        w.push_str("ice-ufrag:").push_str(ufrag);
    });
    b.line_with(b'a', |w| {
        w.push_str("ice-pwd:").push_str(pwd);
    });
    // A host candidate needs an IP address (RFC 8445 §5.1.1.1), not a name.
    if ice.host_candidates && port != 0 && addr.parse::<std::net::IpAddr>().is_ok() {
        let components: &[(u64, u64, u16)] = if rtcp_mux {
            &[(1, 2130706431, 0)]
        } else {
            &[(1, 2130706431, 0), (2, 2130706430, 1)]
        };
        for &(component, priority, offset) in components {
            b.line_with(b'a', |w| {
                w.push_str("candidate:1 ")
                    .push_u64(component)
                    .push_str(" udp ")
                    .push_u64(priority)
                    .push_char(' ')
                    .push_str(addr);
                w.push_char(' ')
                    .push_u64(u64::from(port.saturating_add(offset)))
                    .push_str(" typ host");
            });
        }
    }
    for (m, c) in &ice.candidates {
        if *m == media {
            b.line_with(b'a', |w| {
                w.push_str("candidate:").push_str(c);
            });
        }
    }
    b.line(b'a', "end-of-candidates");
}

/// `a=fingerprint` and `a=setup` (RFC 8122, RFC 4145).
pub(crate) fn dtls(b: &mut SdpBuilder, caps: &LocalCapabilities, setup: Setup) {
    if let Some(id) = &caps.dtls_identity {
        b.line_with(b'a', |w| {
            w.push_str("fingerprint:")
                .push_str(&id.hash_function)
                .push_char(' ')
                .push_str(&id.fingerprint);
        });
    }
    b.line_with(b'a', |w| {
        w.push_str("setup:").push_str(setup.as_str());
    });
}

/// `a=crypto:<tag> <suite> inline:<key>[ <session params>]` (RFC 4568
/// §9.1), written from typed values only.
pub(crate) fn crypto(
    b: &mut SdpBuilder,
    tag: u32,
    suite: SrtpSuite,
    key: &SrtpMasterKey,
    params: &SrtpSessionParams,
) {
    b.line_with(b'a', |w| {
        w.push_str("crypto:")
            .push_u64(u64::from(tag))
            .push_char(' ')
            .push_str(suite.name())
            .push_char(' ');
        w.with_string(|out| {
            key.write_inline(out);
            params.write_into(out);
        });
    });
}

/// `b=AS:<kbps>`.
pub(crate) fn bandwidth_as(b: &mut SdpBuilder, kbps: u32) {
    b.line_with(b'b', |w| {
        w.push_str("AS:").push_u64(u64::from(kbps));
    });
}

/// `a=rtcp:<port> IN <family> <address>` (RFC 3605).
pub(crate) fn rtcp(b: &mut SdpBuilder, port: u16, family: Family, addr: &str) {
    b.line_with(b'a', |w| {
        w.push_str("rtcp:")
            .push_u64(u64::from(port))
            .push_str(" IN ")
            .push_str(family.token())
            .push_char(' ')
            .push_str(addr);
    });
}
