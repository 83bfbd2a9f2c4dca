// Fuzz target: the rule engine and the report writers, on a range that changes one plan.
// The input is the plan at base and at head, separated by a line `@@@@ head @@@@` (without it the
// range adds the plan), after optional header lines that set up the range:
//   @@@@ execplan                       the execplan pack and its plan folder, not agdd
//   @@@@ config {YAML flow mapping}     a planck.yaml on top of the pack, in a ConfigSandbox (skipped
//                                       when it fails to load)
//   @@@@ times OLDEST NEWEST HEAD       two commits' author dates and the head commit's date (epoch seconds)
//   @@@@ worktree  /  @@@@ all          a --worktree or --all run
// The range also holds a registry and a changelog that link the plan, so the cross-document rules
// run too. Every finding is rendered in every report format, and the JSON ones must parse.

#include "config_sandbox.hpp"
#include "fuzz_support.hpp"

#include "planck/config/config.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/report/formats.hpp"
#include "planck/report/report.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/rules/engine.hpp"
#include "planck/util/timestamp.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using planck::fuzz::require;
using planck::fuzz::touch;

// An in-memory range, as tests/unit/rules_fixture.hpp builds one: documents parsed by the real parser.
class FuzzChangeSet : public planck::ChangeSet
{
public:
  FuzzChangeSet(std::int64_t oldest, std::int64_t newest, std::int64_t head, bool worktree, bool all)
  {
    m_range.base_sha = "1111111111111111111111111111111111111111";
    m_range.head_sha = "2222222222222222222222222222222222222222";
    m_range.head_committer_time = head;
    m_range.now = head;
    m_range.worktree = worktree;
    m_range.all = all;
    const std::pair<std::int64_t, const char*> dates[] = {{newest, "Plan: fuzz"}, {oldest, "Plan-Exempt: fuzzing"}};
    for (const auto& [date, trailer] : dates) {
      planck::CommitInfo commit;
      commit.sha = m_commits.empty() ? m_range.head_sha : "3333333333333333333333333333333333333333";
      commit.summary = "Work on the plan";
      commit.message = std::string("Work on the plan\n\n") + trailer + "\n";
      commit.author_time = date;
      commit.committer_time = m_commits.empty() ? head : date;
      const std::string_view line(trailer);
      const auto colon = line.find(':');
      commit.trailers = {{std::string(line.substr(0, colon)), std::string(line.substr(colon + 2))}};
      m_commits.push_back(commit);
    }
  }

  void set(const std::string& path, const std::optional<std::string>& before, const std::optional<std::string>& after)
  {
    if (before) {
      m_base[path] = std::make_unique<planck::Document>(planck::parse_document(path, *before));
    }
    if (after) {
      m_head[path] = std::make_unique<planck::Document>(planck::parse_document(path, *after));
      m_files.push_back(path);
      std::sort(m_files.begin(), m_files.end());
    }
    if (before && after && *before == *after) {
      return;
    }
    planck::FileChange change;
    change.status = !before  ? planck::FileChange::Status::added
                    : !after ? planck::FileChange::Status::deleted
                             : planck::FileChange::Status::modified;
    change.path = path;
    change.old_path = path;
    change.additions = after ? 1 : 0;
    change.deletions = before ? 1 : 0;
    m_changes.push_back(change);
  }

  const planck::RangeInfo& range() const override { return m_range; }
  const std::vector<planck::CommitInfo>& commits() const override { return m_commits; }
  const std::vector<planck::FileChange>& changes() const override { return m_changes; }
  const planck::Document* base_document(const std::string& path) const override { return find(m_base, path); }
  const planck::Document* head_document(const std::string& path) const override { return find(m_head, path); }
  bool head_exists(const std::string& path) const override
  {
    return std::any_of(m_files.begin(), m_files.end(), [&](const std::string& file) {
      return file == path || (file.size() > path.size() && file.compare(0, path.size(), path) == 0 &&
                              file[path.size()] == '/');
    });
  }
  const std::vector<std::string>& head_files() const override { return m_files; }
  std::optional<std::int64_t> last_change_time(const std::string& path) const override
  {
    return change_for(path) != nullptr ? std::optional<std::int64_t>(m_range.head_committer_time) : std::nullopt;
  }

private:
  using Documents = std::map<std::string, std::unique_ptr<planck::Document>>;
  static const planck::Document* find(const Documents& documents, const std::string& path)
  {
    const auto it = documents.find(path);
    return it == documents.end() ? nullptr : it->second.get();
  }

