// Repository's core: opening a repository, resolving revisions with messages that say how to
// fetch what is missing, reading blobs (fetching a partial clone's missing objects) and work tree
// files, and listing a commit's files.

#include "planck/git/repository.hpp"

#include "planck/git/handles.hpp"
#include "planck/git/loose_backend.hpp"
#include "planck/git/promisor.hpp"
#include "planck/git/repository_impl.hpp"

#include <fmt/format.h>
#include <git2.h>
#if __has_include(<git2/sys/errors.h>)
#include <git2/sys/errors.h>   // git_error_clear and git_error_set_str from libgit2 1.8 on
#endif

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

namespace planck {

namespace git {

std::string hex(const git_oid* id)
{
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, id);
  return text;
}

} // namespace git

using git::hex;
using git::k_fetch_hint;

namespace {

// The remote a partial clone fetches missing objects from (`extensions.partialClone`, or the first
// remote marked `promisor`), or empty in a full clone.
std::string promisor_remote(git_repository* repo)
{
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) < 0) {
    git_error_clear();
    return "";
  }
  const git::ConfigPtr config(raw);
  const char* value = nullptr;
  if (git_config_get_string(&value, config.get(), "extensions.partialclone") == 0 && value != nullptr &&
      value[0] != '\0') {
    return value;
  }
  git_error_clear();
  // Every entry, filtered here: libgit2's regex matching (pcre2) leaks its match data per call.
  git_config_iterator* raw_iterator = nullptr;
  if (git_config_iterator_new(&raw_iterator, config.get()) < 0) {
    git_error_clear();
    return "";
  }
  const git::ConfigIteratorPtr entries(raw_iterator);
  std::string remote;
  git_config_entry* entry = nullptr;
  while (remote.empty() && git_config_next(&entry, entries.get()) == 0) {
    const std::string_view name = entry->name;   // remote.<name>.promisor
    constexpr std::string_view prefix = "remote.";
    constexpr std::string_view suffix = ".promisor";
    int truth = 0;
    if (name.size() > prefix.size() + suffix.size() && name.substr(0, prefix.size()) == prefix &&
        name.substr(name.size() - suffix.size()) == suffix && git_config_parse_bool(&truth, entry->value) == 0 &&
        truth != 0) {
      remote = std::string(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    }
  }
  git_error_clear();
  return remote;
}

bool looks_like_sha(const std::string& revision)
{
  return revision.size() >= 4 && revision.size() <= GIT_OID_HEXSZ &&
         std::all_of(revision.begin(), revision.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool looks_like_branch(const std::string& revision)
{
  if (revision.empty() || revision == "HEAD" || looks_like_sha(revision) || revision.front() == '-' ||
      revision.front() == '/' || revision.back() == '/' || revision.find("..") != std::string::npos) {
    return false;
  }
  return std::all_of(revision.begin(), revision.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '_' || c == '/' || c == '-';
  });
}

// Read from the configuration rather than with git_remote_lookup, which leaks in libgit2 1.5.
bool remote_exists(git_repository* repo, const std::string& name)
{
  git_config* raw_config = nullptr;
  if (git_repository_config_snapshot(&raw_config, repo) < 0) {
    return false;
  }
  git::ConfigPtr config(raw_config);
  git_config_entry* raw_entry = nullptr;
  const int code = git_config_get_entry(&raw_entry, config.get(), ("remote." + name + ".url").c_str());
  git::ConfigEntryPtr entry(raw_entry);
  return code == 0;
}

// "origin/main" is branch "main" of remote "origin"; anything else is taken from origin.
std::string branch_fetch_command(git_repository* repo, const std::string& revision)
{
  std::string remote = "origin";
  std::string branch = revision;
  const auto slash = revision.find('/');
  if (slash != std::string::npos && remote_exists(repo, revision.substr(0, slash))) {
    remote = revision.substr(0, slash);
    branch = revision.substr(slash + 1);
  }
  return "`git fetch " + remote + " " + branch + "`";
}

// A path of plain names: no empty, `.` or `..` component, no leading or trailing slash.
bool is_plain_path(std::string_view path)
{
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    if (end == path.size()) {
      return true;
    }
    start = end + 1;
  }
}

bool is_regular_file_mode(git_filemode_t mode)
{
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

} // namespace

