#!/usr/bin/env python3
"""Runs one measuring step and records its results as JSON in a results folder.

    record.py --results DIR --layer NAME [--runs N] [--parse json|mailbench|jmh] [--cwd DIR] [--target TEXT] -- COMMAND ARG...
    record.py --results DIR --machine

COMMAND runs N times (default 1) in the current directory (or --cwd DIR), its output shown and kept in
DIR/NAME.log. In its arguments `{data}` becomes the path of one run's JSON
(DIR/NAME.run<i>.data.json) and `{dir}` a fresh folder for that run (DIR/NAME.run<i>/), so a
tool's own `--json {data}` or `--out {dir}` lands in the results folder. What each run gave:

  json       (default) the JSON file at {data}, or with {dir} the folder's results.json
  mailbench  safepost-mailbench's Markdown on standard output: every table under its `##` heading
  jmh        package-benchmark's `--format jmh --path {dir}` files in the run's folder

DIR/NAME.json then holds how it was measured and each run's data:

  {"layer", "status": "ok"|"failed", "exit_status", "command", "target", "commit", "dirty", "date_utc",
   "finished_utc", "seconds", "quick", "machine": {...}, "load_before", "load_after": [per run],
   "runs": [data of run 1, ...]}

Benchmarks/scripts/report.py reads these files. `--machine` writes DIR/machine.json only. The
`latest` link next to DIR (Benchmarks/results/latest) is pointed at DIR. Exit status: the
command's (the first failing run's), 0 when every run succeeded.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def load_average():
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else None
    except (OSError, subprocess.SubprocessError):
        return None


def machine():
    """What the figures were measured on: cores, CPU, memory, system, toolchain."""
    info = {"nproc": os.cpu_count(), "kernel": platform.release(), "arch": platform.machine()}
    try:
        info["nproc"] = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        pass
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            cpuinfo = f.read()
        for key, name in (("model name", "cpu_model"), ("cpu MHz", "cpu_mhz"), ("cpu family", "cpu_family"), ("model", "cpu_model_number")):
            m = re.search(rf"^{re.escape(key)}\s*:\s*(.+)$", cpuinfo, re.M)
            if m:
                info[name] = m.group(1).strip()
        info["hypervisor"] = bool(re.search(r"^flags\s*:.*\bhypervisor\b", cpuinfo, re.M))
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            m = re.search(r"^MemTotal:\s+(\d+) kB", f.read(), re.M)
            if m:
                info["memory_gib"] = round(int(m.group(1)) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            m = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', f.read(), re.M)
            if m:
                info["os"] = m.group(1)
    except OSError:
        pass
    if shutil.which("systemd-detect-virt"):
        virt = first_line(["systemd-detect-virt"])
        if virt and virt != "none":
            info["virtualization"] = virt
    swift = first_line([os.environ.get("BENCH_SWIFT", "swift"), "--version"])
    if swift:
        info["swift"] = swift
    return info


def commit():
    """The checkout's commit, and whether the code measured differs from it."""
    def git(*args):
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = bool(git("status", "--porcelain", "--", "Sources", "Rules", "Package.swift", "Benchmarks/Sources",
                     "Benchmarks/Benchmarks", "Benchmarks/Package.swift"))
    return head, dirty


def parse_markdown_tables(text):
    """Every Markdown table of `text`, under the `##` heading above it: {heading: [row dicts]}."""
    tables, heading, header, rows = {}, "", None, None
    for line in text.splitlines() + [""]:
        s = line.strip()
        if s.startswith("#"):
            heading = s.lstrip("#").strip()
        if s.startswith("|") and s.endswith("|"):
            cells = [c.strip() for c in s[1:-1].split("|")]
            if header is None:
                header, rows = cells, []
            elif all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            else:
                rows.append(dict(zip(header, cells)))
            continue
        if header is not None:
            key = heading
            while key in tables:
                key += " (again)"
            tables[key] = rows
            header, rows = None, None
    return tables


def parse_mailbench(stdout):
    data = {"tables": parse_markdown_tables(stdout)}
    m = re.search(r"Exit statuses checked: (\d+) mails, (\d+) not what", stdout)
    if m:
        data["mails_checked"], data["unexpected_exits"] = int(m.group(1)), int(m.group(2))
    m = re.search(r"^- pool: (.+)$", stdout, re.M)
    if m:
        data["pool"] = m.group(1)
    return data


