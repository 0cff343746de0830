#!/usr/bin/env python3
"""Writes the measured figures into docs/performance.md and redraws the PNGs in docs/images.

    report.py [--results DIR] [--doc FILE] [--out FILE] [--images DIR] [--include-quick] [--no-plots]

Only the regions between markers are rewritten; everything outside them is left as it is:

    <!-- bench:core -->
    ...generated...
    <!-- /bench:core -->

Regions: machine, targets, core, core-allocations, roster, rules, peers, daemon, mail, mime. Each
is made from the JSON that Benchmarks/scripts/record.py wrote for its layer (LAYER.json); targets
checks figures of every layer against the fixed thresholds in TARGETS. A region whose results are
missing (or failed, or came from a quick run without --include-quick) is left as it is, and
report.py says so on standard output. A marker without its closing marker is an error (exit 2)
and nothing is written.

--results DIR   one results folder (e.g. Benchmarks/results/20261126T120000Z); default: for each
                layer the newest successful LAYER.json under Benchmarks/results/*/
--doc FILE      the document to read (default docs/performance.md); --out FILE writes it
                elsewhere (default: in place, only when something changed)
--images DIR    where the PNGs go (default docs/images; made with Benchmarks/scripts/plot.py's
                functions, matplotlib); --no-plots leaves them alone
--include-quick also take results of BENCH_QUICK=1 runs (their regions say so)
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
LAYERS = ("core", "roster", "rules", "peers", "daemon", "mail", "mime")
# Region → the layer whose results fill it (machine: any layer, or machine.json; targets: every layer,
# a row per target, "not measured" for a layer without results).
REGIONS = {"machine": None, "targets": None, "core": "core", "core-allocations": "core", "roster": "roster", "rules": "rules",
           "peers": "peers", "daemon": "daemon", "mail": "mail", "mime": "mime"}
MARKER = re.compile(r"<!-- (/?)bench:([a-z0-9-]+) -->")


# ---------------------------------------------------------------------------------------------
# Regions


class MarkerError(Exception):
    pass


def find_regions(text):
    """{name: (start of content, end of content)} for every `<!-- bench:NAME -->` … `<!-- /bench:NAME -->`."""
    regions, open_name, open_end = {}, None, None
    for m in MARKER.finditer(text):
        closing, name = m.group(1) == "/", m.group(2)
        if not closing:
            if open_name:
                raise MarkerError(f"<!-- bench:{name} --> inside bench:{open_name}")
            if name in regions:
                raise MarkerError(f"bench:{name} appears twice")
            open_name, open_end = name, m.end()
        else:
            if name != open_name:
                raise MarkerError(f"<!-- /bench:{name} --> without its opening marker")
            regions[name] = (open_end, m.start())
            open_name = None
    if open_name:
        raise MarkerError(f"<!-- bench:{open_name} --> is never closed")
    return regions


def replace_regions(text, contents):
    """Replaces the content of each region named in `contents` (name → Markdown), with a blank
    line after the opening marker and before the closing one (so Markdown sees the markers as
    blocks of their own); other regions and everything outside the markers stay byte for byte."""
    regions = find_regions(text)
    out, last = [], 0
    for name, (start, end) in sorted(regions.items(), key=lambda kv: kv[1][0]):
        if name not in contents:
            continue
        out.append(text[last:start])
        out.append("\n\n" + contents[name].strip("\n") + "\n\n")
        last = end
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Results


def load_layer(path, include_quick):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as error:
        return None, f"{path}: unreadable ({error})"
    if doc.get("status") != "ok" or not doc.get("runs"):
        return None, f"{os.path.relpath(path, ROOT)}: {doc.get('status', '?')} (exit {doc.get('exit_status')})"
    if doc.get("quick") and not include_quick:
        return None, f"{os.path.relpath(path, ROOT)}: a quick run (BENCH_QUICK=1); give --include-quick to use it"
    doc["_path"] = path
    return doc, None


def find_results(results_dir, include_quick):
    """{layer: document} and {layer: why it is missing}."""
    found, missing = {}, {}
    if results_dir:
        folders = [os.path.realpath(results_dir)]
    else:
        folders = sorted((d for d in glob.glob(os.path.join(RESULTS, "*")) if os.path.isdir(d) and not os.path.islink(d)),
                         reverse=True)
    for layer in LAYERS:
        reasons = []
        for folder in folders:
            path = os.path.join(folder, f"{layer}.json")
            if not os.path.exists(path):
                continue
            doc, why = load_layer(path, include_quick)
            if doc:
                found[layer] = doc
                break
            reasons.append(why)
        if layer not in found:
            missing[layer] = "; ".join(reasons) if reasons else "no results"
    return found, missing


# ---------------------------------------------------------------------------------------------
# Formatting


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def num(v, digits=None):
    """1,234 for large values, 12.3 / 1.23 for small ones; – for none."""
    if v is None:
        return "–"
    if digits is not None:
        return f"{v:,.{digits}f}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def with_range(values, digits=None):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return num(values[0], digits)
    return f"{num(med(values), digits)} ({num(min(values), digits)}–{num(max(values), digits)})"


def provenance(doc, what=None):
    """One line: when, at which commit, the command, runs, load."""
    commit = f"`{doc.get('commit', '?')}`" + (" with uncommitted changes" if doc.get("dirty") else "")
    loads = [l.split()[0] for l in doc.get("load_before", []) + doc.get("load_after", []) if l and l != "?"]
    load = f"; load average {min(loads, key=float)}–{max(loads, key=float)}" if loads else ""
    runs = len(doc.get("runs", []))
    command = doc.get("command", "?").replace(ROOT + "/", "")
    if doc.get("target"):
        command = f"`{doc['target']}`" + ("" if command.startswith("make ") else f" (`{command}`)")
    else:
        command = f"`{command}`"
    parts = [f"Measured {doc.get('date_utc', '?')} at {commit}"]
    parts.append(command + (f", {runs} runs" if runs > 1 else ""))
    if what:
        parts.append(what)
    line = ", ".join(parts) + f"{load}; {num(doc.get('seconds'), 0)} s."
    if doc.get("quick"):
        line = "**Quick subset (BENCH_QUICK=1): fewer, shorter runs; not for publishing.** " + line
    return line + f" Results: `{os.path.relpath(os.path.dirname(doc['_path']), ROOT)}/{doc['layer']}.json`."


def table(header, rows, align=None):
    align = align or ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def bench_cases(doc, predicate):
    """safepost-bench rows over the runs: [(name, [row of run 1, row of run 2, ...])] in order."""
    names, by_name = [], {}
    for run in doc["runs"]:
        for row in run.get("rows", []):
            if predicate(row["name"]):
                if row["name"] not in by_name:
                    names.append(row["name"])
                    by_name[row["name"]] = []
                by_name[row["name"]].append(row)
    return [(n, by_name[n]) for n in names]


def stat(rows, key):
    """Each run's median of `key` ({"median", ...} or a number)."""
    out = []
    for r in rows:
        v = r.get(key)
        out.append(v.get("median") if isinstance(v, dict) else v)
    return [v for v in out if v is not None]


