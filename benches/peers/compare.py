#!/usr/bin/env python3
"""The crate side by side with two C offer/answer engines that Debian
packages: libre (baresip's SDP engine) and Sofia-SIP's soa. Same inputs, same
work, same method for every engine:

* one iteration: the engine's per-call state built from a capability
  prepared once at start-up, the offer parsed, the answer generated and
  printed to memory, everything freed (the crate: benches/loops.rs; the
  peers: benches/peers/common.h and peer_*.c);
* instructions per iteration: callgrind, (total(N2) - total(N1)) / (N2 - N1);
  "of it, setup" is the same count for the per-call state alone;
* wall clock: the engines run alternately, several rounds, median per engine;
* allocations and heap bytes per iteration: memcheck's heap summary, same
  difference of two runs;
* each engine's answer checked once (as many m-lines as the offer, one
  accepted); an engine that cannot answer an input is said so in the table.

    python3 benches/peers/compare.py [--rounds R] [--no-write]

Builds what it runs (the `loops` bench with cargo, the peers with
benches/peers/build.sh, which installs libre-dev and libsofia-sip-ua-dev with
apt when missing), prints the table and writes it into benches/RESULTS.md
between the `peers` markers (benches/report.py keeps that section).
"""
import argparse
import datetime
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import measure  # noqa: E402

ROOT = measure.ROOT
RESULTS = ROOT / "benches" / "RESULTS.md"
BEGIN = "<!-- peers:begin (benches/peers/compare.py writes this section) -->"
END = "<!-- peers:end -->"

INPUTS = [
    ("A", "offer A vs local A", measure.BENCH_DATA / "audio_offer_a.sdp", measure.BENCH_DATA / "audio_local_a.sdp"),
    ("B", "offer B vs local B", measure.BENCH_DATA / "audio_offer_b.sdp", measure.BENCH_DATA / "audio_local_b.sdp"),
    ("Chrome", "Chrome offer vs `softphone_webrtc.sdp`", measure.BENCH_DATA / "chrome_offer.sdp", HERE / "softphone_webrtc.sdp"),
    ("SIP A/V", "SIP audio+video offer vs `softphone_sip.sdp`", measure.BENCH_DATA / "sip_audio_video_offer.sdp", HERE / "softphone_sip.sdp"),
]

NOTES = """\
What each engine does for that work (read from the answers above and the
engines' sources; the harnesses give each one its most direct API):

* **sdp-offer-answer** answers every m-line by RFC 3264 with the codec rules
  of its `manual::negotiation_rules` (H.264 packetization-mode and
  profile, telephone-event per clock rate, fmtp compared), keeps the offerer's payload type numbers,
  writes mid, BUNDLE, ICE, DTLS setup, rtcp-fb per answered payload type,
  and builds the negotiated session (confirm_answer). Its capabilities are
  built once (`LocalCapabilities::from_sdp_text`) and shared; per call it
  creates a `Negotiator`.
* **libre** has no capability SDP: the harness makes the calls an
  application makes per session (`sdp_session_alloc`, `sdp_media_add`,
  `sdp_format_add` per codec, every other capability line as a local
  attribute), then `sdp_decode` + `sdp_encode`. Formats match by name, clock
  rate and channels only (fmtp needs an application handler): it answers
  SIP A/V's H.264 under payload type 100 (the offer's packetization-mode=0)
  with our packetization-mode=1 fmtp, and Chrome's H.264 under 127.
  Attributes are copied verbatim, so rtcp-fb keeps our payload numbers, mid,
  BUNDLE and ICE/DTLS lines are whatever the capability says, and Chrome's
  data channel is rejected with format `0`. Most of its setup figure is
  `sdp_session_alloc` drawing the o= id and version from OpenSSL's
  `RAND_bytes` (about 13k instructions of offer A's 18k); its parser runs
  `re_regex` on every line and keeps every remote attribute as an
  allocation.
* **Sofia-SIP soa** ("static" engine, registered under that name by the
  harness: 1.12.11 knows only "default"): per call `soa_create`, parameters
  (all common codecs in the offerer's order, `SOATAG_USER_O_LINE`, without
  which it reads the machine's interfaces with getifaddrs on every answer),
  `soa_set_user_sdp` (which copies and reprints the capability),
  `soa_set_remote_sdp` (parse, copy, reprint), `soa_generate_answer`,
  `soa_get_local_sdp`. It keeps every description in three forms (parsed,
  copied, reprinted): `sdp_print` (snprintf) is about half of its count. It
  does not match RTP/AVPF m-lines (an unknown
  protocol to it), so SIP A/V's video is rejected; it takes Chrome's
  `c=IN IP4 0.0.0.0` on the video as hold and answers it recvonly; fmtp is
  not compared; attributes are copied from the capability.
"""


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, **kw).stdout.decode().strip()


def build_peers():
    out = sh(["bash", str(HERE / "build.sh")]).splitlines()
    return {pathlib.Path(p).name: p for p in out}


def versions():
    def first_line(cmd):
        try:
            return sh(cmd, stderr=subprocess.DEVNULL).splitlines()[0]
        except (OSError, subprocess.CalledProcessError, IndexError):
            return "?"

    cpu = "?"
    try:
        m = re.search(r"model name\s*:\s*(.*)", pathlib.Path("/proc/cpuinfo").read_text())
        cpu = m.group(1).strip() if m else platform.processor()
    except OSError:
        pass
    return {
        "libre": first_line(["pkg-config", "--modversion", "libre"]),
        "sofia": first_line(["pkg-config", "--modversion", "sofia-sip-ua"]),
        "rustc": first_line(["rustc", "--version"]),
        "gcc": first_line(["gcc", "--version"]),
        "valgrind": first_line(["valgrind", "--version"]),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
    }


