#include "planck/util/strings.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

TEST_CASE("strings")
{
  using namespace planck;

  SUBCASE("trim drops ASCII whitespace at both ends only")
  {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("   ").empty());
    CHECK(trim("") == "");
  }

  SUBCASE("to_lower lowers ASCII and leaves other bytes alone")
  {
    CHECK(to_lower("Decision LOG") == "decision log");
    CHECK(to_lower("Ärger") == "Ärger");
  }

  SUBCASE("split keeps empty parts")
  {
    CHECK(split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
    CHECK(split("", ',') == std::vector<std::string>{""});
    CHECK(split("a,", ',') == std::vector<std::string>{"a", ""});
  }

  SUBCASE("starts_with")
  {
    CHECK(starts_with("planck.yaml", "planck"));
    CHECK_FALSE(starts_with("pl", "planck"));
    CHECK(starts_with("x", ""));
  }

  SUBCASE("edit_distance is the Levenshtein distance")
  {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("severity", "severity") == 0);
    CHECK(edit_distance("severty", "severity") == 1);
  }

  SUBCASE("closest_match suggests a near candidate and nothing for a far one")
  {
    const std::vector<std::string> keys = {"extends", "plans", "ignore", "rules"};
    CHECK(closest_match("plan", keys) == "plans");
    CHECK(closest_match("PLANS", keys) == "plans");
    CHECK(closest_match("extend", keys) == "extends");
    CHECK(closest_match("zzzzz", keys).empty());
    CHECK(closest_match("plans", {}).empty());
    const std::vector<std::string> rules = {"timestamp-format", "timestamps-monotonic"};
    CHECK(closest_match("timestamp-formt", rules) == "timestamp-format");
    CHECK(closest_match("timestamps-monotone", rules) == "timestamps-monotonic");
  }

  SUBCASE("without_bom drops a leading UTF-8 byte order mark, and only that")
  {
    CHECK(planck::without_bom("\xEF\xBB\xBF# Plan") == "# Plan");
    CHECK(planck::without_bom("# Plan") == "# Plan");
    CHECK(planck::without_bom("\xEF\xBB# Plan") == "\xEF\xBB# Plan");
    CHECK(planck::without_bom("# \xEF\xBB\xBF") == "# \xEF\xBB\xBF");
  }

  SUBCASE("collapse_whitespace makes runs one space and trims")
  {
    CHECK(collapse_whitespace("  a \t b\n\n c  ") == "a b c");
    CHECK(collapse_whitespace("a b") == "a b");
    CHECK(collapse_whitespace("a  b") == "a b");
    CHECK(collapse_whitespace("a\tb") == "a b");
    CHECK(collapse_whitespace("a \nb") == "a b");
    CHECK(collapse_whitespace(" [2025-10-30 11:42 UTC] Started, see notes. ") == "[2025-10-30 11:42 UTC] Started, see notes.");
    CHECK(collapse_whitespace(" \n ").empty());
  }

  SUBCASE("one_line writes control characters as escapes and leaves the rest alone")
  {
    CHECK(one_line("a\nb\r\tc") == "a\\nb\\r\\tc");
    CHECK(one_line(std::string("nul\0bel\a\x7f", 9)) == "nul\\x00bel\\x07\\x7F");
    CHECK(one_line("café – done") == "café – done");
  }

  SUBCASE("stable_hash is 64-bit FNV-1a in 16 lower-case hex digits")
  {
    // Test vectors from the FNV reference (draft-eastlake-fnv).
    CHECK(stable_hash("") == "cbf29ce484222325");
    CHECK(stable_hash("a") == "af63dc4c8601ec8c");
    CHECK(stable_hash("foobar") == "85944171f73967e8");
    CHECK(stable_hash("foobar") == stable_hash(std::string("foo") + "bar"));
    CHECK(stable_hash("foobar") != stable_hash("foobaR"));
  }
}

