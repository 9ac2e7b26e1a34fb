//! Capabilities read from a capability SDP, the way PJSIP's local SDP and
//! Sofia-SIP's user SDP work ([`crate::manual::negotiation_rules`]): the codecs, directions,
//! addresses, ports and keys of a local SDP are what we can do.

use std::net::IpAddr;

use crate::sdp::AddressType;

use super::{
    CapabilityError, Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability,
    SrtpPolicy,
};
use crate::negotiation::codecs::Encoding;
use crate::sdp::views::{parse_pt, parse_ptime, split_token};
use crate::sdp::{
    Connection, ConnectionAddress, Crypto, Direction, Fingerprint, MediaDescription, ParseLimits,
    SessionDescription, Setup, TransportProtocol,
};

/// Attributes the capability reading interprets; every other media-level
/// attribute is kept and written in our offers and answers.
const INTERPRETED: [&str; 22] = [
    "rtpmap",
    "fmtp",
    "rtcp-fb",
    "ptime",
    "maxptime",
    "sendrecv",
    "sendonly",
    "recvonly",
    "inactive",
    "rtcp",
    "rtcp-mux",
    "extmap",
    "crypto",
    "fingerprint",
    "setup",
    "ice-ufrag",
    "ice-pwd",
    "ice-options",
    "candidate",
    "end-of-candidates",
    "mid",
    "ice-lite",
];

impl LocalCapabilities {
    /// Reads capabilities from an SDP text (see [`LocalCapabilities::from_sdp`]).
    ///
    /// # Errors
    /// [`CapabilityError::Sdp`] when the text does not parse, else as [`LocalCapabilities::from_sdp`].
    pub fn from_sdp_text(text: &str) -> Result<Self, CapabilityError> {
        Self::from_sdp(&SessionDescription::parse_with(
            text,
            &ParseLimits::DEFAULT,
        )?)
    }

    /// Reads capabilities from a capability SDP
    /// ([`crate::manual::negotiation_rules`]):
    ///
    /// * each m-line with a non-zero port is a media capability: its codecs
    ///   (rtpmap/fmtp/rtcp-fb, payload types kept as preferred), direction,
    ///   port, ptime/maxptime, `b=AS`/`b=TIAS`, `a=rtcp`, extmaps and any other
    ///   attribute (written as is); non-RTP m-lines (`udptl`, `UDP/DTLS/SCTP`)
    ///   keep their protocol, formats and attributes;
    /// * `c=` lines give the IPv4/IPv6 addresses, `o=`/`s=` the username and session name;
    /// * `RTP/SAVP(F)` with `a=crypto` = SDES required, `RTP/AVP` with
    ///   `a=crypto` = SDES optional, `UDP/TLS/RTP/SAVP(F)` with
    ///   `a=fingerprint` = DTLS-SRTP required (`a=setup:active|passive` is
    ///   the role we answer `actpass` with); each `a=crypto` names a suite
    ///   and its key (checked as [`super::LocalCapabilitiesBuilder::sdes_key`]
    ///   checks it). Those keys are **fixed**: every session would share
    ///   them, so give real deployments a key source with
    ///   [`LocalCapabilities::with_key_source`], which draws each session's own;
    /// * `a=ice-ufrag`/`a=ice-pwd`/`a=candidate` turn ICE on (host candidates
    ///   are generated only when none is listed), `a=group:BUNDLE` BUNDLE,
    ///   `a=rtcp-mux` rtcp-mux.
    ///
    /// # Errors
    /// [`CapabilityError::Sdp`] for a malformed line (with its number), and
    /// the builder's checks ([`super::LocalCapabilitiesBuilder::build`]).
    pub fn from_sdp(sdp: &SessionDescription) -> Result<Self, CapabilityError> {
        let mut b = LocalCapabilities::builder();
        let mut st = Reader::default();
        if let Some(o) = sdp.origin()? {
            b = b.username(o.username);
            if let Ok(ip) = o.address.parse::<IpAddr>() {
                st.address(ip);
            }
        }
        if let Some(s) = sdp.session_name() {
            if !s.trim().is_empty() {
                b = b.session_name(s.trim());
            }
        }
        if let Some(c) = sdp.connection()? {
            st.connection(&c, true);
        }
        let session_direction = sdp.direction();
        for a in sdp.attributes() {
            let v = a.value().unwrap_or("").trim();
            match a.name() {
                "ice-ufrag" => st.ufrag = Some(v.to_owned()),
                "ice-pwd" => st.pwd = Some(v.to_owned()),
                "ice-lite" => st.ice_lite = true,
                "fingerprint" => st.fingerprint = Some(fingerprint(v, a.line())?),
                "setup" => st.setup = Some(Setup::parse(v, a.line())?),
                "group" if crate::sdp::Group::parse(v).is("BUNDLE") => st.bundle = true,
                _ => {}
            }
        }
        let mut media = Vec::new();
        for m in sdp.media_descriptions() {
            if let Some(cap) = st.media(&m, session_direction)? {
                media.push(cap);
            }
        }
        b = st.finish(b)?;
        for cap in media {
            b = b.media(cap);
        }
        b.build()
    }
}

