#!/usr/bin/env python3
"""Turns the measurements bench/run.sh left in OUT into a Markdown report on stdout.

    bench/report.py OUT PLANCK

Reads OUT/fast.json, OUT/slow.json (absent without the npm tools) and OUT/scaling.json
(hyperfine exports), OUT/rss.txt and OUT/ir.txt (`name value` lines), OUT/repo.json and
OUT/repo-2x.json (the generator's summaries). Standard library only.
"""

import datetime as dt
import json
import os
import subprocess
import sys

TARGET_FLOOR_RATIO = 2.0       # diff-aware check at most 2x the git floor
TARGET_SPEEDUP = 10.0          # at least 10x faster than markdownlint-cli2 and Danger
TARGET_ALL_SECONDS = 0.5       # --all over 2,000 plans
TARGET_RSS_MIB = 64.0
TARGET_SCALING = 1.25          # doubling the untouched tree moves the diff-aware time by at most 25 %

DESCRIPTIONS = {
    "planck-diff": "`planck check --base main` (diff-aware; no planck.yaml, so the layout is discovered)",
    "planck-diff-configured": "`planck check --base main --config agdd.yaml` (diff-aware, no discovery)",
    "planck-all": "`planck check --all` (every plan, registry and cross-link document)",
    "git-floor": "git floor: `git diff --name-status -M main...feature` + every changed blob via one `git cat-file --batch`",
    "markdownlint-cli2": "`markdownlint-cli2` on the changed Markdown files",
    "danger": "`danger local --base main` with bench/dangerfile.js (plan-required, monotonic Progress)",
}


def load_hyperfine(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def load_pairs(path):
    pairs = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    pairs[parts[0]] = int(parts[1])
    return pairs


def command_output(args, cwd=None):
    try:
        return subprocess.run(args, capture_output=True, text=True, cwd=cwd, check=False).stdout.strip()
    except OSError:
        return ""


def node_tools():
    """The versions of the npm tools in bench/.tools, when they were installed."""
    bin_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".tools", "node_modules", ".bin")
    versions = []
    for tool in ("markdownlint-cli2", "danger"):
        path = os.path.join(bin_dir, tool)
        if os.path.exists(path):
            text = command_output([path, "--version"]).splitlines()
            version = text[0] if text else "unknown"
            versions.append(version if version.startswith(tool) else f"{tool} {version}")
    return "; " + "; ".join(versions) if versions else ""


def seconds(value):
    return f"{value:.3f}"