TEST_CASE("bounded_edit_distance")
{
  using planck::bounded_edit_distance;
  using planck::edit_distance;

  SUBCASE("the distance when it is within the limit, limit + 1 when it is not")
  {
    CHECK(bounded_edit_distance("kitten", "sitting", 3) == 3);
    CHECK(bounded_edit_distance("kitten", "sitting", 5) == 3);
    CHECK(bounded_edit_distance("kitten", "sitting", 2) == 3);
    CHECK(bounded_edit_distance("kitten", "sitting", 0) == 1);
    CHECK(bounded_edit_distance("same", "same", 0) == 0);
    CHECK(bounded_edit_distance("", "", 0) == 0);
    CHECK(bounded_edit_distance("", "abc", 3) == 3);
    CHECK(bounded_edit_distance("abc", "", 2) == 3);
    CHECK(bounded_edit_distance("a", "abcdefgh", 3) == 4); // lengths alone exceed the limit
  }

  SUBCASE("the order of the arguments does not matter")
  {
    CHECK(bounded_edit_distance("measured the cach hit rate", "measured the cache hit rate", 2) == 1);
    CHECK(bounded_edit_distance("measured the cache hit rate", "measured the cach hit rate", 2) == 1);
    CHECK(bounded_edit_distance("abcdef", "ab", 3) == bounded_edit_distance("ab", "abcdef", 3));
  }

  SUBCASE("agrees with edit_distance on every pair and limit it is tried with")
  {
    // Small alphabets make near-misses common, so both sides of every limit get exercised.
    std::mt19937 random(20260102);
    const auto word = [&](std::size_t max_size, char letters) {
      std::uniform_int_distribution<std::size_t> size(0, max_size);
      std::uniform_int_distribution<int> letter(0, letters - 1);
      std::string text(size(random), 'a');
      for (auto& c : text) {
        c = static_cast<char>('a' + letter(random));
      }
      return text;
    };
    std::size_t within = 0;
    std::size_t beyond = 0;
    for (int round = 0; round < 3000; ++round) {
      const std::string a = word(12, round % 2 == 0 ? 2 : 4);
      const std::string b = word(12, round % 2 == 0 ? 2 : 4);
      const std::size_t exact = edit_distance(a, b);
      for (std::size_t limit = 0; limit <= 13; ++limit) {
        const std::size_t bounded = bounded_edit_distance(a, b, limit);
        if (exact <= limit) {
          ++within;
          if (bounded != exact) {
            FAIL_CHECK("'" << a << "' vs '" << b << "', limit " << limit << ": " << bounded << " != " << exact);
          }
        } else {
          ++beyond;
          if (bounded != limit + 1) {
            FAIL_CHECK("'" << a << "' vs '" << b << "', limit " << limit << ": " << bounded << " != limit + 1");
          }
        }
      }
    }
    CHECK(within > 1000);
    CHECK(beyond > 1000);
  }

  SUBCASE("long texts with a small edit stay within a small limit")
  {
    std::string a(5000, 'x');
    for (std::size_t i = 0; i < a.size(); i += 7) {
      a[i] = 'y';
    }
    std::string b = a;
    b[2500] = 'z';
    b.erase(4000, 1);
    CHECK(bounded_edit_distance(a, b, 3) == 2);
    CHECK(bounded_edit_distance(a, b, 1) == 2);
    CHECK(bounded_edit_distance(a, std::string(5000, 'q'), 10) == 11);
  }
}

TEST_CASE("unescape_markdown takes out backslash escapes of ASCII punctuation only")
{
  CHECK(planck::unescape_markdown("Fix \\*stars\\* and \\[brackets\\] in a\\_b") == "Fix *stars* and [brackets] in a_b");
  CHECK(planck::unescape_markdown("C:\\Users\\ada") == "C:\\Users\\ada");
  CHECK(planck::unescape_markdown("a \\\\ b") == "a \\ b");
  CHECK(planck::unescape_markdown("trailing \\") == "trailing \\");
  CHECK(planck::unescape_markdown("") == "");
}