#[derive(Default)]
struct Reader {
    ipv4: Option<std::net::Ipv4Addr>,
    ipv6: Option<std::net::Ipv6Addr>,
    explicit_v4: bool,
    explicit_v6: bool,
    /// Domain names given in `c=` (RFC 8866 §5.7), used when no IP address of that family is.
    host4: Option<String>,
    host6: Option<String>,
    ufrag: Option<String>,
    pwd: Option<String>,
    ice_lite: bool,
    candidates: Vec<(crate::sdp::MediaType, String)>,
    fingerprint: Option<(String, String)>,
    setup: Option<Setup>,
    bundle: bool,
    rtcp_mux: bool,
    sdes: SrtpPolicy,
    dtls: SrtpPolicy,
    keys: Vec<(String, String)>,
}

fn fingerprint(v: &str, line: usize) -> Result<(String, String), CapabilityError> {
    let f = Fingerprint::parse(v, line)?;
    Ok((
        f.hash_function.to_ascii_lowercase(),
        f.fingerprint.to_owned(),
    ))
}

impl Reader {
    fn address(&mut self, ip: IpAddr) {
        match ip {
            IpAddr::V4(v4) if !v4.is_unspecified() && self.ipv4.is_none() => self.ipv4 = Some(v4),
            IpAddr::V6(v6) if !v6.is_unspecified() && self.ipv6.is_none() => self.ipv6 = Some(v6),
            _ => {}
        }
    }

    fn connection(&mut self, c: &Connection<'_>, explicit: bool) {
        if let ConnectionAddress::Fqdn(name) = c.address {
            // RFC 8866 §5.7: a domain name of the c= line's family.
            let slot = match c.address_type {
                AddressType::Ip6 => &mut self.host6,
                _ => &mut self.host4,
            };
            slot.get_or_insert_with(|| name.to_owned());
            return;
        }
        if let ConnectionAddress::Ip(ip) = c.address {
            if ip.is_unspecified() {
                return;
            }
            match ip {
                IpAddr::V4(v4) if explicit && !self.explicit_v4 => {
                    self.ipv4 = Some(v4);
                    self.explicit_v4 = true;
                }
                IpAddr::V6(v6) if explicit && !self.explicit_v6 => {
                    self.ipv6 = Some(v6);
                    self.explicit_v6 = true;
                }
                _ => self.address(ip),
            }
        }
    }

    fn media(
        &mut self,
        m: &MediaDescription<'_>,
        session_direction: Option<Direction>,
    ) -> Result<Option<MediaCapability>, CapabilityError> {
        let line = m.media_line()?;
        if line.port == 0 {
            return Ok(None);
        }
        for c in m.connections() {
            self.connection(&c?, true);
        }
        let transport = line.transport();
        let mut cap = MediaCapability::new(line.media_type(), line.port);
        if !transport.is_rtp() {
            let formats: Vec<&str> = line.formats().collect();
            cap = cap.non_rtp(line.proto, &formats);
        }
        cap = cap.direction(
            m.direction()
                .or(session_direction)
                .unwrap_or(Direction::SENDRECV),
        );
        for bw in m.bandwidths() {
            if let Some(k) = bw?.kbps() {
                cap = cap.bandwidth_kbps(u32::try_from(k).unwrap_or(u32::MAX));
            }
        }
        let mut has_crypto = false;
        for a in m.attributes() {
            let v = a.value().unwrap_or("").trim();
            match a.name() {
                "ptime" => cap.ptime = Some(parse_ptime(v, a.line(), "a=ptime")?),
                "maxptime" => cap.maxptime = Some(parse_ptime(v, a.line(), "a=maxptime")?),
                "rtcp" => cap.rtcp_attribute = true,
                "rtcp-mux" => self.rtcp_mux = true,
                "extmap" => {
                    let (_, rest) = split_token(v);
                    let (uri, _) = split_token(rest);
                    cap = cap.extmap(uri);
                }
                "crypto" => {
                    let c = Crypto::parse(v, a.line())?;
                    has_crypto = true;
                    if !self.keys.iter().any(|(s, _)| s == c.suite) {
                        self.keys
                            .push((c.suite.to_owned(), c.key_params.to_owned()));
                    }
                }
                "fingerprint" => self.fingerprint = Some(fingerprint(v, a.line())?),
                "setup" => self.setup = Some(Setup::parse(v, a.line())?),
                "ice-ufrag" => self.ufrag = Some(v.to_owned()),
                "ice-pwd" => self.pwd = Some(v.to_owned()),
                "candidate" => self.candidates.push((cap.media, v.to_owned())),
                name if !INTERPRETED.contains(&name) => {
                    let raw = match a.value() {
                        Some(val) => format!("{name}:{val}"),
                        None => name.to_owned(),
                    };
                    cap = cap.attribute(&raw);
                }
                _ => {}
            }
        }
        if transport.is_rtp() {
            cap = codecs(m, cap)?;
        }
        let keying = if transport.is_dtls_srtp() {
            (SrtpPolicy::Off, SrtpPolicy::Required)
        } else if transport.is_sdes_srtp() {
            (SrtpPolicy::Required, SrtpPolicy::Off)
        } else if transport == TransportProtocol::RtpAvp || transport == TransportProtocol::RtpAvpf
        {
            (
                if has_crypto {
                    SrtpPolicy::Optional
                } else {
                    SrtpPolicy::Off
                },
                SrtpPolicy::Off,
            )
        } else {
            (
                SrtpPolicy::Off,
                if transport == TransportProtocol::DtlsSctp {
                    SrtpPolicy::Optional
                } else {
                    SrtpPolicy::Off
                },
            )
        };
        self.sdes = stronger(self.sdes, keying.0);
        self.dtls = stronger(self.dtls, keying.1);
        Ok(Some(cap))
    }

