#!/usr/bin/python3
"""Builds the captures `tests/cli_pcap.rs` reads, with scapy (Debian's
python3-scapy): `calls.pcap` (pcap) and the same packets as `calls.pcapng`.

Four dialogs, one per way offers and answers travel (RFC 6337):

1. UDP/IPv4: INVITE offer / 200 answer (retransmitted once) / ACK, a hold
   re-INVITE (sendonly, answered recvonly), BYE.
2. UDP/IPv4, the INVITE in two IP fragments: an SDES offer whose 200 OK is
   a deliberately wrong answer (a format not offered, a crypto tag not
   offered, a remapped static payload type).
3. TCP/IPv6: a delayed offer (INVITE without SDP, the offer in the 200,
   the answer in the ACK), the 200 split over two segments and the ACK
   sharing a segment with the BYE.
4. UDP/IPv4: early media with a reliable 183 (100rel) answer and PRACK,
   an UPDATE offer answered in its 200, an UPDATE rejected with 488.

Run: `tests/data/pcap/make_captures.py [OUTDIR]` (default: beside this
script). Timestamps are fixed, so the files are the same on every run;
.ci/run checks that they are the committed ones.
"""

import os
import sys
import zlib

from scapy.all import IP, IPv6, TCP, UDP, Ether, Raw, fragment, wrpcap, wrpcapng

HERE = os.path.dirname(os.path.abspath(__file__))
MAC_A, MAC_B = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
T0 = 1_800_000_000.0


def crlf(text):
    return text.strip("\n").replace("\n", "\r\n") + "\r\n"


def sdp(origin, ip, body, family="IP4"):
    return crlf(
        f"v=0\no={origin} IN {family} {ip}\ns=-\nc=IN {family} {ip}\nt=0 0\n{body}"
    )


def message(start, headers, body=""):
    head = start + "\r\n"
    for name, value in headers:
        head += f"{name}: {value}\r\n"
    if body:
        head += "Content-Type: application/sdp\r\n"
    head += f"Content-Length: {len(body.encode())}\r\n\r\n"
    return (head + body).encode()


def branch(call_id, cseq):
    return "%08x" % zlib.crc32(("%s %s" % (call_id, cseq)).encode())


def headers(call_id, cseq, frm, to, via, extra=()):
    return [
        ("Via", f"SIP/2.0/{via};branch=z9hG4bK{branch(call_id, cseq)}"),
        ("From", frm),
        ("To", to),
        ("Call-ID", call_id),
        ("CSeq", cseq),
        *extra,
    ]


packets = []
clock = [T0]


def at(step):
    clock[0] += step
    return clock[0]


def udp(src, dst, payload, step=0.01, fragsize=None):
    (sip, sport), (dip, dport) = src, dst
    mac = (MAC_A, MAC_B) if src[0].endswith(".1") else (MAC_B, MAC_A)
    p = Ether(src=mac[0], dst=mac[1]) / IP(src=sip, dst=dip, id=len(packets) + 1) / UDP(
        sport=sport, dport=dport
    ) / Raw(payload)
    t = at(step)
    for f in fragment(p[IP], fragsize=fragsize) if fragsize else [p[IP]]:
        frame = Ether(src=mac[0], dst=mac[1]) / f
        frame.time = t
        packets.append(frame)


class Tcp:
    """One TCP connection over IPv6, both directions, sequence numbers kept."""

    def __init__(self, a, b):
        self.ends = {a: 1000, b: 5000}
        self.a, self.b = a, b
        self.send(a, b, b"", flags="S")
        self.send(b, a, b"", flags="SA")
        self.send(a, b, b"", flags="A")

    def send(self, src, dst, payload, flags="PA", step=0.01):
        seq = self.ends[src]
        p = Ether(src=MAC_A, dst=MAC_B) / IPv6(src=src[0], dst=dst[0]) / TCP(
            sport=src[1], dport=dst[1], seq=seq, ack=self.ends[dst], flags=flags
        )
        if payload:
            p = p / Raw(payload)
        p.time = at(step)
        packets.append(p)
        self.ends[src] = seq + len(payload) + (1 if "S" in flags else 0)


