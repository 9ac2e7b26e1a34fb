#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with the seed inputs: the SDP files of
# tests/data (corpus, bench, RFC 4317 examples) for the SDP targets, and the
# committed fuzz/seeds/<target>/ files. Corpus dirs are gitignored; libFuzzer
# adds what it finds to them.
set -euo pipefail
cd "$(dirname "$0")"
data=../tests/data
for target in sdp_parse answer sdp_webrtc; do
    mkdir -p "corpus/$target"
    cp "$data"/corpus/*.sdp "$data"/bench/*.sdp "$data"/rfc4317/*.sdp \
        "$data"/cases/*.sdp "$data"/rfc3264/*.sdp "corpus/$target/"
done
for dir in seeds/*/; do
    target=$(basename "$dir")
    mkdir -p "corpus/$target"
    cp "$dir"* "corpus/$target/"
done
