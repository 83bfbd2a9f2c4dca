#!/usr/bin/env python3
"""Sweep planck over the history of real repositories that keep ExecPlans.

For every commit C of HEAD's history that touches a plan (or the registry), run

    planck check --base C^ --head C --format json --config CFG

and record what planck said: exit status, findings, the first line of stderr on exit 2.
The aggregate (runs, runs failing, findings by rule and severity, distinct findings by
rule, path and fingerprint) goes to OUT.json together with every run; a Markdown summary
goes to stdout.

    bench/real_repos.py --planck BIN --repo GITDIR --config CFG.yaml \
        --plans 'docs/execplans/*.md' [--plans GLOB2] [--registry PLANS.md] \
        --out OUT.json [--limit N] [--jobs 2] [--timeout 60]

    bench/real_repos.py --compare BEFORE.json AFTER.json

A bare repository (such as a mirror) is cloned once, without a checkout, under
--clone-root (default /work/sweep/clones/NAME): planck reads git objects but wants a
repository with a work tree root. Plan globs are planck's (gitignore-like: `*` stays in a
folder, `**` crosses folders, a glob without `/` matches a file name anywhere).

--compare matches findings by (rule, path, fingerprint) first and then, for what is left,
by (rule, path, message), so a finding whose fingerprint changed between binaries but
whose message did not still counts as the same finding. It prints, per rule, the distinct
findings before and after, and lists what went away and what is new, with the first
commit where each was seen, so a human can judge which are real.

Python 3 standard library only.
"""

import argparse
import collections
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import time

SEVERITIES = ("error", "warning", "note")


# ----------------------------------------------------------------------------- git


