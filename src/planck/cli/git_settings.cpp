#include "planck/cli/git_settings.hpp"

#include "planck/git/handles.hpp"
#include "planck/git/repository.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace planck {

namespace fs = std::filesystem;

namespace {

git::RepositoryPtr open_repository(const std::string& root)
{
  git::ensure_libgit2();
  git_repository* raw = nullptr;
  if (git_repository_open(&raw, root.c_str()) < 0) {
    return nullptr;
  }
  return git::RepositoryPtr(raw);
}

// Every file under `root` but `.git`: the listing for a repository without a commit yet.
std::vector<std::string> walk(const std::string& root)
{
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code type_error;
    if (it->is_regular_file(type_error)) {
      files.push_back(it->path().lexically_relative(root).generic_string());
    }
  }
  return files;
}

} // namespace

std::optional<std::string> git_config_string(const std::string& root, const std::string& key)
{
  const auto repository = open_repository(root);
  if (!repository) {
    return std::nullopt;
  }
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repository.get()) < 0) {
    return std::nullopt;
  }
  const git::ConfigPtr config(raw);
  const char* value = nullptr;
  if (git_config_get_string(&value, config.get(), key.c_str()) < 0 || value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

std::string git_hooks_folder(const std::string& root)
{
  const auto repository = open_repository(root);
  if (!repository) {
    throw Error("cannot open the git repository at '" + root + "'");
  }
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repository.get()) == 0) {
    const git::ConfigPtr config(raw);
    git::Buf path;
    if (git_config_get_path(path.get(), config.get(), "core.hooksPath") == 0 && !path.str().empty()) {
      const fs::path hooks(path.str());
      return (hooks.is_absolute() ? hooks : fs::path(root) / hooks).lexically_normal().string();
    }
  }
  const char* common = git_repository_commondir(repository.get());
  return (fs::path(common != nullptr ? common : (root + "/.git")) / "hooks").lexically_normal().string();
}

Workspace open_workspace(const std::string& directory, const std::string& config_path)
{
  const Repository repository = Repository::discover(directory).or_throw();
  const std::string root = repository.workdir();
  if (root.empty()) {
    throw Error("the repository has no work tree (bare repository); run planck in a checkout");
  }
  Config config = load_config({config_path, root}, rule_infos()).or_throw();
  // No planck.yaml: the layout `check` would discover from HEAD, so that `planck new` writes
  // where the repository keeps its plans and `log` finds them there.
  if (config_path.empty() && starts_with(config.source, "pack:")) {
    if (const auto head = repository.resolve("HEAD")) {
      const Discovery found = discover_revision(repository, *head).or_throw();
      if (found.plans_found || !found.registry.empty()) {
        config = load_config_text(found.yaml(), "discovered settings", rule_infos()).or_throw();
      }
    }
  }
  return Workspace(root, std::move(config), [root] { return work_tree_files(root); });
}

std::vector<std::string> work_tree_files(const std::string& root)
{
  const auto opened = Repository::discover(root);
  if (opened) {
    if (const auto head = opened->resolve("HEAD")) {
      if (auto files = opened->list_files(*head, true)) {
        return std::move(*files);
      }
    }
  }
  return walk(root);
}

std::int64_t now_utc()
{
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Repository open_checkout(const std::string& directory)
{
  if (directory != ".") {
    std::error_code error;
    std::filesystem::current_path(directory, error);
    if (error) {
      throw Error(fmt::format("cannot change to directory '{}': {}", directory, error.message()));
    }
  }
  Repository repository = Repository::discover(".").or_throw();
  if (repository.workdir().empty()) {
    throw Error("the repository has no work tree (bare repository); run planck in a checkout");
  }
  return repository;
}

Expected<Discovery> discover_revision(const Repository& repository, const std::string& revision)
{
  // Each document is read once, though the registry is read both for its links and for its lists.
  std::map<std::string, std::optional<std::string>> read_before;
  const auto read = [&](const std::string& path) -> std::optional<std::string> {
    if (const auto it = read_before.find(path); it != read_before.end()) {
      return it->second;
    }
    // A sample git could not read stops discovery: a layout guessed from what could be read
    // would judge the repository by the wrong convention. An oversized one is left out.
    const FileText file = repository.read_blob(revision, path, k_discovery_max_bytes).or_throw();
    std::optional<std::string> text;
    if (file.state == FileText::State::text) {
      text = file.text;
    }
    return read_before.emplace(path, std::move(text)).first->second;
  };
  // The folders the registry links plans in are listed wherever they are in the tree.
  std::vector<std::string> linked;
  for (const auto& candidate : discovery_registry_candidates()) {
    if (const auto text = read(candidate)) {
      linked = linked_folders(candidate, *text);
      break;
    }
  }
  const auto descend = [&linked](const std::string& folder) {
    return discovery_descends(folder) || std::any_of(linked.begin(), linked.end(), [&](const std::string& path) {
             return path == folder || starts_with(path, folder + "/");
           });
  };
  auto files = repository.list_files_where(revision, descend, discovery_lists);
  if (!files) {
    return Expected<Discovery>::failure(files.error());
  }
  return discover_layout(*files, read);
}

} // namespace planck