std::string Repository::Impl::unresolved_message(int code, const std::string& revision) const
{
  if (code == GIT_EAMBIGUOUS) {
    return "ambiguous revision '" + revision + "': give more hex digits";
  }
  if (code != GIT_ENOTFOUND && code != GIT_EINVALIDSPEC) {
    // Found but not readable: a damaged object or pack, which no fetch of the name mends.
    return git::failure_message(code, "cannot read revision '" + revision + "'") +
           " (the repository is damaged; `git fsck` names what is wrong)";
  }
  const std::string branch_hint = looks_like_branch(revision)
                                      ? "; if it is a branch on the remote, fetch it with " +
                                            branch_fetch_command(repo.get(), revision)
                                      : "";
  if (shallow) {
    return "revision '" + revision + "' is not in this shallow clone: " + k_fetch_hint + branch_hint;
  }
  if (git_repository_is_empty(repo.get()) == 1) {
    return "unknown revision '" + revision + "': the repository has no commits yet";
  }
  if (revision.rfind("HEAD", 0) == 0 && git_repository_head_unborn(repo.get()) == 1) {
    return "unknown revision '" + revision + "': the current branch has no commits yet";
  }
  if (code == GIT_EINVALIDSPEC) {
    return "invalid revision '" + revision + "'";
  }
  return "unknown revision '" + revision + "'" + branch_hint;
}

int Repository::Impl::unreadable_reference_target(const std::string& revision) const
{
  git_reference* raw_reference = nullptr;
  if (git_reference_dwim(&raw_reference, repo.get(), revision.c_str()) < 0) {
    git_error_clear();
    return 0;
  }
  const git::ReferencePtr reference(raw_reference);
  git_reference* raw_resolved = nullptr;
  if (git_reference_resolve(&raw_resolved, reference.get()) < 0) {
    git_error_clear();
    return 0;
  }
  const git::ReferencePtr resolved(raw_resolved);
  const git_oid* target = git_reference_target(resolved.get());
  if (target == nullptr) {
    return 0;
  }
  git_object* raw_object = nullptr;
  const int code = git_object_lookup(&raw_object, repo.get(), target, GIT_OBJECT_ANY);
  git_object_free(raw_object);
  return code < 0 && code != GIT_ENOTFOUND ? code : 0;
}

Expected<git::CommitPtr> Repository::Impl::lookup_commit(const std::string& revision) const
{
  if (revision.empty()) {
    return Expected<git::CommitPtr>::failure("empty revision");
  }
  // A full object id names its commit, as git takes it before any reference of that name: looked
  // up directly, without the reference lookups (a dozen files and packed-refs) that made up
  // two fifths of a check walking a range of 3,000 commits.
  if (revision.size() == GIT_OID_HEXSZ && looks_like_sha(revision)) {
    git_oid id;
    git_commit* commit = nullptr;
    if (git_oid_fromstrn(&id, revision.data(), revision.size()) == 0 && git_commit_lookup(&commit, repo.get(), &id) == 0) {
      return git::CommitPtr(commit);
    }
  }
  // A name that is a reference is read here first: libgit2 1.5's revparse leaks the reference
  // it resolved when the object it points to cannot be read (a damaged repository).
  if (const int damaged = unreadable_reference_target(revision); damaged < 0) {
    return Expected<git::CommitPtr>::failure(unresolved_message(damaged, revision));
  }
  git_object* raw = nullptr;
  const int code = git_revparse_single(&raw, repo.get(), revision.c_str());
  git::ObjectPtr object(raw);
  if (code < 0) {
    return Expected<git::CommitPtr>::failure(unresolved_message(code, revision));
  }
  git_object* raw_peeled = nullptr;
  const int peel_code = git_object_peel(&raw_peeled, object.get(), GIT_OBJECT_COMMIT);
  git::ObjectPtr peeled(raw_peeled);
  git_commit* commit = nullptr;
  if (peel_code < 0 || git_commit_lookup(&commit, repo.get(), git_object_id(peeled.get())) < 0) {
    return Expected<git::CommitPtr>::failure("revision '" + revision + "' does not name a commit");
  }
  return git::CommitPtr(commit);
}

Expected<git::TreePtr> Repository::Impl::tree_of(const std::string& revision) const
{
  auto commit = lookup_commit(revision);
  if (!commit) {
    return Expected<git::TreePtr>::failure(commit.error());
  }
  git_tree* tree = nullptr;
  const int code = git_commit_tree(&tree, commit->get());
  if (code < 0) {
    return Expected<git::TreePtr>::failure(git::failure_message(code, "cannot read the tree of '" + revision + "'"));
  }
  return git::TreePtr(tree);
}

