#!/bin/sh
# Instructions per request, counted by callgrind: repeatable on a busy machine, where
# times are not. Counts one pass over each case's pool (after a warm-up pass), nothing else.
#
#   Benchmarks/scripts/instructions.sh [CASE ...]     (default: every case of safepost-bench)
#
# Needs valgrind. Callgrind runs ~50x slower than native: the 1 MB cases take a minute each.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product safepost-bench >/dev/null
BIN=.build/release/safepost-bench
CASES=${*:-"Core.ShortDrafts Core.Emails Core.LongClean Roster2000.ShortDrafts Roster2000.Emails Roster2000.LongClean Scaling.Roster10 Scaling.Roster100 Scaling.Roster1000 Scaling.Roster10000 Scaling.Roster100000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| benchmark | requests | bytes | instructions/request | instructions/byte |"
echo "|---|---:|---:|---:|---:|"
for c in $CASES; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect='*measuredPass*' \
        "$BIN" --single-pass --case "$c" >"$work/stdout" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$work/cg.out")
    # "<case>: one pass of N requests, B bytes"
    n=$(sed -n 's/.*one pass of \([0-9]*\) requests, \([0-9]*\) bytes.*/\1/p' "$work/stdout")
    b=$(sed -n 's/.*one pass of \([0-9]*\) requests, \([0-9]*\) bytes.*/\2/p' "$work/stdout")
    awk -v c="$c" -v ir="$ir" -v n="$n" -v b="$b" \
        'BEGIN { printf "| %s | %d | %d | %.0f | %.1f |\n", c, n, b, ir / n, ir / b }'
done