# 1. UDP/IPv4: offer, answer, hold, BYE.
A, B = ("192.0.2.1", 5060), ("192.0.2.2", 5060)
cid = "dialog1@192.0.2.1"
alice, bob = "<sip:alice@192.0.2.1>;tag=a1", "<sip:bob@192.0.2.2>"
bobt = bob + ";tag=b1"
offer1 = sdp("alice 1 1", "192.0.2.1", """
m=audio 20000 RTP/AVP 0 8 101
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
m=video 20002 RTP/AVP 31
""")
answer1 = sdp("bob 7 1", "192.0.2.2", """
m=audio 30000 RTP/AVP 8 101
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
m=video 0 RTP/AVP 31
""")
udp(A, B, message("INVITE sip:bob@192.0.2.2 SIP/2.0", headers(cid, "1 INVITE", alice, bob, "UDP 192.0.2.1:5060"), offer1))
udp(B, A, message("SIP/2.0 100 Trying", headers(cid, "1 INVITE", alice, bob, "UDP 192.0.2.1:5060")))
ok1 = message("SIP/2.0 200 OK", headers(cid, "1 INVITE", alice, bobt, "UDP 192.0.2.1:5060"), answer1)
udp(B, A, ok1)
udp(B, A, ok1, step=0.5)  # retransmitted before the ACK (RFC 3261 §13.3.1.4)
udp(A, B, message("ACK sip:bob@192.0.2.2 SIP/2.0", headers(cid, "1 ACK", alice, bobt, "UDP 192.0.2.1:5060")))
hold = sdp("alice 1 2", "192.0.2.1", """
m=audio 20000 RTP/AVP 0 8 101
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendonly
m=video 0 RTP/AVP 31
""")
held = sdp("bob 7 2", "192.0.2.2", """
m=audio 30000 RTP/AVP 8 101
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=recvonly
m=video 0 RTP/AVP 31
""")
udp(A, B, message("INVITE sip:bob@192.0.2.2 SIP/2.0", headers(cid, "2 INVITE", alice, bobt, "UDP 192.0.2.1:5060"), hold), step=1.0)
udp(B, A, message("SIP/2.0 200 OK", headers(cid, "2 INVITE", alice, bobt, "UDP 192.0.2.1:5060"), held))
udp(A, B, message("ACK sip:bob@192.0.2.2 SIP/2.0", headers(cid, "2 ACK", alice, bobt, "UDP 192.0.2.1:5060")))
udp(A, B, message("BYE sip:bob@192.0.2.2 SIP/2.0", headers(cid, "3 BYE", alice, bobt, "UDP 192.0.2.1:5060")), step=1.0)
udp(B, A, message("SIP/2.0 200 OK", headers(cid, "3 BYE", alice, bobt, "UDP 192.0.2.1:5060")))

# 2. UDP/IPv4, a fragmented INVITE with SDES, a wrong answer.
cid = "dialog2@192.0.2.1"
carol = "<sip:carol@192.0.2.1>;tag=c2"
padding = "".join(f"a=x-padding-{i}:{'p' * 60}\n" for i in range(20))
offer2 = sdp("carol 2 1", "192.0.2.1", f"""
m=audio 22000 RTP/SAVP 0 8
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz
{padding}""")
wrong = sdp("bob 8 1", "192.0.2.2", """
m=audio 32000 RTP/SAVP 0 18
a=rtpmap:0 PCMA/8000
a=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj
""")
udp(A, B, message("INVITE sip:bob@192.0.2.2 SIP/2.0", headers(cid, "1 INVITE", carol, bob, "UDP 192.0.2.1:5060"), offer2), step=1.0, fragsize=1200)
udp(B, A, message("SIP/2.0 200 OK", headers(cid, "1 INVITE", carol, bob + ";tag=b2", "UDP 192.0.2.1:5060"), wrong))
udp(A, B, message("ACK sip:bob@192.0.2.2 SIP/2.0", headers(cid, "1 ACK", carol, bob + ";tag=b2", "UDP 192.0.2.1:5060")))

