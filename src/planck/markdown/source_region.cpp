#include "planck/markdown/source_region.hpp"

#include <algorithm>
#include <string_view>

namespace planck {

namespace {

constexpr char k_code_span = 1;
constexpr char k_destination = 2;

// The letters and digits of `text`, lower-cased: enough to tell whether bracketed source
// text can be the link text cmark produced, whatever markup and escapes it held.
std::string signature(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  return out;
}

bool is_subsequence(std::string_view needle, std::string_view haystack)
{
  std::size_t at = 0;
  for (const char c : haystack) {
    if (at < needle.size() && needle[at] == c) {
      ++at;
    }
  }
  return at == needle.size();
}

} // namespace

SourceRegion::SourceRegion(const std::vector<std::string_view>& lines, int first_line, int first_column, int last_line)
{
  const int count = static_cast<int>(lines.size());
  first_line = std::clamp(first_line, 1, std::max(count, 1));
  last_line = std::clamp(last_line, first_line, std::max(count, 1));
  m_first_line = first_line;
  for (int line = first_line; line <= last_line && line <= count; ++line) {
    const std::string_view source = lines[static_cast<std::size_t>(line - 1)];
    std::size_t from = 0;
    if (line == first_line && first_column > 1 && static_cast<std::size_t>(first_column - 1) <= source.size()) {
      from = static_cast<std::size_t>(first_column - 1);
    }
    if (!m_text.empty() || !m_line_starts.empty()) {
      m_text += '\n';
    }
    m_line_starts.push_back(m_text.size());
    m_first_columns.push_back(static_cast<int>(from) + 1);
    m_text.append(source.substr(from));
  }
  m_skip.assign(m_text.size(), 0);
  mark_code_spans();
  match_brackets();
}

std::pair<int, int> SourceRegion::position(std::size_t offset) const
{
  if (m_line_starts.empty()) {
    return {m_first_line, 1};
  }
  const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const auto index = static_cast<std::size_t>(std::distance(m_line_starts.begin(), it)) - 1;
  const int column = m_first_columns[index] + static_cast<int>(offset - m_line_starts[index]);
  return {m_first_line + static_cast<int>(index), column};
}

bool SourceRegion::escaped(std::size_t offset) const
{
  std::size_t backslashes = 0;
  while (offset > backslashes && m_text[offset - backslashes - 1] == '\\') {
    ++backslashes;
  }
  return backslashes % 2 == 1;
}

// CommonMark code spans: a backtick run closed by the next run of the same length; an unclosed
// run is literal text. Brackets inside code spans never open links.
void SourceRegion::mark_code_spans()
{
  std::size_t i = 0;
  while (i < m_text.size()) {
    if (m_text[i] == '\\') {
      i += 2;
      continue;
    }
    if (m_text[i] != '`') {
      ++i;
      continue;
    }
    std::size_t run = 0;
    while (i + run < m_text.size() && m_text[i + run] == '`') {
      ++run;
    }
    std::size_t search = i + run;
    std::size_t close = std::string::npos;
    while (search < m_text.size()) {
      const std::size_t at = m_text.find('`', search);
      if (at == std::string::npos) {
        break;
      }
      std::size_t length = 0;
      while (at + length < m_text.size() && m_text[at + length] == '`') {
        ++length;
      }
      if (length == run) {
        close = at;
        break;
      }
      search = at + length;
    }
    if (close == std::string::npos) {
      i += run;
      continue;
    }
    skip(i, close + run, k_code_span);
    i = close + run;
  }
}

void SourceRegion::skip(std::size_t begin, std::size_t end, char kind)
{
  end = std::min(end, m_skip.size());
  for (std::size_t i = begin; i < end; ++i) {
    if (m_skip[i] == 0) {
      m_skip[i] = kind;
    }
  }
}

std::optional<std::size_t> SourceRegion::matching_bracket(std::size_t open) const
{
  const std::size_t close = m_brackets[open];
  if (close == std::string::npos) {
    return std::nullopt;
  }
  return close;
}

// Pairs every unescaped bracket outside code spans once, so that trying many `[` that open
// no link stays linear.
void SourceRegion::match_brackets()
{
  m_brackets.assign(m_text.size(), std::string::npos);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < m_text.size(); ++i) {
    if (m_skip[i] == k_code_span) {
      continue;
    }
    const char c = m_text[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      open.push_back(i);
    } else if (c == ']' && !open.empty()) {
      m_brackets[open.back()] = i;
      open.pop_back();
    }
  }
}

