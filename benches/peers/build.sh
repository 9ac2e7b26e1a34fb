#!/usr/bin/env bash
# Builds the C peers of benches/peers/compare.py against the Debian packages
# (libre-dev, libsofia-sip-ua-dev; found with pkg-config), optimized as the
# crate's bench profile is (-O2, debug info for callgrind's annotations).
#
#   bash benches/peers/build.sh [OUT_DIR]    (default: $CARGO_TARGET_DIR/peers, else target/peers)
#
# Installs the packages with apt when they are missing (as root; as another
# user it says what to install). Prints the two binaries' paths.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-${CARGO_TARGET_DIR:-$root/target}/peers}"

missing=()
command -v gcc >/dev/null || missing+=(gcc)
command -v pkg-config >/dev/null || missing+=(pkg-config)
pkg-config --exists libre 2>/dev/null || missing+=(libre-dev)
pkg-config --exists sofia-sip-ua 2>/dev/null || missing+=(libsofia-sip-ua-dev)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "build.sh: missing ${missing[*]}: install them with apt" >&2
        exit 1
    fi
    echo "build.sh: installing ${missing[*]} with apt" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$out"
cflags=(-O2 -g -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror)
# libre's headers want the platform defines its own build passes.
libre_defs=(-DHAVE_INTTYPES_H -DHAVE_STDBOOL_H -DHAVE_INET6 -DHAVE_SELECT -DLINUX)
# shellcheck disable=SC2046
gcc "${cflags[@]}" "${libre_defs[@]}" $(pkg-config --cflags libre) -o "$out/peer_libre" \
    "$here/peer_libre.c" $(pkg-config --libs libre)
# shellcheck disable=SC2046
gcc "${cflags[@]}" $(pkg-config --cflags sofia-sip-ua) -o "$out/peer_sofia" \
    "$here/peer_sofia.c" $(pkg-config --libs sofia-sip-ua)
echo "$out/peer_libre"
echo "$out/peer_sofia"