Expected<FileText> Repository::Impl::read_object(const git_oid& id, const std::string& path, const std::string& sha,
                                                 std::uint64_t max_bytes) const
{
  git_odb* raw_odb = nullptr;
  if (const int code = git_repository_odb(&raw_odb, repo.get()); code < 0) {
    return Expected<FileText>::failure(git::failure_message(code, "cannot open the object database"));
  }
  const git::OdbPtr odb(raw_odb);
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  int code = git_odb_read_header(&size, &type, odb.get(), &id);
  if (code == GIT_ENOTFOUND) {
    // Another handle may have fetched it meanwhile; failing that, a partial clone fetches it.
    git_odb_refresh(odb.get());
    code = git_odb_read_header(&size, &type, odb.get(), &id);
    if (code == GIT_ENOTFOUND && !promisor.empty()) {
      const std::string failed = git::fetch_objects(git_repository_path(repo.get()), promisor, {hex(&id)});
      if (!failed.empty()) {
        return Expected<FileText>::failure(fmt::format(
          "cannot read {} at {}: this partial clone lacks it, and {}; fetch the history the check "
          "needs, or clone without --filter",
          path, sha.substr(0, 12), failed));
      }
      git_odb_refresh(odb.get());
      code = git_odb_read_header(&size, &type, odb.get(), &id);
    }
  }
  if (code == GIT_ENOTFOUND) {
    return Expected<FileText>::failure(fmt::format(
      "cannot read {} at {}: its object {} is missing from this repository{}", path, sha.substr(0, 12),
      hex(&id).substr(0, 12),
      promisor.empty() ? " (run `git fsck`; a clone made with --filter needs its promisor remote)"
                       : " even after fetching it from '" + promisor + "'"));
  }
  const auto damaged = [&](int error) {
    return Expected<FileText>::failure(git::failure_message(
      error, fmt::format("cannot read {} at {}: its object {} is damaged", path, sha.substr(0, 12),
                         hex(&id).substr(0, 12))));
  };
  if (code < 0 || type != GIT_OBJECT_BLOB) {
    return damaged(code < 0 ? code : GIT_EINVALID);
  }
  if (size > max_bytes) {
    return FileText{FileText::State::too_large, {}, size};
  }
  git_odb_object* raw_object = nullptr;
  if (const int read = git_odb_read(&raw_object, odb.get(), &id); read < 0) {
    return damaged(read);
  }
  const git::OdbObjectPtr object(raw_object);
  const auto* data = static_cast<const char*>(git_odb_object_data(object.get()));
  const std::size_t length = git_odb_object_size(object.get());
  return FileText{FileText::State::text, std::string(data, length), length};
}

Expected<git::TreePtr> Repository::Impl::folder_tree(git_tree* root, const std::string& dir) const
{
  if (root == nullptr) {
    return git::TreePtr();
  }
  // Folder by folder, so that a folder that is not there (no entry, or a file by that name) is
  // told from one whose tree cannot be read: libgit2's path lookup says "not found" for both.
  git_oid id;
  git_oid_cpy(&id, git_tree_id(root));
  git::TreePtr step;   // the folder being walked, below the root
  for (std::size_t at = 0; at < dir.size();) {
    const std::size_t slash = std::min(dir.find('/', at), dir.size());
    const std::string name = dir.substr(at, slash - at);
    const git_tree_entry* entry = git_tree_entry_byname(step ? step.get() : root, name.c_str());
    if (entry == nullptr || git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
      return git::TreePtr();
    }
    git_oid_cpy(&id, git_tree_entry_id(entry));
    at = slash + 1;
    if (at >= dir.size()) {
      break;   // the folder itself: looked up below, where the last few are held
    }
    git_tree* raw = nullptr;
    if (const int code = git_tree_lookup(&raw, repo.get(), &id); code < 0) {
      return Expected<git::TreePtr>::failure(git::failure_message(
        code, fmt::format("cannot read folder {} (tree {})", dir.substr(0, slash), hex(&id).substr(0, 12))));
    }
    step.reset(raw);
  }
  auto& held = held_trees;
  const auto hit = std::find_if(held.begin(), held.end(),
                                [&](const HeldTree& tree) { return git_oid_equal(&tree.id, &id) != 0; });
  if (hit != held.end()) {
    std::rotate(held.begin(), hit, hit + 1);
  } else {
    git_tree* raw = nullptr;
    if (const int code = git_tree_lookup(&raw, repo.get(), &id); code < 0) {
      return Expected<git::TreePtr>::failure(git::failure_message(
        code, fmt::format("cannot read folder {} (tree {})", dir.empty() ? "." : dir, hex(&id).substr(0, 12))));
    }
    if (held.size() == k_held_folders) {
      held.pop_back();
    }
    held.insert(held.begin(), HeldTree{id, git::TreePtr(raw)});
  }
  git_tree* copy = nullptr;
  if (const int code = git_tree_dup(&copy, held.front().tree.get()); code < 0) {
    return Expected<git::TreePtr>::failure(git::failure_message(code, "cannot copy the tree of folder " + dir));
  }
  return git::TreePtr(copy);
}

