#!/usr/bin/env bash
# UCWA service interop (issue 12): builds and starts examples/ucwa_service,
# then tests/interop/ucwa/peer.py plays the SIP peer (UDP) and the UCWA
# client (HTTP): call set-up, a re-INVITE adding video dismissed over HTTP
# (the peer must see 488 + Warning 370), one answered over HTTP (200 with
# SDP), our own re-INVITE started over HTTP, and the error cases (401, 403,
# 404, 406, 409, 410, 415, 400); then the page at / in headless Chromium.
# One line per case, then `N passed, N failed` (per part).
#
#   bash tests/interop/ucwa/run.sh [--no-browser | --screenshot]
#
# Fixed ports on 127.0.0.1 (apart from tests/interop/run.sh's): HTTP 18080,
# service SIP 15080, peer SIP 15070 and 15071. Needs python3 (standard library only).
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

# The page in headless Chromium (Debian's chromium, playwright-core from
# tests/interop/browser/: installed with npm ci when missing), against a
# second call: the page must show the re-INVITE and its Dismiss must give
# the peer 488 + Warning 370. Screenshot: docs/ucwa_service.png with
# --screenshot, else a temporary file. Skipped with --no-browser.
if [ "${1:-}" != "--no-browser" ]; then
    chromium_bin=${CHROMIUM:-/usr/bin/chromium}
    if [ ! -x "$chromium_bin" ] && [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    fi
    browser_dir=tests/interop/browser
    [ -d "$browser_dir/node_modules/playwright-core" ] ||
        (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    shot="$(mktemp "${TMPDIR:-/tmp}/ucwa-page.XXXXXX.png")"
    [ "${1:-}" = "--screenshot" ] && shot=docs/ucwa_service.png
    timeout 60 python3 tests/interop/ucwa/peer.py 127.0.0.1:18080 127.0.0.1:15080 127.0.0.1:15071 --browser &
    peer=$!
    timeout 60 node tests/interop/ucwa/browser.mjs http://127.0.0.1:18080/ "$chromium_bin" "$shot" || status=1
    wait "$peer" || status=1
    [ "${1:-}" = "--screenshot" ] || rm -f "$shot"
fi
if [ "$status" -ne 0 ]; then
    echo "ucwa: service log ($log):"
    tail -n 80 "$log"
else
    rm -f "$log"
fi
exit "$status"