  planck::RangeInfo m_range;
  std::vector<planck::CommitInfo> m_commits;
  std::vector<planck::FileChange> m_changes;
  Documents m_base;
  Documents m_head;
  std::vector<std::string> m_files;
};

const planck::Config& pack(bool execplan)
{
  static const auto load = [](const char* text) {
    auto config = planck::load_config_text(text, "planck.yaml", planck::rule_infos());
    require(config.has_value(), "a built-in pack does not load");
    return std::move(config.value());
  };
  static const planck::Config agdd = load("extends: agdd\n");
  static const planck::Config cookbook = load("extends: execplan\n");
  return execplan ? cookbook : agdd;
}

// What the header lines ask for.
struct Setup
{
  bool execplan = false;
  std::string config;            // YAML on top of the pack; empty for the pack alone
  std::int64_t oldest = *planck::utc_epoch(2025, 10, 29, 9, 0);
  std::int64_t newest = *planck::utc_epoch(2025, 10, 30, 11, 0);
  std::int64_t head = *planck::utc_epoch(2025, 10, 30, 12, 0);
  bool worktree = false;
  bool all = false;
};

// Any decimal the line holds, saturated to 64 bits: the dates of a hostile commit can be anything.
std::int64_t number(std::string_view& line)
{
  while (!line.empty() && line.front() == ' ') {
    line.remove_prefix(1);
  }
  const std::string digits(line.substr(0, line.find(' ')));
  line.remove_prefix(std::min(line.size(), digits.size()));
  return std::strtoll(digits.c_str(), nullptr, 10);
}

Setup read_setup(std::string_view& text)
{
  Setup setup;
  const std::string_view k_mark = "@@@@ ";
  while (text.substr(0, k_mark.size()) == k_mark) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(k_mark.size(), end - k_mark.size());
    text.remove_prefix(std::min(text.size(), end + 1));
    const std::string_view word = line.substr(0, line.find(' '));
    line.remove_prefix(std::min(line.size(), word.size() + 1));
    if (word == "execplan") {
      setup.execplan = true;
    } else if (word == "config") {
      setup.config = std::string(line);
    } else if (word == "times") {
      setup.oldest = number(line);
      setup.newest = number(line);
      setup.head = number(line);
    } else if (word == "worktree") {
      setup.worktree = true;
    } else if (word == "all") {
      setup.all = true;
    }
  }
  return setup;
}

