#!/usr/bin/env python3
"""Plots the benchmark results as PNGs for docs/performance.md.

    plot.py [--scaling FILE] [--rules-scaling FILE] [--peers FILE] [--latency FILE] [--out DIR]

--scaling  JSON written by Benchmarks/peers/scaling.py (default Benchmarks/peers/scaling.json):
           {"roster": [{"children", "drafts_per_s", ...}], "rules": [{"generated_rules",
           "patterns", "drafts_per_s", ...}], "date_utc", "load", "command"}
           → throughput-vs-roster.png and throughput-vs-rules.png
--rules-scaling  JSON written by Benchmarks/peers/rules_scaling.py (default
           Benchmarks/peers/rules-scaling.json): instructions and drafts/s against rule count
           → throughput-vs-rules.png (preferred to --scaling's package-benchmark rules rows)
--peers    JSON written by Benchmarks/peers/peers.py (default Benchmarks/peers/results.json)
           → peers.png (short drafts/s and long-text MB/s of safepost and each peer by CPU time, log scale)
--latency  JSON rows of the daemon load generator: [{"concurrency", "kind", "p50_us", "p99_us",
           "p999_us", "rps"}] (a list, or {"rows": [...]}) → latency-vs-concurrency.png
           (one panel per kind). Skipped, with a message, when the file is absent.

A missing input skips its plot; nothing else is read. Output is deterministic for the same
inputs (fixed size, DPI and style; no timestamps in the images' metadata).
"""
import argparse
import json
import os
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAVE = {"dpi": 120, "metadata": {"Software": None}}
plt.rcParams.update({"figure.figsize": (7.0, 4.2), "axes.grid": True, "grid.alpha": 0.3,
                     "font.size": 10, "svg.hashsalt": "safepost"})


def load(path, what):
    if not path or not os.path.exists(path):
        print(f"plot.py: {what}: {path} not found, skipped")
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def footer(fig, data):
    bits = []
    if data.get("date_utc"):
        bits.append(f"measured {data['date_utc']}")
    if data.get("commit"):
        bits.append(f"at {data['commit']}")
    if data.get("load"):
        bits.append(f"load average {data['load']}")
    if data.get("command"):
        bits.append(data["command"])
    if bits:
        text = textwrap.fill("; ".join(bits), width=int(fig.get_figwidth() * 16))
        fig.text(0.01, 0.01, text, fontsize=7, color="0.4", va="bottom")


def save(fig, out, name):
    path = os.path.join(out, name)
    fig.savefig(path, **SAVE)
    plt.close(fig)
    print(f"plot.py: wrote {os.path.relpath(path, ROOT)}")


def scaling_plot(rows, x_key, x_label, title, out, name, data, annotate=None, per="iterations"):
    """`per`: what each run's figure is the median of (package-benchmark's iterations, or
    safepost-bench's rounds)."""
    rows = sorted(rows, key=lambda r: r[x_key])
    xs = [r[x_key] for r in rows]
    fig, ax = plt.subplots()
    series = (("drafts_per_cpu_s", f"by thread CPU time (median of {per})", "tab:blue", "o"),
              ("drafts_per_s", f"by wall clock (median of {per})" if per != "iterations" else "by wall clock (p50)", "tab:gray", "s"))
    for key, label, color, marker in series:
        if any(r.get(key) is None for r in rows):
            continue
        ax.plot(xs, [r[key] / 1000 for r in rows], marker=marker, color=color, label=label + ", median of runs")
        lows, highs = [r.get(key + "_min") for r in rows], [r.get(key + "_max") for r in rows]
        if all(v is not None for v in lows + highs):
            ax.fill_between(xs, [v / 1000 for v in lows], [v / 1000 for v in highs], color=color, alpha=0.15)
    ax.set_xscale("log")
    ax.set_xlabel(x_label)
    ax.set_ylabel("thousand short drafts per second (one core)")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    if annotate:
        top = "drafts_per_cpu_s" if all(r.get("drafts_per_cpu_s") for r in rows) else "drafts_per_s"
        for r in rows:
            ax.annotate(annotate(r), (r[x_key], r[top] / 1000), textcoords="offset points", xytext=(0, 8),
                        ha="center", fontsize=8)
    ax.legend(loc="lower left", fontsize=8, title="shaded: range over runs", title_fontsize=7)
    fig.subplots_adjust(bottom=0.2)
    footer(fig, data)
    save(fig, out, name)


