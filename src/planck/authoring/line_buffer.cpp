#include "planck/authoring/line_buffer.hpp"

#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <map>

namespace planck {

LineBuffer::LineBuffer(std::string_view text)
{
  if (starts_with(text, k_utf8_bom)) {
    m_bom = std::string(k_utf8_bom);
    text.remove_prefix(k_utf8_bom.size());
  }
  std::map<std::string, int> counts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') {
      continue;
    }
    std::size_t width = 1;
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      width = 2;
    }
    Line line{std::string(text.substr(start, i - start)), std::string(text.substr(i, width))};
    ++counts[line.terminator];
    m_lines.push_back(std::move(line));
    i += width - 1;
    start = i + 1;
  }
  if (start < text.size()) {
    m_lines.push_back(Line{std::string(text.substr(start)), std::string()});
  }
  int best = 0;
  for (const auto& [terminator, count] : counts) {
    // Ties go to `\n`, which sorts first.
    if (count > best) {
      best = count;
      m_eol = terminator;
    }
  }
}

const std::string& LineBuffer::line(int number) const
{
  if (number < 1 || number > size()) {
    throw Error("internal error: line " + std::to_string(number) + " is out of range");
  }
  return m_lines[static_cast<std::size_t>(number - 1)].text;
}

void LineBuffer::replace(int number, std::string text)
{
  line(number);
  m_lines[static_cast<std::size_t>(number - 1)].text = std::move(text);
}

void LineBuffer::insert(int before, const std::vector<std::string>& lines)
{
  if (before < 1 || before > size() + 1) {
    throw Error("internal error: cannot insert before line " + std::to_string(before));
  }
  if (lines.empty()) {
    return;
  }
  std::vector<Line> added;
  for (const auto& text : lines) {
    added.push_back(Line{text, m_eol});
  }
  if (before == size() + 1 && !m_lines.empty() && m_lines.back().terminator.empty()) {
    // The file ended without a newline: the old last line gets one, the new last line does not.
    m_lines.back().terminator = m_eol;
    added.back().terminator.clear();
  }
  m_lines.insert(m_lines.begin() + (before - 1), added.begin(), added.end());
}

void LineBuffer::erase(int first, int last)
{
  if (first < 1 || last > size() || first > last) {
    throw Error("internal error: cannot erase lines " + std::to_string(first) + "-" + std::to_string(last));
  }
  m_lines.erase(m_lines.begin() + (first - 1), m_lines.begin() + last);
}

std::string LineBuffer::str() const
{
  std::string text = m_bom;
  for (const auto& line : m_lines) {
    text += line.text;
    text += line.terminator;
  }
  return text;
}

} // namespace planck
