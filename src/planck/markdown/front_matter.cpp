#include "planck/markdown/front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
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

} // namespace

FrontMatter read_front_matter(const std::vector<std::string_view>& lines)
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

} // namespace planck
