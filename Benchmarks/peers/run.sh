#!/usr/bin/env bash
# safepost and its peers side by side on the same inputs (issue 5).
#
#   Benchmarks/peers/run.sh [--runs N] [--seconds S]      (or: make bench-peers)
#
# 1. installs what is missing: Debian's pcre2-utils (pcre2grep) and ripgrep, python3-venv, and
#    PyPI's hyperscan into Benchmarks/peers/.venv (Python's re is built in); a peer that cannot
#    be installed is reported as not run, with the reason, and the others still run;
# 2. builds safepost-export and safepost-bench in release (scratch path $PEERS_SCRATCH,
#    default .build-peers inside Benchmarks);
# 3. safepost-export writes the Core workload (1,000 short drafts one per line, the 1 MB long
#    clean text) and the names; export_patterns.py adds every `pattern` line of Rules/rules;
# 4. peers.py runs safepost-bench and every peer in interleaved runs and writes
#    Benchmarks/peers/results.md and results.json.
#
# Environment: PEERS_SCRATCH, PEERS_WORK (default Benchmarks/peers/.work), SAFEPOST_RULES,
# PEERS_COMMIT (what to call the safepost measured; default: git HEAD of the checkout).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(dirname "$HERE")"
ROOT="$(dirname "$BENCH")"
SCRATCH="${PEERS_SCRATCH:-.build-peers}"
WORK="${PEERS_WORK:-$HERE/.work}"
RULES="${SAFEPOST_RULES:-$ROOT/Rules}"
VENV="$HERE/.venv"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

mkdir -p "$WORK"
NOTES="$WORK/not-run.tsv"; : > "$NOTES"

apt_install() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "run.sh: installing from Debian: ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null >"$WORK/apt.log" 2>&1 || {
        echo "run.sh: apt-get install ${missing[*]} failed (see $WORK/apt.log)"; return 1; }
}

apt_install pcre2-utils || printf 'pcre2grep\tapt-get install pcre2-utils failed: %s\n' "$(tail -1 "$WORK/apt.log" 2>/dev/null)" >> "$NOTES"
apt_install ripgrep || printf 'ripgrep\tapt-get install ripgrep failed: %s\n' "$(tail -1 "$WORK/apt.log" 2>/dev/null)" >> "$NOTES"
apt_install python3-venv python3-pip

# A venv of Debian's python3 (seeing its site packages, so python3-matplotlib serves plot.py too).
if [ ! -x "$VENV/bin/python" ]; then
    /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
PY="$VENV/bin/python"
if ! "$PY" -c 'import hyperscan' 2>/dev/null; then
    echo "run.sh: installing hyperscan from PyPI into $VENV"
    if ! "$PY" -m pip install -q --disable-pip-version-check hyperscan >"$WORK/pip.log" 2>&1; then
        printf 'Hyperscan\tpip install hyperscan failed: %s\n' "$(grep -m1 -iE 'error' "$WORK/pip.log" || tail -1 "$WORK/pip.log")" >> "$NOTES"
    fi
fi

cd "$BENCH"
for product in safepost-export safepost-bench; do
    echo "run.sh: swift build -c release --scratch-path $SCRATCH --product $product"
    nice -n 5 swift build -c release --scratch-path "$SCRATCH" --product "$product" 2>&1 | tail -n 3
done
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"

"$BIN/safepost-export" --out "$WORK" --rules "$RULES"
"$PY" "$HERE/export_patterns.py" "$RULES" "$WORK"

# The safepost measured: PEERS_COMMIT when set (e.g. for an exported copy), else the checkout's HEAD.
if [ -n "${PEERS_COMMIT:-}" ]; then
    COMMIT="$PEERS_COMMIT"
elif COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"; then
    if [ -n "$(git -C "$ROOT" status --porcelain -- Sources Rules Package.swift)" ]; then COMMIT="$COMMIT+uncommitted changes in Sources/Rules"; fi
else
    COMMIT="unknown (not a git checkout)"
fi
echo "run.sh: measuring (uptime: $(uptime))"
SAFEPOST_RULES="$RULES" "$PY" "$HERE/peers.py" --export "$WORK" --bench "$BIN/safepost-bench" --out "$HERE" \
    --not-run "$NOTES" --commit "$COMMIT" "$@"
