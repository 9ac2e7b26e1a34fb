//! serde for the types that carry their own text form (cargo feature
//! `serde`), and the field helpers the derived impls use.
//!
//! Enums with a spelling of their own serialize as that string:
//! [`Direction`] as its RFC 3264 §6.1 attribute name (`"sendrecv"`,
//! `"sendonly"`, `"recvonly"`, `"inactive"`), [`Setup`] as its RFC 4145 §4
//! value (`"active"`...), [`MediaType`] as its RFC 8866 §5.14 token
//! (`"audio"`...; every other token reads as `"other"`), [`SrtpSuite`] as
//! its RFC 4568 §6.2 name (`"AES_CM_128_HMAC_SHA1_80"`), and
//! [`ReNegotiationDeclineReason`] / [`RenegotiationDirection`] in UCWA's
//! spelling. SDP bodies are text when they are UTF-8 ([`sdp_bytes`]), SRTP
//! key and salt bytes standard base64 ([`base64_bytes`]), in human-readable
//! formats such as JSON; binary formats get bytes.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::negotiation::SrtpSuite;
use crate::renegotiation::{ReNegotiationDeclineReason, RenegotiationDirection};
use crate::sdp::{Direction, MediaType, Setup};

/// Implements Serialize as `$to(self)` and Deserialize through `$from(&str)
/// -> Result<Self, Option<String>>` (an error message of its own, or
/// `None` for serde's "invalid value ..., expected `$what`").
macro_rules! text_serde {
    ($ty:ty, $what:literal, |$s:ident| $to:expr, |$v:ident| $from:expr) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let $s = *self;
                serializer.serialize_str($to)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(TextVisitor::<$ty>::new($what, |$v| $from))
            }
        }
    };
}

text_serde!(
    Direction,
    "\"sendrecv\", \"sendonly\", \"recvonly\" or \"inactive\"",
    |d| d.attribute_name(),
    |v| Direction::from_attribute(v).ok_or(None)
);
text_serde!(
    Setup,
    "\"active\", \"passive\", \"actpass\" or \"holdconn\"",
    |s| s.as_str(),
    |v| Setup::parse(v, 0).map_err(|_| None)
);
text_serde!(
    MediaType,
    "a media token such as \"audio\"",
    |m| m.as_str(),
    |v| { Ok(MediaType::parse(v)) }
);
text_serde!(
    SrtpSuite,
    "an SRTP crypto suite name such as \"AES_CM_128_HMAC_SHA1_80\"",
    |s| s.name(),
    |v| SrtpSuite::from_name(v).ok_or(None)
);
text_serde!(
    ReNegotiationDeclineReason,
    "a ReNegotiationDeclineReason",
    |r| r.as_str(),
    |v| v.parse().map_err(|e| Some(format!("{e}")))
);
text_serde!(
    RenegotiationDirection,
    "\"Incoming\" or \"Outgoing\"",
    |d| d.as_str(),
    |v| v.parse().map_err(|e| Some(format!("{e}")))
);

/// Reads a string and converts it with a function.
struct TextVisitor<T> {
    expecting: &'static str,
    from: fn(&str) -> Result<T, Option<String>>,
    marker: PhantomData<T>,
}

impl<T> TextVisitor<T> {
    const fn new(expecting: &'static str, from: fn(&str) -> Result<T, Option<String>>) -> Self {
        TextVisitor {
            expecting,
            from,
            marker: PhantomData,
        }
    }
}

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.from)(v).map_err(|message| match message {
            Some(message) => E::custom(message),
            None => E::invalid_value(de::Unexpected::Str(v), &self.expecting),
        })
    }
}

/// Reads bytes given as a string, as bytes or as a sequence of numbers;
/// `text` turns a string into bytes (UTF-8 as is, or base64).
#[derive(Clone, Copy)]
struct BytesVisitor {
    expecting: &'static str,
    text: fn(&str) -> Option<Vec<u8>>,
}

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        (self.text)(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self.expecting))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(v)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
        // Bounded by what the input holds: one element per byte read.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64 * 1024));
        while let Some(b) = seq.next_element::<u8>()? {
            out.push(b);
        }
        Ok(out)
    }
}

/// An SDP body (`Vec<u8>`): a string when it is UTF-8 and the format is
/// human-readable, else bytes (a JSON array of numbers). Reads either.
pub(crate) mod sdp_bytes {
    use super::{BytesVisitor, Deserializer, Serializer};

    pub(super) const VISITOR: BytesVisitor = BytesVisitor {
        expecting: "SDP text or bytes",
        text: |s| Some(s.as_bytes().to_vec()),
    };

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(bytes) {
            Ok(text) if serializer.is_human_readable() => serializer.serialize_str(text),
            _ => serializer.serialize_bytes(bytes),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(VISITOR)
        } else {
            deserializer.deserialize_byte_buf(VISITOR)
        }
    }
}

/// An optional SDP body, as [`sdp_bytes`].
pub(crate) mod opt_sdp_bytes {
    use super::{Deserialize, Deserializer, Serialize, Serializer};

    struct Borrowed<'a>(&'a [u8]);

    impl Serialize for Borrowed<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::sdp_bytes::serialize(self.0, serializer)
        }
    }

    struct Owned(Vec<u8>);

    impl<'de> Deserialize<'de> for Owned {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::sdp_bytes::deserialize(deserializer).map(Owned)
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        bytes: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => serializer.serialize_some(&Borrowed(b)),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        Ok(Option::<Owned>::deserialize(deserializer)?.map(|s| s.0))
    }
}

/// Key material (`Vec<u8>`): standard base64 with padding (RFC 4648 §4) in
/// human-readable formats, else bytes. Reads either.
pub(crate) mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    use super::{BytesVisitor, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&STANDARD.encode(bytes))
        } else {
            serializer.serialize_bytes(bytes)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        let visitor = BytesVisitor {
            expecting: "base64 text or bytes",
            text: |s| STANDARD.decode(s).ok(),
        };
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(visitor)
        } else {
            deserializer.deserialize_byte_buf(visitor)
        }
    }
}
