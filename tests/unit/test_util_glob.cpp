#include "planck/util/glob.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include <chrono>
#include <string>

using planck::Glob;

namespace {

Glob compiled(const std::string& pattern)
{
  std::string error;
  auto glob = Glob::compile(pattern, &error);
  REQUIRE_MESSAGE(glob.has_value(), pattern << ": " << error);
  return *glob;
}

bool match(const std::string& pattern, const std::string& path)
{
  return compiled(pattern).matches(path);
}

std::string compile_error(const std::string& pattern)
{
  std::string error;
  const auto glob = Glob::compile(pattern, &error);
  CHECK_FALSE(glob.has_value());
  return error;
}

} // namespace

TEST_CASE("Glob")
{
  SUBCASE("the folder every match lies below, where the pattern names one")
  {
    const auto folder = [](const char* pattern) { return planck::Glob::compile(pattern)->literal_folder(); };
    CHECK(folder("docs/development/plans/*.md") == std::optional<std::string>("docs/development/plans"));
    CHECK(folder("/docs/plans/*.md") == std::optional<std::string>("docs/plans"));
    CHECK(folder("docs/plans/2025-*/*.md") == std::optional<std::string>("docs/plans"));
    CHECK(folder("docs/plans/one.md") == std::optional<std::string>("docs/plans"));
    CHECK(folder("web/docs/") == std::optional<std::string>("web/docs"));
    CHECK(folder("docs/") == std::nullopt);   // a folder named docs at any depth, as in .gitignore
    CHECK(folder("*.md") == std::nullopt);
    CHECK(folder("**/plans/*.md") == std::nullopt);
    CHECK(folder("plan-*.md") == std::nullopt);
  }

  SUBCASE("a literal path matches only itself")
  {
    CHECK(match("docs/plan.md", "docs/plan.md"));
    CHECK_FALSE(match("docs/plan.md", "docs/plan.mdx"));
    CHECK_FALSE(match("docs/plan.md", "other/docs/plan.md"));
    CHECK_FALSE(match("docs/plan.md", "docs"));
  }

  SUBCASE("the literal start and end of a pattern are required, and never over-required")
  {
    // Matching rejects on a pattern's literal prefix and suffix before the full match: a path
    // shorter than both together, or one where they would overlap, must be judged correctly.
    CHECK(match("docs/plans/*.md", "docs/plans/.md"));
    CHECK(match("docs/plans/*.md", "docs/plans/x.md"));
    CHECK_FALSE(match("docs/plans/*.md", "docs/plans.md"));
    CHECK_FALSE(match("docs/plans/*.md", "docs/plans/x.mdx"));
    CHECK_FALSE(match("docs/plans/*.md", "other/plans/x.md"));
    CHECK(match("a*a", "aa"));
    CHECK_FALSE(match("a*a", "a"));
    CHECK(match("ab/**", "ab/c/d"));
    CHECK_FALSE(match("ab/**", "ab"));
    CHECK(match("*.md", "deep/in/x.md"));
    CHECK_FALSE(match("*.md", "x.md/y"));
    CHECK(match("docs/", "docs/a/b.md"));
    CHECK_FALSE(match("docs/", "docsx/a.md"));
    CHECK(match("**/plans/*.md", "plans/x.md"));
  }

  SUBCASE("paths longer than the matcher's stack rows match the same")
  {
    const std::string deep = std::string(300, 'a') + "/" + std::string(300, 'b') + "/plans/x.md";
    CHECK(match("**/plans/*.md", deep));
    CHECK_FALSE(match("**/plans/*.txt", deep));
    CHECK(match("a*/**/x.md", deep));
  }

  SUBCASE("star stays within one segment")
  {
    CHECK(match("docs/development/plans/*.md", "docs/development/plans/a-plan.md"));
    CHECK(match("docs/development/plans/*.md", "docs/development/plans/.md"));
    CHECK_FALSE(match("docs/development/plans/*.md", "docs/development/plans/old/a.md"));
    CHECK_FALSE(match("docs/*", "docs/a/b"));
    CHECK(match("docs/*", "docs/a"));
    CHECK(match("d*s/x", "docs/x"));
  }

  SUBCASE("question mark is one byte, never a slash")
  {
    CHECK(match("a?c", "abc"));
    CHECK_FALSE(match("a?c", "ac"));
    CHECK_FALSE(match("a?c", "abbc"));
    CHECK_FALSE(match("x/a?c", "x/a/c"));
  }

  SUBCASE("double star spans segments, zero included")
  {
    CHECK(match("docs/**/x.md", "docs/x.md"));
    CHECK(match("docs/**/x.md", "docs/a/x.md"));
    CHECK(match("docs/**/x.md", "docs/a/b/c/x.md"));
    CHECK_FALSE(match("docs/**/x.md", "docsx.md"));
    CHECK_FALSE(match("docs/**/x.md", "other/docs/x.md"));
    CHECK(match("**/x.md", "x.md"));
    CHECK(match("**/x.md", "a/b/x.md"));
    CHECK(match("docs/**", "docs/a"));
    CHECK(match("docs/**", "docs/a/b/c.md"));
    CHECK_FALSE(match("docs/**", "docs"));
    CHECK(match("**", "anything/at/all.md"));
    CHECK(match("a/**/b/**/c", "a/b/c"));
    CHECK(match("a/**/b/**/c", "a/x/b/y/z/c"));
  }

  SUBCASE("double star inside a segment is a plain star")
  {
    CHECK(match("docs/a**b", "docs/axxb"));
    CHECK_FALSE(match("docs/a**b", "docs/ax/xb"));
  }

  SUBCASE("classes, negated classes and ranges")
  {
    CHECK(match("v[123].md", "v2.md"));
    CHECK_FALSE(match("v[123].md", "v4.md"));
    CHECK(match("v[a-c].md", "vb.md"));
    CHECK_FALSE(match("v[a-c].md", "vd.md"));
    CHECK(match("v[!a-c].md", "vd.md"));
    CHECK_FALSE(match("v[!a-c].md", "va.md"));
    CHECK(match("v[^a-c].md", "vz.md"));
    CHECK_FALSE(match("v[^a-c].md", "vc.md"));
    CHECK(match("v[]].md", "v].md"));
    CHECK(match("v[a-].md", "v-.md"));
    CHECK_FALSE(match("x[!a]y", "x/y"));
  }

  SUBCASE("backslash escapes a special character")
  {
    CHECK(match("a\\*b", "a*b"));
    CHECK_FALSE(match("a\\*b", "axb"));
    CHECK(match("a\\[b", "a[b"));
    CHECK(match("what\\?.md", "what?.md"));
    CHECK_FALSE(match("what\\?.md", "whatx.md"));
  }

  SUBCASE("a pattern without a slash matches the file name in any folder")
  {
    CHECK(match("README.md", "README.md"));
    CHECK(match("README.md", "docs/development/plans/README.md"));
    CHECK_FALSE(match("README.md", "docs/README.md.bak"));
    CHECK_FALSE(match("README.md", "docs/README.md/x"));
    CHECK(match("*.md", "a/b/c.md"));
    CHECK_FALSE(match("*.md", "a/b.md/c.txt"));
  }

  SUBCASE("a leading slash anchors at the root")
  {
    CHECK(match("/README.md", "README.md"));
    CHECK_FALSE(match("/README.md", "docs/README.md"));
    CHECK(match("/docs/*.md", "docs/a.md"));
    CHECK(match("./README.md", "README.md"));
    CHECK_FALSE(match("./README.md", "docs/README.md"));
    CHECK(match("./docs/*.md", "docs/a.md"));
  }

  SUBCASE("a trailing slash matches everything under the folder")
  {
    CHECK(match("docs/archive/", "docs/archive/old.md"));
    CHECK(match("docs/archive/", "docs/archive/2024/old.md"));
    CHECK_FALSE(match("docs/archive/", "docs/archive"));
    CHECK_FALSE(match("docs/archive/", "docs/archived/old.md"));
    CHECK(match("archive/", "docs/archive/old.md"));
    CHECK(match("/archive/", "archive/old.md"));
    CHECK_FALSE(match("/archive/", "docs/archive/old.md"));
  }

  SUBCASE("matching is case-sensitive, as git is")
  {
    CHECK_FALSE(match("readme.md", "README.md"));
  }

  SUBCASE("the pattern is kept as written")
  {
    CHECK(compiled("/docs/**/").pattern() == "/docs/**/");
  }

  SUBCASE("malformed patterns compile to nothing with a reason")
  {
    CHECK(compile_error("[abc") == "unclosed '['");
    CHECK(compile_error("docs/[!") == "unclosed '['");
    CHECK(compile_error("x[]") == "unclosed '['");
    CHECK(compile_error("a\\") == "pattern ends with a lone '\\'");
    CHECK(compile_error("") == "empty pattern");
    CHECK(compile_error("/") == "empty pattern");
    CHECK(compile_error("./") == "empty pattern");
    CHECK(compile_error("[z-a]") == "bad range 'z-a' in '[...]'");
    CHECK_FALSE(Glob::compile("[abc").has_value());
  }

  SUBCASE("pathological patterns match in linear time")
  {
    const std::string pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
    const std::string path(4000, 'a');
    const std::string deep_pattern = "**/a/**/a/**/a/**/a/**/a/**/a/**/b";
    std::string deep_path;
    for (int i = 0; i < 1000; ++i) {
      deep_path += "a/";
    }
    deep_path += "a";
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(match(pattern, path));
    CHECK(match(pattern, path + "b"));
    CHECK_FALSE(match(deep_pattern, deep_path));
    CHECK(match(deep_pattern, deep_path + "/b"));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed < std::chrono::seconds(2));
  }
}
