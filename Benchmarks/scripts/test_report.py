#!/usr/bin/env python3
"""Tests of the report generator (report.py) and the recorder (record.py): markers replaced,
prose kept byte for byte, missing results leave a region alone and say so, quick runs kept out
of docs unless asked for. No Swift build, no measuring: the results are small fixtures.

    cd Benchmarks/scripts && python3 -m unittest -v test_report     (make bench-report-test)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402
import report  # noqa: E402

DOC = """# Performance

Prose before, with a table that is *not* generated:

| a | b |
|---|---|
| 1 | 2 |

## Machine

<!-- bench:machine -->
- hand-written machine
<!-- /bench:machine -->

## Core

Text about the core, kept.

<!-- bench:core -->
| benchmark | old |
|---|---:|
| Core.ShortDrafts | 192,589 |
<!-- /bench:core -->

Between the regions: kept.

<!-- bench:core-allocations -->
old allocations
<!-- /bench:core-allocations -->

## Daemon

<!-- bench:daemon -->
old daemon table
<!-- /bench:daemon -->

## Mail

<!-- bench:mail -->
old mail table
<!-- /bench:mail -->

Trailing prose, kept.
"""


def bench_run(short_rps):
    row = lambda name, rps, mb, allocs: {  # noqa: E731
        "name": name, "children": 30, "requests": 1000, "average_bytes": 154.0, "fingerprint": "x", "rounds": 11,
        "rps_wall": {"median": rps, "min": rps * 0.9, "max": rps * 1.1}, "mbps_wall": {"median": mb, "min": mb, "max": mb},
        "rps_cpu": {"median": rps * 1.5, "min": rps, "max": rps * 2}, "mbps_cpu": {"median": mb * 1.5, "min": mb, "max": mb},
        "allocations_per_request": allocs, "clean_requests": 981, "allocations_per_clean_request": 0.0,
        "findings": 32, "allocations_per_finding": 5.38}
    return {"rows": [row("Core.ShortDrafts", short_rps, 20.0, 0.17), row("Core.LongClean", 40.0, 40.0, 20.0)],
            "rounds": 11, "seconds_per_round": 0.02, "date_utc": "2026-11-26T05:00:00Z"}


def layer_doc(layer, runs, quick=False, status="ok"):
    return {"layer": layer, "status": status, "exit_status": 0 if status == "ok" else 1, "command": f"make bench-record-{layer}",
            "commit": "abc1234", "dirty": False, "date_utc": "2026-11-26T05:00:00Z", "finished_utc": "2026-11-26T05:01:00Z",
            "seconds": 60, "quick": quick, "machine": {"nproc": 2, "cpu_model": "Test CPU", "memory_gib": 23.0},
            "load_before": ["1.50 1.00 0.50"] * len(runs), "load_after": ["2.00 1.00 0.50"] * len(runs), "runs": runs}


MAILBENCH_OUT = """# safepost-mailbench

- pool: 1000 mails, 1 bytes

## Start-up (one process at a time, 30 runs, after 10 unmeasured; load 1.0 1.0 1.0)

| command | median ms | p90 ms |
|---|---:|---:|
| `safepost-mail-filter --help` | 1.13 | 1.50 |

## Mails through the filter (300 per round, 1 rounds per parallelism; medians of the rounds)

| parallel | mails/s (median) | rounds (mails/s) | p50 ms | p90 ms | p99 ms | max ms | filter+sendmail CPU ms/mail | safepostd CPU ms/mail | unexpected exits | load at end |
|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|
| 1 | 122 | 122 | 8.7 | 15.9 | 27.7 | 40.0 | 3.10 | 0.75 | 0 | 1.0 1.0 1.0 |
| 4 | 322 | 322 | 15.5 | 39.0 | 58.9 | 80.0 | 3.20 | 0.80 | 0 | 1.0 1.0 1.0 |

