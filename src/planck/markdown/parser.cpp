#include "planck/markdown/parser.hpp"

#include "planck/markdown/document_builder.hpp"
#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/parse_arena.hpp"
#include "planck/util/strings.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace planck {

namespace {

struct CmarkParserFree
{
  void operator()(cmark_parser* parser) const noexcept { cmark_parser_free(parser); }
};
struct CmarkNodeFree
{
  void operator()(cmark_node* node) const noexcept { cmark_node_free(node); }
};
using CmarkParser = std::unique_ptr<cmark_parser, CmarkParserFree>;
using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeFree>;

// The parser frees the extension list that the tree's nodes refer to, so both live in one
// object; the tree is declared last and therefore freed first.
class MarkdownTree
{
public:
  // Parses `blank_lines` empty lines followed by `text`.
  MarkdownTree(std::size_t blank_lines, std::string_view text)
  {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    m_parser.reset(cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8,
                                             ParseArena::allocator()));
    if (!m_parser) {
      return;
    }
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
      if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
        cmark_parser_attach_syntax_extension(m_parser.get(), extension);
      }
    }
    const std::string blanks(blank_lines, '\n');
    cmark_parser_feed(m_parser.get(), blanks.data(), blanks.size());
    cmark_parser_feed(m_parser.get(), text.data(), text.size());
    m_root.reset(cmark_parser_finish(m_parser.get()));
  }

  cmark_node* root() const { return m_root.get(); }

private:
  CmarkParser m_parser;
  CmarkNode m_root;
};

// Length of the valid UTF-8 sequence at `pos`, or 0 when the byte there starts no valid one.
std::size_t utf8_sequence(std::string_view s, std::size_t pos)
{
  const auto byte = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0U; };
  const unsigned lead = byte(pos);
  const auto continuation = [&](std::size_t i, unsigned low = 0x80, unsigned high = 0xBF) {
    const unsigned b = byte(i);
    return i < s.size() && b >= low && b <= high;
  };
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    return continuation(pos + 1) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    const unsigned high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
    return continuation(pos + 1, low, high) && continuation(pos + 2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(pos + 1, low, high) && continuation(pos + 2) && continuation(pos + 3) ? 4 : 0;
  }
  return 0;
}

std::string hex_byte(unsigned char byte)
{
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "0x%02X", static_cast<unsigned>(byte));
  return buffer.data();
}

// The first NUL byte, as a problem; nothing when there is none.
std::optional<DocumentProblem> find_nul(const std::vector<std::string_view>& lines)
{
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t at = lines[i].find('\0');
    if (at != std::string::npos) {
      return DocumentProblem{static_cast<int>(i) + 1, static_cast<int>(at) + 1, "contains NUL bytes; not a text file"};
    }
  }
  return std::nullopt;
}

std::optional<DocumentProblem> find_bad_utf8(const std::vector<std::string_view>& lines)
{
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = lines[i];
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t length = utf8_sequence(text, pos);
      if (length == 0) {
        return DocumentProblem{static_cast<int>(i) + 1, static_cast<int>(pos) + 1,
                               "invalid UTF-8: byte " + hex_byte(static_cast<unsigned char>(text[pos])) + " at line " +
                                   std::to_string(i + 1) + ", column " + std::to_string(pos + 1) +
                                   " is not part of a valid character"};
      }
      pos += length;
    }
  }
  return std::nullopt;
}

} // namespace

std::vector<std::string_view> split_lines(std::string_view text)
{
  std::vector<std::string_view> lines;
  lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.emplace_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  if (start < text.size()) {
    lines.emplace_back(text.substr(start));
  }
  return lines;
}

MarkdownShape markdown_shape(std::string_view text)
{
  MarkdownShape shape;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    std::size_t i = line.find_first_not_of(" \t\r");
    if (i == std::string_view::npos) {
      continue;   // a blank line builds nothing
    }
    ++shape.elements;
    // Container markers at the line's start (`> - 1. x`): each opens a block or two.
    for (;;) {
      if (i < line.size() && line[i] == '>') {
        ++i;
      } else if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
                 (line[i + 1] == ' ' || line[i + 1] == '\t')) {
        i += 2;
      } else {
        std::size_t digits = i;
        while (digits < line.size() && digits - i < 9 && line[digits] >= '0' && line[digits] <= '9') {
          ++digits;
        }
        if (digits == i || digits + 1 >= line.size() || (line[digits] != '.' && line[digits] != ')') ||
            (line[digits + 1] != ' ' && line[digits + 1] != '\t')) {
          break;
        }
        i = digits + 2;
      }
      shape.elements += 2;
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
        ++i;
      }
    }
    // Inline markup: each of these may open a node (emphasis, code, link, autolink, cell, entity).
    bool delimiter_row = line.find('-') != std::string_view::npos;
    std::size_t pipes = 0;
    for (const char c : line) {
      switch (c) {
      case '*': case '_': case '`': case '[': case ']': case '<': case '!': case '~': case '\\': case '&':
        ++shape.elements;
        delimiter_row = false;
        break;
      case '|':
        ++shape.elements;
        ++pipes;
        break;
      case '-': case ':': case ' ': case '\t': case '\r':
        break;
      default:
        delimiter_row = false;
      }
    }
    if (delimiter_row && pipes > 0) {
      // `--|--` has 2 columns and 1 pipe; `|--|--|` has 2 and 3: the outer pipes open and close.
      const std::size_t first = line.find_first_not_of(" \t");
      const std::string_view row = line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
      const std::size_t outer = (row.front() == '|' ? 1 : 0) + (row.size() > 1 && row.back() == '|' ? 1 : 0);
      shape.widest_table = std::max(shape.widest_table, pipes + 1 - std::min(outer, pipes + 1));
    }
  }
  return shape;
}

Document parse_document(const std::string& path, std::string_view text)
{
  Document document;
  document.path = path;
  text = without_bom(text);
  auto storage = std::make_shared<DocumentText>();
  storage->source.assign(text);
  document.text = storage;
  document.lines = split_lines(storage->source);
  if (document.lines.empty()) {
    return document;
  }
  if (auto nul = find_nul(document.lines)) {
    document.binary = true;
    document.problems.push_back(std::move(*nul));
    return document;
  }
  if (auto bad = find_bad_utf8(document.lines)) {
    document.problems.push_back(std::move(*bad));
  }

  document.front_matter = read_front_matter(document.lines);
  // Front matter lines reach cmark as blank lines, so that its line numbers are the file's; the
  // rest is fed as it is (cmark reads \r\n and \r as line ends too).
  const std::string_view source = storage->source;
  std::string_view markdown = source;
  const std::size_t blank_lines = front_matter_lines(document.front_matter);
  if (blank_lines > 0) {
    markdown = blank_lines < document.lines.size()
                   ? source.substr(static_cast<std::size_t>(document.lines[blank_lines].data() - source.data()))
                   : std::string_view();
  }

  const ArenaScope arena;   // declared before the tree: emptied after cmark has freed it
  const MarkdownTree tree(blank_lines, markdown);
  if (tree.root() == nullptr) {
    document.problems.push_back(DocumentProblem{1, 1, "the Markdown parser could not be created"});
    return document;
  }
  build_document(tree.root(), document, *storage);
  return document;
}

} // namespace planck
