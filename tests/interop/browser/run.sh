#!/usr/bin/env bash
# Chromium interop: Debian's headless Chromium offers and answers against the
# negotiator (examples/webrtc_peer.rs), driven by playwright-core.
#
#   bash tests/interop/browser/run.sh [--verbose] [--only <case substring>]
#
# Installs what is missing (Debian's chromium with apt, playwright-core with
# `npm ci` from package-lock.json), builds the example, runs every case with
# a time limit, prints one line per case and `N passed, N failed`, and exits
# non-zero on any failure. Everything stays on this machine: the page is a
# file:// page, and the peer connections send no packet.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
start=$SECONDS

chromium_bin=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium_bin" ]; then
    echo "run.sh: installing Debian's chromium"
    if [ "$(id -u)" -ne 0 ]; then
        echo "run.sh: $chromium_bin is missing and we are not root: install the chromium package" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

for tool in node npm; do
    if ! command -v "$tool" >/dev/null; then
        echo "run.sh: $tool is missing (Node.js 20 or later is needed for playwright-core)" >&2
        exit 1
    fi
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "run.sh: Node.js $(node --version) is too old: playwright-core needs 20 or later" >&2
    exit 1
fi

# playwright-core only: it never downloads a browser of its own.
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

cargo build --quiet --example webrtc_peer
peer="${CARGO_TARGET_DIR:-$root/target}/debug/examples/webrtc_peer"
echo "run.sh: set up in $((SECONDS - start)) s"

# The whole run is well under a minute; the limit only guards against a hang.
status=0
timeout -k 10 170 node "$here/driver.mjs" --peer "$peer" --chromium "$chromium_bin" "$@" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "FAIL the browser run did not finish in 170 s"
    echo "0 passed, 1 failed"
fi
echo "run.sh: done in $((SECONDS - start)) s"
exit "$status"
