#!/usr/bin/env python3
"""Runs the Scaling suite (package-benchmark) several times and writes the medians as JSON.

    scaling.py [--runs N] [--scratch PATH] [--out FILE] [--filter REGEX]

Each run is `swift package --scratch-path PATH benchmark --target Scaling --format jmh`
(inside Benchmarks/); from each benchmark it takes the p50 of throughput (drafts/s: the suite's
scaling factor is 1,000 drafts per iteration), the median of DraftsPerCPUSecond (drafts per second
of the thread's CPU time, the figure to compare on a loaded host) and of mallocCountTotal per iteration. The JSON (default
Benchmarks/peers/scaling.json) has, per roster size and per generated rule count, the median
over runs of the p50s, their range, and the speed relative to the smallest case of the same run
(median of the per-run ratios). Benchmarks/scripts/plot.py draws it.
"""
import argparse
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)


def pattern_count(rules_dir):
    n = 0
    for name in os.listdir(os.path.join(rules_dir, "rules")):
        if name.endswith(".rules"):
            for line in open(os.path.join(rules_dir, "rules", name), encoding="utf-8"):
                if line.strip().startswith("pattern "):
                    n += 1
    return n


def one_run(scratch, regex, workdir):
    out = tempfile.mkdtemp(prefix="scaling-", dir=workdir)
    argv = ["swift", "package", "--scratch-path", scratch, "benchmark", "--target", "Scaling", "--no-progress",
            "--format", "jmh", "--path", out]
    if regex:
        argv += ["--filter", regex]
    load = open("/proc/loadavg").read().split()[:3]
    proc = subprocess.run(argv, cwd=BENCH, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"scaling.py: {' '.join(argv)} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    results = {}
    for path in glob.glob(os.path.join(out, "*.json")):
        for entry in json.load(open(path)):
            name = entry["benchmark"].split(".")[-1]
            # The primary metric is throughput in thousands of drafts/s (the suites' scaling factor
            # is .kilo: one iteration screens 1,000 drafts); Malloc (total) is per iteration.
            primary = entry["primaryMetric"]
            raw = [v for row in primary.get("rawData", []) for v in row]
            secondary = entry.get("secondaryMetrics") or {}
            mallocs = [v for row in secondary.get("Malloc (total)", {}).get("rawData", []) for v in row]
            cpu = [v for row in secondary.get("DraftsPerCPUSecond", {}).get("rawData", []) for v in row]
            results[name] = {
                "benchmark": entry["benchmark"], "unit": primary.get("scoreUnit"),
                "throughput_p50": primary.get("scorePercentiles", {}).get("50.0"),
                "throughput_median_raw": statistics.median(raw) if raw else None,
                "iterations": entry.get("measurementIterations"),
                "malloc_per_iteration_median": statistics.median(mallocs) if mallocs else None,
                # Drafts per second of thread CPU time (Scaling.swift's custom metric), median of iterations.
                "drafts_per_cpu_s_median": statistics.median(cpu) if cpu else None,
            }
    return {"load": load, "results": results, "output_dir": out}


def drafts_per_s(result):
    """p50 throughput of one benchmark in drafts/s (package-benchmark reports thousands)."""
    return result["throughput_p50"] * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scratch", default=".build-peers")
    ap.add_argument("--out", default=os.path.join(HERE, "scaling.json"))
    ap.add_argument("--filter", default=None, help="package-benchmark --filter regex, e.g. 'Scaling.Rules.*'")
    args = ap.parse_args()
    work = os.path.join(HERE, ".work")
    os.makedirs(work, exist_ok=True)

    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    runs = []
    for i in range(args.runs):
        r = one_run(args.scratch, args.filter, work)
        runs.append(r)
        print(f"scaling.py: run {i + 1}/{args.runs} (load before {' '.join(r['load'])}): "
              + ", ".join(f"{k} {drafts_per_s(v):,.0f}" for k, v in sorted(r["results"].items())), flush=True)

    # Pattern counts: the shipped ones plus one per generated rule.
    shipped_patterns = pattern_count(os.environ.get("SAFEPOST_RULES") or os.path.join(ROOT, "Rules"))
    rows = {"roster": [], "rules": []}
    for kind, regex, key in (("roster", r"^Roster(\d+)$", "children"), ("rules", r"^Rules(\d+)$", "generated_rules")):
        names = sorted({n for r in runs for n in r["results"] if re.match(regex, n)}, key=lambda n: int(re.match(regex, n).group(1)))
        if not names:
            continue
        smallest = names[0]
        for name in names:
            tp = [drafts_per_s(r["results"][name]) for r in runs if name in r["results"]]
            mallocs = [r["results"][name]["malloc_per_iteration_median"] for r in runs if name in r["results"]]
            mallocs = [m for m in mallocs if m is not None]
            rel = [drafts_per_s(r["results"][name]) / drafts_per_s(r["results"][smallest])
                   for r in runs if name in r["results"] and smallest in r["results"]]
            cpu = [r["results"][name]["drafts_per_cpu_s_median"] for r in runs if name in r["results"]]
            cpu = [c for c in cpu if c]
            rel_cpu = [r["results"][name]["drafts_per_cpu_s_median"] / r["results"][smallest]["drafts_per_cpu_s_median"]
                       for r in runs if name in r["results"] and smallest in r["results"]
                       and r["results"][name]["drafts_per_cpu_s_median"] and r["results"][smallest]["drafts_per_cpu_s_median"]]
            n = int(re.match(regex, name).group(1))
            # package-benchmark reports throughput in iterations/s, scaled by the suite's
            # scaling factor (1,000 drafts per iteration): the figure is drafts/s.
            row = {key: n, "benchmark": f"Scaling.{name}", "drafts_per_s": statistics.median(tp),
                   "drafts_per_s_min": min(tp), "drafts_per_s_max": max(tp), "drafts_per_s_runs": tp,
                   f"relative_to_{smallest}": statistics.median(rel),
                   "drafts_per_cpu_s": statistics.median(cpu) if cpu else None,
                   "drafts_per_cpu_s_min": min(cpu) if cpu else None, "drafts_per_cpu_s_max": max(cpu) if cpu else None,
                   "drafts_per_cpu_s_runs": cpu,
                   f"cpu_relative_to_{smallest}": statistics.median(rel_cpu) if rel_cpu else None,
                   "allocations_per_draft": statistics.median(mallocs) / 1000 if mallocs else None}
            if kind == "rules":
                row["patterns"] = shipped_patterns + n
            rows[kind].append(row)
    result = {
        "date_utc": started,
        "command": f"Benchmarks/peers/scaling.py --runs {args.runs}" + (f" --filter '{args.filter}'" if args.filter else "")
                   + " (make bench-scaling)",
        "load": ", ".join(" ".join(r["load"]) for r in runs),
        "commit": os.environ.get("PEERS_COMMIT") or subprocess.run(
            ["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown",
        "shipped_patterns": shipped_patterns,
        **rows,
        "raw": [{"load": r["load"], "results": r["results"]} for r in runs],
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    for kind in ("roster", "rules"):
        for row in rows[kind]:
            rel = [v for k, v in row.items() if k.startswith("relative_to")][0]
            rel_cpu = [v for k, v in row.items() if k.startswith("cpu_relative_to")][0]
            print(f"  {row['benchmark']}: {row['drafts_per_s']:,.0f} drafts/s wall (runs {', '.join(f'{v:,.0f}' for v in row['drafts_per_s_runs'])}), "
                  f"relative {rel:.2f}; by CPU {row['drafts_per_cpu_s'] or 0:,.0f} (runs {', '.join(f'{v:,.0f}' for v in row['drafts_per_cpu_s_runs'])}), "
                  f"relative {rel_cpu or 0:.2f}; allocations/draft {row['allocations_per_draft']}")
    print(f"scaling.py: wrote {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
