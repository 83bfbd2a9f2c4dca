#!/usr/bin/env python3
"""Generate a synthetic monorepo that follows the AGDD ExecPlan convention, for benchmarks.

The repository gets one commit on `main` (the base: plans, registry, CHANGELOG, roadmap and
thousands of other files spread over folders) and a branch `feature` whose commits append
valid, later-timestamped log entries to some plans and edit, add, delete and rename some other
files: what a busy pull request in a large monorepo looks like. Everything goes through one
`git fast-import` stream, then repacked as git's manual advises after an import (fast-import's
own deltas point from each version to the one before it, the reverse of what a clone or `git gc`
gives); the work tree is then checked out at `feature`.

    bench/generate.py OUT [--files N] [--plans N] [--entries N] [--commits N]
                          [--changed-plans N] [--changed-files N] [--seed N] [--inject]
                          [--rename-heading] [--rename-plans N] [--delete-plans N]
                          [--pack repack|gc|fast-import]

With --inject the range also carries a few real violations (an edited log entry, an impossible
date, a timestamp that goes backwards, a missing section, a broken link), so that a check has
findings to report. The scenario options shape the range further: --rename-heading renames one
changed plan's `## Decision Log` heading away (the previous plan links to `#decision-log`);
--rename-plans and --delete-plans rename and delete plans the range does not otherwise touch,
updating PLANS.md but leaving the links from the CHANGELOG, the roadmap and other plans as they
were. --pack says how the repository is stored: `repack` (default: `git repack -a -d -f`, as a
clone has it), `gc` (as `git gc` leaves it) or `fast-import` (the import's own pack, untouched).
The summary on stdout lists under "expected" the findings these options must produce: rule id
and a path the finding names. Standard library only.
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys

PLANS_DIR = "docs/development/plans"
UTC = dt.timezone.utc
BASE_TIME = dt.datetime(2025, 11, 1, 8, 0, tzinfo=UTC)      # the base commit
RANGE_START = dt.datetime(2025, 11, 3, 9, 0, tzinfo=UTC)    # first commit of the range
RANGE_STRIDE = 13                                            # the range changes one file in 13 of the first ones
RANGE_HOURS = 4 * 24 + 8                                     # the range spans a bit over four days

WORDS = (
    "billing cache storage catalog ledger search index queue worker gateway auth session token "
    "report export import schema migration replica shard backup restore metrics tracing alert "
    "routing policy audit profile upload media thumbnail invoice payment refund tax pricing "
    "inventory order cart checkout shipping carrier webhook scheduler cron batch stream kafka "
    "postgres redis sqlite config flag rollout canary deploy build pipeline runner agent skill "
    "prompt eval dataset embedding vector ranking feed notification email sms template locale"
).split()
VERBS = ("migrate", "split", "harden", "rewrite", "document", "retire", "shard", "cache", "audit",
         "speed-up", "unify", "replace", "observe", "rollout", "backfill", "deprecate")
OWNERS = ("ada", "grace", "linus", "margaret", "ken", "barbara", "dennis", "frances", "alan",
          "edsger", "radia", "donald", "katherine", "john", "leslie", "sophie")
TOPS = ("services", "libs", "tools", "infra", "web", "data", "docs/guides")
CODE_EXTS = (".py", ".go", ".ts", ".c", ".yaml", ".json", ".txt", ".sql")
SECTIONS = (
    "Purpose / Big Picture", "Context and Orientation", "Plan of Work", "To-do", "Progress",
    "Decision Log", "Surprises & Discoveries", "Concrete Steps", "Validation and Acceptance",
    "Idempotence and Recovery", "Outcomes & Retrospective", "Artifacts and Notes",
    "Interfaces and Dependencies",
)
LOGS = ("Progress", "Decision Log", "Surprises & Discoveries")
LOG_PHRASES = {
    "Progress": ("Finished step {n} for {w}.", "Ran the {w} dry-run; {n} warnings.",
                 "Merged the {w} change, {n} files.", "Backfilled {n} {w} rows.",
                 "Rolled {w} out to {n} percent."),
    "Decision Log": ("Keep {w} behind a flag for {n} days.", "Chose {w} over a rewrite.",
                     "Batch {w} writes by {n}.", "Drop the old {w} path after {n} runs."),
    "Surprises & Discoveries": ("{w} retried {n} times under load.", "Found {n} stale {w} rows.",
                                "{w} ran {n} ms slower than measured.",
                                "The {w} docs were {n} releases out of date."),
}


def stamp(moment):
    """`moment` as a log timestamp; a string is taken as it is (for injected bad timestamps)."""
    if isinstance(moment, str):
        return moment
    return moment.strftime("[%Y-%m-%d %H:%M UTC]")


def git_time(moment):
    return f"{int(moment.timestamp())} +0000"


class Plan:
    """One plan's state: front matter, fixed prose and its three logs, rendered on demand."""

    def __init__(self, rng, index, slug, title, owner, status, start, link_plan, link_file):
        self.index = index
        self.slug = slug
        self.title = title
        self.owner = owner
        self.status = status
        self.start = start
        self.link_plan = link_plan
        self.link_file = link_file
        self.last_synced = BASE_TIME.date() - dt.timedelta(days=1)
        self.todos = [[status == "completed" or rng.random() < 0.4, f"{VERBS[(index + k) % len(VERBS)]} "
                       f"the {rng.choice(WORDS)} {rng.choice(WORDS)}"] for k in range(rng.randint(3, 6))]
        self.purpose = (f"Make the {rng.choice(WORDS)} and {rng.choice(WORDS)} paths cheaper to run\n"
                        f"and safer to change; success is a green {rng.choice(WORDS)} dashboard.")
        self.logs = {name: [] for name in LOGS}
        self.drop_section = None
        self.extra_link = None
        self.renamed_headings = {}

    def path(self):
        return f"{PLANS_DIR}/{self.slug}.md"

    def render(self):
        out = ["---", f"title: {self.title}", f"slug: {self.slug}", f"status: {self.status}",
               f"last_synced: {self.last_synced.isoformat()}", "---", "", f"# {self.title}", ""]
        body = {
            "Purpose / Big Picture": [self.purpose],
            "Context and Orientation": [
                "- The [roadmap](../roadmap.md) lists this work.",
                f"- Related: [{self.link_plan}]({self.link_plan}.md#decision-log).",
                f"- Code: [`{os.path.basename(self.link_file)}`](../../../{self.link_file}).",
            ] + ([self.extra_link] if self.extra_link else []),
            "Plan of Work": ["1. Measure the current behaviour.", "2. Change it behind a flag.",
                             "3. Roll out and remove the flag."],
            "To-do": [f"- [{'x' if ticked else ' '}] {text}" for ticked, text in self.todos],
            "Concrete Steps": [f"1. Run `make -C services plan-{self.index}`.",
                               "2. Compare the dashboards before and after."],
            "Validation and Acceptance": [f"- `make test-{self.slug}` passes."],
            "Idempotence and Recovery": ["Every step can be re-run; the flag turns the change off."],
            "Outcomes & Retrospective": [
                f"Shipped; {self.title.lower()} is done and follow-ups are filed."
                if self.status == "completed" else "In progress."],
            "Artifacts and Notes": [f"- Run log `runs/{self.slug}.txt`."],
            "Interfaces and Dependencies": [f"- Owned by {self.owner}."],
        }
        for name in SECTIONS:
            if name == self.drop_section:
                continue
            out.append(f"## {self.renamed_headings.get(name, name)}")
            out.append("")
            if name in self.logs:
                out.extend(f"- {stamp(moment)} {text}" for moment, text in self.logs[name])
            else:
                out.extend(body[name])
            out.append("")
        return "\n".join(out[:-1]) + "\n"


