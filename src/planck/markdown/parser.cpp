#include "planck/markdown/parser.hpp"

#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/source_region.hpp"
#include "planck/util/strings.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

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
struct CmarkIterFree
{
  void operator()(cmark_iter* iter) const noexcept { cmark_iter_free(iter); }
};
using CmarkParser = std::unique_ptr<cmark_parser, CmarkParserFree>;
using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeFree>;
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterFree>;

// Where cmark allocates while this thread parses one document: a bump allocator, emptied at once
// when the parse is done. cmark makes tens of thousands of small allocations for a plan and frees
// them all at the end, which through malloc was a fifth of a large check's instructions. cmark's
// own arena is one global and not safe on two threads; this one is per thread.
class ParseArena
{
public:
  static ParseArena& mine()
  {
    thread_local ParseArena arena;
    return arena;
  }

  static cmark_mem* allocator()
  {
    static cmark_mem mem{[](std::size_t count, std::size_t size) { return mine().zeroed(count, size); },
                         [](void* old, std::size_t size) { return mine().resize(old, size); },
                         [](void* block) { mine().release(block); }};
    return &mem;
  }

  // Empties the arena; keeps its largest block for the next parse on this thread.
  void reset()
  {
    if (m_blocks.size() > 1) {
      auto largest = std::max_element(m_blocks.begin(), m_blocks.end(),
                                      [](const Block& a, const Block& b) { return a.size < b.size; });
      Block keep = std::move(*largest);
      m_blocks.clear();
      m_blocks.push_back(std::move(keep));
    }
    if (!m_blocks.empty()) {
      m_blocks.back().used = 0;
    }
    m_last = nullptr;
  }

private:
  static constexpr std::size_t k_align = alignof(std::max_align_t);
  static constexpr std::size_t k_header = k_align;   // each allocation's size, before it
  static constexpr std::size_t k_block = std::size_t{256} << 10;

  struct Block
  {
    std::unique_ptr<unsigned char[]> data;
    std::size_t size = 0;
    std::size_t used = 0;
  };

  static std::size_t rounded(std::size_t size) { return (size + k_align - 1) / k_align * k_align; }
  static std::size_t& size_of(void* block)
  {
    return *reinterpret_cast<std::size_t*>(static_cast<unsigned char*>(block) - k_header);
  }

  void* allocate(std::size_t size)
  {
    if (size > std::numeric_limits<std::size_t>::max() / 2) {
      std::abort();   // cmark aborts on a failed allocation as well
    }
    const std::size_t need = k_header + rounded(size);
    if (m_blocks.empty() || m_blocks.back().size - m_blocks.back().used < need) {
      Block block;
      block.size = std::max(k_block, need);
      block.data = std::make_unique_for_overwrite<unsigned char[]>(block.size);   // zeroed where asked
      m_blocks.push_back(std::move(block));
    }
    Block& block = m_blocks.back();
    unsigned char* start = block.data.get() + block.used + k_header;
    block.used += need;
    m_last = start;
    size_of(start) = size;
    return start;
  }

  void* zeroed(std::size_t count, std::size_t size)
  {
    if (size != 0 && count > (std::numeric_limits<std::size_t>::max() - k_block) / size) {
      std::abort();   // cmark aborts on a failed allocation as well
    }
    void* block = allocate(count * size);
    std::memset(block, 0, count * size);
    return block;
  }

  void* resize(void* old, std::size_t size)
  {
    if (old == nullptr) {
      return allocate(size);
    }
    const std::size_t old_size = size_of(old);
    // The newest allocation grows in place while its block has room: how cmark's buffers grow.
    if (old == m_last) {
      Block& block = m_blocks.back();
      const std::size_t start = static_cast<std::size_t>(static_cast<unsigned char*>(old) - block.data.get());
      if (start + rounded(size) <= block.size) {
        block.used = start + rounded(size);
        size_of(old) = size;
        return old;
      }
    }
    void* fresh = allocate(size);
    std::memcpy(fresh, old, std::min(old_size, size));
    return fresh;
  }

  void release(void* block)
  {
    // Only the newest allocation gives its room back; the rest goes with the whole arena.
    if (block != nullptr && block == m_last) {
      Block& last = m_blocks.back();
      last.used = static_cast<std::size_t>(static_cast<unsigned char*>(block) - last.data.get()) - k_header;
      m_last = nullptr;
    }
  }

  std::vector<Block> m_blocks;
  void* m_last = nullptr;   // the newest allocation, which may grow or shrink in place
};

