#include "planck/authoring/completion_check.hpp"
#include "planck/authoring/plan_overview.hpp"
#include "planck/authoring/workspace.hpp"
#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;
namespace fs = std::filesystem;

namespace {

const std::int64_t k_now = *utc_epoch(2025, 10, 30, 12, 0, 0);

// A work tree in a scratch folder, listed by walking it; removed at the end of the test.
class Tree
{
public:
  Tree()
  {
    std::string pattern = (fs::temp_directory_path() / "planck-ws-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    m_root = pattern;
  }
  ~Tree() { fs::remove_all(m_root); }

  void write(const std::string& path, const std::string& text)
  {
    fs::create_directories((m_root / path).parent_path());
    std::ofstream(m_root / path, std::ios::binary) << text;
  }

  Workspace workspace(const Config& config = make_config()) const
  {
    const fs::path root = m_root;
    return Workspace(root.string(), config, [root] {
      std::vector<std::string> files;
      for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
          files.push_back(entry.path().lexically_relative(root).generic_string());
        }
      }
      return files;
    });
  }

  std::string root() const { return m_root.string(); }

private:
  fs::path m_root;
};

const std::string k_registry = "## Active Plans\n\n"
                               "- [2025-10-20] Fresh – [fresh](docs/development/plans/fresh.md) – @a – in-progress\n"
                               "- [2025-10-01] Old – [old](docs/development/plans/old.md) – @b, @c – paused\n\n"
                               "## Completed Plans\n\n"
                               "- [2025-09-01] Done – [done](docs/development/plans/done.md) – @d – completed\n";

} // namespace

TEST_CASE("Workspace::find_plan")
{
  Tree tree;
  tree.write("docs/development/plans/migrate-storage.md", plan());
  tree.write("docs/development/plans/README.md", "# Plans\n");
  tree.write("notes.md", "# Notes\n");
  const Workspace workspace = tree.workspace();

  SUBCASE("a slug, a path from the root or from the current folder")
  {
    CHECK(*workspace.find_plan("migrate-storage", tree.root()) == k_plan_path);
    CHECK(*workspace.find_plan(k_plan_path, tree.root()) == k_plan_path);
    CHECK(*workspace.find_plan("plans/migrate-storage.md", tree.root() + "/docs/development") == k_plan_path);
    CHECK(*workspace.find_plan("./migrate-storage.md", tree.root() + "/docs/development/plans") == k_plan_path);
  }

  SUBCASE("an unknown slug suggests the closest plan")
  {
    const auto found = workspace.find_plan("migrate-storag", tree.root());
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error() == "no plan 'migrate-storag' (did you mean 'migrate-storage'?)");
  }

  SUBCASE("a file that is not a plan, or no file at all, is refused")
  {
    const auto readme = workspace.find_plan("docs/development/plans/README.md", tree.root());
    REQUIRE_FALSE(readme.has_value());
    CHECK(readme.error().find("is not a plan") != std::string::npos);
    CHECK_FALSE(workspace.find_plan("notes.md", tree.root()).has_value());
    CHECK_FALSE(workspace.find_plan("docs/development/plans/nope.md", tree.root()).has_value());
  }
}

TEST_CASE("active_plans")
{
  Tree tree;
  tree.write("PLANS.md", k_registry);
  tree.write("docs/development/plans/fresh.md", plan("- [2025-10-29 10:00 UTC] Yesterday.\n"));
  tree.write("docs/development/plans/old.md", plan("- [2025-10-02 09:00 UTC] Long ago.\n", "", ""));
  tree.write("docs/development/plans/done.md", plan());
  tree.write("docs/development/plans/stray.md",
             "---\nstatus: blocking\nowner: '@e'\n---\n# Stray\n\n## Progress\n\n- [ ] nothing logged\n");
  tree.write("docs/development/plans/draft-done.md", "---\nstatus: completed\n---\n# Not active\n");

  SUBCASE("registry and unregistered active plans, stalest first, with their facts")
  {
    const auto plans = active_plans(tree.workspace(), k_now, 7);
    REQUIRE(plans.size() == 3);
    CHECK(plans[0].path == "docs/development/plans/stray.md");
    CHECK_FALSE(plans[0].registered);
    CHECK_FALSE(plans[0].last_entry.has_value());
    CHECK(plans[0].stale);
    CHECK(plans[0].status == "blocking");
    CHECK(plans[0].owners == std::vector<std::string>{"@e"});
    CHECK(plans[0].open_boxes == 1);

    CHECK(plans[1].path == "docs/development/plans/old.md");
    CHECK(plans[1].stale);
    CHECK(plans[1].idle_days == std::optional<int>(28));
    CHECK(plans[1].age_days == std::optional<int>(29));
    CHECK(plans[1].owners == std::vector<std::string>{"@b", "@c"});
    CHECK(plans[1].status == "paused");
    CHECK(plans[1].last_text == "Long ago.");

    CHECK(plans[2].path == "docs/development/plans/fresh.md");
    CHECK_FALSE(plans[2].stale);
    CHECK(plans[2].idle_days == std::optional<int>(0));
    CHECK(plans[2].last_section == "Surprises & Discoveries");
    CHECK(plans[2].open_boxes == 1);
  }

  SUBCASE("the staleness limit is a parameter")
  {
    const auto plans = active_plans(tree.workspace(), k_now, 30);
    REQUIRE(plans.size() == 3);
    CHECK_FALSE(plans[1].stale);
  }
}

TEST_CASE("completion_findings")
{
  Tree tree;
  tree.write("CHANGELOG.md",
             "# Changelog\n\n## Unreleased\n\n- Did [it](docs/development/plans/migrate-storage.md).\n");
  tree.write("PLANS.md", "## Active Plans\n\n## Completed Plans\n\n- [2025-10-30] Migrate storage – "
                         "[migrate-storage](docs/development/plans/migrate-storage.md) – @a – completed\n");
  tree.write(k_plan_path, plan());

  SUBCASE("an incomplete plan gets the rule's findings: the open box and the placeholder retrospective")
  {
    const auto findings = completion_findings(tree.workspace(), {}, k_plan_path, k_now);
    CHECK_MESSAGE(findings.size() == 2, dump(findings));
    for (const auto& finding : findings) {
      CHECK(finding.rule == "plan-completion");
      CHECK(finding.path == k_plan_path);
    }
  }

  SUBCASE("the overrides are what is judged, not the files on disk")
  {
    std::string done = plan();
    done.replace(done.find("- [ ] Phase 1"), 13, "- [x] Phase 1");
    done.replace(done.find("TBD."), 4, "Postgres serves every read.");
    CHECK(completion_findings(tree.workspace(), {{k_plan_path, done}}, k_plan_path, k_now).empty());
  }

  SUBCASE("nothing when the config turns the rule off")
  {
    const Workspace off = tree.workspace(make_config("rules:\n  plan-completion: off\n"));
    CHECK(completion_findings(off, {}, k_plan_path, k_now).empty());
  }
}
