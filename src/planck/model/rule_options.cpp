#include "planck/model/rule_options.hpp"

#include "planck/util/error.hpp"

namespace planck {

void RuleOptions::set(const std::string& name, OptionValue value)
{
  m_values.insert_or_assign(name, std::move(value));
}

bool RuleOptions::has(std::string_view name) const
{
  return m_values.find(name) != m_values.end();
}

template<typename T>
const T& RuleOptions::get(std::string_view name) const
{
  const auto found = m_values.find(name);
  if (found == m_values.end()) {
    throw Error("rule option '" + std::string(name) + "' is not in the rule's catalogue entry");
  }
  if (const T* value = std::get_if<T>(&found->second)) {
    return *value;
  }
  throw Error("rule option '" + std::string(name) + "' is read with the wrong type");
}

bool RuleOptions::boolean(std::string_view name) const
{
  return get<bool>(name);
}

long long RuleOptions::integer(std::string_view name) const
{
  return get<long long>(name);
}

const std::string& RuleOptions::string(std::string_view name) const
{
  return get<std::string>(name);
}

const std::vector<std::string>& RuleOptions::strings(std::string_view name) const
{
  return get<std::vector<std::string>>(name);
}

const std::vector<Glob>& RuleOptions::globs(std::string_view name) const
{
  return get<std::vector<Glob>>(name);
}

} // namespace planck