def main():
    out, planck = sys.argv[1], sys.argv[2]
    timings = load_hyperfine(os.path.join(out, "fast.json"))
    timings.update(load_hyperfine(os.path.join(out, "slow.json")))
    scaling = load_hyperfine(os.path.join(out, "scaling.json"))
    rss = load_pairs(os.path.join(out, "rss.txt"))
    ir = load_pairs(os.path.join(out, "ir.txt"))
    with open(os.path.join(out, "repo.json")) as f:
        repo = json.load(f)
    with open(os.path.join(out, "repo-2x.json")) as f:
        repo2 = json.load(f)

    cpu = ""
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    shortstat = command_output(["git", "diff", "--shortstat", "main...feature"], cwd=repo["repository"])
    runs = {name: len(r["times"]) for name, r in timings.items()}

    lines = [
        "# planck benchmark results",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} on {os.cpu_count()} cores"
        f"{' (' + cpu + ')' if cpu else ''}, load average {' '.join(load) or 'unknown'} when the report was written. "
        "The machine may be shared and noisy: compare the ratios, which come from one run, and the "
        "instruction counts, which do not depend on load.",
        "",
        f"- planck: {command_output([planck, '--version']) or planck}",
        f"- {command_output(['git', '--version'])}; {command_output(['hyperfine', '--version'])}{node_tools()}",
        f"- repository: {repo['files']} other files, {repo['plans']} plans of {repo['entries']} entries "
        f"per log section; the range `main...feature`: {repo['commits']} commits over four days, "
        f"{repo['changed_plans']} plans appended to, {repo['changed_files']} other files changed "
        f"({shortstat})",
        f"- timings: median of {', '.join(f'{n} {k}' for k, n in sorted(runs.items()))} runs after one warm-up "
        "(hyperfine)",
        "",
        "| command | median (s) | min–max (s) | CPU, user+sys (s) | planck diff-aware vs this | peak RSS (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    diff = timings.get("planck-diff")
    for name in ("planck-diff", "planck-diff-configured", "planck-all", "git-floor", "markdownlint-cli2", "danger"):
        r = timings.get(name)
        if r is None:
            continue
        ratio = "—" if name == "planck-diff" or diff is None else f"{diff['median'] / r['median']:.2f}×"
        mem = f"{rss[name] / 1024:.1f}" if name in rss else "—"
        cpu = r["user"] + r["system"]
        lines.append(f"| {DESCRIPTIONS[name]} | {seconds(r['median'])} | {seconds(r['min'])}–{seconds(r['max'])} "
                     f"| {seconds(cpu)} | {ratio} | {mem} |")
    lines.append("")
    lines.append("\"planck diff-aware vs this\" is planck's median divided by the command's: below 1 means "
                 "planck is faster (0.10× = ten times faster). CPU is hyperfine's mean user+system time, "
                 "less sensitive than wall time to other load on the machine.")

    if ir:
        lines += ["", "Instruction counts (callgrind, total Ir of one run; stable under load):", ""]
        labels = {"planck-diff": "`planck check --base main`", "planck-all": "`planck check --all`",
                  "planck-diff-2x": f"`planck check --base main`, tree of {repo2['files']} files",
                  "git-floor": "the git floor (all its processes)"}
        for name, value in ir.items():
            lines.append(f"- {labels.get(name, name)}: {value:,} Ir")
        if ir.get("planck-diff") and ir.get("git-floor"):
            lines.append(f"- planck diff-aware vs the git floor, in instructions: "
                         f"{ir['planck-diff'] / ir['git-floor']:.2f}×")

    s1, s2, f2 = scaling.get("planck-diff-1x"), scaling.get("planck-diff-2x"), scaling.get("git-floor-2x")
    if s1 and s2:
        lines += ["", "## Scaling with the untouched tree", "",
                  "The same range (same plans, same changes) in a tree with twice the untouched files:", "",
                  "| tree | planck diff-aware median (s) | git floor median (s) | planck Ir |",
                  "| --- | ---: | ---: | ---: |"]
        floor1 = timings.get("git-floor")
        lines.append(f"| {repo['files']} files | {seconds(s1['median'])} | "
                     f"{seconds(floor1['median']) if floor1 else '—'} | {ir.get('planck-diff', 0):,} |")
        lines.append(f"| {repo2['files']} files | {seconds(s2['median'])} | "
                     f"{seconds(f2['median']) if f2 else '—'} | {ir.get('planck-diff-2x', 0):,} |")
        lines.append("")
        ir_note = ""
        if ir.get("planck-diff") and ir.get("planck-diff-2x"):
            ir_note = f", instructions ×{ir['planck-diff-2x'] / ir['planck-diff']:.3f}"
        lines.append(f"Doubling the tree multiplies the diff-aware time by {s2['median'] / s1['median']:.2f}{ir_note}.")

    # The targets, judged on this run.
    lines += ["", "## Targets", "", "| target | measured | met |", "| --- | --- | --- |"]

    def verdict(ok):
        return "yes" if ok else "**no**"
    floor = timings.get("git-floor")
    if diff and floor:
        ratio = diff["median"] / floor["median"]
        in_ir = ""
        if ir.get("planck-diff") and ir.get("git-floor"):
            in_ir = f" ({ir['planck-diff'] / ir['git-floor']:.1f}× in instructions)"
        lines.append(f"| diff-aware check ≤ {TARGET_FLOOR_RATIO:g}× the git floor | {ratio:.2f}×{in_ir} | "
                     f"{verdict(ratio <= TARGET_FLOOR_RATIO)} |")
    for name in ("markdownlint-cli2", "danger"):
        if diff and name in timings:
            speedup = timings[name]["median"] / diff["median"]
            measured = f"{speedup:.1f}× faster" if speedup >= 1 else f"{1 / speedup:.2f}× slower"
            lines.append(f"| ≥ {TARGET_SPEEDUP:g}× faster than {name} | {measured} | "
                         f"{verdict(speedup >= TARGET_SPEEDUP)} |")
    if "planck-all" in timings:
        value = timings["planck-all"]["median"]
        lines.append(f"| `--all` over {repo['plans']} plans < {TARGET_ALL_SECONDS:g} s wall | {value:.3f} s | "
                     f"{verdict(value < TARGET_ALL_SECONDS)} |")
    peak = max((rss[n] for n in ("planck-diff", "planck-all") if n in rss), default=None)
    if peak is not None:
        lines.append(f"| peak RSS < {TARGET_RSS_MIB:g} MiB | {peak / 1024:.1f} MiB | "
                     f"{verdict(peak / 1024 < TARGET_RSS_MIB)} |")
    if s1 and s2:
        growth = s2["median"] / s1["median"]
        lines.append(f"| cost linear in changed content, not repository size (2× tree: time ×≤{TARGET_SCALING}) | "
                     f"×{growth:.2f} | {verdict(growth <= TARGET_SCALING)} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
