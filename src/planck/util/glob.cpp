#include "planck/util/glob.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>
#include <vector>

namespace planck {

namespace {

void fail(std::string* error, std::string message)
{
  if (error != nullptr) {
    *error = std::move(message);
  }
}

} // namespace

std::optional<Glob> Glob::compile(std::string_view pattern, std::string* error)
{
  if (pattern.empty()) {
    fail(error, "empty pattern");
    return std::nullopt;
  }
  std::string_view body = pattern;
  // `./docs/*.md` is written as often as `/docs/*.md` and means the same: from the root.
  bool anchored = false;
  while (body.substr(0, 2) == "./") {
    anchored = true;
    body.remove_prefix(2);
  }
  if (!anchored && body.front() == '/') {
    anchored = true;
    body.remove_prefix(1);
  }
  // A trailing `/` is only a folder marker when the `/` before it is not escaped.
  bool folder = false;
  if (!body.empty() && body.back() == '/') {
    std::size_t backslashes = 0;
    while (backslashes + 1 < body.size() && body[body.size() - 2 - backslashes] == '\\') {
      ++backslashes;
    }
    if (backslashes % 2 == 0) {
      folder = true;
      body.remove_suffix(1);
    }
  }
  if (body.empty()) {
    fail(error, "empty pattern");
    return std::nullopt;
  }

  Glob glob;
  glob.m_pattern = std::string(pattern);
  glob.m_basename_only = !anchored && body.find('/') == std::string_view::npos;
  auto push = [&glob](Token::Kind kind, char byte = 0) {
    Token token;
    token.kind = kind;
    token.byte = byte;
    glob.m_tokens.push_back(std::move(token));
  };
  if (glob.m_basename_only) {
    push(Token::Kind::any_folders);
  }

  bool segment_start = true;
  std::size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (c == '\\') {
      if (i + 1 == body.size()) {
        fail(error, "pattern ends with a lone '\\'");
        return std::nullopt;
      }
      push(Token::Kind::literal, body[i + 1]);
      segment_start = false;
      i += 2;
      continue;
    }
    if (c == '*') {
      std::size_t end = i;
      while (end < body.size() && body[end] == '*') {
        ++end;
      }
      const bool whole_segment = end - i >= 2 && segment_start;
      if (whole_segment && end == body.size()) {
        push(Token::Kind::any_path);
        i = end;
        continue;
      }
      if (whole_segment && body[end] == '/') {
        push(Token::Kind::any_folders);
        i = end + 1;
        continue;
      }
      // `**` that is not a whole segment is a plain `*`, as in gitignore.
      push(Token::Kind::star);
      segment_start = false;
      i = end;
      continue;
    }
    if (c == '?') {
      push(Token::Kind::any);
      segment_start = false;
      ++i;
      continue;
    }
    if (c == '[') {
      Token token;
      token.kind = Token::Kind::klass;
      std::size_t j = i + 1;
      if (j < body.size() && (body[j] == '!' || body[j] == '^')) {
        token.negated = true;
        ++j;
      }
      // Reads one class member byte, honouring `\`; false at the end of the pattern.
      auto read_byte = [&](unsigned char& out) {
        if (j < body.size() && body[j] == '\\') {
          ++j;
        }
        if (j >= body.size()) {
          return false;
        }
        out = static_cast<unsigned char>(body[j]);
        ++j;
        return true;
      };
      bool first = true;
      while (true) {
        if (j >= body.size()) {
          fail(error, "unclosed '['");
          return std::nullopt;
        }
        if (body[j] == ']' && !first) {
          ++j;
          break;
        }
        first = false;
        unsigned char low = 0;
        if (!read_byte(low)) {
          fail(error, "unclosed '['");
          return std::nullopt;
        }
        unsigned char high = low;
        if (j + 1 < body.size() && body[j] == '-' && body[j + 1] != ']') {
          ++j;
          if (!read_byte(high)) {
            fail(error, "unclosed '['");
            return std::nullopt;
          }
          if (high < low) {
            fail(error, "bad range '" + std::string(1, static_cast<char>(low)) + "-" +
                            std::string(1, static_cast<char>(high)) + "' in '[...]'");
            return std::nullopt;
          }
        }
        token.ranges.emplace_back(low, high);
      }
      glob.m_tokens.push_back(std::move(token));
      segment_start = false;
      i = j;
      continue;
    }
    push(Token::Kind::literal, c);
    segment_start = c == '/';
    ++i;
  }