std::size_t SourceRegion::matching_paren(std::size_t open) const
{
  int depth = 0;
  for (std::size_t i = open; i < m_text.size(); ++i) {
    const char c = m_text[i];
    if (c == '\\') {
      ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) {
        return i;
      }
    }
  }
  return m_text.size() - 1;
}

std::optional<SourceRegion::Place> SourceRegion::find_link(bool image, const std::string& text, const std::string& url)
{
  // cmark-gfm's inline source positions are unreliable inside containers and tables, so find
  // the link's opening in the block's source instead, in document order.
  const bool autolink = !image && !text.empty() && (url == text || url == "mailto:" + text || url == "http://" + text);
  const std::string wanted = signature(text);
  auto found = [&](std::size_t offset, bool reference) {
    m_cursor = offset + 1;
    const auto [line, column] = position(offset);
    return Place{line, column, reference};
  };

  for (std::size_t p = m_cursor; p < m_text.size(); ++p) {
    if (m_skip[p] != 0) {
      continue;
    }
    const char c = m_text[p];
    if (autolink) {
      if (c == '<' && m_text.compare(p + 1, text.size(), text) == 0 && !escaped(p)) {
        skip(p, p + text.size() + 2, k_destination);
        return found(p, false);
      }
      if (m_text.compare(p, text.size(), text) == 0) {
        skip(p, p + text.size(), k_destination);
        return found(p, false);
      }
    }
    bool opener = false;
    if (image) {
      opener = c == '!' && p + 1 < m_text.size() && m_text[p + 1] == '[' && !escaped(p);
    } else {
      opener = c == '[' && !escaped(p) && !(p > 0 && m_text[p - 1] == '!' && !escaped(p - 1));
    }
    if (!opener) {
      continue;
    }
    const std::size_t open = image ? p + 1 : p;
    const auto close = matching_bracket(open);
    if (!close) {
      continue;
    }
    // Markup and an image's URL can make the source longer than the text, but not by this
    // much; the bound keeps many nested brackets that open no link from costing quadratic time.
    const std::size_t content_length = *close - open - 1;
    if (content_length > text.size() * 4 + 4096) {
      continue;
    }
    const std::string content_signature = signature(std::string_view(m_text).substr(open + 1, content_length));
    const std::size_t next = *close + 1;
    if (next < m_text.size() && m_text[next] == '(') {
      if (!is_subsequence(wanted, content_signature)) {
        continue;
      }
      // The destination may repeat the text of a later autolink; never match inside it.
      skip(next, matching_paren(next) + 1, k_destination);
      return found(p, false);
    }
    if (autolink) {
      continue;
    }
    if (next < m_text.size() && m_text[next] == '[') {
      const std::size_t label_close = m_text.find(']', next + 1);
      if (label_close == std::string::npos) {
        continue;
      }
      const bool collapsed = label_close == next + 1;
      if (collapsed ? wanted != content_signature : !is_subsequence(wanted, content_signature)) {
        continue;
      }
      skip(next, label_close + 1, k_destination);
      return found(p, true);
    }
    if (wanted != content_signature) {
      continue;
    }
    return found(p, true);
  }
  return std::nullopt;
}

std::optional<SourceRegion::Place> SourceRegion::find_literal(const std::string& literal)
{
  const std::string first_line = literal.substr(0, literal.find('\n'));
  if (first_line.empty()) {
    return std::nullopt;
  }
  std::size_t at = m_cursor;
  while ((at = m_text.find(first_line, at)) != std::string::npos) {
    if (m_skip[at] != k_code_span) {
      m_cursor = at + 1;
      const auto [line, column] = position(at);
      return Place{line, column, false};
    }
    ++at;
  }
  return std::nullopt;
}

} // namespace planck