# ---------------------------------------------------------------------------------------------
# Layers


def core_region(doc):
    cases = bench_cases(doc, lambda n: n.startswith("Core."))
    if not cases:
        return None
    run = doc["runs"][0]
    rows = []
    for name, rs in cases:
        rows.append([name, num(rs[0].get("average_bytes"), 0), with_range(stat(rs, "rps_wall")),
                     with_range(stat(rs, "mbps_wall")), f"**{num(med(stat(rs, 'rps_cpu')))}**",
                     f"**{num(med(stat(rs, 'mbps_cpu')))}**", num(med(stat(rs, "allocations_per_request")))])
    what = (f"each run {run.get('rounds', '?')} rounds of ~{run.get('seconds_per_round', '?')} s per case; "
            "figures are medians over the runs of each run's median (range over the runs in brackets)")
    return "\n".join([provenance(doc, what), "",
                      table(["benchmark", "bytes/request", "requests/s (wall)", "MB/s (wall)", "requests/s (CPU)",
                             "MB/s (CPU)", "allocations/request"], rows)])


def core_allocations_region(doc):
    cases = bench_cases(doc, lambda n: n.startswith("Core."))
    if not cases or all(med(stat(rs, "allocations_per_request")) is None for _, rs in cases):
        return None
    rows = []
    for name, rs in cases:
        r = rs[0]
        clean = f"{num(r.get('allocations_per_clean_request'))} ({r.get('clean_requests', 0):,} requests)" \
            if r.get("allocations_per_clean_request") is not None else "–"
        finding = f"{num(r.get('allocations_per_finding'))} ({r.get('findings', 0):,} findings)" \
            if r.get("allocations_per_finding") is not None else "–"
        rows.append([name, num(r.get("allocations_per_request")), clean, finding])
    return "\n".join([provenance(doc, "one counted pass over each pool (malloc interposer)"), "",
                      table(["benchmark", "per request", "per request without findings", "per finding"], rows)])


def roster_rows(doc):
    cases = bench_cases(doc, lambda n: re.fullmatch(r"Scaling\.Roster\d+", n) is not None)
    if not cases:
        return []
    base_name, base = cases[0]
    out = []
    for name, rs in cases:
        wall, cpu = stat(rs, "rps_wall"), stat(rs, "rps_cpu")
        ratios = [a / b for a, b in zip(cpu, stat(base, "rps_cpu")) if b]
        out.append({"children": rs[0].get("children") or int(name[len("Scaling.Roster"):]), "name": name,
                    "drafts_per_s": med(wall), "drafts_per_s_min": min(wall, default=None), "drafts_per_s_max": max(wall, default=None),
                    "drafts_per_cpu_s": med(cpu), "drafts_per_cpu_s_min": min(cpu, default=None),
                    "drafts_per_cpu_s_max": max(cpu, default=None), "cpu_relative": med(ratios),
                    "allocations_per_draft": med(stat(rs, "allocations_per_request")), "base": base_name})
    return sorted(out, key=lambda r: r["children"])


