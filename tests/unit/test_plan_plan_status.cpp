#include "planck/markdown/registry.hpp"
#include "planck/plan/plan_status.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace planck;

namespace {

// What registry_entry_plan must answer: the first plan, in sorted order, that entry_names accepts.
std::optional<std::string> by_comparing_every_plan(const RegistryEntry& entry, const std::string& registry,
                                                   std::vector<std::string> plans)
{
  std::sort(plans.begin(), plans.end());
  for (const auto& plan : plans) {
    if (entry_names(entry, registry, plan)) {
      return plan;
    }
  }
  return std::nullopt;
}

RegistryEntry entry_with(std::string target, bool code_span)
{
  RegistryEntry entry;
  entry.target = std::move(target);
  entry.target_is_code_span = code_span;
  return entry;
}

} // namespace

TEST_CASE("registry_entry_plan looks entries up once and agrees with entry_names")
{
  // Two plans share a file name, one sits at the root, one is reached by `..`.
  const std::vector<std::string> plans = {
      "docs/plans/b/shared.md", "docs/plans/a/shared.md", "docs/plans/solo.md", "top.md", "docs/other/far.md",
  };
  const PlanSet set(plans);
  CHECK(set.paths().front() == "docs/other/far.md");
  CHECK(set.contains("top.md"));
  CHECK_FALSE(set.contains("docs/plans/missing.md"));
  REQUIRE(set.with_file_name("shared.md") != nullptr);
  CHECK(*set.with_file_name("shared.md") == "docs/plans/a/shared.md");

  const std::vector<RegistryEntry> entries = {
      entry_with("plans/solo.md", false),          entry_with("./plans/b/shared.md#progress", false),
      entry_with("../top.md", false),              entry_with("/docs/other/far.md", false),
      entry_with("https://example.com/x.md", false), entry_with("plans/missing.md", false),
      entry_with("shared.md", true),               entry_with("solo.md", true),
      entry_with("top.md", true),                  entry_with("./docs/plans/solo.md", true),
      entry_with("plans/b/shared.md", true),       entry_with("../top.md", true),
      entry_with("nope.md", true),                 entry_with("", false),
  };
  for (const std::string registry : {"docs/PLANS.md", "PLANS.md"}) {
    for (const auto& entry : entries) {
      CAPTURE(registry);
      CAPTURE(entry.target);
      CHECK(registry_entry_plan(entry, registry, set) == by_comparing_every_plan(entry, registry, plans));
    }
  }
  // Spot checks, so that agreeing with a wrong oracle cannot pass unseen.
  CHECK(registry_entry_plan(entries[0], "docs/PLANS.md", set) == std::optional<std::string>("docs/plans/solo.md"));
  CHECK(registry_entry_plan(entries[6], "PLANS.md", set) == std::optional<std::string>("docs/plans/a/shared.md"));
  CHECK_FALSE(registry_entry_plan(entries[5], "docs/PLANS.md", set).has_value());
}
