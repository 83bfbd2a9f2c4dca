#include "planck/cli/open.hpp"

#include "planck/changes/discovery.hpp"
#include "planck/git/repository.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace planck {

namespace fs = std::filesystem;

namespace {

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

} // namespace planck
