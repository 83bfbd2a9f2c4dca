#pragma once

#include "planck/git/repository.hpp"

#include <functional>
#include <optional>
#include <string>

namespace planck {

/// A base revision planck found by itself, and where it found it (for `--verbose` and errors).
struct DetectedBase
{
  std::string revision;
  std::string source;
};

/// Reads an environment variable; injectable so tests need not touch the process environment.
using Environment = std::function<std::optional<std::string>(const std::string&)>;

/// The process environment.
std::optional<std::string> process_environment(const std::string& name);

/// The base a CI run compares against: on GitHub Actions the pull request's base SHA from the event
/// file (or a push's `before`, or `origin/$GITHUB_BASE_REF`); on GitLab `CI_MERGE_REQUEST_DIFF_BASE_SHA`
/// (or a push's `CI_COMMIT_BEFORE_SHA`); elsewhere `origin/HEAD`, then `main`. Nothing when none applies.
std::optional<DetectedBase> detect_base(const Repository& repository, const Environment& environment);

} // namespace planck
