//! The only I/O of the example: one UDP socket on loopback, read with a
//! timeout up to the next deadline of the poll loop.

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use super::message::MAX_DATAGRAM;

/// A bound UDP socket.
#[derive(Debug)]
pub struct Transport {
    socket: UdpSocket,
    buffer: Vec<u8>,
}

impl Transport {
    /// Binds `addr` (e.g. `127.0.0.1:5080`).
    pub fn bind(addr: SocketAddr) -> io::Result<Transport> {
        Ok(Transport {
            socket: UdpSocket::bind(addr)?,
            buffer: vec![0; MAX_DATAGRAM],
        })
    }

    /// The bound address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// A second handle on the same socket (one thread reads, another sends).
    pub fn try_clone(&self) -> io::Result<Transport> {
        Ok(Transport {
            socket: self.socket.try_clone()?,
            buffer: vec![0; self.buffer.len()],
        })
    }

    /// Sends one datagram.
    pub fn send(&self, to: SocketAddr, bytes: &[u8]) -> io::Result<()> {
        self.socket.send_to(bytes, to).map(|_| ())
    }

    /// Waits for one datagram until `deadline` (`None`: up to `idle`).
    /// `Ok(None)` when the time ran out first. `now` is the loop's clock
    /// reading; the wait is at least 1 ms (a zero timeout means "block").
    pub fn recv(
        &mut self,
        now: Instant,
        deadline: Option<Instant>,
        idle: Duration,
    ) -> io::Result<Option<(Vec<u8>, SocketAddr)>> {
        let wait = deadline
            .map_or(idle, |d| d.saturating_duration_since(now))
            .max(Duration::from_millis(1));
        self.socket.set_read_timeout(Some(wait))?;
        match self.socket.recv_from(&mut self.buffer) {
            Ok((n, from)) => Ok(Some((self.buffer[..n].to_vec(), from))),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                Ok(None)
            }
            // A previous send to a closed port (ICMP unreachable) shows up
            // here on some systems: not fatal for a UA.
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Our RTP and RTCP ports, bound and never read: the example carries no
/// media, but a peer that sends RTP (baresip does) should not get ICMP
/// port unreachable back. Packets beyond the socket buffer are dropped by
/// the kernel.
#[derive(Debug)]
pub struct MediaSink {
    _sockets: Vec<UdpSocket>,
}

impl MediaSink {
    /// Binds `ip:port` (RTP) and `ip:port+1` (RTCP); ports that are taken
    /// are skipped.
    pub fn bind(ip: std::net::IpAddr, port: u16) -> MediaSink {
        let sockets = [Some(port), port.checked_add(1)]
            .into_iter()
            .flatten()
            .filter_map(|p| UdpSocket::bind(SocketAddr::new(ip, p)).ok())
            .collect();
        MediaSink { _sockets: sockets }
    }
}
