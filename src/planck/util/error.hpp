#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace planck {

/// The one exception type that reaches `main`: it becomes a single line on stderr and exit status 2.
class Error : public std::runtime_error
{
public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A value or the message that says why there is none; used inside git/, markdown/ and config/.
template<typename T>
class Expected
{
public:
  Expected(T value) : m_state(std::move(value)) {}

  /// Builds the failed state from `message`.
  static Expected failure(std::string message)
  {
    Expected result(Tag{});
    result.m_state = Failure{std::move(message)};
    return result;
  }

  /// True when a value is held.
  explicit operator bool() const { return std::holds_alternative<T>(m_state); }
  bool has_value() const { return std::holds_alternative<T>(m_state); }

  /// The value; only valid when `has_value()`.
  T& value() { return std::get<T>(m_state); }
  const T& value() const { return std::get<T>(m_state); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The failure message; only valid when `!has_value()`.
  const std::string& error() const { return std::get<Failure>(m_state).message; }

  /// The value, or throws `planck::Error` with the failure message.
  T& or_throw() &
  {
    if (!has_value()) {
      throw Error(error());
    }
    return value();
  }

  /// The value moved out of a temporary, or throws `planck::Error` with the failure message.
  T or_throw() &&
  {
    if (!has_value()) {
      throw Error(error());
    }
    return std::move(value());
  }

private:
  struct Tag {};
  struct Failure { std::string message; };
  explicit Expected(Tag) : m_state(Failure{}) {}
  std::variant<T, Failure> m_state;
};

} // namespace planck