def log_text(rng, section):
    return rng.choice(LOG_PHRASES[section]).format(w=rng.choice(WORDS), n=rng.randint(2, 99))


def code_file(rng, path, lines):
    ext = os.path.splitext(path)[1]
    if ext == ".md":
        title = os.path.splitext(os.path.basename(path))[0].replace("-", " ").capitalize()
        out = [f"# {title}", ""]
        for k in range(max(1, lines // 6)):
            out += [f"## {rng.choice(WORDS).capitalize()} {k}", "",
                    f"The {rng.choice(WORDS)} service reads {rng.choice(WORDS)} records.",
                    f"It writes {rng.randint(1, 500)} rows per {rng.choice(WORDS)} batch.", ""]
        return "\n".join(out[:-1]) + "\n"
    comment = "#" if ext in (".py", ".yaml", ".txt", ".sql") else "//"
    out = [f"{comment} {path}"]
    for k in range(lines):
        out.append(f"{rng.choice(WORDS)}_{k} = {rng.choice(WORDS)}({rng.randint(0, 9999)}, "
                   f"\"{rng.choice(WORDS)}\")")
    return "\n".join(out) + "\n"


def other_paths(rng, count):
    """`count` file paths, about 40 to a folder, three to five folders deep."""
    paths = []
    folder = None
    for i in range(count):
        if i % 40 == 0:
            top = TOPS[(i // 40) % len(TOPS)]
            folder = f"{top}/{rng.choice(WORDS)}-{i // 40}/{rng.choice(WORDS)}"
            if rng.random() < 0.5:
                folder += f"/{rng.choice(WORDS)}"
        ext = ".md" if folder.startswith("docs/") else rng.choice(CODE_EXTS)
        paths.append(f"{folder}/{rng.choice(WORDS)}-{i}{ext}")
    return paths


class Stream:
    """Writes one `git fast-import` stream."""

    def __init__(self, pipe):
        self.pipe = pipe
        self.mark = 0

    def data(self, text):
        raw = text.encode()
        self.pipe.write(b"data %d\n" % len(raw))
        self.pipe.write(raw)
        self.pipe.write(b"\n")

    def commit(self, branch, moment, message, parent, ops):
        self.mark += 1
        who = "Bench Bot <bench@example.com>"
        self.pipe.write(f"commit refs/heads/{branch}\nmark :{self.mark}\n"
                        f"author {who} {git_time(moment)}\ncommitter {who} {git_time(moment)}\n".encode())
        self.data(message)
        if parent:
            self.pipe.write(f"from :{parent}\n".encode())
        for op in ops:
            if op[0] == "M":
                self.pipe.write(f"M 100644 inline {op[1]}\n".encode())
                self.data(op[2])
            elif op[0] == "D":
                self.pipe.write(f"D {op[1]}\n".encode())
            elif op[0] == "R":
                self.pipe.write(f"R {op[1]} {op[2]}\n".encode())
        self.pipe.write(b"\n")
        return self.mark


def registry(plans):
    active = [p for p in plans if p.status != "completed"]
    completed = [p for p in plans if p.status == "completed"]

    def entry(p):
        return f"- [{p.start.date().isoformat()}] {p.title} – [{p.slug}]({p.path()}) – {p.owner} – {p.status}"
    return "\n".join(["# ExecPlans", "",
                      f"Plans live under `{PLANS_DIR}/`; see the [convention]({PLANS_DIR}/README.md).", "",
                      "## Active Plans", ""] + [entry(p) for p in active] +
                     ["", "## Completed Plans", ""] + [entry(p) for p in completed]) + "\n"


def changelog(plans):
    lines = ["# Changelog", "", "## Unreleased", ""]
    lines += [f"- {p.title} ([plan]({p.path()}))." for p in plans]
    return "\n".join(lines) + "\n"


def roadmap(plans):
    lines = ["# Roadmap", "", "## Now", ""]
    lines += [f"- [{p.title}](plans/{p.slug}.md)" for p in plans if p.status != "completed"][:100]
    return "\n".join(lines) + "\n"


def plans_readme():
    return ("# Plans\n\nEach plan follows the canonical sections of the\n"
            "[registry](../../../PLANS.md) convention.\n")


def build(args):
    rng = random.Random(args.seed)

    # The untouched tree comes from its own generator, so that --files changes only the
    # repository's size: the plans and the range stay the same for the same seed.
    tree_rng = random.Random(args.seed * 7919 + 1)
    paths = other_paths(tree_rng, args.files)
    contents = {}
    for i, path in enumerate(paths):
        file_rng = random.Random(f"{args.seed}:{i}")
        contents[path] = code_file(file_rng, path, file_rng.randint(15, 45))

    n_changed = min(args.changed_files, len(paths))
    n_added = n_changed // 20
    n_deleted = n_changed // 30
    n_renamed = n_changed // 50
    n_modified = max(0, n_changed - n_added - n_deleted - n_renamed)
    # One file in RANGE_STRIDE from the start of the tree, so that a larger --files keeps the same
    # range and only the untouched part of the tree grows (a small tree fills up from the rest).
    needed = n_modified + n_deleted + n_renamed
    pool = paths[::RANGE_STRIDE][:needed]
    if len(pool) < needed:
        chosen = set(pool)
        pool += [p for p in paths if p not in chosen][: needed - len(pool)]
    rng.shuffle(pool)
    modified = pool[:n_modified]
    deleted = pool[n_modified:n_modified + n_deleted]
    renamed = pool[n_modified + n_deleted:]
    touched = set(pool)
    stable = [p for p in paths if p not in touched] or ["README.md"]

    plans = []
    for i in range(args.plans):
        verb, noun, other = rng.choice(VERBS), rng.choice(WORDS), rng.choice(WORDS)
        slug = f"{verb}-{noun}-{other}-{i:04d}"     # unique: the index ends it
        roll = rng.random()
        status = "completed" if roll < 0.2 else "blocking" if roll < 0.25 else "paused" if roll < 0.3 else "in-progress"
        start = BASE_TIME - dt.timedelta(days=rng.randint(20, 150), minutes=rng.randint(0, 1440))
        title = f"{verb.replace('-', ' ').capitalize()} the {noun} {other} ({i})"
        link_file = stable[(i * 7919) % min(len(stable), 997)]
        plans.append(Plan(rng, i, slug, title, rng.choice(OWNERS), status, start, None, link_file))
    for p in plans:
        p.link_plan = plans[(p.index + 1) % len(plans)].slug
        # Base logs: `entries` per section, increasing, all before the base commit.
        for name in LOGS:
            span = (BASE_TIME - dt.timedelta(hours=2) - p.start).total_seconds()
            offsets = sorted(rng.uniform(0, span) for _ in range(args.entries))
            p.logs[name] = [(p.start + dt.timedelta(seconds=o), log_text(rng, name)) for o in offsets]

    # Which active plans the range touches; and the commit times, spread over the range.
    active = [p for p in plans if p.status != "completed"]
    changed_plans = rng.sample(active, min(args.changed_plans, len(active)))
    # Plans renamed or deleted come from the ones the range does not otherwise touch, from a
    # generator of their own, so that these options leave the rest of the range as it was.
    untouched = [p for p in active if p not in set(changed_plans)]
    moved_rng = random.Random(args.seed * 104729 + 3)
    moved = moved_rng.sample(untouched, min(args.rename_plans + args.delete_plans, len(untouched)))
    renamed_plans, deleted_plans = moved[:args.rename_plans], moved[args.rename_plans:]
    n_commits = max(1, args.commits)
    times = [RANGE_START + dt.timedelta(hours=RANGE_HOURS * k / max(1, n_commits - 1)) for k in range(n_commits)]

    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", LC_ALL="C", TZ="UTC")
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        if not args.force:
            sys.exit(f"generate.py: {out} exists (pass --force to replace it)")
        shutil.rmtree(out)
    os.makedirs(out)
    subprocess.run(["git", "init", "-q", "--initial-branch=main", out], check=True, env=env)
    for key, value in (("user.name", "Bench Bot"), ("user.email", "bench@example.com"),
                       ("core.autocrlf", "false"), ("gc.auto", "0")):
        subprocess.run(["git", "-C", out, "config", key, value], check=True, env=env)
    proc = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet"], stdin=subprocess.PIPE, env=env)
    stream = Stream(proc.stdin)

    base_ops = [("M", "README.md", "# Monorepo\n\nA synthetic monorepo for planck's benchmark.\n"),
                ("M", "PLANS.md", registry(plans)),
                ("M", "CHANGELOG.md", changelog(plans)),
                ("M", "docs/development/roadmap.md", roadmap(plans)),
                ("M", f"{PLANS_DIR}/README.md", plans_readme())]
    base_ops += [("M", p.path(), p.render()) for p in plans]
    base_ops += [("M", path, contents[path]) for path in paths]
    base = stream.commit("main", BASE_TIME, "Base of the monorepo\n", None, base_ops)

    # Spread the plan and file changes over the commits.
    plan_batches = [changed_plans[k::n_commits] for k in range(n_commits)]
    file_ops = [("modify", p) for p in modified] + [("delete", p) for p in deleted] + \
               [("rename", p) for p in renamed] + [("add", k) for k in range(n_added)]
    rng.shuffle(file_ops)
    file_batches = [file_ops[k::n_commits] for k in range(n_commits)]

    expected = []
    heading_plan = None
    if args.rename_heading and changed_plans:
        heading_plan = changed_plans[-1]
        linker = plans[(heading_plan.index - 1) % len(plans)]
        # A log section's heading: its entries count as removed, and the anchor others link to goes.
        expected.append({"rule": "sections-required", "path": heading_plan.path()})
        expected.append({"rule": "log-append-only", "path": heading_plan.path()})
        expected.append({"rule": "links-resolve", "path": linker.path(), "target": "#decision-log"})
    on_roadmap = set(active[:100])
    for p in renamed_plans + deleted_plans:
        # The registry follows; the CHANGELOG, the roadmap and the previous plan still link to the
        # old path. Deleting an unfinished plan is a finding of its own.
        linker = plans[(p.index - 1) % len(plans)]
        expected.append({"rule": "links-resolve", "path": "CHANGELOG.md", "target": p.path()})
        if p in on_roadmap:
            expected.append({"rule": "links-resolve", "path": "docs/development/roadmap.md", "target": p.path()})
        if linker not in moved:
            expected.append({"rule": "links-resolve", "path": linker.path(), "target": p.path()})
    for p in deleted_plans:
        expected.append({"rule": "plan-completion", "path": p.path()})

    injected = []
    if args.inject and changed_plans:
        victims = changed_plans[:5]
        kinds = ["log-append-only", "timestamp-format", "timestamps-monotonic", "sections-required",
                 "links-resolve"]
        injected = list(zip(victims, kinds))

    parent = base
    for k, moment in enumerate(times):
        ops = []
        for p in plan_batches[k]:
            entry_time = moment - dt.timedelta(minutes=rng.randint(5, 50))
            p.logs["Progress"].append((entry_time, log_text(rng, "Progress")))
            if rng.random() < 0.5:
                p.logs["Decision Log"].append((entry_time + dt.timedelta(minutes=1), log_text(rng, "Decision Log")))
            for todo in p.todos:
                if not todo[0] and rng.random() < 0.3:
                    todo[0] = True      # ticking a box is not an edit
            p.last_synced = moment.date()
            ops.append(("M", p.path(), p.render()))
        for kind, item in file_batches[k]:
            if kind == "modify":
                lines = contents[item].split("\n")
                at = rng.randrange(1, max(2, len(lines) - 1))
                lines[at] = lines[at] + f" {rng.choice(WORDS)}"
                lines.insert(-1, f"{rng.choice(WORDS)} changed in commit {k}")
                contents[item] = "\n".join(lines)
                ops.append(("M", item, contents[item]))
            elif kind == "delete":
                ops.append(("D", item))
            elif kind == "rename":
                folder, name = os.path.split(item)
                ops.append(("R", item, f"{folder}/renamed-{name}"))
            else:
                path = f"services/new-{item % 7}/{rng.choice(WORDS)}-{item}{rng.choice(CODE_EXTS)}"
                ops.append(("M", path, code_file(rng, path, rng.randint(15, 45))))
        if k == n_commits - 1 and injected:
            for p, kind in injected:
                if kind == "log-append-only":
                    moment0, text = p.logs["Progress"][0]
                    p.logs["Progress"][0] = (moment0, text + " (rewritten)")
                elif kind == "timestamp-format":
                    p.logs["Progress"].append(("[2025-02-30 10:00 UTC]", "Impossible day."))
                elif kind == "timestamps-monotonic":
                    p.logs["Progress"].append((p.start - dt.timedelta(days=1), "Backdated entry."))
                elif kind == "sections-required":
                    p.drop_section = "Idempotence and Recovery"
                elif kind == "links-resolve":
                    p.extra_link = "- Missing: [gone](../../../no/such/file.md)."
                p.last_synced = moment.date()
                ops = [op for op in ops if not (op[0] == "M" and op[1] == p.path())]
                ops.append(("M", p.path(), p.render()))
        if k == n_commits - 1:
            if heading_plan is not None:
                heading_plan.renamed_headings["Decision Log"] = "Decisions"
                heading_plan.last_synced = moment.date()
                ops = [op for op in ops if not (op[0] == "M" and op[1] == heading_plan.path())]
                ops.append(("M", heading_plan.path(), heading_plan.render()))
            for p in renamed_plans:
                old = p.path()
                p.slug = p.slug.replace(f"-{p.index:04d}", f"-renamed-{p.index:04d}")
                p.last_synced = moment.date()
                ops.append(("R", old, p.path()))
                ops.append(("M", p.path(), p.render()))
            for p in deleted_plans:
                ops.append(("D", p.path()))
            if renamed_plans or deleted_plans:
                gone = set(deleted_plans)
                ops.append(("M", "PLANS.md", registry([p for p in plans if p not in gone])))
        message = f"Range commit {k + 1} of {n_commits}\n"
        parent = stream.commit("feature", moment, message, parent, ops)

    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("generate.py: git fast-import failed")
    # Every tool reads the repository as users have it: packed by git's own delta search, with the
    # newest versions whole (a clone's pack, or one after `git gc`), not fast-import's chains.
    # --pack gc and --pack fast-import give the two other shapes users meet.
    if args.pack == "repack":
        subprocess.run(["git", "-C", out, "repack", "-a", "-d", "-f", "-q"], check=True, env=env)
    elif args.pack == "gc":
        subprocess.run(["git", "-C", out, "gc", "-q"], check=True, env=env)
    subprocess.run(["git", "-C", out, "checkout", "-q", "-f", "feature"], check=True, env=env)

    summary = {
        "repository": out, "files": args.files, "plans": args.plans, "entries": args.entries,
        "commits": n_commits, "changed_plans": len(changed_plans), "changed_files": n_changed,
        "injected": [kind for _, kind in injected],
        "rename_heading": heading_plan.path() if heading_plan else None,
        "renamed_plans": len(renamed_plans), "deleted_plans": len(deleted_plans), "pack": args.pack,
        "expected": expected,
    }
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="the repository directory to create")
    parser.add_argument("--files", type=int, default=20000, help="other files in the tree (default 20000)")
    parser.add_argument("--plans", type=int, default=2000, help="plans (default 2000)")
    parser.add_argument("--entries", type=int, default=15, help="entries per log section (default 15)")
    parser.add_argument("--commits", type=int, default=30, help="commits in the range (default 30)")
    parser.add_argument("--changed-plans", type=int, default=300, help="plans the range appends to (default 300)")
    parser.add_argument("--changed-files", type=int, default=1500, help="other files the range changes (default 1500)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--inject", action="store_true", help="add a few real violations to the range")
    parser.add_argument("--rename-heading", action="store_true",
                        help="rename one changed plan's Decision Log heading away")
    parser.add_argument("--rename-plans", type=int, default=0, help="plans the range renames (default 0)")
    parser.add_argument("--delete-plans", type=int, default=0, help="plans the range deletes (default 0)")
    parser.add_argument("--pack", choices=("repack", "gc", "fast-import"), default="repack",
                        help="how the objects are packed (default repack)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = parser.parse_args(argv)
    for name in ("files", "plans", "entries", "commits", "changed_plans", "changed_files", "rename_plans",
                 "delete_plans"):
        if getattr(args, name) < 0:
            parser.error(f"--{name.replace('_', '-')} must not be negative")
    if args.plans < 2:
        parser.error("--plans must be at least 2")
    summary = build(args)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
