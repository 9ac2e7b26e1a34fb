//! From a capture file to SIP messages: pcap or pcapng (`pcap-file`),
//! Ethernet / VLAN / Linux cooked / raw IP / BSD loopback frames, IPv4
//! and IPv6, IP fragments put back together and UDP/TCP decoded
//! (`etherparse`), TCP streams reassembled in order ([`super::tcp`]), SIP
//! messages framed by [`crate::sip`].
//!
//! The file is streamed: one packet in memory at a time, plus the bounded
//! fragment and TCP state.

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use etherparse::defrag::IpDefragPool;
use etherparse::{NetSlice, SlicedPacket, TcpSlice, TransportSlice, UdpSlice};
use pcap_file::DataLink;
use pcap_file::pcap::PcapReader;
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::{Block, PcapNgReader};

use super::tcp::Streams;
use crate::sip::{self, SipMessage};

/// Fragments kept at most this many packets (or seconds) for their missing
/// pieces: etherparse's pool has no cap of its own.
const FRAGMENT_WINDOW_PACKETS: u64 = 1024;
const FRAGMENT_WINDOW: Duration = Duration::from_secs(10);

/// One SIP message seen in the capture.
pub struct Seen {
    /// Capture timestamp (since the epoch).
    pub time: Duration,
    pub from: SocketAddr,
    pub to: SocketAddr,
    /// `UDP` or `TCP`.
    pub transport: &'static str,
    pub message: SipMessage,
}

/// What was skipped, for the report.
#[derive(Default, Debug, Clone, Copy, serde::Serialize)]
pub struct Counts {
    pub packets: u64,
    pub sip_messages: u64,
    /// Frames of a link type not decoded, or that do not decode.
    pub undecoded: u64,
    /// UDP datagrams and TCP bytes that are not SIP.
    pub not_sip: u64,
    /// IP fragments never completed.
    pub fragments_pending: u64,
}

/// The input after its magic number was read (and put back).
type Chained<R> = std::io::Chain<std::io::Cursor<[u8; 4]>, R>;

enum Format<R: Read> {
    Pcap(PcapReader<Chained<R>>),
    PcapNg(PcapNgReader<Chained<R>>),
}

/// Reads a capture and calls `each` with every SIP message, in capture order.
pub struct Capture<R: Read> {
    format: Format<R>,
    defrag: IpDefragPool<(u64, Duration)>,
    streams: Streams,
    pub counts: Counts,
}

impl<R: Read> Capture<R> {
    /// Opens a pcap or pcapng stream (told apart by the magic number).
    pub fn open(mut reader: R) -> Result<Self, String> {
        let mut magic = [0u8; 4];
        reader
            .read_exact(&mut magic)
            .map_err(|e| format!("not a capture: {e}"))?;
        let chained = std::io::Cursor::new(magic).chain(reader);
        let format = if magic == [0x0a, 0x0d, 0x0d, 0x0a] {
            Format::PcapNg(PcapNgReader::new(chained).map_err(|e| e.to_string())?)
        } else {
            Format::Pcap(PcapReader::new(chained).map_err(|e| e.to_string())?)
        };
        Ok(Capture {
            format,
            defrag: IpDefragPool::new(),
            streams: Streams::default(),
            counts: Counts::default(),
        })
    }

    /// Every packet in turn; `Err` for a file that breaks off (what was
    /// read stays good).
    pub fn run(&mut self, mut each: impl FnMut(Seen)) -> Result<(), String> {
        loop {
            let (time, link, data) = match &mut self.format {
                Format::Pcap(r) => {
                    let link = r.header().datalink;
                    match r.next_packet() {
                        None => break,
                        Some(Err(e)) => return Err(e.to_string()),
                        Some(Ok(p)) => (p.timestamp, link, p.data.into_owned()),
                    }
                }
                Format::PcapNg(r) => {
                    // (interface, timestamp, bytes), owned so that the
                    // reader can be asked for the interface's link type.
                    let packet = match r.next_block() {
                        None => break,
                        Some(Err(e)) => return Err(e.to_string()),
                        Some(Ok(Block::EnhancedPacket(p))) => {
                            (p.interface_id as usize, p.timestamp, p.data.into_owned())
                        }
                        Some(Ok(Block::SimplePacket(p))) => {
                            (0, Duration::ZERO, p.data.into_owned())
                        }
                        Some(Ok(_)) => continue,
                    };
                    let interface = r.interfaces().get(packet.0);
                    let link = interface.map_or(DataLink::ETHERNET, |i| i.linktype);
                    (rescale(packet.1, interface), link, packet.2)
                }
            };
            self.counts.packets += 1;
            self.packet(time, link, &data, &mut each);
        }
        let pending = std::cell::Cell::new(0u64);
        self.defrag.retain(|_| {
            pending.set(pending.get() + 1);
            true
        });
        self.counts.fragments_pending = pending.get();
        Ok(())
    }