def git(repo, *args, check=True):
    result = subprocess.run(
        ["git", "-C", repo, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    if check and result.returncode != 0:
        raise SystemExit(
            "git %s failed in %s: %s" % (" ".join(args), repo, result.stderr.strip())
        )
    return result


def is_bare(repo):
    """A directory holding HEAD, objects and refs with no .git is a bare repository."""
    if os.path.exists(os.path.join(repo, ".git")):
        return False
    probe = git(repo, "rev-parse", "--is-bare-repository", check=False)
    if probe.stdout.strip() == "true":
        return True
    inside = git(repo, "rev-parse", "--is-inside-work-tree", check=False)
    return inside.stdout.strip() != "true"


def repo_name(repo):
    path = os.path.abspath(repo).rstrip("/")
    base = os.path.basename(path)
    if base in ("repo", ".git") or base.endswith(".git"):
        parent = os.path.basename(os.path.dirname(path))
        base = parent if base in ("repo", ".git") else base[: -len(".git")]
    return base.split("+", 1)[-1]  # /work/.mirror/owner+name/repo -> name


def working_clone(repo, clone_root, name):
    """The repository planck runs in: REPO itself, or a --no-checkout clone of a bare one."""
    if not is_bare(repo):
        return os.path.abspath(repo)
    target = os.path.join(clone_root, name)
    if os.path.isdir(os.path.join(target, ".git")):
        # Bring an existing clone up to the mirror's HEAD.
        git(target, "fetch", "--quiet", os.path.abspath(repo), "+HEAD:refs/remotes/origin/HEAD", check=False)
        head = git(os.path.abspath(repo), "rev-parse", "HEAD").stdout.strip()
        git(target, "update-ref", "HEAD", head, check=False)
        return target
    os.makedirs(clone_root, exist_ok=True)
    subprocess.run(
        ["git", "clone", "--no-checkout", "--quiet", os.path.abspath(repo), target],
        check=True,
    )
    return target


def pathspec(glob):
    """planck's gitignore-like glob as a git pathspec."""
    glob = glob.lstrip("/")
    if "/" not in glob.rstrip("/"):
        glob = "**/" + glob
    return ":(glob)" + glob


def touching_commits(clone, globs):
    """Commits of HEAD's history, newest first, whose change from the first parent touches
    a path matching one of the globs; merges only when the first-parent diff touches."""
    specs = [pathspec(g) for g in globs]
    out = git(
        clone, "log", "--full-history", "--format=%H %P", "HEAD", "--", *specs
    ).stdout
    commits = []
    for line in out.splitlines():
        parts = line.split()
        if not parts:
            continue
        sha, parents = parts[0], parts[1:]
        if len(parents) > 1:
            diff = git(clone, "diff", "--quiet", parents[0], sha, "--", *specs, check=False)
            if diff.returncode == 0:
                continue
        commits.append((sha, parents))
    return commits


def commit_info(clone, shas):
    info = {}
    if not shas:
        return info
    out = git(
        clone,
        "show",
        "-s",
        "--format=%H%x1f%cI%x1f%s",
        *shas,
    ).stdout
    for line in out.splitlines():
        fields = line.split("\x1f")
        if len(fields) == 3:
            info[fields[0]] = {"date": fields[1], "subject": fields[2]}
    return info


# ----------------------------------------------------------------------------- running


def run_one(planck, clone, config, sha, parent, timeout):
    cmd = [
        planck,
        "check",
        "-C",
        clone,
        "--base",
        parent,
        "--head",
        sha,
        "--format",
        "json",
        "--quiet",
    ]
    if config:
        cmd += ["--config", config]
    started = time.monotonic()
    record = {"commit": sha, "parent": parent}
    try:
        proc = subprocess.run(
            cmd,
            cwd=clone,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        record.update(exit=None, timeout=True, seconds=round(time.monotonic() - started, 3),
                      findings=[], stderr="timeout after %ss" % timeout)
        return record
    record["seconds"] = round(time.monotonic() - started, 3)
    record["exit"] = proc.returncode
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    findings = []
    if proc.returncode in (0, 1):
        try:
            report = json.loads(proc.stdout.decode("utf-8", "replace"))
            for f in report.get("findings", []):
                findings.append(
                    {
                        "rule": f.get("rule"),
                        "severity": f.get("severity"),
                        "path": f.get("path"),
                        "line": f.get("line"),
                        "message": f.get("message"),
                        "fingerprint": f.get("fingerprint"),
                    }
                )
        except ValueError as error:
            record["bad_json"] = str(error)
            record["stdout_head"] = proc.stdout[:300].decode("utf-8", "replace")
    if proc.returncode not in (0, 1) or "bad_json" in record:
        record["stderr"] = stderr.splitlines()[0] if stderr else ""
    record["findings"] = findings
    return record


def aggregate(runs):
    by_rule_sev = collections.Counter()
    distinct = {}
    for run in runs:
        for f in run["findings"]:
            by_rule_sev[(f["rule"], f["severity"])] += 1
            key = (f["rule"], f["path"], f["fingerprint"])
            entry = distinct.get(key)
            if entry is None:
                # runs are oldest first, so the first one seen is the earliest commit
                distinct[key] = {
                    "rule": f["rule"],
                    "severity": f["severity"],
                    "path": f["path"],
                    "fingerprint": f["fingerprint"],
                    "line": f["line"],
                    "message": f["message"],
                    "first_commit": run["commit"],
                    "runs": 1,
                }
            else:
                entry["runs"] += 1
    distinct_by_rule = collections.Counter(d["rule"] for d in distinct.values())
    distinct_by_rule_sev = collections.Counter((d["rule"], d["severity"]) for d in distinct.values())
    exit2 = [r for r in runs if r.get("exit") == 2]
    return {
        "runs": len(runs),
        "runs_clean": sum(1 for r in runs if r.get("exit") == 0),
        "runs_failing": sum(1 for r in runs if r.get("exit") == 1),
        "runs_exit2": len(exit2),
        "runs_timeout": sum(1 for r in runs if r.get("timeout")),
        "runs_other": sum(1 for r in runs if r.get("exit") not in (0, 1, 2) and not r.get("timeout")),
        "runs_with_findings": sum(1 for r in runs if r["findings"]),
        "findings": sum(by_rule_sev.values()),
        "findings_by_rule_severity": {
            rule: {sev: n for (r, sev), n in sorted(by_rule_sev.items()) if r == rule}
            for rule in sorted({r for r, _ in by_rule_sev})
        },
        "distinct_findings": len(distinct),
        "distinct_by_rule": dict(sorted(distinct_by_rule.items())),
        "distinct_by_rule_severity": {
            rule: {sev: n for (r, sev), n in sorted(distinct_by_rule_sev.items()) if r == rule}
            for rule in sorted(distinct_by_rule)
        },
        "exit2_messages": dict(collections.Counter(r.get("stderr", "") for r in exit2).most_common(10)),
        "seconds_total": round(sum(r.get("seconds", 0) for r in runs), 2),
        "seconds_max": max((r.get("seconds", 0) for r in runs), default=0),
    }, sorted(distinct.values(), key=lambda d: (d["rule"], d["path"], d["message"] or ""))


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sweep(args):
    planck = os.path.abspath(args.planck)
    config = os.path.abspath(args.config) if args.config else None
    name = args.name or repo_name(args.repo)
    clone = working_clone(args.repo, args.clone_root, name)
    globs = list(args.plans) + ([args.registry] if args.registry else [])
    commits = touching_commits(clone, globs)  # newest first
    total_touching = len(commits)
    roots = [sha for sha, parents in commits if not parents]
    commits = [(sha, parents) for sha, parents in commits if parents]
    if args.limit:
        commits = commits[: args.limit]  # the newest N
    commits.reverse()  # oldest first
    info = commit_info(clone, [sha for sha, _ in commits])

    started = time.monotonic()
    runs = [None] * len(commits)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {
            pool.submit(run_one, planck, clone, config, sha, parents[0], args.timeout): i
            for i, (sha, parents) in enumerate(commits)
        }
        done = 0
        for future in concurrent.futures.as_completed(futures):
            i = futures[future]
            runs[i] = future.result()
            runs[i].update(info.get(runs[i]["commit"], {}))
            done += 1
            if args.progress and (done % 25 == 0 or done == len(commits)):
                print("  %s: %d/%d runs" % (name, done, len(commits)), file=sys.stderr)
    wall = round(time.monotonic() - started, 2)

    summary, distinct = aggregate(runs)
    summary["wall_seconds"] = wall
    version = subprocess.run([planck, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    result = {
        "name": name,
        "repo": os.path.abspath(args.repo),
        "clone": clone,
        "head": git(clone, "rev-parse", "HEAD").stdout.strip(),
        "planck": planck,
        "planck_version": version,
        "planck_sha256": sha256(planck),
        "config": config,
        "config_text": open(config, encoding="utf-8").read() if config else None,
        "plans": list(args.plans),
        "registry": args.registry,
        "limit": args.limit,
        "commits_touching": total_touching,
        "root_commits_skipped": roots,
        "summary": summary,
        "distinct": distinct,
        "runs": runs,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    print(markdown_summary(result))


# ----------------------------------------------------------------------------- reporting


def short(text, width=140):
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def markdown_summary(result):
    s = result["summary"]
    lines = [
        "### %s" % result["name"],
        "",
        "planck %s (%s…), config `%s`, plans %s%s"
        % (
            result["planck_version"],
            result["planck_sha256"][:12],
            result["config"],
            ", ".join("`%s`" % g for g in result["plans"]),
            ", registry `%s`" % result["registry"] if result["registry"] else "",
        ),
        "",
        "| commits swept | clean (0) | failing (1) | exit 2 | timeouts | findings | distinct | wall s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| %d | %d | %d | %d | %d | %d | %d | %s |"
        % (
            s["runs"],
            s["runs_clean"],
            s["runs_failing"],
            s["runs_exit2"],
            s["runs_timeout"],
            s["findings"],
            s["distinct_findings"],
            s["wall_seconds"],
        ),
        "",
    ]
    if s["distinct_by_rule"]:
        lines += [
            "| rule | distinct | error | warning | note | findings (all runs) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for rule, n in sorted(s["distinct_by_rule"].items(), key=lambda kv: -kv[1]):
            sev = s["distinct_by_rule_severity"].get(rule, {})
            total = sum(s["findings_by_rule_severity"].get(rule, {}).values())
            lines.append(
                "| %s | %d | %d | %d | %d | %d |"
                % (rule, n, sev.get("error", 0), sev.get("warning", 0), sev.get("note", 0), total)
            )
        lines.append("")
    if s["exit2_messages"]:
        lines.append("exit 2: " + "; ".join("%s (×%d)" % (short(m, 160), n) for m, n in s["exit2_messages"].items()))
        lines.append("")
    return "\n".join(lines)


def load(path):
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if "distinct" not in data:
        data["summary"], data["distinct"] = aggregate(data["runs"])
    return data


def compare(before_path, after_path, width):
    before, after = load(before_path), load(after_path)
    note = ""
    if before.get("runs") and after.get("runs"):
        swept_b = {r["commit"] for r in before["runs"]}
        swept_a = {r["commit"] for r in after["runs"]}
        if swept_b != swept_a:
            common = swept_b & swept_a
            note = ("note: the sweeps cover different commits (%d only before, %d only after); "
                    "compared on the %d they share" % (len(swept_b - swept_a), len(swept_a - swept_b), len(common)))
            for data in (before, after):
                data["summary"], data["distinct"] = aggregate([r for r in data["runs"] if r["commit"] in common])
    b, a = before["distinct"], after["distinct"]

    def fp_key(d):
        return (d["rule"], d["path"], d["fingerprint"])

    def msg_key(d):
        return (d["rule"], d["path"], d["message"])

    a_fp = {fp_key(d) for d in a}
    b_fp = {fp_key(d) for d in b}
    a_by_fp = {fp_key(d): d for d in a}
    sev_changed = [(d, a_by_fp[fp_key(d)]) for d in b
                   if fp_key(d) in a_by_fp and d["severity"] != a_by_fp[fp_key(d)]["severity"]]
    gone = [d for d in b if fp_key(d) not in a_fp]
    new = [d for d in a if fp_key(d) not in b_fp]
    # Second chance: same rule, path and message under a different fingerprint.
    gone_msgs = collections.Counter(msg_key(d) for d in gone)
    new_msgs = collections.Counter(msg_key(d) for d in new)
    same_by_msg = gone_msgs & new_msgs
    used_gone, used_new = collections.Counter(), collections.Counter()
    gone_left, new_left = [], []
    for d in gone:
        k = msg_key(d)
        if used_gone[k] < same_by_msg[k]:
            used_gone[k] += 1
        else:
            gone_left.append(d)
    for d in new:
        k = msg_key(d)
        if used_new[k] < same_by_msg[k]:
            used_new[k] += 1
        else:
            new_left.append(d)

    bs, as_ = before["summary"], after["summary"]
    out = [
        "### %s: %s → %s" % (after.get("name") or before.get("name"), before_path, after_path),
        "",
        "| | runs | failing (1) | exit 2 | distinct |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| before | %d | %d | %d | %d |" % (bs["runs"], bs["runs_failing"], bs["runs_exit2"], len(b)),
        "| after | %d | %d | %d | %d |" % (as_["runs"], as_["runs_failing"], as_["runs_exit2"], len(a)),
        "",
    ]
    if note:
        out += [note, ""]
    rules = sorted({d["rule"] for d in b} | {d["rule"] for d in a})
    count = lambda items, rule: sum(1 for d in items if d["rule"] == rule)
    out += [
        "| rule | before | after | gone | new | same message, new fingerprint | severity changed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for rule in rules:
        out.append(
            "| %s | %d | %d | %d | %d | %d | %d |"
            % (
                rule,
                count(b, rule),
                count(a, rule),
                count(gone_left, rule),
                count(new_left, rule),
                sum(n for (r, _, _), n in same_by_msg.items() if r == rule),
                sum(1 for d, _ in sev_changed if d["rule"] == rule),
            )
        )
    out.append("")
    if sev_changed:
        out.append("#### Severity changed: %d" % len(sev_changed))
        for d, e in sev_changed:
            out.append("- %s `%s` %s → %s: %s (first %s)" % (d["rule"], d["path"], d["severity"], e["severity"],
                                                          short(e["message"], width), (e.get("first_commit") or "")[:10]))
        out.append("")
    for title, items in (("Gone after (present before)", gone_left), ("New after", new_left)):
        out.append("#### %s: %d" % (title, len(items)))
        for rule in rules:
            these = [d for d in items if d["rule"] == rule]
            if not these:
                continue
            out.append("")
            out.append("%s (%d):" % (rule, len(these)))
            for d in these:
                out.append(
                    "- `%s` [%s] %s (first %s)"
                    % (d["path"], d["severity"], short(d["message"], width), (d.get("first_commit") or "")[:10])
                )
        out.append("")
    print("\n".join(out))


# ----------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(
        description="Run planck over every plan-touching commit of a repository's history.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--planck", help="the planck binary")
    parser.add_argument("--repo", help="the repository (a bare mirror is cloned)")
    parser.add_argument("--config", help="the config file passed to planck --config")
    parser.add_argument("--plans", action="append", default=[], help="plan glob (repeatable)")
    parser.add_argument("--registry", help="the registry path, also selects commits")
    parser.add_argument("--out", help="where the JSON goes")
    parser.add_argument("--name", help="the repository's name (default: from --repo)")
    parser.add_argument("--limit", type=int, default=0, help="only the newest N commits")
    parser.add_argument("--jobs", type=int, default=2, help="planck runs at once (default 2)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per run (default 60)")
    parser.add_argument("--clone-root", default="/work/sweep/clones",
                        help="where bare repositories are cloned (default /work/sweep/clones)")
    parser.add_argument("--progress", action="store_true", help="progress on stderr")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"),
                        help="compare two OUT.json files instead of sweeping")
    parser.add_argument("--width", type=int, default=140, help="message width in --compare")
    args = parser.parse_args()
    if args.compare:
        compare(args.compare[0], args.compare[1], args.width)
        return
    missing = [o for o in ("planck", "repo", "out") if not getattr(args, o)]
    if missing or not args.plans:
        parser.error("a sweep needs --planck, --repo, --plans and --out (or --compare A B)")
    sweep(args)


if __name__ == "__main__":
    main()