def rules_plot(data, out):
    """rules-scaling.json: speed (left) and instructions per draft (right) against pattern rules."""
    rows = sorted(data["rules"], key=lambda r: r["pattern_rules"])
    xs = [r["pattern_rules"] for r in rows]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4.2))
    for key, label, color, marker in (("drafts_per_cpu_s", "by thread CPU time", "tab:blue", "o"),
                                      ("drafts_per_s", "by wall clock", "tab:gray", "s")):
        a.plot(xs, [r[key] / 1000 for r in rows], marker=marker, color=color, label=label + " (median of runs)")
        a.fill_between(xs, [r[key + "_min"] / 1000 for r in rows], [r[key + "_max"] / 1000 for r in rows], color=color, alpha=0.15)
    a.set_xscale("log")
    a.set_ylim(bottom=0)
    a.set_xlabel("rules with a pattern: shipped + generated (log scale)")
    a.set_ylabel("thousand short drafts per second (one core)")
    a.set_title("speed (shaded: range over runs)")
    a.legend(loc="lower left", fontsize=8)
    for i, r in enumerate(rows):
        a.annotate(f"+{r['generated_rules']:,}", (r["pattern_rules"], r["drafts_per_cpu_s"] / 1000), textcoords="offset points",
                   xytext=(0, 8 if i % 2 == 0 else -16), ha="center", fontsize=8)
    if all(r.get("instructions_per_draft") for r in rows):
        b.plot(xs, [r["instructions_per_draft"] / 1000 for r in rows], marker="o", color="tab:green")
        for i, r in enumerate(rows):
            b.annotate(f"{r['instructions_per_draft'] / 1000:,.1f}k", (r["pattern_rules"], r["instructions_per_draft"] / 1000),
                       textcoords="offset points", xytext=(0, 8 if i % 2 == 0 else -16), ha="center", fontsize=8)
        b.set_ylim(bottom=0, top=max(r["instructions_per_draft"] for r in rows) / 1000 * 1.2)
    else:
        b.set_xlim(min(xs) / 1.5, max(xs) * 1.5)
        b.text(0.5, 0.5, "not counted in this run\n(callgrind not run)", transform=b.transAxes, ha="center",
               va="center", color="0.4")
    b.set_xscale("log")
    b.set_xlabel("rules with a pattern: shipped + generated (log scale)")
    b.set_ylabel("thousand instructions per draft (callgrind)")
    b.set_title("work per draft (independent of load)")
    fig.suptitle("Cost per short draft as the rules grow (Core short drafts, shipped roster)")
    fig.subplots_adjust(bottom=0.2, wspace=0.3)
    footer(fig, data)
    save(fig, out, "throughput-vs-rules.png")