Exit statuses checked: 600 mails, 0 not what their label expects (69 for block, 0 otherwise).
"""


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.results = os.path.join(self.tmp.name, "results", "20261126T050000Z")
        os.makedirs(self.results)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, layer, doc):
        with open(os.path.join(self.results, f"{layer}.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f)

    def found(self, include_quick=False):
        found, missing = report.find_results(self.results, include_quick)
        return found, missing


class RegionTests(Fixture):
    def test_markers_replaced_and_prose_kept(self):
        self.write("core", layer_doc("core", [bench_run(100_000), bench_run(200_000), bench_run(300_000)]))
        found, _ = self.found()
        new, notes = report.generate(DOC, found, self.results, set())
        # The core regions are new ...
        self.assertIn("| Core.ShortDrafts | 154 | 200,000 (100,000–300,000) |", new)
        self.assertIn("**300,000**", new)  # CPU median of 150k, 300k, 450k
        self.assertNotIn("192,589", new)
        self.assertNotIn("old allocations", new)
        self.assertIn("| Core.ShortDrafts | 0.17 | 0.00 (981 requests) | 5.38 (32 findings) |", new)
        self.assertIn("`abc1234`", new)
        self.assertIn("make bench-record-core", new)
        # ... the machine region too (from the layer's machine) ...
        self.assertIn("Test CPU", new)
        self.assertNotIn("hand-written machine", new)
        # ... the regions without results are byte for byte what they were, and say so.
        self.assertIn("<!-- bench:daemon -->\nold daemon table\n<!-- /bench:daemon -->", new)
        self.assertTrue(any("bench:daemon: left as it is" in n for n in notes), notes)
        # Everything outside the markers is unchanged.
        self.assertEqual(self.outside(DOC), self.outside(new))
        # Markers stay, once each.
        for name in ("machine", "core", "core-allocations", "daemon", "mail"):
            self.assertEqual(new.count(f"<!-- bench:{name} -->"), 1)
            self.assertEqual(new.count(f"<!-- /bench:{name} -->"), 1)
        # Generating again from the same results changes nothing.
        again, _ = report.generate(new, found, self.results, set())
        self.assertEqual(again, new)

    @staticmethod
    def outside(text):
        regions = report.find_regions(text)
        pieces, last = [], 0
        for start, end in sorted(regions.values()):
            pieces.append(text[last:start])
            last = end
        pieces.append(text[last:])
        return pieces

    def test_no_results_leaves_document_as_is(self):
        found, missing = self.found()
        self.assertEqual(set(missing), set(report.LAYERS))
        new, notes = report.generate(DOC, found, None, set())
        self.assertEqual(new, DOC)
        self.assertTrue(all("left as it is" in n or "no such region" in n for n in notes), notes)

    def test_failed_and_quick_results_are_not_used(self):
        self.write("core", layer_doc("core", [bench_run(1)], quick=True))
        self.write("daemon", layer_doc("daemon", [], status="failed"))
        found, missing = self.found()
        self.assertNotIn("core", found)
        self.assertIn("quick run", missing["core"])
        self.assertIn("failed", missing["daemon"])
        found, _ = self.found(include_quick=True)
        new, _ = report.generate(DOC, found, self.results, set())
        self.assertIn("Quick subset (BENCH_QUICK=1)", new)

    def test_daemon_and_mail(self):
        rows = [{"kind": k, "concurrency": c, "runs": 3, "rps": 1000.0 * c, "p50_us": 50.0, "p90_us": 80.0, "p99_us": 99.0,
                 "p999_us": 500.0, "load_cpu_us_per_request": 10.0, "daemon_cpu_us_per_request": 25.0, "errors": 0}
                for k in ("email", "short") for c in (64, 1, 8)]
        self.write("daemon", layer_doc("daemon", [{"rows": rows, "date_utc": "x", "command": "safepost-load"}]))
        self.write("mail", layer_doc("mail", [record.parse_mailbench(MAILBENCH_OUT)]))
        found, _ = self.found()
        new, _ = report.generate(DOC, found, self.results, {"latency-vs-concurrency.png"})
        daemon = new[new.index("<!-- bench:daemon -->"):new.index("<!-- /bench:daemon -->")]
        lines = [l for l in daemon.splitlines() if l.startswith("| short") or l.startswith("| email")]
        self.assertEqual([l.split(" | ")[:2] for l in lines],
                         [["| short", "1"], ["| short", "8"], ["| short", "64"], ["| email", "1"], ["| email", "8"], ["| email", "64"]])
        self.assertIn("| short | 64 | 64,000 | 50.0 | 99.0 | 500.0 | 25.0 | 10.0 | 0 |", daemon)
        self.assertIn("images/latency-vs-concurrency.png", daemon)
        mail = new[new.index("<!-- bench:mail -->"):new.index("<!-- /bench:mail -->")]
        self.assertIn("| 4 | **322** | 322 | 15.5 / 39.0 / 58.9 | 3.20 | 0.80 | 0 |", mail)
        self.assertIn("Exit statuses checked: 600 mails, 0 not", mail)
        self.assertIn("| `safepost-mail-filter --help` | 1.13 | 1.50 |", mail)

    def test_roster_rules_peers_mime(self):
        def roster_run(cpu100k):
            rows = []
            for children, cpu in ((10, 200_000.0), (1_000, 190_000.0), (100_000, cpu100k)):
                rows.append({"name": f"Scaling.Roster{children}", "children": children, "average_bytes": 155.0,
                             "rps_wall": {"median": cpu / 2}, "rps_cpu": {"median": cpu}, "allocations_per_request": 0.2})
            return {"rows": rows}
        self.write("roster", layer_doc("roster", [roster_run(20_000.0), roster_run(40_000.0), roster_run(30_000.0)]))
        jmh = {"benchmarks": {"package.benchmark.Mail.Mail.Parse4KB": {
            "throughput_p50": 24, "secondary": {"BytesPerSecond": {"p50": 101_000_000}, "Malloc (total)": {"median": 60_000},
                                                "Time (wall clock)": {"p50": 40_000.0}}}}}
        self.write("mime", layer_doc("mime", [jmh]))
        peers_json = os.path.join(report.ROOT, "Benchmarks", "peers", "results.json")
        rules_json = os.path.join(report.ROOT, "Benchmarks", "peers", "rules-scaling.json")
        for layer, path in (("peers", peers_json), ("rules", rules_json)):
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    self.write(layer, layer_doc(layer, [json.load(f)]))
        doc = DOC + "\n".join(f"<!-- bench:{n} -->\nold {n}\n<!-- /bench:{n} -->\n" for n in ("roster", "rules", "peers", "mime"))
        found, _ = self.found()
        new, _ = report.generate(doc, found, self.results, set())
        self.assertIn("| 100,000 | 15,000 (10,000–20,000) | 30,000 (20,000–40,000) | 0.15 | 0.20 |", new)
        self.assertIn("| Mail.Parse4KB | 101 | **101** | 25,000 | 60 |", new)
        if os.path.exists(peers_json):
            self.assertIn("| safepost (in-process, full screening) |", new)
            self.assertNotIn("old peers", new)
        if os.path.exists(rules_json):
            self.assertIn("| 1,000 | 1,031 (1,027) |", new)
            self.assertNotIn("old rules", new)

    def write_targets_fixture(self):
        """Results for every layer but mail: some targets met, some not."""
        self.write("core", layer_doc("core", [bench_run(100_000), bench_run(200_000), bench_run(300_000)]))
        roster = [{"rows": [{"name": f"Scaling.Roster{n}", "children": n, "rps_cpu": {"median": cpu}, "rps_wall": {"median": cpu}}
                            for n, cpu in ((10, 200_000.0), (100_000, rate))]} for rate in (100_000.0, 150_000.0, 190_000.0)]
        self.write("roster", layer_doc("roster", roster))
        rules = [{"generated_rules": g, "patterns": g + 31, "pattern_rules": g + 27, "instructions_per_draft": i,
                  "instructions_relative": i / 24_000, "drafts_per_cpu_s": cpu, "relative_cpu": cpu / 200_000,
                  "runs_cpu": [cpu] * 7} for g, i, cpu in ((0, 24_000.0, 200_000.0), (1000, 24_240.0, 100_000.0))]
        self.write("rules", layer_doc("rules", [{"rules": rules}]))
        peers = {"runs": [{}] * 5, "not_run": {},
                 "safepost": {"median": {"short_drafts_per_s_cpu": 1_200_000.0, "short_drafts_per_s_wall": 1_100_000.0,
                                         "long_mb_per_s_cpu": 50.0, "long_mb_per_s_wall": 49.0}},
                 "peers": {"Hyperscan": {"median": {"short_lines_per_s_cpu": 600_000.0, "short_lines_per_s_wall": 600_000.0,
                                                    "long_mb_per_s_cpu": 100.0, "long_mb_per_s_wall": 100.0},
                                         "ratio_safepost_over_peer": {"short_cpu": 2.0, "short_wall": 1.8, "long_cpu": 0.5,
                                                                      "long_wall": 0.49}}}}
        self.write("peers", layer_doc("peers", [peers]))
        daemon = [{"kind": "short", "concurrency": c, "runs": 3, "rps": rps, "p50_us": 100.0, "p99_us": p99, "p999_us": 3000.0,
                   "errors": 0} for c, rps, p99 in ((64, 59_999.0, 2000.0), (8, 50_000.0, 999.0))]
        self.write("daemon", layer_doc("daemon", [{"rows": daemon}]))
        jmh = {"benchmarks": {"package.benchmark.Mail.Mail.ParseMix": {"secondary": {"BytesPerSecond": {"p50": 250e6}}}}}
        self.write("mime", layer_doc("mime", [jmh]))

    def targets_rows(self, text):
        region = text[text.index("<!-- bench:targets -->"):text.index("<!-- /bench:targets -->")]
        return [[c.strip() for c in l.strip("|").split(" | ")] for l in region.splitlines() if l.startswith("| ")][1:]

    def test_targets(self):
        self.write_targets_fixture()
        doc = DOC.replace("## Machine", "## Targets\n\n<!-- bench:targets -->\nold targets\n<!-- /bench:targets -->\n\n## Machine")
        found, _ = self.found()
        new, notes = report.generate(doc, found, self.results, set())
        self.assertIn("bench:targets: written", notes)
        self.assertNotIn("old targets", new)
        rows = self.targets_rows(new)
        self.assertEqual(len(rows), len(report.TARGETS) + len(report.TARGETS_NOT_MEASURED))
        status = {(r[0], r[2]): r[-1] for r in rows}
        # Core: CPU medians 300,000 drafts/s (met) and 60 MB/s (not met); the source cites layer and commit.
        self.assertEqual(status[("2 core", "≥ 250,000/s by CPU time")], "met")
        self.assertEqual(status[("2 core", "≥ 300 MB/s by CPU time")], "**not met**")
        core = [r for r in rows if r[2] == "≥ 250,000/s by CPU time"][0]
        self.assertIn("300,000 drafts/s by CPU time", core[3])
        self.assertIn("core at `abc1234`", core[4])
        self.assertIn("load 1.50–2.00", core[4])
        # Daemon: 59,999/s just under 60,000; p99 999 µs just under 1 ms.
        self.assertEqual(status[("3 daemon", "≥ 60,000/s, wall clock")], "**not met**")
        self.assertEqual(status[("3 daemon", "p99 < 1,000 µs, wall clock")], "met")
        # Mail: no results → no number, "not measured"; MIME 250 MB/s met.
        mail = [r for r in rows if r[0] == "4 mail" and "mails/s" in r[2]][0]
        self.assertEqual(mail[3:], ["no result (no mail layer recorded)", "–", "not measured"])
        self.assertEqual(status[("4 mail", "≥ 200 MB/s on the mix, wall clock")], "met")
        self.assertIn("No results for: mail.", new)
        # Peers: 2× Hyperscan on short drafts (met), 0.5× on long text (not met), 1,200,000 drafts/s (met).
        peers = [r[-1] for r in rows if r[0] == "5 peers"]
        self.assertEqual(peers, ["met", "**not met**", "met"])
        # Roster: per-run costs 2, 1.33, 1.05 → median 1.33 ≤ 1.5; rules: 1.01× instructions, 2× CPU time.
        scaling = [r for r in rows if r[0] == "5 scaling"]
        self.assertIn("1.33× by CPU time", scaling[0][3])
        self.assertEqual([r[-1] for r in scaling], ["met", "met", "**not met**"])
        # The fixed rows say they are not generated.
        self.assertEqual(sum(r[-1] == "not generated" for r in rows), len(report.TARGETS_NOT_MEASURED))
        # The other regions are what they would be without the targets region, and the prose is kept.
        without, _ = report.generate(DOC, found, self.results, set())
        start, end = new.index("## Targets"), new.index("## Machine")
        self.assertEqual(new[:start] + new[end:], without)
        self.assertEqual(self.outside(new), self.outside(doc))
        again, _ = report.generate(new, found, self.results, set())
        self.assertEqual(again, new)

    def test_targets_not_measured(self):
        """A layer whose results lack a target's figure says so; no layer at all leaves the region alone."""
        self.write("daemon", layer_doc("daemon", [{"rows": [{"kind": "email", "concurrency": 64, "rps": 1.0, "p99_us": 1.0}]}]))
        self.write("peers", layer_doc("peers", [{"runs": [{}], "safepost": {"median": {"short_drafts_per_s_cpu": 1.0}},
                                                  "peers": {}, "not_run": {"Hyperscan": "pip install failed"}}]))
        doc = "<!-- bench:targets -->\nold\n<!-- /bench:targets -->\n"
        found, _ = self.found()
        new, _ = report.generate(doc, found, self.results, set())
        rows = self.targets_rows(new)
        daemon = [r for r in rows if r[0] == "3 daemon" and r[-1] != "not generated"]
        self.assertEqual([r[-1] for r in daemon], ["not measured", "not measured"])
        self.assertIn("no result: no short-draft row at 64 connections", daemon[0][3])
        self.assertIn("daemon at `abc1234`", daemon[0][4])
        peers = [r for r in rows if r[0] == "5 peers"]
        self.assertIn("Hyperscan was not run (pip install failed)", peers[0][3])
        self.assertEqual([r[-1] for r in peers], ["not measured", "not measured", "**not met**"])
        self.assertEqual({r[-1] for r in rows if r[0] == "2 core"}, {"not measured", "not generated"})
        empty, notes = report.generate(doc, {}, None, set())
        self.assertEqual(empty, doc)
        self.assertIn("bench:targets: left as it is (no results for any layer)", notes)

    def test_broken_markers_are_refused(self):
        for text in ("<!-- bench:core -->\nx\n", "x\n<!-- /bench:core -->\n",
                     "<!-- bench:a -->\n<!-- bench:b -->\n<!-- /bench:b -->\n<!-- /bench:a -->\n",
                     "<!-- bench:a -->\n<!-- /bench:a -->\n<!-- bench:a -->\n<!-- /bench:a -->\n"):
            with self.assertRaises(report.MarkerError):
                report.find_regions(text)

    def test_command_line_writes_out_and_keeps_doc(self):
        """report.py --out: the source document is not touched; a broken document exits 2."""
        self.write("core", layer_doc("core", [bench_run(100_000)]))
        doc = os.path.join(self.tmp.name, "performance.md")
        out = os.path.join(self.tmp.name, "preview.md")
        with open(doc, "w", encoding="utf-8") as f:
            f.write(DOC)
        proc = subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "--results", self.results, "--doc", doc,
                               "--out", out, "--no-plots"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("bench:daemon: left as it is", proc.stdout)
        self.assertIn("bench:core: written", proc.stdout)
        with open(doc, encoding="utf-8") as f:
            self.assertEqual(f.read(), DOC)
        with open(out, encoding="utf-8") as f:
            self.assertIn("| Core.ShortDrafts | 154 | 100,000 |", f.read())
        with open(doc, "w", encoding="utf-8") as f:
            f.write(DOC.replace("<!-- /bench:mail -->", ""))
        proc = subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "--results", self.results, "--doc", doc,
                               "--no-plots"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)

    def test_the_real_document_has_every_region(self):
        with open(os.path.join(report.ROOT, "docs", "performance.md"), encoding="utf-8") as f:
            regions = report.find_regions(f.read())
        self.assertEqual(set(regions), set(report.REGIONS))


