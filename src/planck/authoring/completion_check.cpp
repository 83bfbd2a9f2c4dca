#include "planck/authoring/completion_check.hpp"

#include "planck/changes/worktree_changeset.hpp"
#include "planck/rules/engine.hpp"

#include <filesystem>
#include <string>
#include <system_error>

namespace planck {

namespace {

constexpr const char* k_rule = "plan-completion";

} // namespace

std::vector<Finding> completion_findings(const Workspace& workspace,
                                         const std::map<std::string, std::string>& overrides,
                                         const std::string& plan_path, std::int64_t now)
{
  // Only the one rule: the others judge the rest of the tree, which closing a plan does not change.
  Config config = workspace.config();
  for (auto& [id, rule] : config.rules) {
    rule.enabled = rule.enabled && id == k_rule;
  }
  if (!config.rule(k_rule).enabled) {
    return {};
  }
  WorkTree tree{workspace.files(), [&workspace](const std::string& path) { return workspace.read(path); },
                [&workspace](const std::string& path) {
                  std::error_code error;
                  return std::filesystem::exists(workspace.absolute(path), error);
                }};
  const WorktreeChangeSet changes(std::move(tree), overrides, now, config.limits);
  std::vector<Target> targets;
  for (const auto& target : select_targets(changes, config)) {
    if (target.path == plan_path || target.role != DocumentRole::plan) {
      targets.push_back(target);
    }
  }
  // The rule judges the plan as closing would leave it; its reason, the front matter's status, is
  // what `close` is about to write, not what the plan says now.
  const std::string rule_reason = "its front matter says `status: completed`";
  const std::string close_reason = "as closing marks it `status: completed`";
  std::vector<Finding> findings;
  for (auto& finding : run_rules(changes, config, targets).findings) {
    if (finding.rule == k_rule && finding.path == plan_path) {
      if (const auto at = finding.message.find(rule_reason); at != std::string::npos) {
        finding.message.replace(at, rule_reason.size(), close_reason);
      }
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

} // namespace planck