def peers_plot(data, out):
    """Short drafts/s and long-text MB/s of safepost and each peer, by CPU time (the child's or
    the thread's): the figure that stays put on a loaded host; wall-clock figures are in the JSON."""
    sp = data["safepost"]["median"]
    names, short, long = ["safepost"], [sp["short_drafts_per_s_cpu"]], [sp["long_mb_per_s_cpu"]]
    for name, p in data["peers"].items():
        if "median" in p:
            names.append(name)
            short.append(p["median"]["short_lines_per_s_cpu"])
            long.append(p["median"]["long_mb_per_s_cpu"])
    fig, (a, b) = plt.subplots(1, 2, figsize=(10.5, 4.4))
    colors = ["tab:blue"] + ["tab:gray"] * (len(names) - 1)
    for ax, values, label, title in ((a, short, "short drafts (lines) per CPU second", "short drafts (~154 B)"),
                                     (b, long, "MB per CPU second", "1 MB long clean text")):
        ax.barh(names[::-1], values[::-1], color=colors[::-1])
        ax.set_xscale("log")
        ax.set_xlim(min(values) / 2, max(values) * 8)
        ax.set_xlabel(label)
        ax.set_title(title)
        for y, v in enumerate(values[::-1]):
            ax.annotate(f"{v:,.0f}" if v >= 10 else f"{v:.2f}", (v, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8)
    fig.suptitle("safepost (full screening) and peers (any pattern or name): same inputs, medians of interleaved runs")
    fig.subplots_adjust(bottom=0.2, left=0.14, right=0.98, wspace=0.5)
    footer(fig, {"date_utc": data.get("date_utc"), "commit": data.get("safepost", {}).get("commit"),
                 "load": " ".join(data.get("load_before", [])), "command": data.get("command")})
    save(fig, out, "peers.png")


def latency_plot(data, out):
    rows = data["rows"] if isinstance(data, dict) else data
    kinds = sorted({r.get("kind", "all") for r in rows})
    fig, axes = plt.subplots(1, len(kinds), figsize=(max(7.0, 4.5 * len(kinds)), 4.2), squeeze=False)
    for ax, kind in zip(axes[0], kinds):
        sel = sorted((r for r in rows if r.get("kind", "all") == kind), key=lambda r: r["concurrency"])
        xs = [r["concurrency"] for r in sel]
        for key, label, style in (("p50_us", "p50", "o-"), ("p99_us", "p99", "s-"), ("p999_us", "p99.9", "^-")):
            ax.plot(xs, [r[key] / 1000 for r in sel], style, label=label)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(xs)
        ax.set_xticklabels([str(x) for x in xs])
        ax.set_xlabel("concurrent connections")
        ax.set_ylabel("latency (ms)")
        ax.set_title(f"safepostd, {kind}")
        for r in sel:
            ax.annotate(f"{r['rps']:,.0f} req/s", (r["concurrency"], r["p50_us"] / 1000), xytext=(6, -10),
                        textcoords="offset points", ha="left", fontsize=7, color="0.35")
        ax.set_xlim(xs[0] / 1.5, xs[-1] * 2.5)
        ax.legend(fontsize=8, loc="upper left")
    fig.subplots_adjust(bottom=0.17, wspace=0.3)
    if isinstance(data, dict):
        footer(fig, data)
    save(fig, out, "latency-vs-concurrency.png")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scaling", default=os.path.join(ROOT, "Benchmarks/peers/scaling.json"))
    ap.add_argument("--rules-scaling", default=os.path.join(ROOT, "Benchmarks/peers/rules-scaling.json"))
    ap.add_argument("--peers", default=os.path.join(ROOT, "Benchmarks/peers/results.json"))
    ap.add_argument("--latency", default=os.path.join(ROOT, "Benchmarks/load-latency.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs/images"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    scaling = load(args.scaling, "scaling")
    if scaling:
        if scaling.get("roster"):
            scaling_plot(scaling["roster"], "children", "children on the roster (carers grow with them; log scale)",
                         "Cost per short draft as the roster grows", args.out, "throughput-vs-roster.png", scaling)
        if scaling.get("rules") and not os.path.exists(args.rules_scaling):
            scaling_plot(scaling["rules"], "patterns", "pattern rules: shipped + generated (log scale)",
                         "Cost per short draft as the rules grow", args.out, "throughput-vs-rules.png", scaling,
                         annotate=lambda r: f"+{r['generated_rules']:,}")
    rules = load(args.rules_scaling, "rules scaling")
    if rules:
        rules_plot(rules, args.out)
    peers = load(args.peers, "peers")
    if peers:
        peers_plot(peers, args.out)
    latency = load(args.latency, "latency")
    if latency:
        latency_plot(latency, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