Expected<git_tree*> Repository::Impl::folder_at(const std::string& sha, const std::string& dir) const
{
  auto& folders = read_folders;
  const auto hit = std::find_if(folders.begin(), folders.end(),
                                [&](const ReadFolder& folder) { return folder.sha == sha && folder.dir == dir; });
  if (hit != folders.end()) {
    std::rotate(folders.begin(), hit, hit + 1);
    return folders.front().tree.get();
  }
  auto root = tree_of(sha);
  if (!root) {
    return Expected<git_tree*>::failure(root.error());
  }
  auto found = folder_tree(root->get(), dir);
  if (!found) {
    return Expected<git_tree*>::failure(found.error());
  }
  git::TreePtr tree = std::move(*found);
  if (!tree) {
    return nullptr;   // not held: only folders that are there are
  }
  if (folders.size() == k_held_folders) {
    folders.pop_back();
  }
  folders.insert(folders.begin(), ReadFolder{sha, dir, std::move(tree)});
  return folders.front().tree.get();
}

Repository::Repository(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Repository::~Repository() = default;
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;

Expected<Repository> Repository::discover(const std::string& path)
{
  git::ensure_libgit2();
  git_repository* raw = nullptr;
  const int code = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  git::RepositoryPtr repo(raw);
  if (code == GIT_ENOTFOUND) {
    return Expected<Repository>::failure("not a git repository (or any of its parents): " + path);
  }
  if (code < 0) {
    return Expected<Repository>::failure(git::failure_message(code, "cannot open the git repository at " + path));
  }
  auto impl = std::make_unique<Impl>();
  impl->shallow = git_repository_is_shallow(repo.get()) == 1;
  if (impl->shallow) {
    std::ifstream list(std::filesystem::path(git_repository_commondir(repo.get())) / "shallow");
    for (std::string line; std::getline(list, line);) {
      if (line.size() >= GIT_OID_HEXSZ) {
        impl->boundary.insert(line.substr(0, GIT_OID_HEXSZ));
      }
    }
  }
  if (const int guarded = git::guard_loose_objects(repo.get()); guarded < 0) {
    return Expected<Repository>::failure(git::failure_message(guarded, "cannot open the object database of " + path));
  }
  impl->promisor = promisor_remote(repo.get());
  impl->repo = std::move(repo);
  impl->opened_from = path;
  return Repository(std::move(impl));
}

Expected<Repository> Repository::open_again() const
{
  return discover(m_impl->opened_from);
}

std::string Repository::workdir() const
{
  const char* path = git_repository_workdir(m_impl->repo.get());
  if (path == nullptr) {
    return "";
  }
  std::string result = path;
  while (result.size() > 1 && result.back() == '/') {
    result.pop_back();
  }
  return result;
}

bool Repository::is_shallow() const
{
  return m_impl->shallow;
}

Expected<std::string> Repository::resolve(const std::string& revision) const
{
  auto commit = m_impl->lookup_commit(revision);
  if (!commit) {
    return Expected<std::string>::failure(commit.error());
  }
  return hex(git_commit_id(commit->get()));
}

Expected<FileText> Repository::read_blob(const std::string& sha, const std::string& path, std::uint64_t max_bytes) const
{
  if (path.empty()) {
    return FileText{};
  }
  git_oid id;
  git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
  if (is_plain_path(path)) {
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    // Reads come folder by folder (a plans folder of thousands of files): the folder's tree is
    // held instead of being found again, through libgit2's small cache, for every blob.
    auto folder = m_impl->folder_at(sha, dir);
    if (!folder) {
      return Expected<FileText>::failure(folder.error());
    }
    const git_tree_entry* entry = *folder != nullptr ? git_tree_entry_byname(*folder, name.c_str()) : nullptr;
    if (entry == nullptr) {
      return FileText{};
    }
    git_oid_cpy(&id, git_tree_entry_id(entry));
    mode = git_tree_entry_filemode(entry);
  } else {
    auto tree = m_impl->tree_of(sha);
    if (!tree) {
      return Expected<FileText>::failure(tree.error());
    }
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree->get(), path.c_str()) < 0) {
      return FileText{};
    }
    git::TreeEntryPtr entry(raw_entry);
    git_oid_cpy(&id, git_tree_entry_id(entry.get()));
    mode = git_tree_entry_filemode(entry.get());
  }
  // Symbolic links are never followed: a linked plan could point anywhere.
  if (!is_regular_file_mode(mode)) {
    return FileText{};
  }
  return m_impl->read_object(id, path, sha, max_bytes);
}

