#pragma once

#include "planck/config/config.hpp"
#include "planck/git/repository.hpp"
#include "planck/model/changeset.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace planck {

/// The ChangeSet of a real repository: range data read once, documents read and parsed on first use.
class GitChangeSet : public ChangeSet
{
public:
  /// Reads the range's commits and changes from `repository`; `range` holds the resolved SHAs and flags.
  /// Documents past `limits` are not parsed: they hold one problem saying which limit they passed.
  GitChangeSet(const Repository& repository, RangeInfo range, Limits limits);

  const RangeInfo& range() const override { return m_range; }
  const std::vector<CommitInfo>& commits() const override { return m_commits; }
  const std::vector<FileChange>& changes() const override { return m_changes; }
  std::pair<int, int> line_counts(const FileChange& change) const override;
  const Document* base_document(const std::string& path) const override;
  const Document* head_document(const std::string& path) const override;
  bool shared_between_threads() const override { return true; }
  bool head_document_ready(const std::string& path) const override;
  void visit_head_texts(const std::vector<std::string>& paths,
                        const std::function<void(std::size_t, std::string_view)>& visit) const override;
  void prefetch(const std::vector<std::string>& head_paths, const std::vector<std::string>& base_paths) const override;
  bool head_exists(const std::string& path) const override;
  const std::vector<std::string>& head_files() const override;
  std::optional<std::int64_t> last_change_time(const std::string& path) const override;

private:
  std::optional<std::string> read_head(const std::string& path) const;
  std::optional<std::string> read_head_with(const Repository& repository, const std::string& path) const;
  // Handles on the repository for the threads that read and parse beside this one.
  const std::vector<Repository>& helpers() const;
  const Document* cached(std::map<std::string, std::unique_ptr<Document>>& cache, const std::string& path,
                         std::optional<std::string> content) const;

  // Held by every member that reads the repository or fills a cache, so that rules running side
  // by side share them; recursive, because members call one another.
  mutable std::recursive_mutex m_lock;
  const Repository& m_repository;
  RangeInfo m_range;
  Limits m_limits;
  std::vector<CommitInfo> m_commits;
  std::vector<FileChange> m_changes;
  mutable std::map<std::string, std::unique_ptr<Document>> m_base_documents;
  mutable std::map<std::string, std::unique_ptr<Document>> m_head_documents;
  mutable std::optional<std::vector<std::string>> m_head_files;
  mutable std::optional<std::vector<Repository>> m_helpers;
  mutable std::optional<std::set<std::string>> m_uncommitted;   // paths the work tree changes on top of head
  // Last-change times found so far, nothing for a path no commit of the range changed.
  mutable std::optional<std::unordered_map<std::string, std::optional<std::int64_t>>> m_change_times;
  mutable std::optional<std::map<std::pair<std::string, std::string>, std::pair<int, int>>> m_line_counts;
};

} // namespace planck
