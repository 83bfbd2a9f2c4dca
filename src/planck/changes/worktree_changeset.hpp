#pragma once

#include "planck/config/config.hpp"
#include "planck/model/changeset.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace planck {

/// The work tree as a WorktreeChangeSet reads it.
struct WorkTree
{
  std::vector<std::string> files;                                       // every file, sorted
  std::function<std::optional<std::string>(const std::string&)> read;   // a file's text; nothing when absent
  std::function<bool(const std::string&)> exists;                       // anything at the path
};

/// The work tree as a ChangeSet, as it would be with `overrides` (path -> content) written: what
/// `planck close` runs the `plan-completion` rule on before it writes anything. Every document is
/// checked (`all`), there is no base, and the overridden files count as changed now.
class WorktreeChangeSet : public ChangeSet
{
public:
  /// Reads files of `tree` on demand, parsed within `limits`; `now` is the wall clock (seconds
  /// since the epoch, UTC).
  WorktreeChangeSet(WorkTree tree, std::map<std::string, std::string> overrides, std::int64_t now, Limits limits);

  const RangeInfo& range() const override { return m_range; }
  const std::vector<CommitInfo>& commits() const override { return m_commits; }
  const std::vector<FileChange>& changes() const override { return m_changes; }
  const Document* base_document(const std::string&) const override { return nullptr; }
  const Document* head_document(const std::string& path) const override;
  bool head_exists(const std::string& path) const override;
  const std::vector<std::string>& head_files() const override;
  std::optional<std::int64_t> last_change_time(const std::string& path) const override;

private:
  WorkTree m_tree;
  std::map<std::string, std::string> m_overrides;
  Limits m_limits;
  RangeInfo m_range;
  std::vector<CommitInfo> m_commits;
  std::vector<FileChange> m_changes;
  mutable std::map<std::string, std::unique_ptr<Document>> m_documents;
};

} // namespace planck