def roster_region(doc):
    rows = roster_rows(doc)
    if not rows:
        return None
    base = rows[0]["children"]
    def spread(r, key):
        if r[key + "_min"] is None or r[key + "_min"] == r[key + "_max"]:
            return num(r[key], 0)
        return f"{num(r[key], 0)} ({num(r[key + '_min'], 0)}–{num(r[key + '_max'], 0)})"

    table_rows = [[f"{r['children']:,}", spread(r, "drafts_per_s"), spread(r, "drafts_per_cpu_s"),
                   num(r["cpu_relative"]), num(r["allocations_per_draft"])] for r in rows]
    return "\n".join([provenance(doc, "Core short drafts with a generated roster; medians over the runs (range)"), "",
                      table(["children", "drafts/s (wall)", "drafts/s (CPU)", f"relative to {base:,} (CPU)",
                             "allocations/draft"], table_rows)])


def rules_region(doc):
    data = doc["runs"][-1]
    rows = []
    for r in sorted(data.get("rules", []), key=lambda r: r["generated_rules"]):
        rows.append([f"{r['generated_rules']:,}", f"{r['patterns']:,} ({r['pattern_rules']:,})",
                     num(r.get("instructions_per_draft"), 0), num(r.get("instructions_relative")),
                     num(r.get("drafts_per_s"), 0), num(r.get("drafts_per_cpu_s"), 0), num(r.get("relative_cpu")),
                     f"{num(r.get('rules_load_ms'), 0)} ms"])
    if not rows:
        return None
    runs = len(data["rules"][0].get("runs_cpu", []))
    runs = f"{runs} interleaved safepost-bench runs" if runs != 1 else "one safepost-bench run"
    return "\n".join([provenance(doc, f"{runs} per folder; instructions by callgrind "
                                      "(– when valgrind was not run)"), "",
                      table(["generated rules", "pattern lines (rules)", "instructions/draft", "relative",
                             "drafts/s wall", "drafts/s CPU", "relative (CPU)", "rules load"], rows, ["---:"] * 8)])


def peers_region(doc):
    data = doc["runs"][-1]
    sp = data.get("safepost", {}).get("median")
    if not sp:
        return None
    rows = [["safepost (in-process, full screening)",
             f"{num(sp['short_drafts_per_s_wall'], 0)} / {num(sp['short_drafts_per_s_cpu'], 0)}", "1",
             f"{num(sp['long_mb_per_s_wall'], 1)} / {num(sp['long_mb_per_s_cpu'], 1)}", "1"]]
    for name, p in data.get("peers", {}).items():
        label = f"{name} ({p['version']})" if p.get("version") else name
        if "median" not in p:
            rows.append([label, "not run", "", "", ""])
            continue
        m, r = p["median"], p.get("ratio_safepost_over_peer", {})
        rows.append([label, f"{num(m['short_lines_per_s_wall'], 0)} / {num(m['short_lines_per_s_cpu'], 0)}",
                     f"{num(r.get('short_wall'))} / {num(r.get('short_cpu'))}",
                     f"{num(m['long_mb_per_s_wall'], 1)} / {num(m['long_mb_per_s_cpu'], 1)}",
                     f"{num(r.get('long_wall'))} / {num(r.get('long_cpu'))}"])
    for name, why in (data.get("not_run") or {}).items():
        rows.append([name, f"not run: {why}", "", "", ""])
    n = data.get("runs", "?")
    what = (f"{n} interleaved runs inside; medians, ratios are medians of per-run ratios" if n != 1
            else "one run inside (no medians over runs)")
    return "\n".join([provenance(doc, what), "",
                      table(["tool", "short drafts/s (wall / CPU)", "safepost ÷ tool", "long text MB/s (wall / CPU)",
                             "safepost ÷ tool"], rows)])


def daemon_rows(doc):
    data = doc["runs"][-1]
    return data["rows"] if isinstance(data, dict) else data


def daemon_region(doc, plotted):
    rows = daemon_rows(doc)
    if not rows:
        return None
    kinds = {"short": 0, "email": 1}
    rows = sorted(rows, key=lambda r: (kinds.get(r.get("kind"), 9), r.get("kind"), r["concurrency"]))
    table_rows = [[r.get("kind", "?"), r["concurrency"], num(r["rps"], 0), num(r["p50_us"], 1), num(r["p99_us"], 1),
                   num(r["p999_us"], 1), num(r.get("daemon_cpu_us_per_request"), 1), num(r.get("load_cpu_us_per_request"), 1),
                   r.get("errors", "?")] for r in rows]
    runs = rows[0].get("runs", 1)
    before, after = (doc.get("load_before") or ["?"])[0].split()[0], (doc.get("load_after") or ["?"])[-1].split()[0]
    commit = doc.get("commit", "?") + ("+" if doc.get("dirty") else "")
    out = [f"### At `{commit}` (load average {before} at the start, {after} at the end)", "",
           provenance(doc, f"{runs} interleaved runs per case inside; medians" if runs != 1 else "one run per case"), "",
           table(["kind", "connections", "requests/s", "p50 µs", "p99 µs", "p99.9 µs", "daemon CPU µs/request",
                  "generator CPU µs/request", "errors"], table_rows, ["---"] + ["---:"] * 8)]
    if plotted:
        out += ["", "![latency against concurrency](images/latency-vs-concurrency.png)"]
    return "\n".join(out)


