#include "planck/markdown/front_matter.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

using planck::FrontMatter;
using planck::FrontMatterReader;
using planck::read_front_matter;

namespace {

std::vector<std::string_view> views(const std::vector<std::string>& lines)
{
  return {lines.begin(), lines.end()};
}

// What a reader made of the front matter, as one comparable text.
std::string described(const FrontMatter& front)
{
  std::string out = front.present ? "present" : "absent";
  out += " " + std::to_string(front.start_line) + "-" + std::to_string(front.end_line);
  out += front.mapping ? " mapping" : " not-mapping";
  out += front.error ? " error@" + std::to_string(front.error->line) : " ok";
  for (const auto& field : front.fields) {
    out += "\n[" + field.key + "]@" + std::to_string(field.line) + " kind=" +
           std::to_string(static_cast<int>(field.value.kind)) + " <" + field.value.scalar + ">";
    for (const auto& item : field.value.items) {
      out += " {" + item + "}";
    }
  }
  return out;
}

// Both readers on the front matter made of `body` lines.
void check_same(const std::vector<std::string>& body)
{
  std::vector<std::string> lines{"---"};
  lines.insert(lines.end(), body.begin(), body.end());
  lines.emplace_back("---");
  lines.emplace_back("# Title");
  const auto fast = described(read_front_matter(views(lines), FrontMatterReader::fastest));
  const auto yaml = described(read_front_matter(views(lines), FrontMatterReader::yaml));
  std::string shown;
  for (const auto& line : body) {
    shown += line + "\n";
  }
  INFO("front matter:\n", shown);
  CHECK(fast == yaml);
}

} // namespace

TEST_CASE("front matter read without yaml-cpp means what yaml-cpp reads")
{
  SUBCASE("the convention's own front matter")
  {
    check_same({"title: Audit the agent redis (1902)", "slug: audit-agent-redis-1902", "status: completed",
                "last_synced: 2025-10-31"});
    check_same({"title: Don't stop, go on", "owner:", "status: in-progress", "", "last_synced: 2026-01-02  "});
  }

  SUBCASE("lines whose YAML meaning differs from a plain reading")
  {
    for (const std::vector<std::string>& body : std::vector<std::vector<std::string>>{
             {"title: a # comment"},         {"title: \"quoted: yes\""},     {"title: 'single'"},
             {"key:value"},                  {"key : value"},                {"owner: ~"},
             {"owner: null"},                {"null: x"},                    {"owner: Null", "b: c"},
             {"tags: [a, b]"},               {"tags:", "  - a", "  - b"},    {"meta: {k: v}"},
             {"title: a", "  continued"},    {"# only a comment"},           {"- a", "- b"},
             {"just text"},                  {"title: -dash"},               {"title: a\tb"},
             {"title: caf\xC3\xA9"},         {"key: &anchor x", "o: *anchor"}, {"? complex", ": v"},
             {"title: x", "title: y"},       {"t: !!str 1"},                 {"t: |", "  block"},
             {"t: >", "  folded"},           {"t: a: b"},                    {"t: 50%"},
             {"t: @at"},                     {"t: `tick`"},                  {""},
             {"t: yes", "u: 1.5e3", "v: 0x1F"}}) {
      check_same(body);
    }
    // YAML allows an implicit key of at most 1024 characters.
    for (const std::size_t length : {std::size_t{256}, std::size_t{257}, std::size_t{1024}, std::size_t{1025}}) {
      check_same({std::string(length, 'k') + ": v", "title: t"});
    }
  }

  SUBCASE("random lines from a YAML-hostile alphabet")
  {
    // Fixed seed: the same cases on every run. Each line mixes plain words with the characters
    // and shapes that change a YAML line's meaning.
    const std::vector<std::string> pieces{"title", "slug",  ": ",   ":",    " ",   "a",    "b c", "#",  "'",
                                          "\"",    "-",     "- ",   "~",    "null", "[x]", "{k}", "!",  "&",
                                          "*",     "%",     "@",    "`",    "|",    ">",   "?",   ",",  "(1)",
                                          "2025-10-31", "\t", "x.y", "/p", "+", "Null", "  ", "key_2", "é"};
    std::mt19937 random(20261130);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    for (int round = 0; round < 3000; ++round) {
      std::vector<std::string> body;
      const std::size_t count = 1 + pick(4);
      for (std::size_t l = 0; l < count; ++l) {
        std::string line = pick(3) == 0 ? std::string() : pieces[pick(2)] + ": ";
        const std::size_t parts = pick(4);
        for (std::size_t p = 0; p < parts; ++p) {
          line += pieces[pick(pieces.size())];
        }
        body.push_back(line);
      }
      check_same(body);
    }
  }
}
