#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <string_view>

namespace planck {

namespace {

bool is_fence(std::string_view line, std::string_view fence)
{
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == fence;
}

FrontMatterValue value_of(const YAML::Node& node)
{
  FrontMatterValue value;
  if (node.IsScalar()) {
    value.kind = FrontMatterValue::Kind::scalar;
    value.scalar = node.Scalar();
  } else if (node.IsSequence()) {
    value.kind = FrontMatterValue::Kind::sequence;
    for (const auto& item : node) {
      if (item.IsScalar()) {
        value.items.push_back(item.Scalar());
      }
    }
  } else if (node.IsMap()) {
    value.kind = FrontMatterValue::Kind::mapping;
  }
  return value;
}

constexpr std::size_t k_longest_plain_key = 256;

bool is_key_start(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_key_char(char c)
{
  return is_key_start(c) || (c >= '0' && c <= '9') || c == '-';
}

bool is_word_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Characters a plain YAML scalar may hold anywhere after its first, in a block mapping, with no
// meaning of their own there.
bool is_plain_char(char c)
{
  return is_word_char(c) || c == ' ' || c == '_' || c == '.' || c == ',' || c == '/' || c == '(' || c == ')'
         || c == '+' || c == '-' || c == '\'';
}

// The fields of front matter written as the convention writes it: lines `key: value` with a plain
// key and a plain value of words, dates, slugs and titles (or nothing), and blank lines. Null for
// anything else, however slight the difference: a quote, a colon or hash in a value, an indented or
// commented line, a null word. yaml-cpp reads those; it spends a quarter of a million instructions
// on four convention lines, a tenth of a large --all check. A unit test compares both readers.
std::optional<std::vector<FrontMatterField>> read_plain_mapping(const std::vector<std::string_view>& lines,
                                                               std::size_t close, int start_line)
{
  std::vector<FrontMatterField> fields;
  for (std::size_t i = 1; i < close; ++i) {
    const std::string_view line = lines[i];
    if (line.find_first_not_of(' ') == std::string_view::npos) {
      continue;
    }
    if (!is_key_start(line[0])) {
      return std::nullopt;
    }
    std::size_t colon = 1;
    while (colon < line.size() && is_key_char(line[colon])) {
      ++colon;
    }
    if (colon == line.size() || line[colon] != ':' || (colon + 1 < line.size() && line[colon + 1] != ' ')) {
      return std::nullopt;
    }
    const std::string_view key = line.substr(0, colon);
    if (key == "null" || key == "Null" || key == "NULL") {
      return std::nullopt;   // a null key, not a name
    }
    if (key.size() > k_longest_plain_key) {
      return std::nullopt;   // YAML limits an implicit key to 1024 characters: yaml-cpp says what this is
    }
    std::string_view value = line.substr(colon + 1);
    const std::size_t first = value.find_first_not_of(' ');
    if (first == std::string_view::npos) {
      value = {};
    } else {
      value = value.substr(first, value.find_last_not_of(' ') + 1 - first);
    }
    FrontMatterField field;
    field.key = std::string(key);
    field.line = start_line + static_cast<int>(i);
    if (!value.empty()) {
      if (!is_word_char(value[0]) || !std::all_of(value.begin(), value.end(), is_plain_char)
          || value == "null" || value == "Null" || value == "NULL") {
        return std::nullopt;
      }
      field.value.kind = FrontMatterValue::Kind::scalar;
      field.value.scalar = std::string(value);
    }
    fields.push_back(std::move(field));
  }
  if (fields.empty()) {
    return std::nullopt;
  }
  return fields;
}

} // namespace

bool slug_starts(std::string_view stem, std::string_view slug)
{
  return stem.starts_with(slug) &&
         (stem.size() == slug.size() || stem[slug.size()] == '-' || stem[slug.size()] == '_' || stem[slug.size()] == '.');
}

std::optional<FrontMatter> front_matter_of_text(std::string_view text)
{
  if (text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  text = without_bom(text);
  if (!text.starts_with("---")) {
    return FrontMatter{};
  }
  return read_front_matter(split_lines(text));
}

FrontMatter read_front_matter(const std::vector<std::string_view>& lines, FrontMatterReader reader)
{
  FrontMatter front;
  if (lines.empty() || !is_fence(lines[0], "---")) {
    return front;
  }
  front.present = true;
  front.start_line = 1;
  std::size_t close = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (is_fence(lines[i], "---") || is_fence(lines[i], "...")) {
      close = i;
      break;
    }
  }
  if (close == 0) {
    front.end_line = front.start_line;
    front.error = DocumentProblem{1, 1, "front matter opened on line 1 is never closed by a '---' line"};
    return front;
  }
  front.end_line = static_cast<int>(close) + 1;
  if (reader == FrontMatterReader::fastest) {
    if (auto fields = read_plain_mapping(lines, close, front.start_line)) {
      front.mapping = true;
      front.fields = std::move(*fields);
      return front;
    }
  }
  std::string yaml;
  for (std::size_t i = 1; i < close; ++i) {
    yaml += lines[i];
    yaml += '\n';
  }

  // yaml-cpp marks are 0-based and count from the first line after the opening fence.
  const auto place = [&](const YAML::Mark& mark) {
    DocumentProblem problem;
    problem.line = mark.line >= 0 ? front.start_line + 1 + mark.line : front.start_line;
    problem.line = std::min(problem.line, front.end_line);
    problem.column = mark.column >= 0 ? mark.column + 1 : 1;
    return problem;
  };
  try {
    const YAML::Node root = YAML::Load(yaml);
    if (root.IsMap()) {
      front.mapping = true;
      for (const auto& pair : root) {
        if (pair.first.IsScalar()) {
          FrontMatterField field;
          field.key = pair.first.Scalar();
          const YAML::Mark mark = pair.first.Mark();
          // The YAML text starts on the line after the opening fence; yaml-cpp counts from 0.
          field.line = mark.line >= 0 ? front.start_line + 1 + mark.line : front.start_line;
          field.value = value_of(pair.second);
          front.fields.push_back(std::move(field));
        }
      }
    }
  } catch (const YAML::Exception& e) {
    DocumentProblem problem = place(e.mark);
    problem.message = "front matter is not valid YAML: " + (e.msg.empty() ? std::string(e.what()) : e.msg);
    front.error = problem;
    front.mapping = false;
    front.fields.clear();
  } catch (const std::exception& e) {
    front.error = DocumentProblem{front.start_line, 1, std::string("front matter could not be read: ") + e.what()};
    front.mapping = false;
    front.fields.clear();
  }
  return front;
}

std::size_t front_matter_lines(const FrontMatter& front)
{
  return front.present && front.end_line > 1 ? static_cast<std::size_t>(front.end_line) : 0;
}

} // namespace planck