class RecordTests(unittest.TestCase):
    def test_runs_command_and_records(self):
        with tempfile.TemporaryDirectory() as tmp:
            results = os.path.join(tmp, "r")
            script = "import json, sys; json.dump({'rows': [{'n': int(sys.argv[2])}]}, open(sys.argv[1], 'w')); print('hello')"
            proc = subprocess.run([sys.executable, os.path.join(HERE, "record.py"), "--results", results, "--layer", "core",
                                   "--runs", "2", "--", sys.executable, "-c", script, "{data}", "7"],
                                  capture_output=True, text=True)
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
            with open(os.path.join(results, "core.json"), encoding="utf-8") as f:
                doc = json.load(f)
            self.assertEqual(doc["status"], "ok")
            self.assertEqual(doc["runs"], [{"rows": [{"n": 7}]}] * 2)
            self.assertEqual(len(doc["load_before"]), 2)
            self.assertIn("nproc", doc["machine"])
            with open(os.path.join(results, "core.log"), encoding="utf-8") as f:
                self.assertEqual(f.read().splitlines().count("hello"), 2)

    def test_failing_command_is_recorded_as_failed(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([sys.executable, os.path.join(HERE, "record.py"), "--results", tmp, "--layer", "mail",
                                   "--", sys.executable, "-c", "raise SystemExit(3)"], capture_output=True, text=True)
            self.assertEqual(proc.returncode, 3)
            with open(os.path.join(tmp, "mail.json"), encoding="utf-8") as f:
                self.assertEqual(json.load(f)["status"], "failed")

    def test_jmh_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            entry = {"benchmark": "package.benchmark.Mail.Mail.ParseMix", "measurementIterations": 21,
                     "primaryMetric": {"scoreUnit": "# / s", "scorePercentiles": {"50.0": 13}, "rawData": [[12, 13, 14]]},
                     "secondaryMetrics": {"BytesPerSecond": {"scoreUnit": "#", "scorePercentiles": {"50.0": 275e6},
                                                             "rawData": [[270e6, 275e6, 280e6, 290e6]]}}}
            with open(os.path.join(tmp, "Mail.json"), "w", encoding="utf-8") as f:
                json.dump([entry], f)
            data = record.parse_jmh(tmp)["benchmarks"]["package.benchmark.Mail.Mail.ParseMix"]
            self.assertEqual(data["throughput_p50"], 13)
            self.assertEqual(data["secondary"]["BytesPerSecond"]["p50"], 275e6)
            self.assertEqual(data["secondary"]["BytesPerSecond"]["median"], 277.5e6)

    def test_mailbench_tables(self):
        data = record.parse_mailbench(MAILBENCH_OUT)
        mails = [rows for h, rows in data["tables"].items() if h.startswith("Mails through")][0]
        self.assertEqual([r["parallel"] for r in mails], ["1", "4"])
        self.assertEqual(mails[1]["mails/s (median)"], "322")
        self.assertEqual(data["mails_checked"], 600)


if __name__ == "__main__":
    unittest.main()
