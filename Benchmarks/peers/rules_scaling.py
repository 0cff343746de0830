#!/usr/bin/env python3
"""Cost per short draft as the rules grow: the shipped Rules plus 0, 10, 100 and 1,000 generated
pattern rules (Workload.RuleGenerator), measured with safepost-bench on the Core short drafts.

    rules_scaling.py --bench PATH --export PATH [--counts 0,10,100,1000] [--runs N] [--no-callgrind] [--out FILE]

1. `safepost-export --generated-rules N` writes each Rules folder (a copy of the shipped one
   plus rules/generated.rules); 0 is the shipped folder itself.
2. Instructions per draft, once per folder: `SAFEPOST_RULES=DIR valgrind --tool=callgrind
   --toggle-collect='*measuredPass*' safepost-bench --single-pass --case Core.ShortDrafts`
   (as Benchmarks/scripts/instructions.sh does): repeatable to a few instructions per draft,
   whatever the load, so the figure to compare on a shared host.
3. Speed: N interleaved runs of `SAFEPOST_RULES=DIR safepost-bench --case Core.ShortDrafts`
   over the folders; medians of its wall-clock and CPU-time drafts/s, and the median of the
   per-run ratios to the shipped folder.

The drafts are the same for every folder (same roster, same seed: the fingerprint is checked).
Writes JSON (default Benchmarks/peers/rules-scaling.json) for Benchmarks/scripts/plot.py.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LINE = re.compile(r"^Core\.ShortDrafts\s+([\d,]+) req/s \([^)]*\)\s+[\d.]+ MB/s \([^)]*\)\s+CPU: ([\d,]+) req/s")
WORKLOAD = re.compile(r"^Core\.ShortDrafts: .*fingerprint (\w+).*verdicts: ([^;]+); rules loaded in ([\d.]+) ms")


def count_patterns(rules_dir):
    lines, rules_with_pattern = 0, set()
    rule = None
    for name in sorted(os.listdir(os.path.join(rules_dir, "rules"))):
        if not name.endswith(".rules"):
            continue
        for line in open(os.path.join(rules_dir, "rules", name), encoding="utf-8"):
            s = line.strip()
            if s.startswith("rule "):
                rule = name + ":" + s[5:].strip()
            elif s.startswith("pattern "):
                lines += 1
                rules_with_pattern.add(rule)
    return lines, len(rules_with_pattern)


def bench(binary, rules_dir, *extra):
    env = dict(os.environ, SAFEPOST_RULES=rules_dir)
    proc = subprocess.run([binary, "--case", "Core.ShortDrafts", *extra], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"rules_scaling.py: safepost-bench failed on {rules_dir}:\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}")
    return proc.stdout


def instructions(binary, rules_dir, work):
    out = os.path.join(work, "cg.out")
    env = dict(os.environ, SAFEPOST_RULES=rules_dir)
    proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--toggle-collect=*measuredPass*",
                           binary, "--single-pass", "--case", "Core.ShortDrafts"], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"rules_scaling.py: callgrind failed on {rules_dir}:\n{proc.stderr[-1500:]}")
    total = None
    for line in open(out):
        if line.startswith(("summary:", "totals:")):
            total = int(line.split()[1])
            break
    m = re.search(r"one pass of (\d+) requests, (\d+) bytes", proc.stdout)
    os.remove(out)
    return total / int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="safepost-bench executable")
    ap.add_argument("--export", required=True, help="safepost-export executable")
    ap.add_argument("--counts", default="0,10,100,1000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "rules-scaling.json"))
    ap.add_argument("--commit", default=os.environ.get("PEERS_COMMIT", ""))
    args = ap.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    shipped = os.environ.get("SAFEPOST_RULES") or os.path.join(ROOT, "Rules")

    work = tempfile.mkdtemp(prefix="rules-scaling-")
    try:
        cmd = [args.export, "--out", work, "--rules", shipped]
        for n in counts:
            if n:
                cmd += ["--generated-rules", str(n)]
        subprocess.run(cmd, check=True, capture_output=True)
        folders = {n: (shipped if n == 0 else os.path.join(work, f"rules-{n}")) for n in counts}
        started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        rows = {}
        for n, folder in folders.items():
            lines, rules = count_patterns(folder)
            out = bench(args.bench, folder, "--workload", "--rounds", "3")
            m = next((WORKLOAD.match(l) for l in out.splitlines() if WORKLOAD.match(l)), None)
            rows[n] = {"generated_rules": n, "patterns": lines, "pattern_rules": rules,
                       "fingerprint": m.group(1), "verdicts": m.group(2).strip(), "rules_load_ms": float(m.group(3)),
                       "wall": [], "cpu": [], "loads": []}
            print(f"rules_scaling.py: +{n} rules: {lines} pattern lines in {rules} rules; verdicts {rows[n]['verdicts']}; "
                  f"loaded in {rows[n]['rules_load_ms']} ms", flush=True)
        fingerprints = {r["fingerprint"] for r in rows.values()}
        if len(fingerprints) != 1:
            sys.exit(f"rules_scaling.py: the folders gave different drafts: {fingerprints}")
        if not args.no_callgrind:
            if shutil.which("valgrind") is None:
                print("rules_scaling.py: valgrind not found, no instruction counts")
            else:
                for n, folder in folders.items():
                    rows[n]["instructions_per_draft"] = instructions(args.bench, folder, work)
                    print(f"rules_scaling.py: +{n} rules: {rows[n]['instructions_per_draft']:,.0f} instructions per draft", flush=True)
        for run in range(args.runs):
            for n, folder in folders.items():
                load = open("/proc/loadavg").read().split()[0]
                m = next(LINE.match(l) for l in bench(args.bench, folder).splitlines() if LINE.match(l))
                rows[n]["wall"].append(float(m.group(1).replace(",", "")))
                rows[n]["cpu"].append(float(m.group(2).replace(",", "")))
                rows[n]["loads"].append(load)
            print(f"rules_scaling.py: run {run + 1}/{args.runs}: " + ", ".join(
                f"+{n} {rows[n]['wall'][-1]:,.0f}/{rows[n]['cpu'][-1]:,.0f}" for n in counts) + " drafts/s (wall/CPU)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = counts[0]
    out_rows = []
    for n in counts:
        r = rows[n]
        row = {k: r[k] for k in ("generated_rules", "patterns", "pattern_rules", "verdicts", "rules_load_ms")}
        row.update({
            "instructions_per_draft": r.get("instructions_per_draft"),
            "instructions_relative": (r["instructions_per_draft"] / rows[base]["instructions_per_draft"]) if r.get("instructions_per_draft") else None,
            "drafts_per_s": statistics.median(r["wall"]), "drafts_per_s_min": min(r["wall"]), "drafts_per_s_max": max(r["wall"]),
            "drafts_per_cpu_s": statistics.median(r["cpu"]), "drafts_per_cpu_s_min": min(r["cpu"]), "drafts_per_cpu_s_max": max(r["cpu"]),
            "relative_wall": statistics.median([a / b for a, b in zip(r["wall"], rows[base]["wall"])]),
            "relative_cpu": statistics.median([a / b for a, b in zip(r["cpu"], rows[base]["cpu"])]),
            "runs_wall": r["wall"], "runs_cpu": r["cpu"], "load_1min": r["loads"],
        })
        out_rows.append(row)
    result = {"date_utc": started, "commit": args.commit,
              "command": f"Benchmarks/peers/rules_scaling.py --runs {args.runs} (make bench-rules)",
              "load": f"{min(float(l) for r in rows.values() for l in r['loads']):.1f}–{max(float(l) for r in rows.values() for l in r['loads']):.1f}",
              "fingerprint": fingerprints.pop(), "rules": out_rows}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print("| generated rules | pattern lines (rules) | instructions/draft | relative | drafts/s wall | drafts/s CPU | relative (CPU) | rules load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in out_rows:
        ins = f"{r['instructions_per_draft']:,.0f}" if r["instructions_per_draft"] else "–"
        rel = f"{r['instructions_relative']:.2f}" if r["instructions_relative"] else "–"
        print(f"| {r['generated_rules']:,} | {r['patterns']:,} ({r['pattern_rules']:,}) | {ins} | {rel} | {r['drafts_per_s']:,.0f} | "
              f"{r['drafts_per_cpu_s']:,.0f} | {r['relative_cpu']:.2f} | {r['rules_load_ms']:,.0f} ms |")
    print(f"rules_scaling.py: wrote {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
