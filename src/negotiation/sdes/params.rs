//! SRTP session parameters of an `a=crypto` line (RFC 4568 §6.3), read into
//! typed values and written from them.

use super::SdesError;

/// `FEC_ORDER` (RFC 4568 §6.3.4): whether FEC is applied before or after SRTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(
    clippy::exhaustive_enums,
    reason = "RFC 4568 §6.3.4 defines exactly these two orders"
)]
pub enum FecOrder {
    /// `FEC_SRTP`: FEC before SRTP processing on the sender.
    FecSrtp,
    /// `SRTP_FEC`: SRTP before FEC (the default).
    SrtpFec,
}

/// The session parameters of one `a=crypto` line (RFC 4568 §6.3), typed.
///
/// Parsing refuses, as RFC 4568 §6.3.7 says, an unknown parameter that is
/// not prefixed with `-` (it is mandatory: the line is unusable); unknown
/// `-` parameters are optional and ignored. `FEC_KEY` (§6.3.5) carries key
/// material for FEC, which this crate does not negotiate: a line holding it
/// is unusable ([`SdesError::FecKeyNotSupported`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SrtpSessionParams {
    /// `KDR=<n>` (§6.3.1): the key derivation rate is 2^n packets, n in 1..=24;
    /// `None` = derive once.
    pub kdr: Option<u8>,
    /// `UNENCRYPTED_SRTP` (§6.3.2).
    pub unencrypted_srtp: bool,
    /// `UNENCRYPTED_SRTCP` (§6.3.2).
    pub unencrypted_srtcp: bool,
    /// `UNAUTHENTICATED_SRTP` (§6.3.3).
    pub unauthenticated_srtp: bool,
    /// `FEC_ORDER=<order>` (§6.3.4).
    pub fec_order: Option<FecOrder>,
    /// `WSH=<n>` (§6.3.6): the SRTP replay window size hint of the side that
    /// wrote it, in packets (at least 64).
    pub wsh: Option<u32>,
}

impl SrtpSessionParams {
    /// Reads the session parameters (space-separated, after the key params).
    ///
    /// # Errors
    /// [`SdesError::UnknownSessionParam`] for a mandatory parameter we do not
    /// know, [`SdesError::InvalidSessionParam`] for a known one that does not
    /// read (or is given twice), [`SdesError::FecKeyNotSupported`].
    pub(crate) fn parse(text: &str) -> Result<Self, SdesError> {
        let mut p = SrtpSessionParams::default();
        let bad = SdesError::InvalidSessionParam;
        for item in text.split_ascii_whitespace() {
            let (name, value) = match item.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (item, None),
            };
            let is = |n: &str| name.eq_ignore_ascii_case(n);
            let flag = |set: &mut bool| {
                if value.is_some() || *set {
                    return Err(bad);
                }
                *set = true;
                Ok(())
            };
            if is("KDR") {
                let v = value
                    .filter(|v| !v.starts_with('0'))
                    .and_then(|v| v.parse::<u8>().ok());
                match v {
                    Some(n) if (1..=24).contains(&n) && p.kdr.is_none() => p.kdr = Some(n),
                    _ => return Err(bad),
                }
            } else if is("UNENCRYPTED_SRTP") {
                flag(&mut p.unencrypted_srtp)?;
            } else if is("UNENCRYPTED_SRTCP") {
                flag(&mut p.unencrypted_srtcp)?;
            } else if is("UNAUTHENTICATED_SRTP") {
                flag(&mut p.unauthenticated_srtp)?;
            } else if is("FEC_ORDER") {
                let order = match value {
                    Some(v) if v.eq_ignore_ascii_case("FEC_SRTP") => FecOrder::FecSrtp,
                    Some(v) if v.eq_ignore_ascii_case("SRTP_FEC") => FecOrder::SrtpFec,
                    _ => return Err(bad),
                };
                if p.fec_order.replace(order).is_some() {
                    return Err(bad);
                }
            } else if is("FEC_KEY") {
                return Err(SdesError::FecKeyNotSupported);
            } else if is("WSH") {
                match value.and_then(|v| v.parse::<u32>().ok()) {
                    Some(n) if n >= 64 && p.wsh.is_none() => p.wsh = Some(n),
                    _ => return Err(bad),
                }
            } else if !name.starts_with('-') {
                return Err(SdesError::UnknownSessionParam);
            }
        }
        Ok(p)
    }

    /// The parameters an answer accepting these states back: the
    /// declarative ones (KDR, UNENCRYPTED_*, UNAUTHENTICATED_SRTP,
    /// FEC_ORDER, RFC 4568 §6.3.1–§6.3.4), not the offerer's own window
    /// size hint (§6.3.6: WSH describes the side that writes it).
    pub(crate) fn answered(&self) -> SrtpSessionParams {
        SrtpSessionParams { wsh: None, ..*self }
    }

    /// Writes the parameters, space-separated, each preceded by a space.
    pub(crate) fn write_into(&self, out: &mut String) {
        if let Some(n) = self.kdr {
            out.push_str(" KDR=");
            out.push_str(itoa::Buffer::new().format(n));
        }
        if self.unencrypted_srtp {
            out.push_str(" UNENCRYPTED_SRTP");
        }
        if self.unencrypted_srtcp {
            out.push_str(" UNENCRYPTED_SRTCP");
        }
        if self.unauthenticated_srtp {
            out.push_str(" UNAUTHENTICATED_SRTP");
        }
        match self.fec_order {
            Some(FecOrder::FecSrtp) => out.push_str(" FEC_ORDER=FEC_SRTP"),
            Some(FecOrder::SrtpFec) => out.push_str(" FEC_ORDER=SRTP_FEC"),
            None => {}
        }
        if let Some(n) = self.wsh {
            out.push_str(" WSH=");
            out.push_str(itoa::Buffer::new().format(n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_parameters_read_and_write() {
        let p = SrtpSessionParams::parse(
            "KDR=20 unencrypted_srtcp FEC_ORDER=FEC_SRTP WSH=128 -X-VENDOR",
        )
        .unwrap();
        assert_eq!(p.kdr, Some(20));
        assert!(p.unencrypted_srtcp && !p.unencrypted_srtp);
        assert_eq!(p.fec_order, Some(FecOrder::FecSrtp));
        assert_eq!(p.wsh, Some(128));
        let mut out = String::new();
        p.answered().write_into(&mut out);
        assert_eq!(out, " KDR=20 UNENCRYPTED_SRTCP FEC_ORDER=FEC_SRTP");
    }

    #[test]
    fn unknown_mandatory_and_bad_values_make_the_line_unusable() {
        use SdesError as E;
        for (text, err) in [
            ("UNENCRYPTED_SRTP<script>", E::UnknownSessionParam),
            ("KDR=anything;WSH=0", E::InvalidSessionParam),
            ("KDR=0", E::InvalidSessionParam),
            ("KDR=25", E::InvalidSessionParam),
            ("KDR=05", E::InvalidSessionParam),
            ("KDR=4 KDR=4", E::InvalidSessionParam),
            ("WSH=63", E::InvalidSessionParam),
            ("UNENCRYPTED_SRTP=1", E::InvalidSessionParam),
            ("FEC_ORDER=SOMETHING", E::InvalidSessionParam),
            ("FEC_KEY=inline:AAAA", E::FecKeyNotSupported),
            ("FUTURE_PARAM", E::UnknownSessionParam),
        ] {
            assert_eq!(SrtpSessionParams::parse(text), Err(err), "{text}");
        }
        assert_eq!(
            SrtpSessionParams::parse(""),
            Ok(SrtpSessionParams::default())
        );
    }
}
