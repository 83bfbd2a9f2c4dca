#pragma once

// An in-memory ChangeSet for rule tests: documents are Markdown text parsed by the real parser,
// the config is the real default pack (plus overrides), the rules are the real catalogue.

#include "planck/config/config.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/rules/engine.hpp"
#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace planck::test {

class FakeChangeSet : public ChangeSet
{
public:
  FakeChangeSet()
  {
    m_range.base_sha = "1111111111111111111111111111111111111111";
    m_range.head_sha = "2222222222222222222222222222222222222222";
    m_range.head_committer_time = *utc_epoch(2025, 10, 30, 12, 0);
    m_range.now = m_range.head_committer_time;
  }

  /// The range changes `path` from `before` to `after`.
  void modify(const std::string& path, const std::string& before, const std::string& after)
  {
    set_base(path, before);
    set_head(path, after);
    add_change(FileChange::Status::modified, path, path);
  }

  /// The range adds `path`.
  void add(const std::string& path, const std::string& text)
  {
    set_head(path, text);
    add_change(FileChange::Status::added, path, path);
  }

  /// The range deletes `path`.
  void remove(const std::string& path, const std::string& before)
  {
    set_base(path, before);
    add_change(FileChange::Status::deleted, path, path);
  }

  /// The range renames `old_path` to `path` (a move into another folder is a rename too).
  void rename(const std::string& old_path, const std::string& path, const std::string& before,
              const std::string& after)
  {
    set_base(old_path, before);
    set_head(path, after);
    add_change(FileChange::Status::renamed, path, old_path);
  }

  /// `path` exists at base and head, unchanged.
  void keep(const std::string& path, const std::string& text)
  {
    set_base(path, text);
    set_head(path, text);
  }

  void set_base(const std::string& path, const std::string& text)
  {
    m_base[path] = std::make_unique<Document>(parse_document(path, text));
  }

  void set_head(const std::string& path, const std::string& text)
  {
    m_head[path] = std::make_unique<Document>(parse_document(path, text));
    if (std::find(m_files.begin(), m_files.end(), path) == m_files.end()) {
      m_files.push_back(path);
      std::sort(m_files.begin(), m_files.end());
    }
  }

  void add_change(FileChange::Status status, const std::string& path, const std::string& old_path)
  {
    FileChange change;
    change.status = status;
    change.path = path;
    change.old_path = old_path;
    change.additions = 1;
    change.deletions = status == FileChange::Status::added ? 0 : 1;
    m_changes.push_back(change);
  }

  /// Lets the engine run rules side by side: every member only reads once the range is set up.
  void share_between_threads() { m_shared = true; }
  bool shared_between_threads() const override { return m_shared; }

  RangeInfo& mutable_range() { return m_range; }
  std::vector<CommitInfo>& mutable_commits() { return m_commits; }
  std::vector<FileChange>& mutable_changes() { return m_changes; }
  std::map<std::string, std::int64_t>& change_times() { return m_change_times; }

  const RangeInfo& range() const override { return m_range; }
  const std::vector<CommitInfo>& commits() const override { return m_commits; }
  const std::vector<FileChange>& changes() const override { return m_changes; }
  const Document* base_document(const std::string& path) const override { return find(m_base, path); }
  const Document* head_document(const std::string& path) const override { return find(m_head, path); }
  bool head_exists(const std::string& path) const override
  {
    // A folder exists when some file lies below it, as in the real ChangeSet.
    return std::any_of(m_files.begin(), m_files.end(), [&](const std::string& file) {
      return file == path || (file.size() > path.size() && file.compare(0, path.size(), path) == 0
                              && file[path.size()] == '/');
    });
  }
  const std::vector<std::string>& head_files() const override { return m_files; }
  std::optional<std::int64_t> last_change_time(const std::string& path) const override
  {
    const auto it = m_change_times.find(path);
    if (it != m_change_times.end()) {
      return it->second;
    }
    return change_for(path) != nullptr ? std::optional<std::int64_t>(m_range.head_committer_time) : std::nullopt;
  }

private:
  static const Document* find(const std::map<std::string, std::unique_ptr<Document>>& map, const std::string& path)
  {
    const auto it = map.find(path);
    return it == map.end() ? nullptr : it->second.get();
  }

  RangeInfo m_range;
  std::vector<CommitInfo> m_commits;
  std::vector<FileChange> m_changes;
  std::map<std::string, std::unique_ptr<Document>> m_base;
  std::map<std::string, std::unique_ptr<Document>> m_head;
  std::vector<std::string> m_files;
  std::map<std::string, std::int64_t> m_change_times;
  bool m_shared = false;
};

/// The default pack, with `overrides` (a planck.yaml body) on top.
inline Config make_config(const std::string& overrides = "")
{
  auto config = load_config_text(overrides.empty() ? "extends: agdd\n" : overrides, "planck.yaml", rule_infos());
  REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
  return std::move(config.value());
}

/// Runs every rule of `config` over the range.
inline std::vector<Finding> check(const FakeChangeSet& changes, const Config& config)
{
  return run_rules(changes, config, select_targets(changes, config)).findings;
}

/// The findings of rule `rule` only.
inline std::vector<Finding> findings_of(const std::vector<Finding>& findings, const std::string& rule)
{
  std::vector<Finding> result;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(result),
               [&](const Finding& finding) { return finding.rule == rule; });
  return result;
}

/// Every finding, one per line, for failure messages.
inline std::string dump(const std::vector<Finding>& findings)
{
  std::string text;
  for (const auto& f : findings) {
    text += f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " + f.message + " [" + f.rule
            + "]\n";
  }
  return text;
}

/// A plan with every canonical section of the default pack; `progress`, `decisions`, `surprises`
/// are the bodies of the three log sections.
inline std::string plan(const std::string& progress = "- [2025-10-30 09:00 UTC] Started.\n",
                        const std::string& decisions = "- [2025-10-30 09:05 UTC] Chose the plain approach.\n",
                        const std::string& surprises = "- [2025-10-30 09:10 UTC] Nothing yet.\n",
                        const std::string& front_matter = "")
{
  return front_matter + "# Migrate storage\n\n"
         "## Purpose / Big Picture\n\nMove to Postgres.\n\n"
         "## Context and Orientation\n\nSee the catalog.\n\n"
         "## Plan of Work\n\nTwo phases.\n\n"
         "## To-do\n\n- [ ] Phase 1\n\n"
         "## Progress\n\n"
         + progress
         + "\n## Decision Log\n\n" + decisions
         + "\n## Surprises & Discoveries\n\n" + surprises
         + "\n## Concrete Steps\n\n1. Run it.\n\n"
           "## Validation and Acceptance\n\n`make test`\n\n"
           "## Idempotence and Recovery\n\nRe-run.\n\n"
           "## Outcomes & Retrospective\n\nTBD.\n\n"
           "## Artifacts and Notes\n\nNone.\n\n"
           "## Interfaces and Dependencies\n\nNone.\n";
}

inline const std::string k_plan_path = "docs/development/plans/migrate-storage.md";

} // namespace planck::test