def mail_table(run):
    for heading, rows in run.get("tables", {}).items():
        if heading.startswith("Mails through the filter"):
            return heading, rows
    return None, []


def mail_region(doc):
    parallel = {}
    heading = None
    for run in doc["runs"]:
        h, rows = mail_table(run)
        heading = heading or h
        for r in rows:
            parallel.setdefault(r["parallel"], []).append(r)
    if not parallel:
        return None

    def col(rs, key):
        vals = []
        for r in rs:
            try:
                vals.append(float(r.get(key, "").replace(",", "")))
            except ValueError:
                pass
        return vals

    # Columns safepost-mailbench prints in some versions only: shown when every row has them.
    optional = [k for k in ("all CPU ms/mail", "CPU ceiling mails/s")
                if all(k in r for rs in parallel.values() for r in rs)]
    rows = []
    for p, rs in sorted(parallel.items(), key=lambda kv: int(kv[0])):
        rows.append([p, f"**{num(med(col(rs, 'mails/s (median)')), 0)}**", ", ".join(r.get("rounds (mails/s)", "") for r in rs),
                     " / ".join(num(med(col(rs, k)), 1) for k in ("p50 ms", "p90 ms", "p99 ms")),
                     num(med(col(rs, "filter+sendmail CPU ms/mail"))), num(med(col(rs, "safepostd CPU ms/mail")))]
                    + [num(med(col(rs, k))) for k in optional] + [int(sum(col(rs, "unexpected exits")))])
    checked = sum(r.get("mails_checked", 0) for r in doc["runs"])
    unexpected = sum(r.get("unexpected_exits", 0) for r in doc["runs"])
    out = [provenance(doc, heading and heading[heading.find("(") + 1:heading.rfind(")")]), "",
           table(["parallel", "mails/s (median)", "rounds (mails/s)", "latency p50 / p90 / p99 ms",
                  "filter+sendmail CPU ms/mail", "safepostd CPU ms/mail"] + optional + ["unexpected exits"], rows,
                 ["---:", "---:", "---", "---"] + ["---:"] * (3 + len(optional))), "",
           f"Exit statuses checked: {checked:,} mails, {unexpected} not what their label expects."]
    startup = [(h, rows) for run in doc["runs"][-1:] for h, rows in run.get("tables", {}).items() if h.startswith("Start-up")]
    if startup:
        h, rows = startup[0]
        out += ["", f"{h}:", "", table(["command", "median ms", "p90 ms"],
                                       [[r.get("command", "?"), r.get("median ms", "?"), r.get("p90 ms", "?")] for r in rows])]
    return "\n".join(out)


def mime_region(doc):
    names, per = [], {}
    for run in doc["runs"]:
        for bench, r in run.get("benchmarks", {}).items():
            short = "Mail." + bench.split(".")[-1]
            if short not in per:
                names.append(short)
                per[short] = []
            per[short].append(r)
    if not names:
        return None
    order = {"Mail.ParseMix": 0, "Mail.Parse40KB": 1, "Mail.Parse4KB": 2}
    rows = []
    for name in sorted(names, key=lambda n: (order.get(n, 9), n)):
        rs = per[name]
        mbps = [r["secondary"].get("BytesPerSecond", {}).get("p50") for r in rs]
        mbps = [v / 1e6 for v in mbps if v is not None]
        # Mails/s from the wall clock of an iteration (1,000 mails); throughput (in thousands,
        # rounded to an integer) only when the wall clock is missing.
        wall = [r["secondary"].get("Time (wall clock)", {}).get("p50") for r in rs]
        mails = [1000 / (v / 1e6) for v in wall if v] or [r["throughput_p50"] * 1000 for r in rs if r.get("throughput_p50") is not None]
        mallocs = [r["secondary"].get("Malloc (total)", {}).get("median") for r in rs]
        mallocs = [v / 1000 for v in mallocs if v is not None]
        rows.append([name, " / ".join(num(v, 0) for v in mbps) or "–", f"**{num(med(mbps), 0)}**",
                     num(med(mails), 0), num(med(mallocs), 0)])
    return "\n".join([provenance(doc, "package-benchmark suite Mail; p50 per run, median over the runs"), "",
                      table(["benchmark", "p50 MB/s per run", "median MB/s", "mails/s (p50 wall clock, median)",
                             "allocations per mail"], rows)])