# 3. TCP/IPv6: a delayed offer.
C, D = ("2001:db8::1", 5060), ("2001:db8::2", 5060)
cid = "dialog3@2001:db8::1"
dave, erin = "<sip:dave@[2001:db8::1]>;tag=d3", "<sip:erin@[2001:db8::2]>"
erint = erin + ";tag=e3"
tcp = Tcp(C, D)
tcp.send(C, D, message("INVITE sip:erin@[2001:db8::2];transport=tcp SIP/2.0", headers(cid, "1 INVITE", dave, erin, "TCP [2001:db8::1]:5060")), step=1.0)
offer3 = sdp("erin 3 1", "2001:db8::2", "m=audio 40000 RTP/AVP 9 0\n", family="IP6")
ok = message("SIP/2.0 200 OK", headers(cid, "1 INVITE", dave, erint, "TCP [2001:db8::1]:5060"), offer3)
tcp.send(D, C, ok[:200])
tcp.send(D, C, ok[200:])
answer3 = sdp("dave 4 1", "2001:db8::1", "m=audio 41000 RTP/AVP 9\n", family="IP6")
ack = message("ACK sip:erin@[2001:db8::2];transport=tcp SIP/2.0", headers(cid, "1 ACK", dave, erint, "TCP [2001:db8::1]:5060"), answer3)
bye = message("BYE sip:erin@[2001:db8::2];transport=tcp SIP/2.0", headers(cid, "2 BYE", dave, erint, "TCP [2001:db8::1]:5060"))
tcp.send(C, D, ack + bye)
tcp.send(D, C, message("SIP/2.0 200 OK", headers(cid, "2 BYE", dave, erint, "TCP [2001:db8::1]:5060")))

# 4. UDP/IPv4: reliable 183 and PRACK, UPDATE accepted, UPDATE rejected.
cid = "dialog4@192.0.2.1"
frank, grace = "<sip:frank@192.0.2.1>;tag=f4", "<sip:grace@192.0.2.2>"
gracet = grace + ";tag=g4"
offer4 = sdp("frank 5 1", "192.0.2.1", "m=audio 24000 RTP/AVP 0 8\n")
early = sdp("grace 6 1", "192.0.2.2", "m=audio 34000 RTP/AVP 0\n")
via = "UDP 192.0.2.1:5060"
udp(A, B, message("INVITE sip:grace@192.0.2.2 SIP/2.0", headers(cid, "1 INVITE", frank, grace, via, [("Supported", "100rel")]), offer4), step=1.0)
udp(B, A, message("SIP/2.0 183 Session Progress", headers(cid, "1 INVITE", frank, gracet, via, [("Require", "100rel"), ("RSeq", "1")]), early))
udp(A, B, message("PRACK sip:grace@192.0.2.2 SIP/2.0", headers(cid, "2 PRACK", frank, gracet, via, [("RAck", "1 1 INVITE")])))
udp(B, A, message("SIP/2.0 200 OK", headers(cid, "2 PRACK", frank, gracet, via)))
update = sdp("frank 5 2", "192.0.2.1", "m=audio 24000 RTP/AVP 8\n")
updated = sdp("grace 6 2", "192.0.2.2", "m=audio 34000 RTP/AVP 8\n")
udp(A, B, message("UPDATE sip:grace@192.0.2.2 SIP/2.0", headers(cid, "3 UPDATE", frank, gracet, via), update))
udp(B, A, message("SIP/2.0 200 OK", headers(cid, "3 UPDATE", frank, gracet, via), updated))
video = sdp("frank 5 3", "192.0.2.1", "m=audio 24000 RTP/AVP 8\nm=video 24002 RTP/AVP 31\n")
udp(A, B, message("UPDATE sip:grace@192.0.2.2 SIP/2.0", headers(cid, "4 UPDATE", frank, gracet, via), video))
udp(B, A, message("SIP/2.0 488 Not Acceptable Here", headers(cid, "4 UPDATE", frank, gracet, via, [("Warning", '304 grace "Media type not available"')])))
udp(B, A, message("SIP/2.0 200 OK", headers(cid, "1 INVITE", frank, gracet, via)))
udp(A, B, message("ACK sip:grace@192.0.2.2 SIP/2.0", headers(cid, "1 ACK", frank, gracet, via)))

out = sys.argv[1] if len(sys.argv) > 1 else HERE
wrpcap(os.path.join(out, "calls.pcap"), packets)
wrpcapng(os.path.join(out, "calls.pcapng"), packets)
print(f"{len(packets)} packets")
