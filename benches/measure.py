"""Counting with valgrind, shared by the instruction gate
(`.ci/instruction-gate`) and the peer table (`benches/peers/compare.py`).

Every harness (the crate's `loops` bench, `benches/peers/peer_*`) takes
`run N ...` and does N iterations of the same work; the count per iteration
is (total(N2) - total(N1)) / (N2 - N1), which cancels start-up, reading the
inputs and the one checked answer every harness makes first. Counts are
deterministic for a fixed binary, input and environment, so the harnesses
run with a fixed environment.
"""
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH_DATA = ROOT / "tests" / "data" / "bench"
PEERS = ROOT / "benches" / "peers"

# Iterations of the two runs whose difference is counted.
CALLGRIND_N = (100, 1100)
MEMCHECK_N = (10, 110)

# The environment of every counted run: the same on every machine, so that
# the stack layout (and with it a few instructions) does not depend on who
# runs it.
FIXED_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}


def target_dir():
    return pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build_loops():
    """Builds the crate's `loops` bench (bench profile: optimized) and
    returns the path of its binary."""
    out = subprocess.run(
        ["cargo", "bench", "--bench", "loops", "--no-run", "--message-format=json"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
    ).stdout.decode()
    for line in out.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if (
            msg.get("reason") == "compiler-artifact"
            and msg.get("target", {}).get("name") == "loops"
            and msg.get("executable")
        ):
            return msg["executable"]
    sys.exit("measure: cargo built no `loops` bench binary")


def need_valgrind():
    """Installs valgrind with apt when missing (as root), as CI's other steps do."""
    if subprocess.run(["sh", "-c", "command -v valgrind"], stdout=subprocess.DEVNULL).returncode == 0:
        return
    if os.geteuid() != 0:
        sys.exit("measure: valgrind missing: install it with apt")
    print("measure: installing valgrind with apt", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "valgrind"], check=True, env=env, stdout=subprocess.DEVNULL)


def _valgrind(tool_args, cmd):
    p = subprocess.run(
        ["valgrind", *tool_args, *cmd],
        env=FIXED_ENV,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = p.stderr.decode(errors="replace")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}:\n{err[-2000:]}")
    return err


def instructions(binary, mode, args):
    """Instructions per iteration (callgrind's Ir) of `binary mode N args`."""
    totals = []
    for n in CALLGRIND_N:
        err = _valgrind(
            ["--tool=callgrind", "--callgrind-out-file=/dev/null"],
            [str(binary), mode, str(n), *map(str, args)],
        )
        m = re.search(r"Collected\s*:\s*(\d+)", err)
        if not m:
            raise RuntimeError(f"no callgrind total for {binary} {mode} {args}:\n{err[-2000:]}")
        totals.append(int(m.group(1)))
    return (totals[1] - totals[0]) / (CALLGRIND_N[1] - CALLGRIND_N[0])


def allocations(binary, mode, args):
    """(allocations, bytes allocated) per iteration, from memcheck's heap
    summary; a realloc counts as one allocation (and one free), as a counting
    global allocator in Rust counts it."""
    totals = []
    for n in MEMCHECK_N:
        err = _valgrind(
            ["--tool=memcheck", "--leak-check=no"],
            [str(binary), mode, str(n), *map(str, args)],
        )
        m = re.search(r"total heap usage: ([\d,]+) allocs, [\d,]+ frees, ([\d,]+) bytes allocated", err)
        if not m:
            raise RuntimeError(f"no heap summary for {binary} {mode} {args}:\n{err[-2000:]}")
        totals.append(tuple(int(g.replace(",", "")) for g in m.groups()))
    d = MEMCHECK_N[1] - MEMCHECK_N[0]
    return ((totals[1][0] - totals[0][0]) / d, (totals[1][1] - totals[0][1]) / d)
