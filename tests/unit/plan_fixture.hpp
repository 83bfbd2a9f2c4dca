#pragma once

// An ExecPlan with every section of the default pack, for tests that build real repositories.

#include <string>

namespace planck::test {

/// A plan titled `title` whose Progress holds `progress` (list lines) and whose other logs hold one
/// entry each; line 21 is Progress's first entry.
inline std::string plan_text(const std::string& title, const std::string& progress)
{
  return "# " + title + "\n\n## Purpose / Big Picture\n\nWhy.\n\n## Context and Orientation\n\nWhere.\n\n"
         "## Plan of Work\n\nHow.\n\n## To-do\n\n- [ ] Phase 1\n\n## Progress\n\n" + progress +
         "\n\n## Decision Log\n\n- [2025-10-30 09:05 UTC] Chose the plain approach.\n\n"
         "## Surprises & Discoveries\n\n- [2025-10-30 09:10 UTC] Nothing yet.\n\n"
         "## Concrete Steps\n\n1. Run it.\n\n## Validation and Acceptance\n\nTests.\n\n"
         "## Idempotence and Recovery\n\nRe-run.\n\n## Outcomes & Retrospective\n\nPending.\n\n"
         "## Artifacts and Notes\n\nNone.\n\n## Interfaces and Dependencies\n\nNone.\n";
}

/// A PLANS.md registering `slug` (at docs/development/plans/SLUG.md) as active.
inline std::string registry_text(const std::string& slug)
{
  return "# Plans\n\n## Active Plans\n\n- [2025-10-30] " + slug + " – [" + slug + "](docs/development/plans/" + slug +
         ".md) – Ada Planner – in-progress\n\n## Completed Plans\n";
}

} // namespace planck::test