def answer_summary(answer):
    """Per m-line: media and answered formats, ✗ when rejected."""
    parts = []
    for line in answer.splitlines():
        if line.startswith("m="):
            f = line[2:].split()
            if len(f) >= 3 and f[1] == "0":
                parts.append(f"{f[0]} ✗")
            elif len(f) >= 3:
                parts.append(f"{f[0]} {' '.join(f[3:])}")
    return " · ".join(parts)


def check(binary, offer, local):
    p = subprocess.run(
        [binary, "print", offer, local], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=measure.FIXED_ENV
    )
    if p.returncode == 0:
        return p.stdout.decode(), None
    why = p.stderr.decode(errors="replace").strip().splitlines()
    return None, (why[-1] if why else f"exit {p.returncode}")


def wall_ns(binary, n, offer, local):
    out = sh([binary, "time", str(n), offer, local], env=measure.FIXED_ENV)
    return float(out)


def fmt_ns(ns):
    if ns is None:
        return "—"
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def fmt_int(x):
    return "—" if x is None else f"{x:,.0f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7, help="interleaved wall-clock rounds (default 7)")
    ap.add_argument("--no-write", action="store_true", help="print the table, leave benches/RESULTS.md")
    args = ap.parse_args()
    start = time.monotonic()

    measure.need_valgrind()
    loops = measure.build_loops()
    peers = build_peers()
    v = versions()
    engines = [
        ("crate", "sdp-offer-answer", loops),
        ("libre", f"libre {v['libre']}", peers["peer_libre"]),
        ("sofia", f"Sofia-SIP {v['sofia']} soa", peers["peer_sofia"]),
    ]

    results = {}  # (input, engine) -> dict
    for key, _, offer, local in INPUTS:
        for eng, label, binary in engines:
            answer, why = check(binary, offer, local)
            r = {"answer": answer, "why": why, "wall": []}
            if answer is not None:
                r["instr"] = measure.instructions(binary, "run", [offer, local])
                r["setup"] = measure.instructions(binary, "setup", [offer, local])
                r["allocs"], r["bytes"] = measure.allocations(binary, "run", [offer, local])
                # About 0.1 s per timed run.
                r["n"] = max(100, min(100_000, int(3e8 / max(r["instr"], 1))))
            results[key, eng] = r
            print(f"compare: {key:<8} {label:<28} "
                  + (f"{r['instr']:>10,.0f} instructions" if answer is not None else f"cannot answer: {why}"),
                  file=sys.stderr)

    for rnd in range(args.rounds):
        for key, _, offer, local in INPUTS:
            order = engines[rnd % len(engines):] + engines[: rnd % len(engines)]
            for eng, _, binary in order:
                r = results[key, eng]
                if r["answer"] is not None:
                    r["wall"].append(wall_ns(binary, r["n"], offer, local))

    for r in results.values():
        r["median"] = statistics.median(r["wall"]) if r["wall"] else None

    date = datetime.date.today().isoformat()
    lines = [
        BEGIN,
        "## Side by side with C peers",
        "",
        f"Generated by `python3 benches/peers/compare.py` on {date}: {v['cpu']}; {v['rustc']}; "
        f"{v['gcc']}; libre {v['libre']} (`libre-dev`), Sofia-SIP {v['sofia']} (`libsofia-sip-ua-dev`); "
        f"{v['valgrind']}. One iteration: the engine's per-call state built from a capability prepared "
        "once, the offer parsed, the answer generated and printed to memory, everything freed. "
        f"Instructions: callgrind, (total({measure.CALLGRIND_N[1]}) − total({measure.CALLGRIND_N[0]})) / "
        f"{measure.CALLGRIND_N[1] - measure.CALLGRIND_N[0]} iterations, exact; setup: the per-call state "
        f"alone. Wall: median of {args.rounds} rounds, engines run alternately. Allocations and heap "
        "bytes: memcheck, per iteration. Ratios: the crate's figure divided by the engine's (below 1: "
        "the crate does the work in less).",
        "",
        "| input | engine | instructions | of it, setup | wall median | allocations | heap bytes "
        "| crate ÷ engine, instructions | crate ÷ engine, wall | answer (m-lines: formats, ✗ rejected) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, what, _, _ in INPUTS:
        base = results[key, "crate"]
        for eng, label, _ in engines:
            r = results[key, eng]
            if r["answer"] is None:
                lines.append(f"| {key}: {what} | {label} | cannot answer: {r['why']} | | | | | | | |")
                continue
            if eng == "crate" or base["answer"] is None:
                ri = rw = "—"
            else:
                ri = f"{base['instr'] / r['instr']:.2f}"
                rw = f"{base['median'] / r['median']:.2f}"
            lines.append(
                f"| {key}: {what} | {label} | {fmt_int(r['instr'])} | {fmt_int(r['setup'])} | "
                f"{fmt_ns(r['median'])} | {r['allocs']:.0f} | {fmt_int(r['bytes'])} | {ri} | {rw} | "
                f"{answer_summary(r['answer'])} |"
            )
    lines += ["", NOTES.rstrip(), END]
    section = "\n".join(lines) + "\n"
    print(section)

    if not args.no_write:
        text = RESULTS.read_text() if RESULTS.exists() else "# Bench results\n"
        if BEGIN in text and END in text:
            before = text[: text.index(BEGIN)]
            after = text[text.index(END) + len(END):].lstrip("\n")
            text = before + section + (("\n" + after) if after else "")
        else:
            text = text.rstrip("\n") + "\n\n" + section
        RESULTS.write_text(text)
        print(f"compare: wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    print(f"compare: {time.monotonic() - start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
