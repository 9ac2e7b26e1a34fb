#!/usr/bin/env bash
# The interop runs seen from the wire: `sdpoa pcap` on each capture that
# `run.sh --capture DIR` wrote, against the expected ladder in
# tests/interop/ladders/<scenario>.txt (times shown as +T, Call-IDs as
# CALL-ID: everything else — messages, directions, offers, answers, what
# was agreed, violations, counts — must match exactly).
#
#   bash tests/interop/ladders.sh DIR [--update]
#
# Prints one line per scenario and `ladders: N passed, N failed`; exits
# non-zero on any failure (the diff is printed). --update rewrites the
# expected files from DIR.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
dir=${1:?usage: ladders.sh DIR [--update]}
update=${2:-}

cargo build --quiet --example sdpoa || exit 1
sdpoa="${CARGO_TARGET_DIR:-$root/target}/debug/examples/sdpoa"

# The ladder of one capture, without what changes from run to run.
ladder() {
    "$sdpoa" pcap "$1" 2>&1 |
        sed -E -e 's/\+[0-9]+\.[0-9]{3}  /+T  /' -e 's/Call-ID .*/Call-ID CALL-ID/' \
            -e "s|^$1: |capture: |"
}

passed=0
failed=0
for expected in "$here"/ladders/*.txt; do
    name=$(basename "$expected" .txt)
    capture="$dir/$name.pcap"
    if [ "$update" = --update ]; then
        ladder "$capture" >"$expected"
        echo "updated $name"
        continue
    fi
    if [ ! -s "$capture" ]; then
        echo "FAIL    $name (no capture $capture)"
        failed=$((failed + 1))
    elif got=$(ladder "$capture") && diff -u "$expected" <(printf '%s\n' "$got") >"$dir/$name.diff"; then
        echo "ok      $name"
        passed=$((passed + 1))
    else
        echo "FAIL    $name"
        cat "$dir/$name.diff"
        failed=$((failed + 1))
    fi
done
echo "ladders: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