def machine_region(found, results_dir):
    machine, source = None, None
    candidates = []
    if results_dir:
        candidates.append(os.path.join(results_dir, "machine.json"))
    candidates += [os.path.join(os.path.dirname(d["_path"]), "machine.json") for d in found.values()]
    for path in candidates:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                m = json.load(f)
            machine, source = m["machine"], m
            break
    if machine is None and found:
        doc = next(iter(found.values()))
        machine, source = doc.get("machine"), doc
    if not machine:
        return None
    cpu = machine.get("cpu_model", "?")
    if machine.get("cpu_family"):
        cpu += f" (family {machine['cpu_family']}, model {machine.get('cpu_model_number', '?')})"
    if machine.get("cpu_mhz"):
        cpu += f", {float(machine['cpu_mhz']):,.0f} MHz"
    if machine.get("hypervisor"):
        cpu += ", virtual machine"
    if machine.get("virtualization"):
        cpu += f" (systemd-detect-virt: {machine['virtualization']})"
    lines = [f"- `nproc`: {machine.get('nproc', '?')}; {cpu}; {machine.get('memory_gib', '?')} GiB memory",
             f"- {machine.get('os', '?')} (Linux {machine.get('kernel', '?')}, {machine.get('arch', '?')}); {machine.get('swift', 'Swift ?')}; "
             "release builds, ordo-one/benchmark 1.38.1 with the `MallocInterposer` trait"]
    loads = []
    for layer in LAYERS:
        if layer in found:
            d = found[layer]
            before = [l.split()[0] for l in d.get("load_before", []) if l != "?"]
            after = [l.split()[0] for l in d.get("load_after", []) if l != "?"]
            loads.append(f"{layer} {before[0] if before else '?'} → {after[-1] if after else '?'}")
    if loads:
        lines.append("- Load average (1 min) before → after each layer: " + "; ".join(loads))
    dates = sorted(d.get("date_utc", "") for d in found.values())
    commits = sorted({d.get("commit", "?") + ("+" if d.get("dirty") else "") for d in found.values()})
    if dates:
        lines.append(f"- Measured {dates[0]} – {max(d.get('finished_utc', '') for d in found.values())} at "
                     + ", ".join(f"`{c}`" for c in commits)
                     + (" (`+`: with uncommitted changes)" if any(c.endswith("+") for c in commits) else "") + " with `make bench`"
                     + ("; **quick subset (BENCH_QUICK=1)**" if any(d.get("quick") for d in found.values()) else "")
                     + f"; results in `{os.path.relpath(os.path.dirname(next(iter(found.values()))['_path']), ROOT)}/`")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Targets
#
# Each figure_* function reads one figure from one layer's document: (value, what was measured)
# or (None, why there is no figure). The value is what TARGETS compares with its threshold.


def figure_core(doc, case, key, unit):
    """A core case's median over the runs of each run's median of `key` (by CPU time)."""
    rows = dict(bench_cases(doc, lambda n: n == case)).get(case)
    values = stat(rows or [], key)
    if not values:
        return None, f"no {case} in the core results"
    runs = f"median of {len(values)} runs, {num(min(values))}–{num(max(values))}" if len(values) > 1 else "one run"
    return med(values), f"{num(med(values))} {unit} by CPU time ({case}, {runs})"


def figure_daemon(doc, concurrency, key, unit, what):
    """A short-draft row of the daemon's last run at `concurrency` (wall clock, generator included)."""
    for r in daemon_rows(doc) or []:
        if r.get("kind") == "short" and r.get("concurrency") == concurrency and r.get(key) is not None:
            runs = r.get("runs", 1)
            runs = f"median of {runs} interleaved runs" if runs != 1 else "one run"
            return r[key], f"{num(r[key], 0 if key == 'rps' else 1)} {unit} {what} (short drafts, {concurrency} connections; {runs})"
    return None, f"no short-draft row at {concurrency} connections in the daemon results"


def mail_rates(doc):
    """{parallel: median over the runs of 'mails/s (median)'} from safepost-mailbench's table."""
    rates = {}
    for run in doc["runs"]:
        for r in mail_table(run)[1]:
            try:
                rates.setdefault(int(r["parallel"]), []).append(float(r.get("mails/s (median)", "").replace(",", "")))
            except (KeyError, ValueError):
                pass
    return {p: med(v) for p, v in rates.items() if v}


def figure_mail(doc):
    """The best parallelism's mails/s through the filter (wall clock, process start included)."""
    rates = mail_rates(doc)
    if not rates:
        return None, "no 'Mails through the filter' table in the mail results"
    best = max(rates, key=rates.get)
    others = ", ".join(f"{num(rates[p], 0)} at {p}" for p in sorted(rates) if p != best)
    runs = len(doc["runs"])
    return rates[best], (f"{num(rates[best], 0)} mails/s, wall clock, at {best} in parallel (the best; "
                         + (others + "; " if others else "") + "median of each parallelism's rounds"
                         + (f", then over {runs} runs)" if runs > 1 else ")"))


def figure_mime(doc, case="Mail.ParseMix"):
    """MIME parsing MB/s of one Mail suite benchmark: p50 per run, median over the runs (wall clock)."""
    values = [r["secondary"].get("BytesPerSecond", {}).get("p50") for run in doc["runs"]
              for bench, r in run.get("benchmarks", {}).items() if "Mail." + bench.split(".")[-1] == case]
    values = [v / 1e6 for v in values if v is not None]
    if not values:
        return None, f"no {case} in the mime results"
    runs = f"median of {len(values)} runs" if len(values) > 1 else "one run"
    return med(values), f"{num(med(values), 0)} MB/s, wall clock ({case}: 4 KB and 40 KB mails; p50, {runs})"


