#include "planck/config/yaml_flow.hpp"

#include <yaml-cpp/yaml.h>

#include <type_traits>

namespace planck {

namespace {

std::string emit(const YAML::Node& node)
{
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

YAML::Node sequence(const std::vector<std::string>& items)
{
  YAML::Node list(YAML::NodeType::Sequence);
  for (const auto& item : items) {
    list.push_back(item);
  }
  return list;
}

} // namespace

std::string yaml_flow(const std::string& text)
{
  return emit(YAML::Node(text));
}

std::string yaml_flow(const std::vector<std::string>& items)
{
  return emit(sequence(items));
}

std::string yaml_flow(const std::vector<Glob>& globs)
{
  std::vector<std::string> patterns;
  for (const auto& glob : globs) {
    patterns.push_back(glob.pattern());
  }
  return yaml_flow(patterns);
}

std::string yaml_flow(const OptionValue& value)
{
  return std::visit(
    [](const auto& held) -> std::string {
      using T = std::decay_t<decltype(held)>;
      if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, long long>) {
        return emit(YAML::Node(held));
      } else {
        return yaml_flow(held);
      }
    },
    value);
}

} // namespace planck