    fn packet(&mut self, time: Duration, link: DataLink, data: &[u8], each: &mut impl FnMut(Seen)) {
        let Some(sliced) = slice(link, data) else {
            self.counts.undecoded += 1;
            return;
        };
        let Some((src, dst)) = addresses(&sliced) else {
            self.counts.undecoded += 1;
            return;
        };
        // Drop fragments whose missing pieces never came.
        let n = self.counts.packets;
        if n.is_multiple_of(256) {
            self.defrag.retain(|&(at, ts)| {
                n - at < FRAGMENT_WINDOW_PACKETS && time.saturating_sub(ts) < FRAGMENT_WINDOW
            });
        }
        let reassembled;
        let transport = match self.defrag.process_sliced_packet(&sliced, (n, time), ()) {
            Ok(Some(whole)) => {
                reassembled = whole;
                match reassembled.ip_number {
                    etherparse::IpNumber::UDP => UdpSlice::from_slice(&reassembled.payload)
                        .ok()
                        .map(TransportSlice::Udp),
                    etherparse::IpNumber::TCP => TcpSlice::from_slice(&reassembled.payload)
                        .ok()
                        .map(TransportSlice::Tcp),
                    _ => None,
                }
            }
            // A fragment still waiting for the others.
            Ok(None) if is_fragment(&sliced) => return,
            Ok(None) => sliced.transport.clone(),
            Err(_) => None,
        };
        match transport {
            Some(TransportSlice::Udp(udp)) => {
                let from = SocketAddr::new(src, udp.source_port());
                let to = SocketAddr::new(dst, udp.destination_port());
                self.datagram(time, from, to, udp.payload(), each);
            }
            Some(TransportSlice::Tcp(tcp)) => {
                let from = SocketAddr::new(src, tcp.source_port());
                let to = SocketAddr::new(dst, tcp.destination_port());
                let mut messages = Vec::new();
                let not_sip = self.streams.segment(from, to, &tcp, &mut messages);
                self.counts.not_sip += not_sip;
                for message in messages {
                    self.counts.sip_messages += 1;
                    each(Seen {
                        time,
                        from,
                        to,
                        transport: "TCP",
                        message,
                    });
                }
            }
            _ => {}
        }
    }

    fn datagram(
        &mut self,
        time: Duration,
        from: SocketAddr,
        to: SocketAddr,
        payload: &[u8],
        each: &mut impl FnMut(Seen),
    ) {
        // Keep-alives (CRLF, RFC 5626 §3.5.1) and STUN are not SIP.
        let start = payload
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(payload.len());
        let payload = &payload[start..];
        if payload.is_empty() {
            return;
        }
        match sip::parse(payload, false) {
            Ok((message, _)) => {
                self.counts.sip_messages += 1;
                each(Seen {
                    time,
                    from,
                    to,
                    transport: "UDP",
                    message,
                });
            }
            Err(_) => self.counts.not_sip += 1,
        }
    }
}

/// A pcapng timestamp in the interface's `if_tsresol` units (RFC-draft
/// pcapng §4.2: 10^-n s, or 2^-n s with the top bit set; microseconds
/// without the option). pcap-file 2.0 hands the raw count over as
/// nanoseconds whatever the option says.
fn rescale(raw: Duration, interface: Option<&InterfaceDescriptionBlock<'_>>) -> Duration {
    let resolution = interface
        .and_then(|i| {
            i.options.iter().find_map(|o| match o {
                InterfaceDescriptionOption::IfTsResol(r) => Some(*r),
                _ => None,
            })
        })
        .unwrap_or(6);
    let count = raw.as_nanos();
    let nanos = if resolution & 0x80 == 0 {
        let exp = u32::from(resolution);
        if exp <= 9 {
            count.saturating_mul(10u128.pow(9 - exp))
        } else {
            count / 10u128.pow((exp - 9).min(38))
        }
    } else {
        let exp = u32::from(resolution & 0x7f).min(127);
        count.saturating_mul(1_000_000_000) >> exp
    };
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

/// Decodes a frame of `link` type.
fn slice(link: DataLink, data: &[u8]) -> Option<SlicedPacket<'_>> {
    match link {
        DataLink::ETHERNET => SlicedPacket::from_ethernet(data).ok(),
        DataLink::LINUX_SLL => SlicedPacket::from_linux_sll(data).ok(),
        // Linux cooked v2 (tcpdump -i any): the protocol type first, a
        // 20-byte header.
        DataLink::LINUX_SLL2 => {
            let ether_type = u16::from_be_bytes([*data.first()?, *data.get(1)?]);
            SlicedPacket::from_ether_type(ether_type.into(), data.get(20..)?).ok()
        }
        DataLink::RAW | DataLink::IPV4 | DataLink::IPV6 => SlicedPacket::from_ip(data).ok(),
        // BSD loopback: a 4-byte address family in host order.
        DataLink::NULL | DataLink::LOOP => SlicedPacket::from_ip(data.get(4..)?).ok(),
        _ => None,
    }
}

fn addresses(p: &SlicedPacket<'_>) -> Option<(IpAddr, IpAddr)> {
    match &p.net {
        Some(NetSlice::Ipv4(ip)) => Some((
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        )),
        Some(NetSlice::Ipv6(ip)) => Some((
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        )),
        _ => None,
    }
}

fn is_fragment(p: &SlicedPacket<'_>) -> bool {
    match &p.net {
        Some(NetSlice::Ipv4(ip)) => ip.header().is_fragmenting_payload(),
        Some(NetSlice::Ipv6(ip)) => ip.is_payload_fragmented(),
        _ => false,
    }
}
