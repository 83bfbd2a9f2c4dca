#include "planck/markdown/heading_anchors.hpp"

#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/model/document.hpp"
#include "planck/util/strings.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>

namespace planck {

namespace {

// The text of an ATX heading line (`## Text ##`): what follows the opening `#`s with the closing
// sequence and the surrounding blanks removed, as CommonMark reads it; nullopt for a line that is
// no ATX heading or one indented (which may belong to a list or a block quote).
std::optional<std::string_view> atx_heading_text(std::string_view line)
{
  std::size_t level = 0;
  while (level < line.size() && line[level] == '#') {
    ++level;
  }
  if (level == 0 || level > 6 || (level < line.size() && line[level] != ' ' && line[level] != '\t')) {
    return std::nullopt;
  }
  std::string_view text = line.substr(level);
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && blank(text.back())) {
    text.remove_suffix(1);
  }
  // A closing sequence is a run of `#` that is the whole text or follows a blank.
  std::size_t hashes = 0;
  while (hashes < text.size() && text[text.size() - 1 - hashes] == '#') {
    ++hashes;
  }
  if (hashes == text.size() || (hashes > 0 && blank(text[text.size() - 1 - hashes]))) {
    text.remove_suffix(hashes);
    while (!text.empty() && blank(text.back())) {
      text.remove_suffix(1);
    }
  }
  return text;
}

// Characters that mean nothing to cmark's inline parser (nor to its autolink, strikethrough and
// table extensions) in a heading's text: a text of these alone is the heading's plain text.
bool is_plain_heading_text(std::string_view text)
{
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-'
           || c == '.' || c == ',' || c == ':' || c == ';' || c == '(' || c == ')' || c == '?' || c == '/'
           || c == '\'' || c == '"' || c == '+' || c == '=';
  });
}

} // namespace

std::vector<std::string> certain_heading_anchors(std::string_view text)
{
  std::vector<std::string> anchors;
  text = without_bom(text);
  const std::vector<std::string_view> lines = split_lines(text);
  if (lines.empty()) {
    return anchors;
  }
  // Only the lines parse_document gives cmark; front matter is read the same way.
  std::size_t first = 0;
  if (!lines[0].empty() && lines[0][0] == '-') {
    first = front_matter_lines(read_front_matter(lines));
  }
  // The fenced code block open at top level, as its fence character and length.
  char fence = 0;
  std::size_t fence_length = 0;
  const auto fence_run = [](std::string_view rest) -> std::pair<char, std::size_t> {
    if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) {
      return {0, 0};
    }
    std::size_t length = 0;
    while (length < rest.size() && rest[length] == rest[0]) {
      ++length;
    }
    return {rest[0], length};
  };
  for (std::size_t i = first; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    std::size_t indent = 0;
    while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) {
      ++indent;
    }
    const std::string_view rest = line.substr(indent);
    const bool tabbed = line.substr(0, indent).find('\t') != std::string_view::npos;
    const auto [run_char, run_length] = fence_run(rest);
    if (fence != 0) {
      // A closing fence: up to three spaces, the same character at least as often, then blanks.
      if (!tabbed && indent <= 3 && run_char == fence && run_length >= fence_length
          && rest.find_first_not_of(" \t", run_length) == std::string_view::npos) {
        fence = 0;
      }
      continue;
    }
    if (run_length >= 3 && !(run_char == '`' && rest.find('`', run_length) != std::string_view::npos)) {
      if (indent > 0) {
        // An indented fence may belong to a list item, which the next unindented line closes:
        // from here on, this reading cannot tell code from headings.
        return anchors;
      }
      fence = run_char;
      fence_length = run_length;
      continue;
    }
    if (!tabbed && indent <= 3 && !rest.empty() && rest[0] == '<') {
      return anchors;   // may open an HTML block, which can run over any later line
    }
    if (indent == 0) {
      if (const auto heading = atx_heading_text(line); heading && !heading->empty() && is_plain_heading_text(*heading)) {
        anchors.push_back(github_anchor(std::string(*heading)));
      }
    }
  }
  return anchors;
}

} // namespace planck
