#include "planck/cli/git_changeset.hpp"
#include "planck/markdown/parser.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace planck {

namespace {

constexpr std::string_view k_lfs_pointer = "version https://git-lfs.github.com/spec/v1";

// A document that is not checked, with the one problem that says why.
std::unique_ptr<Document> unchecked(const std::string& path, std::string message)
{
  auto document = std::make_unique<Document>();
  document->path = path;
  document->skipped = true;
  document->problems.push_back({1, 1, std::move(message)});
  return document;
}

std::size_t entry_count(const Document& document)
{
  std::size_t count = 0;
  for (const auto& section : document.sections) {
    count += section.entries.size();
  }
  return count;
}

} // namespace

GitChangeSet::GitChangeSet(const Repository& repository, RangeInfo range, Limits limits)
  : m_repository(repository), m_range(std::move(range)), m_limits(limits)
{
  if (m_range.base_sha.empty()) {
    return;
  }
  m_commits = m_repository.commits_between(m_range.base_sha, m_range.head_sha).or_throw();
  m_changes = m_repository.diff(m_range.base_sha, m_range.head_sha, m_range.worktree).or_throw();
}

const Document* GitChangeSet::cached(std::map<std::string, std::unique_ptr<Document>>& cache,
                                     const std::string& path, std::optional<std::string> content) const
{
  auto& slot = cache[path];
  if (slot || !content) {
    return slot.get();
  }
  if (content->size() > m_limits.max_document_bytes) {
    slot = unchecked(path, fmt::format("is {} bytes, over the limit of {} (limits.max_document_bytes); not checked",
                                       content->size(), m_limits.max_document_bytes));
  } else if (content->compare(0, k_lfs_pointer.size(), k_lfs_pointer) == 0) {
    slot = unchecked(path, "is a Git LFS pointer, not the document's text; planck reads what git stores and does "
                           "not fetch LFS objects");
  } else {
    slot = std::make_unique<Document>(parse_document(path, *content));
    if (const auto entries = entry_count(*slot); entries > m_limits.max_entries) {
      slot = unchecked(path, fmt::format("has {} list entries in its sections, over the limit of {} "
                                         "(limits.max_entries); not checked",
                                         entries, m_limits.max_entries));
    }
  }
  return slot.get();
}

const Document* GitChangeSet::base_document(const std::string& path) const
{
  if (m_range.base_sha.empty()) {
    return nullptr;
  }
  if (const auto it = m_base_documents.find(path); it != m_base_documents.end()) {
    return it->second.get();
  }
  return cached(m_base_documents, path, m_repository.read_blob(m_range.base_sha, path));
}

const Document* GitChangeSet::head_document(const std::string& path) const
{
  if (const auto it = m_head_documents.find(path); it != m_head_documents.end()) {
    return it->second.get();
  }
  auto content = m_range.worktree ? m_repository.read_worktree(path) : m_repository.read_blob(m_range.head_sha, path);
  return cached(m_head_documents, path, std::move(content));
}

const std::vector<std::string>& GitChangeSet::head_files() const
{
  if (!m_head_files) {
    m_head_files = m_repository.list_files(m_range.head_sha, m_range.worktree).or_throw();
  }
  return *m_head_files;
}

bool GitChangeSet::head_exists(const std::string& path) const
{
  const auto& files = head_files();
  if (std::binary_search(files.begin(), files.end(), path)) {
    return true;
  }
  // A directory exists when some file lies below it.
  const std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  const auto it = std::lower_bound(files.begin(), files.end(), prefix);
  return it != files.end() && it->compare(0, prefix.size(), prefix) == 0;
}

std::optional<std::int64_t> GitChangeSet::last_change_time(const std::string& path) const
{
  if (m_range.worktree) {
    if (!m_uncommitted) {
      m_uncommitted.emplace();
      for (const auto& change : m_repository.diff(m_range.head_sha, m_range.head_sha, true).or_throw()) {
        m_uncommitted->insert(change.path);
      }
    }
    if (m_uncommitted->count(path) != 0) {
      return m_range.now;
    }
  }
  if (!m_change_times) {
    m_change_times = m_repository.last_change_times(m_commits);
  }
  const auto it = m_change_times->find(path);
  return it == m_change_times->end() ? std::nullopt : std::optional<std::int64_t>(it->second);
}

} // namespace planck