Expected<FileText> Repository::read_worktree(const std::string& path, std::uint64_t max_bytes) const
{
  const std::string root = workdir();
  const std::filesystem::path relative(path);
  if (root.empty() || path.empty() || relative.is_absolute()) {
    return FileText{};
  }
  // Walk component by component so that no symbolic link, not even a linked folder, is followed.
  std::filesystem::path current(root);
  std::filesystem::file_status status;
  bool any = false;
  for (const auto& part : relative) {
    const std::string name = part.string();
    if (name.empty() || name == ".") {
      continue;
    }
    if (name == ".." || name == ".git") {
      return FileText{};
    }
    current /= part;
    std::error_code error;
    status = std::filesystem::symlink_status(current, error);
    if (error && error != std::errc::no_such_file_or_directory && error != std::errc::not_a_directory) {
      return Expected<FileText>::failure(fmt::format("cannot read {} in the work tree: {}", path, error.message()));
    }
    if (error || std::filesystem::is_symlink(status)) {
      return FileText{};
    }
    any = true;
  }
  if (!any || !std::filesystem::is_regular_file(status)) {
    return FileText{};
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(current, error);
  if (!error && size > max_bytes) {
    return FileText{FileText::State::too_large, {}, size};
  }
  std::ifstream in(current, std::ios::binary);
  if (!in) {
    return Expected<FileText>::failure(fmt::format("cannot read {} in the work tree: {}", path,
                                                   std::error_code(errno, std::generic_category()).message()));
  }
  FileText file{FileText::State::text, {}, 0};
  // Read no more than the limit allows, whatever the file grows to meanwhile.
  const std::uint64_t cap = max_bytes == k_no_limit ? k_no_limit : max_bytes + 1;
  char buffer[65536];
  while (in && file.text.size() < cap) {
    in.read(buffer, static_cast<std::streamsize>(std::min<std::uint64_t>(sizeof buffer, cap - file.text.size())));
    file.text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return Expected<FileText>::failure(fmt::format("cannot read {} in the work tree: an I/O error", path));
  }
  file.size = file.text.size();
  if (file.size > max_bytes) {
    return FileText{FileText::State::too_large, {}, file.size};
  }
  return file;
}

bool Repository::is_partial_clone() const
{
  return !m_impl->promisor.empty();
}

Expected<std::size_t> Repository::fetch_missing(const std::string& sha, const std::vector<std::string>& paths) const
{
  if (m_impl->promisor.empty() || paths.empty()) {
    return std::size_t{0};
  }
  auto tree = m_impl->tree_of(sha);
  if (!tree) {
    return Expected<std::size_t>::failure(tree.error());
  }
  git_odb* raw_odb = nullptr;
  if (const int code = git_repository_odb(&raw_odb, m_impl->repo.get()); code < 0) {
    return Expected<std::size_t>::failure(git::failure_message(code, "cannot open the object database"));
  }
  const git::OdbPtr odb(raw_odb);
  std::vector<std::string> missing;
  std::string first_missing;
  for (const auto& path : paths) {
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree->get(), path.c_str()) < 0) {
      git_error_clear();
      continue;   // not in this commit: nothing to fetch
    }
    const git::TreeEntryPtr entry(raw_entry);
    if (is_regular_file_mode(git_tree_entry_filemode(entry.get())) &&
        git_odb_exists(odb.get(), git_tree_entry_id(entry.get())) == 0) {
      missing.push_back(hex(git_tree_entry_id(entry.get())));
      if (first_missing.empty()) {
        first_missing = path;
      }
    }
  }
  if (missing.empty()) {
    return std::size_t{0};
  }
  if (const std::string failed = git::fetch_objects(git_repository_path(m_impl->repo.get()), m_impl->promisor, missing);
      !failed.empty()) {
    return Expected<std::size_t>::failure(
      fmt::format("cannot read {}{} at {}: this partial clone lacks {}, and {}; fetch the history the check "
                  "needs, or clone without --filter",
                  first_missing, missing.size() == 1 ? "" : fmt::format(" and {} more", missing.size() - 1),
                  sha.substr(0, 12), missing.size() == 1 ? "it" : "them", failed));
  }
  git_odb_refresh(odb.get());
  return missing.size();
}

