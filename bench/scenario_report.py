#!/usr/bin/env python3
"""The findings check and the table of bench/scenarios.sh.

    bench/scenario_report.py check SUMMARY FINDINGS
        SUMMARY is the generator's JSON summary, FINDINGS planck's text output (one finding a
        line, `path:line:col: severity: message [rule]`). Prints what was found; exits 1 unless
        the findings are exactly the rules the scenario injected, each at the path it names
        (and mentioning its target, when it has one), or none for a clean scenario.
    bench/scenario_report.py table OUT NAME…
        A Markdown table from OUT/NAME.json (hyperfine: `planck` and `floor`), OUT/NAME.rss
        (planck's peak RSS in KiB) and OUT/NAME.verdict (the check's line).

Standard library only.
"""

import json
import os
import re
import sys

FINDING = re.compile(r"^(?P<path>[^:]+):\d+:\d+: \w+: (?P<message>.*) \[(?P<rule>[a-z-]+)\]$")


def check(summary_path, findings_path):
    with open(summary_path) as f:
        expected = json.load(f).get("expected", [])
    findings = []
    with open(findings_path) as f:
        for line in f:
            m = FINDING.match(line.rstrip("\n"))
            if m:
                findings.append(m.groupdict())
    found_rules = sorted({f["rule"] for f in findings})
    wanted_rules = sorted({e["rule"] for e in expected})
    problems = []
    if found_rules != wanted_rules:
        problems.append(f"rules found {found_rules or 'none'}, injected {wanted_rules or 'none'}")
    for e in expected:
        if not any(f["rule"] == e["rule"] and f["path"] == e["path"] and e.get("target", "") in f["message"]
                   for f in findings):
            problems.append(f"no {e['rule']} finding in {e['path']}" + (f" about {e['target']}" if e.get("target") else ""))
    if problems:
        print("MISSED: " + "; ".join(problems))
        return 1
    if not findings:
        print("clean, as generated")
    else:
        counts = {r: sum(1 for f in findings if f["rule"] == r) for r in found_rules}
        print("found: " + ", ".join(f"{r} ×{n}" for r, n in counts.items()))
    return 0


def table(out, names):
    lines = ["| scenario | planck (ms) | floor (ms) | planck / floor | planck peak RSS (MiB) | findings |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for name in names:
        with open(os.path.join(out, f"{name}.json")) as f:
            results = {r["command"]: r for r in json.load(f)["results"]}
        planck, floor = results["planck"]["median"], results["floor"]["median"]
        with open(os.path.join(out, f"{name}.rss")) as f:
            rss = int(f.read().split()[0])
        with open(os.path.join(out, f"{name}.verdict")) as f:
            verdict = f.read().strip()
        lines.append(f"| {name} | {planck * 1000:.0f} | {floor * 1000:.0f} | {planck / floor:.2f}× "
                     f"| {rss / 1024:.1f} | {verdict} |")
    print("\n".join(lines))
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "check":
        return check(argv[1], argv[2])
    if len(argv) >= 2 and argv[0] == "table":
        return table(argv[1], argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
