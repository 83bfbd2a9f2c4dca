#include "planck/authoring/worktree_changeset.hpp"

#include "planck/markdown/parser.hpp"

#include <algorithm>
#include <filesystem>

namespace planck {

WorktreeChangeSet::WorktreeChangeSet(const Workspace& workspace, std::map<std::string, std::string> overrides,
                                     std::int64_t now)
    : m_workspace(workspace), m_overrides(std::move(overrides))
{
  m_range.now = now;
  m_range.head_committer_time = now;
  m_range.worktree = true;
  m_range.all = true;
  m_files = workspace.files();
  for (const auto& [path, content] : m_overrides) {
    if (!std::binary_search(m_files.begin(), m_files.end(), path)) {
      m_files.insert(std::upper_bound(m_files.begin(), m_files.end(), path), path);
    }
    FileChange change;
    change.path = path;
    change.old_path = path;
    m_changes.push_back(change);
  }
}

const Document* WorktreeChangeSet::head_document(const std::string& path) const
{
  if (const auto cached = m_documents.find(path); cached != m_documents.end()) {
    return cached->second.get();
  }
  std::optional<std::string> content;
  if (const auto override = m_overrides.find(path); override != m_overrides.end()) {
    content = override->second;
  } else {
    content = m_workspace.read(path);
  }
  auto& slot = m_documents[path];
  if (content) {
    slot = std::make_unique<Document>(parse_document(path, *content));
  }
  return slot.get();
}

bool WorktreeChangeSet::head_exists(const std::string& path) const
{
  if (m_overrides.count(path) != 0) {
    return true;
  }
  std::error_code error;
  return std::filesystem::exists(m_workspace.absolute(path), error);
}

const std::vector<std::string>& WorktreeChangeSet::head_files() const
{
  return m_files;
}

std::optional<std::int64_t> WorktreeChangeSet::last_change_time(const std::string& path) const
{
  if (m_overrides.count(path) != 0) {
    return m_range.now;
  }
  return std::nullopt;
}

} // namespace planck
