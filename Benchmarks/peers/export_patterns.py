#!/usr/bin/env python3
"""Exports the pattern list and the name list safepost scans with, for the peers.

    export_patterns.py RULES_DIR EXPORT_DIR

Reads every `pattern` line of RULES_DIR/rules/*.rules (files in name order, lines in file
order; see docs/rules.md) and EXPORT_DIR/names.txt (written by safepost-export from the
roster CSVs and setting.txt), and writes into EXPORT_DIR:

  patterns.json       [{"file", "line", "rule", "pattern"}] for every pattern line
  peer-patterns.txt   one regex per line: the rule patterns, then each name as \\bNAME\\b
                      (regex-escaped), for pcre2grep -f, ripgrep -f and Hyperscan
  names-literal.txt   the names, one per line (for -F style tools)

Deterministic: the same Rules folder and names give the same files.
"""
import json
import os
import re
import sys


def rule_patterns(rules_dir):
    out = []
    folder = os.path.join(rules_dir, "rules")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".rules"):
            continue
        rule = None
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for number, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                key, _, value = stripped.partition(" ")
                if key == "rule":
                    rule = value.strip()
                elif key == "pattern":
                    out.append({"file": f"rules/{name}", "line": number, "rule": rule, "pattern": value.strip()})
    return out


def escape_name(name):
    # PCRE2, Rust regex, Hyperscan and Python all accept a backslash before ASCII punctuation.
    return "".join("\\" + c if (c.isascii() and not c.isalnum() and c != " ") else c for c in name)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rules_dir, export_dir = sys.argv[1], sys.argv[2]
    patterns = rule_patterns(rules_dir)
    with open(os.path.join(export_dir, "names.txt"), encoding="utf-8") as f:
        names = [n.strip() for n in f if n.strip()]
    for p in patterns:
        if "\n" in p["pattern"]:
            sys.exit(f"{p['file']}:{p['line']}: a pattern with a line break cannot go in a -f file")
    with open(os.path.join(export_dir, "patterns.json"), "w", encoding="utf-8") as f:
        json.dump(patterns, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(export_dir, "peer-patterns.txt"), "w", encoding="utf-8") as f:
        for p in patterns:
            f.write(p["pattern"] + "\n")
        for n in names:
            f.write("\\b" + escape_name(n) + "\\b\n")
    with open(os.path.join(export_dir, "names-literal.txt"), "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in names))
    # Python re accepts every line? Report, do not fail: the peers decide what to do.
    bad = []
    for p in patterns:
        try:
            re.compile(p["pattern"])
        except re.error as e:
            bad.append(f"{p['file']}:{p['line']} ({p['rule']}): {e}")
    print(f"export_patterns: {len(patterns)} rule patterns from {len(set(p['rule'] for p in patterns))} rules, {len(names)} names"
          + (f"; Python re rejects {len(bad)}: " + "; ".join(bad) if bad else ""))


if __name__ == "__main__":
    main()
