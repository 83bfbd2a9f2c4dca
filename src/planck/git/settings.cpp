#include "planck/git/settings.hpp"
#include "planck/git/handles.hpp"
#include "planck/util/error.hpp"

#include <git2.h>

#include <filesystem>

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

} // namespace planck