def peers_medians(doc, peer="Hyperscan"):
    """(safepost's medians, the peer's medians, safepost ÷ peer ratios, why not) from the peers run."""
    data = doc["runs"][-1]
    sp = data.get("safepost", {}).get("median")
    p = data.get("peers", {}).get(peer, {})
    if not sp:
        return None, None, None, "no safepost figures in the peers results"
    if "median" not in p:
        why = (data.get("not_run") or {}).get(peer)
        return sp, None, None, f"{peer} was not run" + (f" ({why})" if why else "")
    return sp, p["median"], p.get("ratio_safepost_over_peer", {}), None


def peers_runs(doc, of="median"):
    """How many interleaved runs the peers script made inside the layer's run."""
    runs = doc["runs"][-1].get("runs")
    n = len(runs) if isinstance(runs, list) else runs
    return f"{of} over {n} interleaved runs" if n not in (1, None) else "one run"


def figure_peers_ratio(doc, kind):
    """safepost ÷ Hyperscan by CPU time on short drafts or long text (median of per-run ratios)."""
    sp, hs, ratio, why = peers_medians(doc)
    if why or ratio.get(f"{kind}_cpu") is None:
        return None, why or f"no {kind} ratio in the peers results"
    key_sp, key_hs, unit = (("short_drafts_per_s_cpu", "short_lines_per_s_cpu", "drafts/s") if kind == "short"
                            else ("long_mb_per_s_cpu", "long_mb_per_s_cpu", "MB/s"))
    digits = 0 if kind == "short" else 1
    return ratio[f"{kind}_cpu"], (f"{num(ratio[f'{kind}_cpu'])}× by CPU time ({peers_runs(doc, 'median of the per-run ratios')}; "
                                  f"median {unit}: safepost {num(sp.get(key_sp), digits)}, "
                                  f"Hyperscan {num(hs.get(key_hs), digits)})")


def figure_peers_short(doc):
    """safepost's short drafts/s by CPU time in the peers run (in process, one core)."""
    sp = peers_medians(doc)[0]
    if not sp or sp.get("short_drafts_per_s_cpu") is None:
        return None, "no safepost figures in the peers results"
    v = sp["short_drafts_per_s_cpu"]
    return v, f"{num(v, 0)} drafts/s by CPU time (safepost in the peers run; {peers_runs(doc)})"


def figure_roster(doc, first=10, last=100_000):
    """Cost per short draft (CPU time) at `last` roster names ÷ at `first`: the median of the per-run ratios
    (the rate at `first` ÷ the rate at `last` in the same run)."""
    cases = dict(bench_cases(doc, lambda n: n in (f"Scaling.Roster{first}", f"Scaling.Roster{last}")))
    small, large = stat(cases.get(f"Scaling.Roster{first}", []), "rps_cpu"), stat(cases.get(f"Scaling.Roster{last}", []), "rps_cpu")
    costs = [a / b for a, b in zip(small, large) if b]
    if not costs:
        return None, f"the roster results lack {first:,} or {last:,} names"
    runs = f"median of the per-run ratios over {len(costs)} runs, {num(min(costs))}–{num(max(costs))}" \
        if len(costs) > 1 else "one run"
    return med(costs), f"{num(med(costs))}× by CPU time (cost per short draft at {last:,} names ÷ at {first:,}; {runs})"


def figure_rules(doc, by, largest=1000):
    """Cost per short draft with the most generated rules ÷ without any: by callgrind instructions or CPU time."""
    rows = sorted(doc["runs"][-1].get("rules", []), key=lambda r: r["generated_rules"])
    if not rows or rows[-1]["generated_rules"] < largest:
        return None, f"the rules results do not reach {largest:,} generated rules"
    base, top = rows[0], rows[-1]
    span = f"{top['patterns']:,} pattern lines vs {base['patterns']:,}"
    if by == "instructions":
        if top.get("instructions_relative") is None:
            return None, "no instruction counts in the rules results (valgrind was not run)"
        return top["instructions_relative"], (f"{num(top['instructions_relative'])}× instructions per draft, callgrind "
                                              f"({num(top.get('instructions_per_draft'), 0)} vs "
                                              f"{num(base.get('instructions_per_draft'), 0)}; {span})")
    if not top.get("relative_cpu"):
        return None, "no CPU times in the rules results"
    cost = 1 / top["relative_cpu"]
    runs = len(top.get("runs_cpu", []))
    runs = f"median of the per-run ratios over {runs} interleaved runs" if runs > 1 else "one run"
    return cost, (f"{num(cost)}× by CPU time ({runs}; median drafts/s {num(top.get('drafts_per_cpu_s'), 0)} vs "
                  f"{num(base.get('drafts_per_cpu_s'), 0)}; {span})")


