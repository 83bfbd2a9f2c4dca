#pragma once

#include "planck/config/config.hpp"
#include "planck/util/error.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace planck {

/// The repository as the authoring commands see it: its work tree root, its configuration and its files.
class Workspace
{
public:
  /// A workspace rooted at `root` (absolute); `list_files` returns every repository-relative file path
  /// of the work tree (called once, when first needed).
  Workspace(std::string root, Config config, std::function<std::vector<std::string>()> list_files);

  /// The work tree's root, absolute.
  const std::string& root() const { return m_root; }

  /// The effective configuration.
  const Config& config() const { return m_config; }

  /// The absolute path of repository path `path`.
  std::string absolute(const std::string& path) const;

  /// The content of repository path `path` in the work tree, or nothing when there is no such file.
  std::optional<std::string> read(const std::string& path) const;

  /// Every file of the work tree, sorted.
  const std::vector<std::string>& files() const;

  /// Every plan of the work tree (files the config calls plans), sorted.
  std::vector<std::string> plans() const;

  /// The plan that `name` means: a path (relative to `cwd`, or to the root) or a slug (a plan's file
  /// name without `.md`). The failure names what was looked for and the closest slug.
  Expected<std::string> find_plan(const std::string& name, const std::string& cwd) const;

private:
  std::string m_root;
  Config m_config;
  std::function<std::vector<std::string>()> m_list_files;
  mutable std::optional<std::vector<std::string>> m_files;
};

} // namespace planck
