//! `a=fmtp:<format> <format specific parameters>` (RFC 8866 §6.15).

use super::split_token;
use crate::sdp::error::SdpError;
use crate::sdp::text::{split_once_byte, trim_ws, trim_ws_end, trim_ws_start};

/// A typed `a=fmtp` value. Parameters are kept as written and read in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fmtp<'a> {
    /// The format (payload type) token as written.
    pub format: &'a str,
    /// The parameter text as written (`useinbandfec=1; minptime=10`, `0-15`).
    pub params: &'a str,
}

impl<'a> Fmtp<'a> {
    /// Parses `101 0-16` or `111 minptime=10;useinbandfec=1`.
    ///
    /// # Errors
    /// [`SdpError::InvalidValue`] when the format token is missing.
    pub fn parse(value: &'a str, line: usize) -> Result<Self, SdpError> {
        let (format, params) = split_token(value);
        if format.is_empty() {
            return Err(SdpError::invalid(line, "a=fmtp", "missing format"));
        }
        Ok(Fmtp {
            format,
            params: trim_ws_end(params),
        })
    }

    /// The parameters in order: `;`-separated, spaces around them ignored.
    pub fn parameters(&self) -> FmtpParameters<'a> {
        FmtpParameters::new(self.params)
    }

    /// The value of parameter `name` (case-insensitive, RFC 4855 §3), when present.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.parameters().get(name)
    }
}

/// One fmtp parameter: `name=value`, or an opaque value such as `0-15` or `111/111`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FmtpParameter<'a> {
    /// The name before `=`, `None` for an opaque value.
    pub name: Option<&'a str>,
    /// The value after `=`, or the whole opaque value.
    pub value: &'a str,
}

/// Iterator over fmtp parameters.
#[derive(Clone, Debug)]
pub struct FmtpParameters<'a> {
    rest: &'a str,
}

impl<'a> FmtpParameters<'a> {
    /// Iterates over a parameter text.
    pub fn new(params: &'a str) -> Self {
        FmtpParameters { rest: params }
    }

    /// The value of parameter `name` (case-insensitive), when present.
    pub fn get(self, name: &str) -> Option<&'a str> {
        self.into_iter()
            .find(|p| p.name.is_some_and(|n| n.eq_ignore_ascii_case(name)))
            .map(|p| p.value)
    }
}

impl<'a> Iterator for FmtpParameters<'a> {
    type Item = FmtpParameter<'a>;
    fn next(&mut self) -> Option<FmtpParameter<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (item, rest) = split_once_byte(self.rest, b';');
            self.rest = rest.unwrap_or("");
            let item = trim_ws(item);
            if item.is_empty() {
                continue;
            }
            return Some(match split_once_byte(item, b'=') {
                (n, Some(v)) => FmtpParameter {
                    name: Some(trim_ws_end(n)),
                    value: trim_ws_start(v),
                },
                (_, None) => FmtpParameter {
                    name: None,
                    value: item,
                },
            });
        }
    }
}
