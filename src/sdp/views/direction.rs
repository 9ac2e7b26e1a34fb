//! Direction attributes `sendrecv`/`sendonly`/`recvonly`/`inactive` (RFC 3264 §5.1, §6.1).

bitflags::bitflags! {
    /// A stream direction from the point of view of the SDP's author:
    /// `SEND` = the author sends, `RECV` = the author receives.
    ///
    /// The RFC 3264 §6.1 answer rule is bit arithmetic: the answer's
    /// direction is `offer.reversed() & local`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub struct Direction: u8 {
        /// The SDP's author sends media.
        const SEND = 0b01;
        /// The SDP's author receives media.
        const RECV = 0b10;
    }
}

impl Direction {
    /// `a=sendrecv`.
    pub const SENDRECV: Direction = Direction::SEND.union(Direction::RECV);
    /// `a=inactive`.
    pub const INACTIVE: Direction = Direction::empty();

    /// Reads a direction attribute name; `None` for any other attribute.
    pub fn from_attribute(name: &str) -> Option<Self> {
        match name {
            "sendrecv" => Some(Direction::SENDRECV),
            "sendonly" => Some(Direction::SEND),
            "recvonly" => Some(Direction::RECV),
            "inactive" => Some(Direction::INACTIVE),
            _ => None,
        }
    }

    /// The attribute name for this direction.
    pub fn attribute_name(self) -> &'static str {
        match (
            self.contains(Direction::SEND),
            self.contains(Direction::RECV),
        ) {
            (true, true) => "sendrecv",
            (true, false) => "sendonly",
            (false, true) => "recvonly",
            (false, false) => "inactive",
        }
    }

    /// The same stream seen from the other side: SEND and RECV swapped.
    pub fn reversed(self) -> Self {
        let mut d = Direction::empty();
        d.set(Direction::SEND, self.contains(Direction::RECV));
        d.set(Direction::RECV, self.contains(Direction::SEND));
        d
    }
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.attribute_name())
    }
}
