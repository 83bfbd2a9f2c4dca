// Fuzz target: the plan registry. The input is a PLANS.md: parse_document then parse_registry, every
// entry's fields read and its link resolved; then the link helpers run on fragments of the input
// (each line a destination, taken from the line before as the linking document's path).

#include "fuzz_support.hpp"

#include "planck/markdown/parser.hpp"
#include "planck/markdown/registry.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using planck::fuzz::require;
using planck::fuzz::touch;

const std::string k_registry = "PLANS.md";

// A resolved link is a clean repository path: relative, no empty, `.` or `..` parts (`.` alone for the root).
void check_repository_path(const std::string& path)
{
  require(!path.empty(), "a resolved link is empty");
  if (path == ".") {
    return;
  }
  require(path.front() != '/', "a resolved link is absolute");
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = std::string_view(path).substr(start, end - start);
    require(!part.empty() && part != "." && part != "..", "a resolved link has an empty, . or .. part");
    start = end + 1;
  }
}

// True when `path` has no `..` or `.` part: a real document's path, which links are taken from.
bool clean(const std::string& path)
{
  return path.find("/../") == std::string::npos && path.find("/./") == std::string::npos &&
         path.rfind("../", 0) != 0 && path.rfind("./", 0) != 0;
}

// Text that relative_link writes as is and classify_link reads back unchanged.
bool plain(const std::string& path)
{
  return std::none_of(path.begin(), path.end(), [](char c) {
    return c == '#' || c == '?' || c == '%' || c == ':' || static_cast<unsigned char>(c) <= ' ';
  });
}

void check_link(const std::string& from, const std::string& destination)
{
  const planck::LinkTarget target = planck::classify_link(from, destination);
  touch(static_cast<int>(target.kind));
  touch(target.path);
  touch(target.fragment);
  const auto resolved = planck::resolve_relative_link(from, destination);
  require(resolved.has_value() == (target.kind == planck::LinkTarget::Kind::path),
          "resolve_relative_link disagrees with classify_link");
  touch(planck::link_fragment(destination));
  if (!resolved) {
    return;
  }
  require(*resolved == target.path, "resolve_relative_link and classify_link resolve differently");
  const std::string back = planck::relative_link(from, *resolved);
  touch(back);
  if (!clean(from)) {
    return;
  }
  check_repository_path(*resolved);
  if (plain(*resolved) && plain(from)) {
    require(planck::resolve_relative_link(from, back) == resolved, "relative_link does not resolve back");
  }
}

std::vector<std::string> lines_of(std::string_view text, std::size_t most)
{
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size() && lines.size() < most) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const planck::Document document = planck::parse_document(k_registry, text);
  const planck::Registry registry = planck::parse_registry(document);
  const int last = std::max<int>(1, static_cast<int>(document.lines.size()));
  touch(registry.active_line + registry.completed_line);

  const std::vector<std::string> plans = {"docs/development/plans/fuzz.md", "fuzz.md", "PLANS.md"};
  for (const auto& entry : registry.entries) {
    require(entry.line >= 1 && entry.line <= last && entry.line <= entry.end_line && entry.end_line <= last,
            "a registry entry outside the document");
    require(entry.target.empty() || (entry.target_line >= entry.line && entry.target_line <= entry.end_line),
            "a registry entry's link outside the entry");
    touch(entry.text);
    touch(entry.date);
    touch(entry.title);
    touch(entry.target);
    touch(entry.status);
    touch(entry.column + entry.target_column + entry.target_is_code_span + entry.short_form);
    for (const auto& owner : entry.owners) {
      touch(owner);
    }
    for (const auto& problem : entry.problems) {
      require(!problem.empty(), "an empty registry problem");
      touch(problem);
    }
    for (const auto& plan : plans) {
      touch(planck::entry_names(entry, k_registry, plan));
    }
    if (!entry.target.empty()) {
      check_link(k_registry, entry.target);
      if (const auto resolved = planck::resolve_relative_link(k_registry, entry.target)) {
        touch(planck::entry_names(entry, k_registry, *resolved));
      }
    }
  }
  for (const auto& link : document.links) {
    check_link(k_registry, link.destination);
    check_link("docs/development/plans/fuzz.md", link.destination);
  }

  const auto lines = lines_of(text, 64);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    check_link(lines[i - 1], lines[i]);
  }
  return 0;
}
