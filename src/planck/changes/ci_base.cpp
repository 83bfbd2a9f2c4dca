#include "planck/changes/ci_base.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

namespace planck {

namespace {

bool is_null_sha(const std::string& sha)
{
  return sha.empty() || sha.find_first_not_of('0') == std::string::npos;
}

std::optional<DetectedBase> from_github_event(const std::string& event_path, const std::string& event_name)
{
  std::ifstream in(event_path);
  if (!in) {
    return std::nullopt;
  }
  const auto event = nlohmann::json::parse(in, nullptr, false);
  if (event.is_discarded() || !event.is_object()) {
    return std::nullopt;
  }
  const auto string_at = [&](const nlohmann::json::json_pointer& pointer) -> std::string {
    if (!event.contains(pointer)) {
      return {};
    }
    const auto& value = event.at(pointer);
    return value.is_string() ? value.get<std::string>() : std::string();
  };
  if (const auto sha = string_at(nlohmann::json::json_pointer("/pull_request/base/sha")); !is_null_sha(sha)) {
    return DetectedBase{sha, "the " + (event_name.empty() ? std::string("pull_request") : event_name)
                               + " event's pull_request.base.sha"};
  }
  if (const auto sha = string_at(nlohmann::json::json_pointer("/merge_group/base_sha")); !is_null_sha(sha)) {
    return DetectedBase{sha, "the merge_group event's base_sha"};
  }
  if (const auto sha = string_at(nlohmann::json::json_pointer("/before")); !is_null_sha(sha)) {
    return DetectedBase{sha, "the push event's before"};
  }
  // A push that created the branch has no `before`: compare with the default branch.
  if (const auto branch = string_at(nlohmann::json::json_pointer("/repository/default_branch")); !branch.empty()) {
    return DetectedBase{"origin/" + branch, "the repository's default branch (new branch push)"};
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> process_environment(const std::string& name)
{
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

std::optional<DetectedBase> detect_base(const Repository& repository, const Environment& environment)
{
  const auto get = [&](const std::string& name) { return environment(name).value_or(""); };

  if (get("GITHUB_ACTIONS") == "true") {
    if (const auto path = get("GITHUB_EVENT_PATH"); !path.empty()) {
      if (auto base = from_github_event(path, get("GITHUB_EVENT_NAME"))) {
        return base;
      }
    }
    if (const auto ref = get("GITHUB_BASE_REF"); !ref.empty()) {
      return DetectedBase{"origin/" + ref, "GITHUB_BASE_REF"};
    }
  }
  if (get("GITLAB_CI") == "true") {
    if (const auto sha = get("CI_MERGE_REQUEST_DIFF_BASE_SHA"); !is_null_sha(sha)) {
      return DetectedBase{sha, "CI_MERGE_REQUEST_DIFF_BASE_SHA"};
    }
    if (const auto sha = get("CI_COMMIT_BEFORE_SHA"); !is_null_sha(sha)) {
      return DetectedBase{sha, "CI_COMMIT_BEFORE_SHA"};
    }
  }
  for (const char* candidate : {"origin/HEAD", "main"}) {
    if (repository.resolve(candidate)) {
      return DetectedBase{candidate, std::string("the local ") + candidate};
    }
  }
  return std::nullopt;
}

} // namespace planck
