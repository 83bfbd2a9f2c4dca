#include "planck/authoring/workspace.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/authoring/plan_template.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace planck {

namespace fs = std::filesystem;

namespace {

std::string stem_of(const std::string& path)
{
  return fs::path(path).stem().string();
}

std::string patterns(const Config& config)
{
  std::string text;
  for (const auto& glob : config.plan_paths) {
    text += (text.empty() ? "" : ", ") + glob.pattern();
  }
  return text.empty() ? std::string("none") : text;
}

bool is_file(const fs::path& path)
{
  std::error_code error;
  return fs::is_regular_file(path, error);
}

} // namespace

Workspace::Workspace(std::string root, Config config, std::function<std::vector<std::string>()> list_files)
    : m_root(std::move(root)), m_config(std::move(config)), m_list_files(std::move(list_files))
{
}

std::string Workspace::absolute(const std::string& path) const
{
  return (fs::path(m_root) / path).string();
}

std::optional<std::string> Workspace::read(const std::string& path) const
{
  return read_text_file(absolute(path));
}

const std::vector<std::string>& Workspace::files() const
{
  if (!m_files) {
    m_files = m_list_files ? m_list_files() : std::vector<std::string>{};
    std::sort(m_files->begin(), m_files->end());
  }
  return *m_files;
}

std::vector<std::string> Workspace::plans() const
{
  std::vector<std::string> plans;
  for (const auto& path : files()) {
    if (m_config.is_plan(path) && is_file(absolute(path))) {
      plans.push_back(path);
    }
  }
  return plans;
}

Expected<std::string> Workspace::find_plan(const std::string& name, const std::string& cwd) const
{
  using Result = Expected<std::string>;
  if (trim(name).empty()) {
    return Result::failure("no plan named: give a slug (the file name without .md) or a path");
  }
  const bool is_path = name.find('/') != std::string::npos || (name.size() > 3 && name.ends_with(".md"));
  if (is_path) {
    std::vector<std::string> candidates;
    std::error_code error;
    const fs::path full = fs::path(name).is_absolute() ? fs::path(name) : fs::path(cwd) / name;
    const fs::path relative = fs::weakly_canonical(full, error).lexically_relative(fs::weakly_canonical(m_root, error));
    if (!relative.empty() && *relative.begin() != "..") {
      candidates.push_back(relative.generic_string());
    }
    if (!fs::path(name).is_absolute()) {
      candidates.push_back(fs::path(name).lexically_normal().generic_string());
    }
    for (const auto& candidate : candidates) {
      if (!is_file(absolute(candidate))) {
        continue;
      }
      if (!m_config.is_plan(candidate)) {
        return Result::failure(fmt::format("'{}' is not a plan: plans are the files matching {} (plans.paths)",
                                           candidate, patterns(m_config)));
      }
      return candidate;
    }
    return Result::failure(fmt::format("no plan '{}': there is no such file", name));
  }

  const auto all = plans();
  std::vector<std::string> matches;
  std::vector<std::string> slugs;
  for (const auto& plan : all) {
    slugs.push_back(stem_of(plan));
    if (slugs.back() == name) {
      matches.push_back(plan);
    }
  }
  if (matches.empty()) {
    if (const auto path = new_plan_path(m_config, name); path && is_file(absolute(*path))) {
      return *path;
    }
  }
  if (matches.size() == 1) {
    return matches.front();
  }
  if (matches.size() > 1) {
    std::string list;
    for (const auto& match : matches) {
      list += (list.empty() ? "" : ", ") + match;
    }
    return Result::failure(fmt::format("'{}' names several plans ({}); give the path", name, list));
  }
  const std::string suggestion = closest_match(name, slugs);
  return Result::failure(
      fmt::format("no plan '{}'{}", name,
                  suggestion.empty() ? fmt::format(" among the {} plans matching {}", all.size(), patterns(m_config))
                                     : fmt::format(" (did you mean '{}'?)", suggestion)));
}

} // namespace planck