void render(const planck::ChangeSet& changes, const planck::Config& config,
            const std::vector<planck::Target>& targets, const planck::CheckResult& result)
{
  const planck::ReportInput input{changes.range(),
                                  result.findings,
                                  planck::summarize(result.findings, result.files_checked),
                                  true,
                                  "/work/repo",
                                  "0.0.0-fuzz",
                                  planck::rule_infos(),
                                  planck::rule_checks(config, targets),
                                  [&changes](const std::string& path, int line) -> std::optional<std::string> {
                                    const planck::Document* document = changes.head_document(path);
                                    if (document == nullptr) {
                                      document = changes.base_document(path);
                                    }
                                    if (document == nullptr || line < 1 ||
                                        static_cast<std::size_t>(line) > document->lines.size()) {
                                      return std::nullopt;
                                    }
                                    return std::string(document->lines[static_cast<std::size_t>(line) - 1]);
                                  }};
  for (const planck::Format& format : planck::formats()) {
    std::ostringstream out;
    planck::write_report(format, out, input);
    const std::string text = out.str();
    touch(text);
    // SARIF is left out here only for speed: it carries every rule's help, and is dumped by the
    // same JSON library as these two.
    if (format.name == "json" || format.name == "gitlab") {
      require(nlohmann::json::accept(text), "a JSON report is not valid JSON");
    }
    if (format.name == "text") {
      // One line a finding: quoted text must not start lines of its own.
      require(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == result.findings.size(),
              "the text report is not one line a finding");
    }
    if (format.name == "github") {
      // Every line is a workflow command: quoted text must not inject commands of its own.
      std::size_t start = 0;
      while (start < text.size()) {
        require(text.compare(start, 2, "::") == 0, "a line of the annotations is not a workflow command");
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
          break;
        }
        start = end + 1;
      }
    }
  }
  std::ostringstream summary;
  planck::write_github_summary(summary, input, 64 * 1024);
  require(summary.str().size() <= 64 * 1024, "the step summary exceeds its byte budget");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const Setup setup = read_setup(text);
  const std::string plan_path = setup.execplan ? "docs/execplans/fuzz.md" : "docs/development/plans/fuzz.md";
  const std::string_view k_separator = "\n@@@@ head @@@@\n";
  std::optional<std::string> base;
  std::string head(text);
  if (const auto at = text.find(k_separator); at != std::string_view::npos) {
    base = std::string(text.substr(0, at));
    head = std::string(text.substr(at + k_separator.size()));
  }

  std::optional<planck::Config> custom;
  if (!setup.config.empty()) {
    const std::string yaml =
        std::string("extends: ") + (setup.execplan ? "execplan" : "agdd") + "\n" + setup.config + "\n";
    static const planck::fuzz::ConfigSandbox sandbox;
    if (!planck::fuzz::ConfigSandbox::allows(yaml)) {
      return -1;
    }
    auto loaded = planck::load_config_text(yaml, sandbox.config_name(), planck::rule_infos());
    if (!loaded) {
      return -1;
    }
    custom = std::move(loaded.value());
  }
  const planck::Config& config = custom ? *custom : pack(setup.execplan);

  FuzzChangeSet changes(setup.oldest, setup.newest, setup.head, setup.worktree, setup.all);
  changes.set(plan_path, base, head);
  const std::string& link = plan_path;
  changes.set("PLANS.md", std::string("# Plans\n\n## Active Plans\n\n- [2025-10-29] Fuzz – [fuzz](") + link +
                              ") – @fuzz – in-progress\n\n## Completed Plans\n\n_None yet._\n",
              std::string("# Plans\n\n## Active Plans\n\n_None yet._\n\n## Completed Plans\n\n- [2025-10-29] Fuzz – [fuzz](") +
                  link + ") – @fuzz – completed\n");
  changes.set("CHANGELOG.md", std::nullopt, "# Changelog\n\n- Finished [fuzz](" + link + ").\n");

  const auto targets = planck::select_targets(changes, config);
  const planck::CheckResult result = planck::run_rules(changes, config, targets);
  for (const auto& finding : result.findings) {
    require(!finding.rule.empty() && planck::find_rule(finding.rule) != nullptr, "a finding of an unknown rule");
    require(finding.line >= 1 && finding.column >= 1, "a finding before line 1, column 1");
    require(finding.end_line == 0 || finding.end_line >= finding.line, "a finding ends before it starts");
    require(finding.fingerprint.size() == 16, "a fingerprint is not 16 hex digits");
    const planck::Document* document = changes.head_document(finding.path);
    if (document == nullptr) {
      document = changes.base_document(finding.path);
    }
    require(!finding.path.empty(), "a finding without a path");
    if (document != nullptr) {
      const int last = std::max<int>(1, static_cast<int>(document->lines.size()));
      require(finding.line <= last, "a finding past the document's last line");
    }
    touch(finding.message);
  }
  render(changes, config, targets, result);
  return 0;
}
