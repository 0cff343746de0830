#!/usr/bin/env python3
"""Consistency check for the labelled corpus (format and the mechanical label rules).

Usage: python3 Corpus/check_corpus.py [Corpus/drafts.jsonl] [--rules DIR] [--stats]

Checks: every line is a JSON object with the request and label fields; ids are unique;
categories are known and `expect`/`may` do not overlap; `working-hours` is expected exactly
when a staff-like draft (staff, student or no author) has a `sent_at` inside the working
hours of DIR/policy.conf (its [hours] days, from, to, `also` windows and zone); parents and
committee never *expect* `setting-name`, `working-hours` or `safeguarding`; staff
`safeguarding`/`learning-journey` come with `child-mention` (expected or allowed); approved markers from
DIR/approved.csv are used before (live) or after (expired) their expiry date as the labels
assume. DIR is a folder with a setting's policy.conf and approved.csv (default: Rules/; a
corpus of another setting passes its own `rules/` folder).
"""
import csv, json, sys
from collections import Counter
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

CATS = ["child-mention", "personal-info", "setting-name", "workplace-remark", "photo",
        "parent-contact", "learning-journey", "safeguarding", "working-hours"]
ROLES = ["staff", "student", "parent", "committee"]
ROOT = Path(__file__).resolve().parent.parent
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def read_hours(policy):
    """The [hours] of a policy.conf as (windows, zone): windows are (weekdays, from, to)."""
    values, more, section = {}, [], None
    for raw in open(policy, encoding="utf-8"):
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif section == "hours" and "=" in line:
            key, value = (part.strip() for part in line.split("=", 1))
            if key == "also":
                more.append(value)
            else:
                values[key] = value

    def clock(s):
        h, m = s.split(":")
        return time(23, 59, 59) if int(h) == 24 else time(int(h), int(m))

    def days(s):
        return {DAYS.index(w[:3]) for w in s.lower().replace(",", " ").split()}

    windows = [(days(values["days"]), clock(values["from"]), clock(values["to"]))]
    for value in more:
        *names, span = value.replace(",", " ").split()
        start, end = span.split("-")
        windows.append((days(" ".join(names)), clock(start), clock(end)))
    return windows, ZoneInfo(values["zone"])


def in_hours(stamp, hours):
    dt = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        raise ValueError("sent_at without offset")
    windows, zone = hours
    local = dt.astimezone(zone)
    return any(local.weekday() in d and start <= local.time() <= end for d, start, end in windows)


def main():
    argv = sys.argv[1:]
    rules = ROOT / "Rules"
    if "--rules" in argv:
        k = argv.index("--rules")
        rules = Path(argv[k + 1])
        del argv[k:k + 2]
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else Path(__file__).resolve().parent / "drafts.jsonl"
    # A file the folder does not hold is the shipped one, as `safepost eval` is run on a copy of
    # Rules/ with the setting's own files over it.
    own = lambda name: rules / name if (rules / name).exists() else ROOT / "Rules" / name
    hours_of = read_hours(own("policy.conf"))
    markers = {}
    with open(own("approved.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            markers[row["marker"]] = row["expires"]
    errors, rows, seen = [], [], set()
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: invalid JSON ({e})")
            continue
        rows.append(r)
        rid = r.get("id", f"line {n}")
        def err(msg):
            errors.append(f"{rid}: {msg}")
        for key in ("id", "text", "channel", "expect", "may", "note"):
            if key not in r:
                err(f"missing {key}")
        if rid in seen:
            err("duplicate id")
        seen.add(rid)
        exp, may = r.get("expect", []), r.get("may", [])
        for c in exp + may:
            if c not in CATS:
                err(f"unknown category {c}")
        if set(exp) & set(may):
            err("category in both expect and may")
        author = r.get("author") or {}
        role = author.get("role") or "staff"
        if role not in ROLES:
            err(f"unknown role {role}")
        staff = role in ("staff", "student")
        if "sent_at" in r:
            hours = in_hours(r["sent_at"], hours_of)
            if staff and hours and "working-hours" not in exp:
                err("staff draft sent in working hours but working-hours not expected")
            if (not staff or not hours) and "working-hours" in exp + may:
                err("working-hours labelled but the draft is outside hours or not by staff")
        elif "working-hours" in exp + may:
            err("working-hours without sent_at")
        if not staff:
            for c in ("setting-name", "working-hours", "safeguarding"):
                if c in exp:
                    err(f"{c} expected for a {role} draft")
        elif ("safeguarding" in exp or "learning-journey" in exp) and "child-mention" not in exp + may:
            err("staff safeguarding/learning-journey without child-mention")
        text = r.get("text", "") + "\n" + r.get("subject", "")
        for marker, expires in markers.items():
            if marker in text and "sent_at" in r:
                day = r["sent_at"][:10]
                live = day <= expires
                if staff and live and "setting-name" in exp:
                    err(f"live marker {marker} present but setting-name expected")
                if staff and not live and "setting-name" not in exp + may:
                    err(f"expired marker {marker} but setting-name not expected")
        for a in r.get("attachments", []):
            if set(a) - {"filename", "content_type"}:
                err("attachment has unexpected keys")
    print("\n".join(errors) if errors else f"OK: {len(rows)} lines")
    if "--stats" in sys.argv:
        role_of = lambda r: (r.get("author") or {}).get("role") or "(none)"
        print(f"positive {sum(bool(r['expect']) for r in rows)}, expect empty {sum(not r['expect'] for r in rows)}"
              f" (of which neutral {sum(not r['expect'] and bool(r['may']) for r in rows)})")
        cols = ROLES + ["(none)"]
        print("category".ljust(18), "expect", "may", *cols)
        for c in CATS:
            print(c.ljust(18), str(sum(c in r["expect"] for r in rows)).rjust(6),
                  str(sum(c in r["may"] for r in rows)).rjust(3),
                  *[str(sum(c in r["expect"] and role_of(r) == ro for r in rows)) for ro in cols])
        print("roles:", dict(Counter(role_of(r) for r in rows)))
        print("channels:", dict(Counter(r["channel"] for r in rows).most_common()))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