    fn finish(
        self,
        mut b: LocalCapabilitiesBuilder,
    ) -> Result<LocalCapabilitiesBuilder, CapabilityError> {
        match (self.ipv4, &self.host4) {
            (Some(v4), _) => b = b.ipv4(v4),
            (None, Some(h)) => b = b.host_name(AddressType::Ip4, h),
            _ => {}
        }
        match (self.ipv6, &self.host6) {
            (Some(v6), _) => b = b.ipv6(v6),
            (None, Some(h)) => b = b.host_name(AddressType::Ip6, h),
            _ => {}
        }
        b = b.sdes(self.sdes);
        for (suite, key) in &self.keys {
            b = b.sdes_key(suite, key);
        }
        if let Some((hash, fp)) = &self.fingerprint {
            b = b.dtls(self.dtls, hash, fp);
            if let Some(s @ (Setup::Active | Setup::Passive)) = self.setup {
                b = b.dtls_answer_setup(s);
            }
        } else if self.dtls == SrtpPolicy::Required {
            return Err(CapabilityError::DtlsWithoutFingerprint);
        }
        if let (Some(ufrag), Some(pwd)) = (&self.ufrag, &self.pwd) {
            b = b.ice(ufrag, pwd).ice_lite(self.ice_lite);
            if !self.candidates.is_empty() {
                b = b.ice_host_candidates(false);
                for (m, c) in &self.candidates {
                    b = b.ice_candidate(*m, c);
                }
            }
        }
        Ok(b.bundle(self.bundle).rtcp_mux(self.rtcp_mux))
    }
}

fn stronger(a: SrtpPolicy, b: SrtpPolicy) -> SrtpPolicy {
    let rank = |p| match p {
        SrtpPolicy::Off => 0,
        SrtpPolicy::Optional => 1,
        SrtpPolicy::Required => 2,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// The codecs of an RTP m-line, in format order.
fn codecs(
    m: &MediaDescription<'_>,
    mut cap: MediaCapability,
) -> Result<MediaCapability, CapabilityError> {
    let line = m.media_line()?;
    for f in line.formats() {
        let Some(pt) = parse_pt(f) else {
            return Err(crate::sdp::SdpError::invalid(
                m.m_line().number(),
                "m= line",
                "format is not a payload type",
            )
            .into());
        };
        let rtpmap = m
            .rtpmaps()
            .filter_map(Result::ok)
            .find(|r| r.payload_type == pt);
        let Some(enc) = Encoding::resolve(pt, rtpmap) else {
            return Err(crate::sdp::SdpError::invalid(
                m.m_line().number(),
                "m= line",
                "dynamic payload type without a=rtpmap",
            )
            .into());
        };
        let mut codec = Codec::new(enc.name, enc.clock_rate)
            .channels(enc.channels)
            .payload_type(pt);
        if let Some(f) = m.fmtp(f) {
            if !f.params.is_empty() {
                codec = codec.fmtp(f.params);
            }
        }
        for a in m.attributes().filter(|a| a.name() == "rtcp-fb") {
            let (fpt, fb) = split_token(a.value().unwrap_or(""));
            if (fpt == f || fpt == "*") && !fb.trim().is_empty() {
                codec = codec.rtcp_fb(fb.trim());
            }
        }
        cap = cap.codec(codec);
    }
    Ok(cap)
}