  if (folder) {
    push(Token::Kind::literal, '/');
    push(Token::Kind::any_path);
  }
  const auto& tokens = glob.m_tokens;
  const auto literal = [](const Token& token) { return token.kind == Token::Kind::literal; };
  std::size_t head = 0;
  while (head < tokens.size() && literal(tokens[head])) {
    glob.m_prefix += tokens[head++].byte;
  }
  glob.m_all_literal = head == tokens.size();
  if (!glob.m_all_literal) {
    std::size_t tail = tokens.size();
    while (tail > head && literal(tokens[tail - 1])) {
      --tail;
    }
    for (std::size_t at = tail; at < tokens.size(); ++at) {
      glob.m_suffix += tokens[at].byte;
    }
    if (tail == head + 1 && (tokens[head].kind == Token::Kind::star || tokens[head].kind == Token::Kind::any_path)) {
      glob.m_middle = tokens[head].kind == Token::Kind::star ? Middle::star : Middle::any_path;
    }
  }
  return glob;
}

std::optional<std::string> Glob::literal_folder() const
{
  const auto slash = m_prefix.rfind('/');
  if (m_basename_only || slash == std::string::npos || slash == 0) {
    return std::nullopt;
  }
  return m_prefix.substr(0, slash);
}

bool Glob::matches(std::string_view path) const
{
  if (m_all_literal) {
    return path == m_prefix;
  }
  if (path.size() < m_prefix.size() + m_suffix.size() || path.substr(0, m_prefix.size()) != m_prefix
      || path.substr(path.size() - m_suffix.size()) != m_suffix) {
    return false;
  }
  // The usual shapes, `docs/plans/*.md` and `vendor/**`, need no table.
  if (m_middle == Middle::any_path) {
    return true;
  }
  if (m_middle == Middle::star) {
    return path.substr(m_prefix.size(), path.size() - m_prefix.size() - m_suffix.size()).find('/')
           == std::string_view::npos;
  }
  // Walks the tokens once, keeping the set of path offsets each prefix of the pattern can end
  // at: O(tokens x path) whatever the pattern, where backtracking would be exponential.
  const std::size_t n = path.size();
  // Two rows of n + 1 flags; on the stack for the paths of real repositories, which are short.
  constexpr std::size_t k_stack_row = 512;
  std::array<char, 2 * k_stack_row> stack_rows{};
  std::vector<char> heap_rows;
  char* rows = stack_rows.data();
  if (n + 1 > k_stack_row) {
    heap_rows.assign(2 * (n + 1), 0);
    rows = heap_rows.data();
  }
  std::span<char> reach(rows, n + 1);
  std::span<char> next(rows + n + 1, n + 1);
  reach[0] = 1;
  for (const Token& token : m_tokens) {
    std::fill(next.begin(), next.end(), 0);
    bool any_reached = false;
    switch (token.kind) {
    case Token::Kind::literal:
      for (std::size_t q = 0; q < n; ++q) {
        next[q + 1] = static_cast<char>(reach[q] && path[q] == token.byte);
      }
      break;
    case Token::Kind::any:
      for (std::size_t q = 0; q < n; ++q) {
        next[q + 1] = static_cast<char>(reach[q] && path[q] != '/');
      }
      break;
    case Token::Kind::klass:
      for (std::size_t q = 0; q < n; ++q) {
        if (!reach[q] || path[q] == '/') {
          continue;
        }
        const auto byte = static_cast<unsigned char>(path[q]);
        bool inside = false;
        for (const auto& [low, high] : token.ranges) {
          if (byte >= low && byte <= high) {
            inside = true;
            break;
          }
        }
        next[q + 1] = static_cast<char>(inside != token.negated);
      }
      break;
    case Token::Kind::star: {
      bool active = false;
      for (std::size_t q = 0; q <= n; ++q) {
        active = reach[q] || (active && path[q - 1] != '/');
        next[q] = static_cast<char>(active);
      }
      break;
    }
    case Token::Kind::any_path: {
      bool active = false;
      for (std::size_t q = 0; q <= n; ++q) {
        active = active || reach[q];
        next[q] = static_cast<char>(active);
      }
      break;
    }
    case Token::Kind::any_folders: {
      bool seen = false;
      for (std::size_t q = 0; q <= n; ++q) {
        next[q] = static_cast<char>(reach[q] || (seen && path[q - 1] == '/'));
        seen = seen || reach[q];
      }
      break;
    }
    }
    for (char reached : next) {
      any_reached = any_reached || reached;
    }
    if (!any_reached) {
      return false;
    }
    std::swap(reach, next);
  }
  return reach[n] != 0;
}

} // namespace planck
