#include "planck/markdown/document_builder.hpp"

#include "planck/markdown/source_region.hpp"

#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace planck {

namespace {

struct CmarkIterFree
{
  void operator()(cmark_iter* iter) const noexcept { cmark_iter_free(iter); }
};
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterFree>;

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

} // namespace

void build_document(cmark_node* root, Document& document, DocumentText& text)
{
  Builder(document, text).run(root);
}

} // namespace planck