def parse_jmh(folder):
    """package-benchmark's jmh files: per benchmark, the p50 of the primary metric (throughput)
    and the median of each secondary metric's raw data (BytesPerSecond, Malloc (total), ...)."""
    out = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.json"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        for entry in entries:
            primary = entry.get("primaryMetric", {})
            row = {"unit": primary.get("scoreUnit"), "throughput_p50": primary.get("scorePercentiles", {}).get("50.0"),
                   "iterations": entry.get("measurementIterations"), "secondary": {}}
            for name, metric in (entry.get("secondaryMetrics") or {}).items():
                raw = sorted(v for r in metric.get("rawData", []) for v in r)
                if raw:
                    row["secondary"][name] = {"p50": metric.get("scorePercentiles", {}).get("50.0"),
                                              "median": raw[len(raw) // 2] if len(raw) % 2 else (raw[len(raw) // 2 - 1] + raw[len(raw) // 2]) / 2,
                                              "min": raw[0], "max": raw[-1], "unit": metric.get("scoreUnit")}
            out[entry["benchmark"]] = row
    return {"benchmarks": out}


def point_latest(results):
    parent = os.path.dirname(os.path.abspath(results))
    if os.path.basename(parent) != "results":
        return
    link = os.path.join(parent, "latest")
    if os.path.islink(link) or not os.path.exists(link):
        tmp = link + ".tmp"
        if os.path.lexists(tmp):
            os.remove(tmp)
        os.symlink(os.path.basename(os.path.abspath(results)), tmp)
        os.replace(tmp, link)


def write_json(path, document):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", required=True, help="results folder (created)")
    ap.add_argument("--layer", help="name of the measuring step: core, roster, rules, peers, daemon, mail, mime")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--parse", choices=("json", "mailbench", "jmh"), default="json")
    ap.add_argument("--machine", action="store_true", help="only write machine.json")
    ap.add_argument("--cwd", help="run the command in this directory")
    ap.add_argument("--target", help="how to repeat it, for the report (e.g. make bench-record-core)")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    # Under `make -n`, make still runs recipe lines that call $(MAKE): say what would run, record nothing.
    flags = os.environ.get("MAKEFLAGS", "").split()
    if flags and not flags[0].startswith("-") and "n" in flags[0]:
        print(f"record.py (make -n, nothing run): {' '.join(args.command)}")
        return 0
    args.results = os.path.abspath(args.results)  # commands may run in another directory
    os.makedirs(args.results, exist_ok=True)
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    head, dirty = commit()

    if args.machine:
        write_json(os.path.join(args.results, "machine.json"),
                   {"machine": machine(), "commit": head, "dirty": dirty, "date_utc": now_utc(), "load": load_average(), "quick": quick})
        point_latest(args.results)
        print(f"record.py: wrote {os.path.relpath(os.path.join(args.results, 'machine.json'))}")
        return 0

    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not args.layer or not command:
        ap.error("--layer NAME and a command after -- are needed")

    layer = args.layer
    log_path = os.path.join(args.results, f"{layer}.log")
    document = {"layer": layer, "command": (f"cd {args.cwd} && " if args.cwd else "") + " ".join(command), "target": args.target, "commit": head, "dirty": dirty, "date_utc": now_utc(),
                "quick": quick, "machine": machine(), "runs": [], "load_before": [], "load_after": [],
                "parse": args.parse, "status": "ok", "exit_status": 0}
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        for i in range(1, args.runs + 1):
            data_path = os.path.join(args.results, f"{layer}.run{i}.data.json")
            run_dir = os.path.join(args.results, f"{layer}.run{i}")
            argv = [a.replace("{data}", data_path).replace("{dir}", run_dir) for a in command]
            if any("{dir}" in a for a in command):
                shutil.rmtree(run_dir, ignore_errors=True)
                os.makedirs(run_dir)
            if os.path.exists(data_path):
                os.remove(data_path)
            before = load_average()
            header = f"record.py: {layer} run {i}/{args.runs} (load average {before}): {' '.join(argv)}"
            print(header, flush=True)
            log.write(header + "\n")
            proc = subprocess.Popen(argv, cwd=args.cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
            captured = []
            for line in proc.stdout:
                sys.stdout.write(line)
                sys.stdout.flush()
                log.write(line)
                captured.append(line)
            status = proc.wait()
            document["load_before"].append(before)
            document["load_after"].append(load_average())
            if status != 0:
                document["status"], document["exit_status"] = "failed", status
                print(f"record.py: {layer} run {i} failed (exit {status}); see {os.path.relpath(log_path)}", flush=True)
                break
            try:
                if args.parse == "mailbench":
                    data = parse_mailbench("".join(captured))
                elif args.parse == "jmh":
                    data = parse_jmh(run_dir)
                else:
                    path = data_path if os.path.exists(data_path) else os.path.join(run_dir, "results.json")
                    with open(path, encoding="utf-8") as f:
                        data = json.load(f)
            except (OSError, ValueError) as error:
                document["status"], document["exit_status"] = "failed", 1
                print(f"record.py: {layer} run {i}: no results to read: {error}", flush=True)
                break
            document["runs"].append(data)
    document["seconds"] = round(time.monotonic() - started, 1)
    document["finished_utc"] = now_utc()
    out = os.path.join(args.results, f"{layer}.json")
    write_json(out, document)
    point_latest(args.results)
    print(f"record.py: wrote {os.path.relpath(out)} ({document['status']}, {len(document['runs'])} run(s), {document['seconds']} s)")
    return document["exit_status"]


if __name__ == "__main__":
    sys.exit(main())
