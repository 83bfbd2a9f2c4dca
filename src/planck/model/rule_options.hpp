#pragma once

#include "planck/util/glob.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace planck {

/// One option's value, of the type its `OptionSpec` declares: a boolean, an integer, a string, a
/// list of strings, or a list of globs (compiled once, when the config is loaded).
using OptionValue = std::variant<bool, long long, std::string, std::vector<std::string>, std::vector<Glob>>;

/// A rule's options by name, as the config loader fills them: every option the rule declares, with
/// its default where the config sets none, each of its declared type.
class RuleOptions
{
public:
  /// Sets option `name` to `value`, replacing any earlier value.
  void set(const std::string& name, OptionValue value);

  /// True when option `name` has a value.
  bool has(std::string_view name) const;

  /// The value of option `name`. The loader checked every value against its declaration, so these
  /// throw `planck::Error` only for a programming error: an option the rule does not declare, or
  /// one read as another type than declared.
  bool boolean(std::string_view name) const;
  long long integer(std::string_view name) const;
  const std::string& string(std::string_view name) const;
  const std::vector<std::string>& strings(std::string_view name) const;
  const std::vector<Glob>& globs(std::string_view name) const;

  /// Every option, by name in alphabetical order.
  const std::map<std::string, OptionValue, std::less<>>& values() const { return m_values; }

private:
  template<typename T>
  const T& get(std::string_view name) const;

  std::map<std::string, OptionValue, std::less<>> m_values;
};

} // namespace planck
