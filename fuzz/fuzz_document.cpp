// Fuzz target: the Markdown document model. parse_document on arbitrary bytes, then every field of
// the Document is read and its line numbers checked against the source, as rules and reports use them;
// the anchors certain_heading_anchors reads from the lines alone must be among the parsed ones.

#include "fuzz_support.hpp"

#include "planck/markdown/heading_anchors.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/model/document.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using planck::fuzz::require;
using planck::fuzz::touch;

void check_line(const planck::Document& document, int line, const char* what)
{
  const int last = std::max<int>(1, static_cast<int>(document.lines.size()));
  require(line >= 1 && line <= last, what);
}

void check_item(const planck::Document& document, const planck::ListItem& item)
{
  check_line(document, item.line, "list item line within the document");
  check_line(document, item.end_line, "list item end_line within the document");
  require(item.line <= item.end_line, "list item ends before it starts");
  require(item.column >= 1, "list item column is 1-based");
  require(item.depth >= 0, "list item depth is not negative");
  touch(item.text);
  touch(static_cast<int>(item.checkbox));
}

void touch_front_matter(const planck::Document& document)
{
  const planck::FrontMatter& front = document.front_matter;
  touch(front.present);
  if (!front.present) {
    return;
  }
  check_line(document, front.start_line, "front matter start within the document");
  require(front.start_line <= front.end_line || front.error, "front matter closes before it opens");
  if (front.error) {
    touch(front.error->message);
    touch(front.error->line + front.error->column);
    return;
  }
  require(front.mapping || front.fields.empty(), "front matter fields without a mapping");
  for (const auto& field : front.fields) {
    const int line = front.line_of(field.key);
    require(line >= front.start_line && line <= front.end_line, "front matter key outside the front matter");
    touch(field.value.scalar);
    for (const auto& item : field.value.items) {
      touch(item);
    }
  }
  touch(front.line_of("status"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const planck::Document document = planck::parse_document("docs/development/plans/fuzz.md", text);

  touch(document.path);
  touch(document.title);
  touch(document.binary);
  touch(document.skipped);
  for (const auto& line : document.lines) {
    touch(line);
  }
  if (document.title_line != 0) {
    check_line(document, document.title_line, "title line within the document");
  }
  touch_front_matter(document);

  int previous = 0;
  for (const auto& section : document.sections) {
    check_line(document, section.line, "section heading within the document");
    check_line(document, section.end_line, "section end within the document");
    require(section.line <= section.end_line, "section ends before its heading");
    require(section.line > previous, "sections out of document order");
    previous = section.line;
    touch(section.heading);
    touch(section_body(document, section));
    touch(section.code_count);
    for (const auto& entry : section.entries) {
      check_item(document, entry);
      require(entry.line > section.line && entry.end_line <= section.end_line, "entry outside its section");
    }
    const auto named = document.sections_named(section.heading);
    require(!named.empty(), "sections_named misses a section by its own heading");
    touch(planck::normalize_section_name(section.heading));
  }
  for (const auto& heading : document.headings) {
    check_line(document, heading.line, "heading within the document");
    require(heading.level >= 1 && heading.level <= 6, "heading level is 1 to 6");
    touch(heading.text);
    touch(heading.anchor);
    touch(planck::github_anchor(heading.text));
  }
  // A heading anchor read from the lines alone is one the parsed document has (a binary document
  // has no headings, and links into it are never checked).
  if (!document.binary) {
    for (const auto& anchor : planck::certain_heading_anchors(text)) {
      require(std::any_of(document.headings.begin(), document.headings.end(),
                          [&](const planck::Heading& heading) { return heading.anchor == anchor; }),
              "certain_heading_anchors vouches for an anchor the parsed document lacks");
    }
  }
  for (const auto& link : document.links) {
    check_line(document, link.line, "link within the document");
    require(link.column >= 1, "link column is 1-based");
    touch(link.destination);
    touch(link.text);
    touch(link.reference + 2 * link.image);
  }
  for (const auto& todo : document.todos) {
    check_item(document, todo);
    require(todo.checkbox != planck::Checkbox::none, "a to-do without a checkbox");
  }
  for (const auto& suppression : document.suppressions) {
    check_line(document, suppression.line, "suppression within the document");
    touch(static_cast<int>(suppression.kind));
    for (const auto& rule : suppression.rules) {
      touch(rule);
    }
  }
  for (const auto& problem : document.problems) {
    check_line(document, problem.line, "problem within the document");
    touch(problem.message);
  }
  return 0;
}
