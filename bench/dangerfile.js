// The Danger baseline for planck's benchmark: two of planck's checks written as a dangerfile,
// the way a team without planck would write them. Run by bench/run.sh with
//   danger local --base main --dangerfile bench/dangerfile.js
// `danger`, `fail` and `warn` are Danger's globals.
const fs = require("fs");

const PLAN = /^docs\/development\/plans\/(?!README\.md$|index\.md$)[^/]+\.md$/;
const STAMP = /^\s*[-*+] \[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) UTC\]/;

const git = danger.git;
const changed = [...git.modified_files, ...git.created_files, ...git.deleted_files];
const plans = [...git.modified_files, ...git.created_files].filter((path) => PLAN.test(path));

// plan-required: a range over 24 hours of author dates, or of 40 files or more, touches a plan.
const dates = git.commits.map((commit) => Date.parse(commit.author.date)).filter((t) => !Number.isNaN(t));
const spanHours = dates.length ? (Math.max(...dates) - Math.min(...dates)) / 3600e3 : 0;
if ((spanHours > 24 || changed.length >= 40) && plans.length === 0) {
  fail(`This change spans ${spanHours.toFixed(1)} h and ${changed.length} files but touches no plan.`);
}

// timestamps-monotonic: the Progress entries of each changed plan never go backwards.
for (const path of plans) {
  const lines = fs.readFileSync(path, "utf8").split("\n");
  let inProgress = false;
  let previous = null;
  lines.forEach((line, index) => {
    if (line.startsWith("## ")) {
      inProgress = line.slice(3).trim().toLowerCase() === "progress";
      previous = null;
      return;
    }
    const match = inProgress && STAMP.exec(line);
    if (!match) {
      return;
    }
    const [, y, mo, d, h, mi] = match;
    const time = Date.UTC(+y, +mo - 1, +d, +h, +mi);
    if (previous !== null && time < previous) {
      fail(`Progress entry goes backwards in time`, path, index + 1);
    }
    previous = time;
  });
}