# The issues' speed targets and the fixed thresholds the targets region checks the results against:
# (issue, the target in the issue's words, layer, figure, comparison, threshold, how the threshold reads).
TARGETS = (
    ("2 core", "≥ 250,000 short drafts/s on one core", "core",
     lambda d: figure_core(d, "Core.ShortDrafts", "rps_cpu", "drafts/s"), ">=", 250_000, "≥ 250,000/s by CPU time"),
    ("2 core", "≥ 300 MB/s on long clean text", "core",
     lambda d: figure_core(d, "Core.LongClean", "mbps_cpu", "MB/s"), ">=", 300, "≥ 300 MB/s by CPU time"),
    ("3 daemon", "≥ 60,000 short drafts/s at concurrency 64 (load generator included)", "daemon",
     lambda d: figure_daemon(d, 64, "rps", "requests/s", "wall clock"), ">=", 60_000, "≥ 60,000/s, wall clock"),
    ("3 daemon", "p99 under 1 ms at concurrency 8", "daemon",
     lambda d: figure_daemon(d, 8, "p99_us", "µs", "p99"), "<", 1000, "p99 < 1,000 µs, wall clock"),
    ("4 mail", "≥ 1,000 mails/s through the filter (process start included)", "mail",
     figure_mail, ">=", 1000, "≥ 1,000 mails/s, wall clock, at the best parallelism"),
    ("4 mail", "MIME parsing ≥ 200 MB/s", "mime", figure_mime, ">=", 200, "≥ 200 MB/s on the mix, wall clock"),
    ("5 peers", "short drafts ≥ 1.5× as fast as Hyperscan (same patterns and names)", "peers",
     lambda d: figure_peers_ratio(d, "short"), ">=", 1.5, "safepost ÷ Hyperscan ≥ 1.5 by CPU time"),
    ("5 peers", "long text at least as fast as Hyperscan's MB/s", "peers",
     lambda d: figure_peers_ratio(d, "long"), ">=", 1.0, "safepost ÷ Hyperscan ≥ 1 by CPU time"),
    ("5 peers", "≥ 1,000,000 short drafts/s on one core", "peers",
     figure_peers_short, ">=", 1_000_000, "≥ 1,000,000/s by CPU time"),
    ("5 scaling", "cost per draft within 1.5× from 10 to 100,000 roster names", "roster",
     figure_roster, "<=", 1.5, "cost at 100,000 ÷ at 10 ≤ 1.5 by CPU time"),
    ("5 scaling", "cost per draft close to flat as the rules grow (10 → 1,000 patterns)", "rules",
     lambda d: figure_rules(d, "instructions"), "<=", 1.5, "instructions per draft at 1,000 generated rules ÷ at none ≤ 1.5 (the roster's bound)"),
    ("5 scaling", "cost per draft close to flat as the rules grow (10 → 1,000 patterns)", "rules",
     lambda d: figure_rules(d, "cpu"), "<=", 1.5, "CPU time per draft at 1,000 generated rules ÷ at none ≤ 1.5"),
)
# Targets that `make bench` does not measure: fixed rows, not generated.
TARGETS_NOT_MEASURED = (
    ("2 core", "allocations per draft independent of its length",
     "*not generated*: a judgement over the allocations per request, per request without findings and per finding "
     "in [Allocations](#allocations) (core layer)"),
    ("3 daemon", "memory flat over a 10-minute run",
     "*not generated*: `make bench-daemon-memory` (600 s at 64 connections, RSS every 10 s), not part of `make bench`; "
     "see *Memory over 10 minutes* under [Daemon](#daemon-over-the-socket)"),
)
COMPARE = {">=": lambda v, t: v >= t, "<=": lambda v, t: v <= t, "<": lambda v, t: v < t}


def target_source(doc):
    """Where a target row's figure comes from: layer, commit, start time, runs, load average."""
    loads = [l.split()[0] for l in doc.get("load_before", []) + doc.get("load_after", []) if l and l != "?"]
    low, high = (min(loads, key=float), max(loads, key=float)) if loads else (None, None)
    load = "" if not loads else f", load {low}" if low == high else f", load {low}–{high}"
    commit = doc.get("commit", "?") + ("+" if doc.get("dirty") else "")
    runs = len(doc.get("runs", []))
    line = (f"{doc.get('layer', '?')} at `{commit}`, {doc.get('date_utc', '?')}"
            + (f", {runs} runs" if runs > 1 else "") + load)
    return line + (" (**quick subset**)" if doc.get("quick") else "")


def target_row(found, issue, target, layer, figure, op, threshold, check):
    """[issue, target, check, measured, from, status] for one target."""
    doc = found.get(layer)
    if doc is None:
        return [issue, target, check, f"no result (no {layer} layer recorded)", "–", "not measured"]
    value, text = figure(doc)
    if value is None:
        return [issue, target, check, f"no result: {text}", target_source(doc), "not measured"]
    return [issue, target, check, text, target_source(doc), "met" if COMPARE[op](value, threshold) else "**not met**"]


def targets_region(found):
    """The issues' speed targets against the newest results of each layer, thresholds from TARGETS;
    rows in the order of the issues, the fixed rows of TARGETS_NOT_MEASURED among them."""
    rows = [target_row(found, *t) for t in TARGETS]
    rows += [[issue, target, "–", text, "–", "not generated"] for issue, target, text in TARGETS_NOT_MEASURED]
    rows.sort(key=lambda r: int(r[0].split()[0]))
    files = [f"{layer} `{os.path.relpath(found[layer]['_path'], ROOT)}`" for layer in LAYERS if layer in found]
    lacking = [layer for layer in LAYERS if layer not in found]
    return "\n".join([
        "Results used: " + ("; ".join(files) or "none") + "." + (f" No results for: {', '.join(lacking)}." if lacking else ""),
        "", table(["issue", "target", "check", "measured", "from", "status"], rows, ["---"] * 6)])