// Empties this thread's ParseArena when the parse that used it is over.
struct ArenaScope
{
  ArenaScope() = default;
  ~ArenaScope() { ParseArena::mine().reset(); }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;
};

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

// Views of `text`'s lines, without their terminators.
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

bool is_blank(std::string_view line)
{
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Bytes taken by `levels` block-quote markers (`> `) at the start of `line`.
std::size_t quote_prefix(std::string_view line, int levels)
{
  std::size_t pos = 0;
  for (int level = 0; level < levels; ++level) {
    std::size_t at = pos;
    while (at < line.size() && at - pos < 3 && line[at] == ' ') {
      ++at;
    }
    if (at >= line.size() || line[at] != '>') {
      break;
    }
    pos = at + 1;
    if (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) {
      ++pos;
    }
  }
  return pos;
}

// Removes up to `columns` columns of indentation (tabs to multiples of 4) from the start of `line`.
std::string_view strip_indent(std::string_view line, std::size_t columns)
{
  std::size_t column = 0;
  std::size_t pos = 0;
  while (pos < line.size() && column < columns && (line[pos] == ' ' || line[pos] == '\t')) {
    column = line[pos] == '\t' ? (column / 4 + 1) * 4 : column + 1;
    ++pos;
  }
  return line.substr(pos);
}

std::string literal_of(cmark_node* node)
{
  const char* literal = cmark_node_get_literal(node);
  return literal != nullptr ? std::string(literal) : std::string();
}

std::string type_name(cmark_node* node)
{
  const char* name = cmark_node_get_type_string(node);
  return name != nullptr ? std::string(name) : std::string();
}

// Text of `node`'s inlines with markup removed; code spans keep their content. A line break
// becomes `line_break` (GitHub's anchors drop the newline where the heading text keeps a space).
std::string plain_text(cmark_node* node, char line_break = ' ')
{
  std::string text;
  CmarkIter iter(cmark_iter_new(node));
  cmark_event_type event = CMARK_EVENT_NONE;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) {
      continue;
    }
    cmark_node* current = cmark_iter_get_node(iter.get());
    switch (cmark_node_get_type(current)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      text += literal_of(current);
      break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      text += line_break;
      break;
    default:
      break;
    }
  }
  return text;
}

std::string trimmed(std::string_view text)
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// `<!-- planck-disable RULE … -->` and friends; nothing for any other comment.
std::optional<Suppression> parse_suppression(std::string_view body)
{
  const std::string text = trimmed(body);
  static constexpr std::array<std::pair<std::string_view, Suppression::Kind>, 3> k_kinds{{
      {"planck-disable-next-line", Suppression::Kind::disable_next_line},
      {"planck-disable", Suppression::Kind::disable},
      {"planck-enable", Suppression::Kind::enable},
  }};
  for (const auto& [keyword, kind] : k_kinds) {
    if (text.compare(0, keyword.size(), keyword) != 0) {
      continue;
    }
    if (text.size() > keyword.size() && std::strchr(" \t\n,", text[keyword.size()]) == nullptr) {
      continue;
    }
    Suppression suppression;
    suppression.kind = kind;
    std::string rule;
    for (std::size_t i = keyword.size(); i <= text.size(); ++i) {
      const char c = i < text.size() ? text[i] : ' ';
      if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
        if (!rule.empty()) {
          suppression.rules.push_back(rule);
          rule.clear();
        }
      } else {
        rule += c;
      }
    }
    return suppression;
  }
  return std::nullopt;
}

// github-slugger: a repeated slug gets -1, -2 …, skipping slugs already taken.
class Slugger
{
public:
  std::string slug(const std::string& text)
  {
    const std::string base = github_anchor(text);
    std::string result = base;
    while (m_seen.count(result) != 0) {
      result = base + "-" + std::to_string(++m_seen[base]);
    }
    m_seen[result] = 0;
    return result;
  }

private:
  std::unordered_map<std::string, int> m_seen;
};

// Walks the cmark tree once, iteratively (nesting depth is unbounded), filling the Document.
class Builder
{
public:
  Builder(Document& document, DocumentText& text) : m_doc(document), m_text(text) {}

  void run(cmark_node* root)
  {
    m_root = root;
    CmarkIter iter(cmark_iter_new(root));
    cmark_event_type event = CMARK_EVENT_NONE;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (event == CMARK_EVENT_ENTER) {
        enter(node);
      } else if (event == CMARK_EVENT_EXIT) {
        exit(node);
      }
    }
    close_section(static_cast<int>(m_doc.lines.size()));

