#include "planck/changes/worktree_changeset.hpp"

#include "planck/changes/documents.hpp"

#include <algorithm>

namespace planck {

WorktreeChangeSet::WorktreeChangeSet(WorkTree tree, std::map<std::string, std::string> overrides, std::int64_t now,
                                     Limits limits)
    : m_tree(std::move(tree)), m_overrides(std::move(overrides)), m_limits(limits)
{
  m_range.now = now;
  m_range.head_committer_time = now;
  m_range.worktree = true;
  m_range.all = true;
  for (const auto& [path, content] : m_overrides) {
    if (!std::binary_search(m_tree.files.begin(), m_tree.files.end(), path)) {
      m_tree.files.insert(std::upper_bound(m_tree.files.begin(), m_tree.files.end(), path), path);
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
    content = m_tree.read(path);
  }
  auto& slot = m_documents[path];
  if (content) {
    slot = build_document(path, std::move(*content), m_limits);
  }
  return slot.get();
}

bool WorktreeChangeSet::head_exists(const std::string& path) const
{
  if (m_overrides.count(path) != 0) {
    return true;
  }
  return m_tree.exists(path);
}

const std::vector<std::string>& WorktreeChangeSet::head_files() const
{
  return m_tree.files;
}

std::optional<std::int64_t> WorktreeChangeSet::last_change_time(const std::string& path) const
{
  if (m_overrides.count(path) != 0) {
    return m_range.now;
  }
  return std::nullopt;
}

} // namespace planck