# ---------------------------------------------------------------------------------------------
# Plots


def make_plots(found, images):
    """Redraws the PNGs whose layer has results; returns the names of those drawn."""
    try:
        sys.path.insert(0, HERE)
        import plot  # Benchmarks/scripts/plot.py: matplotlib, fixed size and style
    except ImportError as error:
        print(f"report.py: no plots ({error}); install python3-matplotlib (make bench-plot-deps)")
        return set()
    os.makedirs(images, exist_ok=True)
    drawn = set()

    def footer(doc):
        return {"date_utc": doc.get("date_utc"), "commit": doc.get("commit") + ("+" if doc.get("dirty") else ""),
                "load": " → ".join(filter(None, [((doc.get("load_before") or [""])[0].split() or [""])[0],
                                                  ((doc.get("load_after") or [""])[-1].split() or [""])[0]])),
                "command": (doc.get("target") or doc.get("command", "").replace(ROOT + "/", ""))
                           + (" (quick subset)" if doc.get("quick") and "BENCH_QUICK" not in (doc.get("target") or "") else "")}

    if "roster" in found and roster_rows(found["roster"]):
        rows = roster_rows(found["roster"])
        plot.scaling_plot(rows, "children", "children on the roster (carers grow with them; log scale)",
                          "Cost per short draft as the roster grows", images, "throughput-vs-roster.png", footer(found["roster"]),
                          per="rounds")
        drawn.add("throughput-vs-roster.png")
    if "rules" in found and found["rules"]["runs"][-1].get("rules"):
        data = dict(found["rules"]["runs"][-1])
        data.update(footer(found["rules"]))
        plot.rules_plot(data, images)
        drawn.add("throughput-vs-rules.png")
    if "peers" in found and found["peers"]["runs"][-1].get("safepost", {}).get("median"):
        plot.peers_plot(found["peers"]["runs"][-1], images)
        drawn.add("peers.png")
    if "daemon" in found and daemon_rows(found["daemon"]):
        data = {"rows": daemon_rows(found["daemon"])}
        data.update(footer(found["daemon"]))
        plot.latency_plot(data, images)
        drawn.add("latency-vs-concurrency.png")
    return drawn


# ---------------------------------------------------------------------------------------------


def generate(text, found, results_dir, plotted):
    makers = {
        "machine": lambda: machine_region(found, results_dir),
        "targets": lambda: targets_region(found),
        "core": lambda: core_region(found["core"]),
        "core-allocations": lambda: core_allocations_region(found["core"]),
        "roster": lambda: roster_region(found["roster"]),
        "rules": lambda: rules_region(found["rules"]),
        "peers": lambda: peers_region(found["peers"]),
        "daemon": lambda: daemon_region(found["daemon"], "latency-vs-concurrency.png" in plotted),
        "mail": lambda: mail_region(found["mail"]),
        "mime": lambda: mime_region(found["mime"]),
    }
    contents, notes = {}, []
    for name in find_regions(text):
        layer = REGIONS.get(name, name)
        if name not in makers:
            notes.append(f"bench:{name}: unknown region, left as it is")
            continue
        if (layer is not None and layer not in found) or (layer is None and not found):
            notes.append(f"bench:{name}: left as it is (no results for " + (f"layer {layer})" if layer else "any layer)"))
            continue
        content = makers[name]()
        if content is None:
            notes.append(f"bench:{name}: left as it is (the {layer or 'machine'} results hold nothing for it)")
            continue
        contents[name] = content
        notes.append(f"bench:{name}: written" + (f" from {os.path.relpath(found[layer]['_path'], ROOT)}" if layer else ""))
    for name in REGIONS:
        if name not in find_regions(text):
            notes.append(f"bench:{name}: no such region in the document")
    return replace_regions(text, contents), notes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", help="one results folder (default: newest results per layer)")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "performance.md"))
    ap.add_argument("--out", help="write the document here instead of in place")
    ap.add_argument("--images", default=os.path.join(ROOT, "docs", "images"))
    ap.add_argument("--include-quick", action="store_true")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args()

    with open(args.doc, encoding="utf-8") as f:
        text = f.read()
    try:
        find_regions(text)
    except MarkerError as error:
        print(f"report.py: {args.doc}: {error}; nothing written", file=sys.stderr)
        return 2
    found, missing = find_results(args.results, args.include_quick)
    for layer, why in missing.items():
        print(f"report.py: {layer}: no results used ({why})")
    plotted = set() if args.no_plots else make_plots(found, args.images)
    for layer, png in (("roster", "throughput-vs-roster.png"), ("rules", "throughput-vs-rules.png"),
                       ("peers", "peers.png"), ("daemon", "latency-vs-concurrency.png")):
        if png not in plotted:
            print(f"report.py: {png}: not redrawn" + (" (--no-plots)" if args.no_plots else f" (no {layer} results)"))
    new, notes = generate(text, found, args.results, plotted)
    for note in notes:
        print(f"report.py: {note}")
    out = args.out or args.doc
    if new != text or args.out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(new)
        print(f"report.py: wrote {os.path.relpath(out)}")
    else:
        print(f"report.py: {os.path.relpath(out)} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
