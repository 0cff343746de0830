#!/bin/sh
# The word-pass ceiling (word-pass-ceiling.c) and the core on the same 1 MB long clean text,
# turn about, so that the ratio between them holds on this noisy host:
#
#   Benchmarks/scripts/word-pass-ceiling.sh [RUNS]     (default 3)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
swift build -c release --product safepost-bench >/dev/null
swift build -c release --product safepost-export >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/safepost-export --out "$work/export" >/dev/null
${CC:-clang} -O2 -o "$work/ceiling" scripts/word-pass-ceiling.c
for run in $(seq "$runs"); do
    "$work/ceiling" "$work/export/long-clean.txt"
    .build/release/safepost-bench --rounds 5 --seconds 0.3 --case Core.LongClean 2>/dev/null | grep '^Core.LongClean '
done
