#!/usr/bin/env python3
"""UCWA service interop: a scripted SIP peer (UDP) plus an HTTP client.

Drives examples/ucwa_service (already running) through one call with
renegotiations both ways and the error cases; prints one line per case and
`N passed, N failed`; exits 1 on any failure. Standard library only.
"""
import base64
import json
import re
import socket
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

HTTP, SIP, PEER = sys.argv[1], sys.argv[2], sys.argv[3]  # host:port each
APP = "/ucwa/v1/applications/app1"
NS = "{http://schemas.microsoft.com/rtc/2012/03/ucwa}"
TOKEN, RO_TOKEN = "demo-token", "ro-token"
passed, failed = 0, 0


def case(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name} {detail}")


def http(method, path, body=None, ctype=None, accept="application/json", token=TOKEN, timeout=10):
    headers = {"Accept": accept} if accept else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if ctype:
        headers["Content-Type"] = ctype
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(f"http://{HTTP}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


# --- SIP ----------------------------------------------------------------------
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
host, port = PEER.split(":")
sock.bind((host, int(port)))
sock.settimeout(5)
svc = (SIP.split(":")[0], int(SIP.split(":")[1]))
call_id, from_tag = f"ucwa-{port}-{time.time_ns()}@{host}", "peer1"
cseq, to_tag, target, branch_n = 0, None, f"sip:svc@{SIP}", 0


def sdp(version, video=False):
    s = (f"v=0\r\no=peer 100 {version} IN IP4 {host}\r\ns=peer\r\nc=IN IP4 {host}\r\nt=0 0\r\n"
         "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n")
    if video:
        s += "m=video 6002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=sendrecv\r\n"
    return s


def send(text):
    sock.sendto(text.encode(), svc)


def recv_msg():
    try:
        data, _ = sock.recvfrom(65535)
    except socket.timeout:
        return "SIP/2.0 999 (nothing received)", {}, ""
    text = data.decode(errors="replace")
    head, _, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.setdefault(k.strip().lower(), v.strip())
    return lines[0], headers, body


def request(method, body="", branch=None, cseq_n=None):
    global branch_n
    if branch is None:
        branch_n += 1
        branch = f"z9hG4bK-peer-{port}-{branch_n}"
    to = f"<sip:svc@{SIP}>" + (f";tag={to_tag}" if to_tag else "")
    ctype = "Content-Type: application/sdp\r\n" if body else ""
    send(f"{method} {target} SIP/2.0\r\nVia: SIP/2.0/UDP {PEER};branch={branch}\r\n"
         f"Max-Forwards: 70\r\nFrom: <sip:peer@{PEER}>;tag={from_tag}\r\nTo: {to}\r\n"
         f"Call-ID: {call_id}\r\nCSeq: {cseq_n or cseq} {method}\r\nContact: <sip:peer@{PEER}>\r\n"
         f"{ctype}Content-Length: {len(body.encode())}\r\n\r\n{body}")
    return branch


def invite(body):
    """Sends an INVITE; returns (status, headers, body) of the final response, ACKed."""
    global cseq, to_tag, target
    cseq += 1
    branch = request("INVITE", body)
    while True:
        line, h, b = recv_msg()
        status = int(line.split()[1])
        if status >= 200:
            break
    m = re.search(r"tag=([^;>\s]+)", h.get("to", ""))
    if status < 300:
        to_tag = to_tag or (m.group(1) if m else None)
        c = re.search(r"<([^>]+)>", h.get("contact", ""))
        if c:
            target = c.group(1)
        request("ACK", cseq_n=cseq)
    else:
        saved, to_tag_now = to_tag, (m.group(1) if m else to_tag)
        to_tag = to_tag_now
        request("ACK", branch=branch, cseq_n=cseq)
        to_tag = saved
    return status, h, b


def event_page(ack):
    st, _, body = http("GET", f"{APP}/events?ack={ack}", timeout=15)
    return st, (json.loads(body) if st == 200 else {})


def first_event(page):
    for sender in page.get("sender", []):
        for ev in sender.get("events", []):
            return sender, ev
    return {}, {}


def data_uri(href):
    prefix = "data:application/sdp;base64,"
    return base64.b64decode(href[len(prefix):]).decode() if href.startswith(prefix) else None


if len(sys.argv) > 4 and sys.argv[4] == "--browser":
    # The page test: a call and a re-INVITE adding video; the page (in
    # Chromium) must dismiss it: 488 + Warning 370 here.
    sock.settimeout(30)
    st, _, _ = invite(sdp(1))
    case("browser: INVITE -> 200", st == 200, st)
    cseq += 1
    branch = request("INVITE", sdp(2, video=True))
    while True:
        line, h, _ = recv_msg()
        if int(line.split()[1]) >= 200:
            break
    case("browser: the page's Dismiss -> peer sees 488 + Warning 370",
         line.split()[1] == "488" and h.get("warning", "").startswith("370"), line)
    request("ACK", branch=branch, cseq_n=cseq)
    cseq += 1
    request("BYE")
    recv_msg()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

# --- HTTP errors before any call ------------------------------------------------
st, h, _ = http("GET", f"{APP}/events?ack=1", token=None)
case("no token -> 401 + WWW-Authenticate: Bearer", st == 401 and h.get("WWW-Authenticate") == "Bearer", st)
st, _, _ = http("GET", f"{APP}/events?ack=1", token="wrong")
case("unknown token -> 401", st == 401, st)
st, _, body = http("GET", f"{APP}/communication/conversations/nope")
err = json.loads(body or "{}")
case("unknown conversation -> 404 NotFound/ResourceNotFound",
     st == 404 and err.get("code") == "NotFound" and err.get("subcode") == "ResourceNotFound", (st, body))

try:
    http("GET", f"{APP}/events?ack=1", timeout=0.3)  # hangs up mid long poll
except (TimeoutError, OSError):
    pass
st, _, _ = http("GET", f"{APP}/communication/conversations/nope")
case("the service survives a client that leaves mid long poll", st == 404, st)

# --- the call -------------------------------------------------------------------
st, h, b = invite(sdp(1))
case("INVITE -> 200 with SDP, ACK", st == 200 and "m=audio" in b, st)

# 1. re-INVITE adding video, dismissed with InsufficientBandwidth.
cseq += 1
offer1 = sdp(2, video=True)
reinvite_branch = request("INVITE", offer1)
st, page = event_page(1)
sender, ev = first_event(page)
href = ev.get("link", {}).get("href", "")
case("started event on the channel",
     st == 200 and ev.get("type") == "started" and ev.get("link", {}).get("rel") == "audioVideoRenegotiation"
     and sender.get("rel") == "communication" and page.get("_links", {}).get("next", {}).get("href", "").endswith("ack=2"),
     page)
conv = href.split("/audioVideo/")[0]
st, _, body = http("GET", href)
res = json.loads(body) if st == 200 else {}
links = res.get("_links", {})
case("GET renegotiation (JSON): links and properties",
     st == 200 and res.get("rel") == "audioVideoRenegotiation" and res.get("direction") == "Incoming"
     and res.get("operationId") == href.rsplit("/", 1)[-1]
     and all(k in links for k in ("self", "answer", "dismiss", "audioVideoSession", "conversation", "mediaOffer")),
     body)
case("mediaOffer decodes to the SIP offer byte for byte", data_uri(links.get("mediaOffer", {}).get("href", "")) == offer1)
st, h, body = http("GET", href, accept="application/xml")
try:
    root = ET.fromstring(body)
    xlinks = {l.get("rel"): l.get("href") for l in root.findall(f"{NS}link")}
    props = {p.get("name"): p.text for p in root.findall(f"{NS}property")}
    xml_ok = (root.tag == f"{NS}resource" and root.get("rel") == "audioVideoRenegotiation" and root.get("href") == href
              and props.get("direction") == "Incoming" and data_uri(xlinks.get("mediaOffer", "")) == offer1
              and {"answer", "dismiss", "audioVideoSession", "conversation"} <= set(xlinks))
except ET.ParseError:
    xml_ok = False
case("GET renegotiation (XML): namespace, links, properties", st == 200 and xml_ok
     and h.get("Content-Type", "").startswith("application/xml"), body[:200])
st, _, _ = http("GET", href, accept="text/html")
case("GET with Accept: text/html -> 406", st == 406, st)
st, _, _ = http("GET", href.rsplit("/", 1)[0] + "/no-such-operation")
case("unknown operation id -> 404", st == 404, st)
st, _, body = http("POST", href + "/dismiss", "x" * (65 * 1024), ctype="application/json")
case("a 65 KiB body -> 413 with a UCWA error body", st == 413 and json.loads(body or "{}").get("code"), (st, body[:100]))
st, _, _ = http("POST", href + "/dismiss", '{"reason": ', ctype="application/json")
case("malformed JSON dismiss -> 400", st == 400, st)
st, _, _ = http("POST", href + "/dismiss", "reason=x", ctype="text/plain")
case("dismiss with text/plain -> 415", st == 415, st)
st, _, _ = http("POST", href + "/dismiss", '{"reason":"InsufficientBandwidth"}', ctype="application/json", token=RO_TOKEN)
case("dismiss without Conversations.Receive -> 403", st == 403, st)
st, _, _ = http("POST", href + "/dismiss", '{"reason":"InsufficientBandwidth"}', ctype="application/json")
case("dismiss InsufficientBandwidth -> 204", st == 204, st)
while True:
    line, h, _ = recv_msg()
    if int(line.split()[1]) >= 200:
        break
case("peer sees 488 + Warning 370", line.split()[1] == "488" and h.get("warning", "").startswith("370"), (line, h.get("warning")))
request("ACK", branch=reinvite_branch, cseq_n=cseq)
st, _, body = http("POST", href + "/dismiss", '{"reason":"InsufficientBandwidth"}', ctype="application/json")
err = json.loads(body or "{}")
case("second dismiss -> 409 Conflict/AlreadyExists", st == 409 and err.get("subcode") == "AlreadyExists", (st, body))
st, page = event_page(2)
_, ev = first_event(page)
case("completed event", ev.get("type") == "completed", page)

# 2. re-INVITE answered through POST answer.
cseq += 1
offer2 = sdp(3, video=True)
reinvite_branch = request("INVITE", offer2)
st, page = event_page(3)
_, ev = first_event(page)
href = ev.get("link", {}).get("href", "")
case("second re-INVITE: started", ev.get("type") == "started", page)
st, _, body = http("POST", href + "/answer", "not sdp at all", ctype="application/sdp")
case("answer with a bad SDP -> 400", st == 400 and "code" in json.loads(body or "{}"), (st, body))
st, _, body = http("GET", href)
case("... and it stays pending", st == 200 and "answer" in json.loads(body).get("_links", {}), body)
st, _, _ = http("POST", href + "/answer")
case("answer (provider) -> 204", st == 204, st)
while True:
    line, h, b = recv_msg()
    if int(line.split()[1]) >= 200:
        break
case("peer sees 200 with an SDP answer", line.split()[1] == "200" and b.startswith("v=0") and "m=video" in b, line)
request("ACK", cseq_n=cseq)
st, _, _ = http("POST", href + "/answer")
case("second answer -> 409", st == 409, st)

# 3. our renegotiation.
ours = sdp(1).replace("o=peer 100 1", "o=app 7 7").replace("s=peer", "s=ucwa app")
st, _, _ = http("POST", f"{conv}/audioVideo/audioVideoSession/renegotiations", ours, ctype="text/plain")
case("POST renegotiations with text/plain -> 415", st == 415, st)
st, _, _ = http("POST", f"{conv}/audioVideo/audioVideoSession/renegotiations", ours, ctype="application/sdp", token=RO_TOKEN)
case("POST renegotiations with Conversations.Initiate -> 201 (ro-token has it)", st == 201, st)
line, h, b = recv_msg()
case("peer receives our re-INVITE with that SDP", line.startswith("INVITE ") and b == ours, (line, b[:80]))
via, cs = h.get("via", ""), h.get("cseq", "")
fr, to = h.get("from", ""), h.get("to", "")
answer = sdp(4).replace("o=peer", "o=peer")
send(f"SIP/2.0 200 OK\r\nVia: {via}\r\nFrom: {fr}\r\nTo: {to}\r\nCall-ID: {call_id}\r\nCSeq: {cs}\r\n"
     f"Contact: <sip:peer@{PEER}>\r\nContent-Type: application/sdp\r\nContent-Length: {len(answer)}\r\n\r\n{answer}")
line, h, _ = recv_msg()
case("our re-INVITE is ACKed", line.startswith("ACK "), line)
st, _, _ = http("POST", f"{conv}/audioVideo/audioVideoSession/renegotiations", ours, ctype="application/sdp", token="x")
case("POST with a bad token -> 401", st == 401, st)
st, _, body = http("GET", f"{conv}/audioVideo/audioVideoSession")
case("GET audioVideoSession", st == 200 and json.loads(body).get("rel") == "audioVideoSession", body)
st, _, body = http("GET", conv, accept="application/xml")
case("GET conversation (XML)", st == 200 and "<resource rel=\"conversation\"" in body, body)

# 4. a re-INVITE dismissed with the XML <input>; the event page read as XML.
cseq += 1
reinvite_branch = request("INVITE", sdp(5, video=True))
st, _, body = http("GET", f"{APP}/events?ack=7", accept="application/xml", timeout=15)
try:
    root = ET.fromstring(body)
    # UCWA's XML events page: <sender><started rel=... href=...> (the type is the element).
    xml_href = next((e.get("href") for e in root.iter(f"{NS}started")
                     if e.get("rel") == "audioVideoRenegotiation"), "")
except ET.ParseError:
    root, xml_href = None, ""
case("events page as XML: started renegotiation", st == 200 and root is not None and xml_href.startswith(conv), body[:300])
xml_input = ('<?xml version="1.0" encoding="utf-8"?><input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">'
             '<property name="reason">InsufficientBandwidth</property></input>')
st, _, _ = http("POST", xml_href + "/dismiss", xml_input, ctype="application/xml", accept="application/xml")
case("dismiss with the XML <input> -> 204", st == 204, st)
while True:
    line, h, _ = recv_msg()
    if int(line.split()[1]) >= 200:
        break
case("peer sees 488 + Warning 370 again", line.split()[1] == "488" and h.get("warning", "").startswith("370"), line)
request("ACK", branch=reinvite_branch, cseq_n=cseq)
st, _, body = http("POST", xml_href + "/dismiss", "<input", ctype="application/xml", accept="application/xml")
case("malformed XML input -> 400 with an XML error body", st == 400 and "<reason" in body, (st, body))

# 5. the remote hangs up: the call is gone.
cseq += 1
request("BYE")
line, _, _ = recv_msg()
case("BYE -> 200", line.split()[1] == "200", line)
time.sleep(0.2)
st, _, _ = http("POST", href + "/answer")
case("answer after the call ended -> 410", st == 410, st)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
