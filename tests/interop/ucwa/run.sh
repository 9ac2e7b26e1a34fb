#!/usr/bin/env bash
# UCWA service interop (issue 12): builds and starts examples/ucwa_service,
# then tests/interop/ucwa/peer.py plays the SIP peer (UDP) and the UCWA
# client (HTTP): call set-up, a re-INVITE adding video dismissed over HTTP
# (the peer must see 488 + Warning 370), one answered over HTTP (200 with
# SDP), our own re-INVITE started over HTTP, and the error cases (401, 403,
# 404, 406, 409, 410, 415, 400). One line per case, then `N passed, N failed`.
#
# Fixed ports on 127.0.0.1 (apart from tests/interop/run.sh's): HTTP 18080,
# service SIP 15080, peer SIP 15070. Needs python3 (standard library only).
set -uo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
cargo build --quiet --example ucwa_service --features ucwa || exit 1
bin="${CARGO_TARGET_DIR:-$root/target}/debug/examples/ucwa_service"
log="$(mktemp "${TMPDIR:-/tmp}/ucwa-service.XXXXXX.log")"
"$bin" --http 127.0.0.1:18080 --sip 127.0.0.1:15080 --poll-secs 5 \
    --token demo-token=Conversations.Initiate,Conversations.Receive \
    --token ro-token=Conversations.Initiate >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null' EXIT
for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/18080) 2>/dev/null && break
    sleep 0.1
done
timeout 60 python3 tests/interop/ucwa/peer.py 127.0.0.1:18080 127.0.0.1:15080 127.0.0.1:15070
status=$?
if [ "$status" -ne 0 ]; then
    echo "ucwa: service log ($log):"
    tail -n 80 "$log"
else
    rm -f "$log"
fi
exit "$status"
