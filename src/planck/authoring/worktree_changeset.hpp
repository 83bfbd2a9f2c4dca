#pragma once

#include "planck/authoring/workspace.hpp"
#include "planck/model/changeset.hpp"

#include <map>
#include <memory>
#include <string>

namespace planck {

/// The work tree as a ChangeSet, as it would be with `overrides` (path -> content) written: what
/// `planck close` runs the `plan-completion` rule on before it writes anything. Every document is
/// checked (`all`), there is no base, and the overridden files count as changed now.
class WorktreeChangeSet : public ChangeSet
{
public:
  /// Reads files of `workspace` on demand; `now` is the wall clock (seconds since the epoch, UTC).
  WorktreeChangeSet(const Workspace& workspace, std::map<std::string, std::string> overrides, std::int64_t now);

  const RangeInfo& range() const override { return m_range; }
  const std::vector<CommitInfo>& commits() const override { return m_commits; }
  const std::vector<FileChange>& changes() const override { return m_changes; }
  const Document* base_document(const std::string&) const override { return nullptr; }
  const Document* head_document(const std::string& path) const override;
  bool head_exists(const std::string& path) const override;
  const std::vector<std::string>& head_files() const override;
  std::optional<std::int64_t> last_change_time(const std::string& path) const override;

private:
  const Workspace& m_workspace;
  std::map<std::string, std::string> m_overrides;
  RangeInfo m_range;
  std::vector<CommitInfo> m_commits;
  std::vector<FileChange> m_changes;
  std::vector<std::string> m_files;
  mutable std::map<std::string, std::unique_ptr<Document>> m_documents;
};

} // namespace planck