Expected<std::vector<std::string>> Repository::list_files_where(
  const std::string& sha, const std::function<bool(const std::string&)>& descend,
  const std::function<bool(std::string_view)>& keep) const
{
  auto tree = m_impl->tree_of(sha);
  if (!tree) {
    return Expected<std::vector<std::string>>::failure(tree.error());
  }
  struct Walk
  {
    const std::function<bool(const std::string&)>& descend;
    const std::function<bool(std::string_view)>& keep;
    std::vector<std::string> files;
  } walk{descend, keep, {}};
  const auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    auto& state = *static_cast<Walk*>(payload);
    try {
      const char* name = git_tree_entry_name(entry);
      if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
        return state.descend(std::string(root) + name) ? 0 : 1;   // 1: skip this folder's contents
      }
      if (state.keep(name)) {
        state.files.push_back(std::string(root) + name);
      }
    } catch (...) {
      return -1;  // an exception must not cross libgit2's C frames
    }
    return 0;
  };
  const int code = git_tree_walk(tree->get(), GIT_TREEWALK_PRE, visit, &walk);
  if (code < 0) {
    return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot list the files of '" + sha + "'"));
  }
  std::sort(walk.files.begin(), walk.files.end());
  return walk.files;
}

Expected<std::vector<std::string>> Repository::list_files(const std::string& sha, bool worktree) const
{
  auto tree = m_impl->tree_of(sha);
  if (!tree) {
    return Expected<std::vector<std::string>>::failure(tree.error());
  }
  // A sorted vector, not a set: a large tree's listing is held for the whole check.
  std::vector<std::string> files;
  const auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      return 0;
    }
    try {
      static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) + git_tree_entry_name(entry));
    } catch (...) {
      return -1;  // an exception must not cross libgit2's C frames
    }
    return 0;
  };
  const int code = git_tree_walk(tree->get(), GIT_TREEWALK_PRE, collect, &files);
  if (code < 0) {
    return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot list the files of '" + sha + "'"));
  }
  if (worktree) {
    auto diff = m_impl->make_diff(tree->get(), Impl::DiffTo::worktree, nullptr, false);
    if (!diff) {
      return Expected<std::vector<std::string>>::failure(diff.error());
    }
    const std::size_t count = git_diff_num_deltas(diff->get());
    // Removals first, so that a path both deleted and untracked (git rm --cached) stays listed.
    std::unordered_set<std::string> removed;
    for (std::size_t i = 0; i < count; ++i) {
      const git_diff_delta* delta = git_diff_get_delta(diff->get(), i);
      if (delta->status == GIT_DELTA_DELETED) {
        removed.insert(delta->old_file.path);
      }
    }
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const std::string& path) { return removed.count(path) != 0; }),
                files.end());
    for (std::size_t i = 0; i < count; ++i) {
      const git_diff_delta* delta = git_diff_get_delta(diff->get(), i);
      if (delta->status == GIT_DELTA_ADDED || delta->status == GIT_DELTA_UNTRACKED) {
        files.emplace_back(delta->new_file.path);
      }
    }
  }
  // Tree order puts a folder's entries as if its name ended in '/'; callers binary-search bytes.
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  files.shrink_to_fit();
  return files;
}

} // namespace planck