    // Footnote definitions come last in cmark's tree; put everything back in source order.
    const auto by_place = [](const auto& a, const auto& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    };
    std::stable_sort(m_doc.todos.begin(), m_doc.todos.end(), by_place);
    std::stable_sort(m_doc.links.begin(), m_doc.links.end(), by_place);
    std::stable_sort(m_doc.suppressions.begin(), m_doc.suppressions.end(), by_place);

    // A large check keeps thousands of documents: give back what the vectors grew by.
    for (auto& section : m_doc.sections) {
      section.entries.shrink_to_fit();
    }
    m_doc.sections.shrink_to_fit();
    m_doc.headings.shrink_to_fit();
    m_doc.links.shrink_to_fit();
    m_doc.todos.shrink_to_fit();
  }

private:
  int line_count() const { return static_cast<int>(m_doc.lines.size()); }

  std::string_view line(int number) const
  {
    if (number < 1 || number > line_count()) {
      return {};
    }
    return m_doc.lines[static_cast<std::size_t>(number - 1)];
  }

  // cmark ends some blocks at column 0 of the line after their last one.
  int end_line_of(cmark_node* node) const
  {
    const int start = cmark_node_get_start_line(node);
    int end = cmark_node_get_end_line(node);
    if (cmark_node_get_end_column(node) == 0 && end > start) {
      --end;
    }
    return std::clamp(end, std::max(start, 1), std::max(line_count(), 1));
  }

  // A heading whose text is all raw HTML (the template's `# <Action-oriented title>`) renders
  // empty; its source text is what a reader of the file sees.
  std::string heading_source(cmark_node* node) const
  {
    std::string_view text = line(cmark_node_get_start_line(node));
    text.remove_prefix(
        std::min(text.size(), static_cast<std::size_t>(std::max(cmark_node_get_start_column(node) - 1, 0))));
    std::string result = trimmed(text);
    if (!result.empty() && result.front() == '#') {
      result.erase(0, result.find_first_not_of('#'));
      while (!result.empty() && (result.back() == '#' || result.back() == ' ' || result.back() == '\t')) {
        result.pop_back();
      }
      result = trimmed(result);
    }
    return result;
  }

  bool in_sections() const { return m_section.has_value() && m_footnote_depth == 0; }

  void enter(cmark_node* node)
  {
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_HEADING:
      enter_heading(node);
      set_block(node, false);
      break;
    case CMARK_NODE_PARAGRAPH:
      set_block(node, false);
      break;
    case CMARK_NODE_ITEM:
      enter_item(node);
      ++m_item_depth;
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      ++m_quote_depth;
      break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      ++m_footnote_depth;
      break;
    case CMARK_NODE_CODE_BLOCK:
      if (in_sections()) {
        ++m_section->code_count;
      }
      break;
    case CMARK_NODE_CODE:
      if (in_sections() && !m_in_section_heading) {
        ++m_section->code_count;
      }
      break;
    case CMARK_NODE_HTML_BLOCK:
      html_block(node);
      break;
    case CMARK_NODE_HTML_INLINE:
      html_inline(node);
      break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      link(node);
      break;
    default: {
      const std::string name = type_name(node);
      if (name == "table_row" || name == "table_header") {
        set_block(node, true);
      }
      break;
    }
    }
  }

  void exit(cmark_node* node)
  {
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_ITEM:
      --m_item_depth;
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      --m_quote_depth;
      break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      --m_footnote_depth;
      break;
    case CMARK_NODE_HEADING:
      m_in_section_heading = false;
      break;
    default:
      break;
    }
  }

  // Links and comments are located in the source of the block that holds them: the paragraph,
  // the heading, or the whole line of a table row (cmark's cell columns are not to be trusted).
  void set_block(cmark_node* node, bool whole_line)
  {
    m_block = node;
    m_block_whole_line = whole_line;
    m_region.reset();
  }

  SourceRegion* region()
  {
    if (m_block == nullptr) {
      return nullptr;
    }
    if (!m_region) {
      const int first = cmark_node_get_start_line(m_block);
      const int column = m_block_whole_line ? 1 : cmark_node_get_start_column(m_block);
      m_region.emplace(m_doc.lines, first, column, end_line_of(m_block));
    }
    return &*m_region;
  }

  void close_section(int end_line)
  {
    if (!m_section) {
      return;
    }
    Section& section = *m_section;
    section.end_line = std::max(end_line, m_section_heading_end);
    section.body_line = m_section_heading_end + 1;
    m_doc.sections.push_back(std::move(section));
    m_section.reset();
  }

  void enter_heading(cmark_node* node)
  {
    Heading heading;
    heading.level = cmark_node_get_heading_level(node);
    heading.line = cmark_node_get_start_line(node);
    heading.text = trimmed(plain_text(node));
    if (heading.text.empty()) {
      heading.text = heading_source(node);
    }
    heading.anchor = m_slugger.slug(trimmed(plain_text(node, '\n')));
    m_doc.headings.push_back(heading);

    // Only headings at the top level of the document shape its title and sections.
    if (cmark_node_parent(node) != m_root || heading.level > 2) {
      return;
    }
    close_section(heading.line - 1);
    if (heading.level == 1) {
      if (m_doc.title_line == 0) {
        m_doc.title = heading.text;
        m_doc.title_line = heading.line;
      }
      return;
    }
    m_section.emplace();
    m_section->heading = heading.text;
    m_section->line = heading.line;
    m_section_heading_end = end_line_of(node);
    m_in_section_heading = true;
  }

  void enter_item(cmark_node* node)
  {
    cmark_node* list = cmark_node_parent(node);
    const bool entry = in_sections() && list != nullptr && cmark_node_parent(list) == m_root;
    std::optional<ListItem> item;
    if (entry || has_checkbox(node)) {
      item = make_item(node);
    }
    if (!item) {
      return;
    }
    if (item->checkbox != Checkbox::none) {
      m_doc.todos.push_back(*item);
    }
    if (entry) {
      m_section->entries.push_back(std::move(*item));
    }
  }

  struct Marker
  {
    std::size_t content = 0; // byte offset of the content after the marker's spaces
    std::size_t indent = 0;  // content indentation for continuation lines, in bytes of line 1
    Checkbox checkbox = Checkbox::none;
    std::size_t after_box = 0; // byte offset of the text after the checkbox
  };

  Marker read_marker(cmark_node* node) const
  {
    const std::string_view first = line(cmark_node_get_start_line(node));
    std::size_t pos =
        std::min(static_cast<std::size_t>(std::max(cmark_node_get_start_column(node) - 1, 0)), first.size());
    if (pos < first.size() && (first[pos] == '-' || first[pos] == '+' || first[pos] == '*')) {
      ++pos;
    } else {
      while (pos < first.size() && first[pos] >= '0' && first[pos] <= '9') {
        ++pos;
      }
      if (pos < first.size() && (first[pos] == '.' || first[pos] == ')')) {
        ++pos;
      }
    }
    const std::size_t marker_end = pos;
    std::size_t spaces_end = marker_end;
    while (spaces_end < first.size() && (first[spaces_end] == ' ' || first[spaces_end] == '\t')) {
      ++spaces_end;
    }
    Marker marker;
    if (spaces_end == first.size()) {
      // An item that starts with a blank line: its content is indented one past the marker.
      marker.content = first.size();
      marker.indent = marker_end + 1;
    } else if (spaces_end - marker_end >= 5) {
      // Five spaces or more start indented code inside the item, one space after the marker.
      marker.content = marker_end + 1;
      marker.indent = marker_end + 1;
    } else {
      marker.content = spaces_end;
      marker.indent = spaces_end;
    }
    marker.after_box = marker.content;
    const std::string_view rest = first.substr(marker.content);
    if (rest.size() >= 3 && rest[0] == '[' && rest[2] == ']' && (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X') &&
        (rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t')) {
      marker.checkbox = rest[1] == ' ' ? Checkbox::open : Checkbox::done;
      std::size_t after = marker.content + 3;
      while (after < first.size() && (first[after] == ' ' || first[after] == '\t')) {
        ++after;
      }
      marker.after_box = after;
    }
    return marker;
  }

  bool has_checkbox(cmark_node* node) const { return read_marker(node).checkbox != Checkbox::none; }

  ListItem make_item(cmark_node* node) const
  {
    ListItem item;
    item.line = cmark_node_get_start_line(node);
    item.depth = m_item_depth;
    const Marker marker = read_marker(node);
    item.checkbox = marker.checkbox;
    item.column = static_cast<int>(marker.after_box) + 1;

    int end = end_line_of(node);
    const auto blank = [&](int number) {
      const std::string_view text = line(number);
      return is_blank(text.substr(quote_prefix(text, m_quote_depth)));
    };
    while (end > item.line && blank(end)) {
      --end;
    }
    item.end_line = end;

    const std::string_view first = line(item.line);
    item.text = first.substr(std::min(marker.after_box, first.size()));
    if (end == item.line) {
      return item;   // most entries are one line: a view of the source, no copy
    }
    std::string joined(item.text);
    const std::size_t first_quote = quote_prefix(first, m_quote_depth);
    const std::size_t indent = marker.indent > first_quote ? marker.indent - first_quote : 0;
    for (int number = item.line + 1; number <= end; ++number) {
      std::string_view text = line(number);
      text.remove_prefix(quote_prefix(text, m_quote_depth));
      joined += '\n';
      joined += strip_indent(text, indent);
    }
    item.text = m_text.joined.emplace_front(std::move(joined));
    return item;
  }

  void link(cmark_node* node)
  {
    Link link;
    link.image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    const char* url = cmark_node_get_url(node);
    link.destination = url != nullptr ? url : "";
    link.text = plain_text(node);
    std::optional<SourceRegion::Place> place;
    if (SourceRegion* source = region()) {
      place = source->find_link(link.image, link.text, link.destination);
    }
    if (place) {
      link.line = place->line;
      link.column = place->column;
      link.reference = place->reference;
    } else {
      fallback_place(node, link.line, link.column);
    }
    m_doc.links.push_back(std::move(link));
  }

  void fallback_place(cmark_node* node, int& line_number, int& column) const
  {
    line_number = cmark_node_get_start_line(node);
    column = cmark_node_get_start_column(node);
    if (line_number <= 0 && m_block != nullptr) {
      line_number = cmark_node_get_start_line(m_block);
      column = cmark_node_get_start_column(m_block);
    }
    line_number = std::max(line_number, 1);
    column = std::max(column, 1);
  }

  void html_inline(cmark_node* node)
  {
    const std::string literal = literal_of(node);
    if (literal.compare(0, 4, "<!--") != 0) {
      return;
    }
    const std::size_t close = literal.find("-->", 4);
    auto suppression = parse_suppression(
        std::string_view(literal).substr(4, close == std::string::npos ? std::string::npos : close - 4));
    std::optional<SourceRegion::Place> place;
    if (SourceRegion* source = region()) {
      place = source->find_literal(literal);
    }
    if (!suppression) {
      return;
    }
    if (place) {
      suppression->line = place->line;
      suppression->column = place->column;
    } else {
      fallback_place(node, suppression->line, suppression->column);
    }
    m_doc.suppressions.push_back(std::move(*suppression));
  }

  void html_block(cmark_node* node)
  {
    const int first = cmark_node_get_start_line(node);
    const int last = end_line_of(node);
    for (int number = first; number <= last; ++number) {
      const std::string_view text = line(number);
      std::size_t at = 0;
      while ((at = text.find("<!--", at)) != std::string_view::npos) {
        // The comment may run over several lines.
        std::string body;
        std::size_t close = text.find("-->", at + 4);
        int end_number = number;
        if (close != std::string_view::npos) {
          body = std::string(text.substr(at + 4, close - at - 4));
        } else {
          body = std::string(text.substr(at + 4));
          for (end_number = number + 1; end_number <= last; ++end_number) {
            const std::string_view more = line(end_number);
            close = more.find("-->");
            body += '\n';
            body += more.substr(0, close);
            if (close != std::string_view::npos) {
              break;
            }
          }
        }
        if (auto suppression = parse_suppression(body)) {
          suppression->line = number;
          suppression->column = static_cast<int>(at) + 1;
          m_doc.suppressions.push_back(std::move(*suppression));
        }
        if (end_number != number) {
          number = end_number;
          break;
        }
        if (close == std::string_view::npos) {
          break;
        }
        at = close + 3;
      }
    }
  }

  Document& m_doc;
  DocumentText& m_text;   // where the joined text of items over several lines is kept
  cmark_node* m_root = nullptr;
  std::optional<Section> m_section;
  int m_section_heading_end = 0;
  bool m_in_section_heading = false;
  int m_item_depth = 0;
  int m_quote_depth = 0;
  int m_footnote_depth = 0;
  cmark_node* m_block = nullptr;
  bool m_block_whole_line = false;
  std::optional<SourceRegion> m_region;
  Slugger m_slugger;
};

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

// How many of the first lines are front matter, which cmark reads as blank lines.
std::size_t front_matter_lines(const FrontMatter& front)
{
  return front.present && front.end_line > 1 ? static_cast<std::size_t>(front.end_line) : 0;
}

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
  Builder(document, *storage).run(tree.root());
  return document;
}

} // namespace planck
