#include "planck/util/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace planck {

namespace {

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

std::string_view trim(std::string_view text)
{
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string to_lower(std::string_view text)
{
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return result;
}

std::vector<std::string> split(std::string_view text, char separator)
{
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool starts_with(std::string_view text, std::string_view prefix)
{
  return text.substr(0, prefix.size()) == prefix;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit)
{
  if (a.size() < b.size()) {
    std::swap(a, b);
  }
  if (a.size() - b.size() > limit) {
    return limit + 1;
  }
  // Ukkonen's band: only cells within `limit` of the diagonal can hold a distance <= limit.
  const std::size_t far = limit + 1;
  std::vector<std::size_t> row(b.size() + 1, far);
  for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t from = i > limit ? i - limit : 1;
    const std::size_t to = std::min(b.size(), i + limit);
    std::size_t diagonal = from == 1 ? row[0] : row[from - 1];
    if (from == 1) {
      row[0] = i <= limit ? i : far;
    } else {
      row[from - 1] = far;
    }
    std::size_t best = far;
    for (std::size_t j = from; j <= to; ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({far, above + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (to < b.size()) {
      row[to + 1] = far;
    }
    if (best > limit && (from > 1 || row[0] > limit)) {
      return limit + 1;
    }
  }
  return std::min(row[b.size()], far);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates)
{
  // Like ninja's SpellcheckString: suggest only when the typo is small for the word's length.
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const auto distance = edit_distance(to_lower(word), to_lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string_view without_bom(std::string_view text)
{
  return starts_with(text, k_utf8_bom) ? text.substr(k_utf8_bom.size()) : text;
}

std::string_view collapse_whitespace_view(std::string_view text, std::string& scratch)
{
  const std::string_view trimmed = trim(text);
  // Most text (a log entry on one line) has nothing to collapse.
  bool plain = true;
  for (std::size_t i = 0; i < trimmed.size() && plain; ++i) {
    const char c = trimmed[i];
    plain = !is_space(c) || (c == ' ' && i + 1 < trimmed.size() && !is_space(trimmed[i + 1]));
  }
  if (plain) {
    return trimmed;
  }
  scratch.clear();
  scratch.reserve(trimmed.size());
  bool pending_space = false;
  for (char c : trimmed) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) {
      scratch.push_back(' ');
      pending_space = false;
    }
    scratch.push_back(c);
  }
  return scratch;
}

std::string collapse_whitespace(std::string_view text)
{
  std::string scratch;
  return std::string(collapse_whitespace_view(text, scratch));
}

std::string one_line(std::string_view text)
{
  std::string result;
  result.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      result += "\\n";
    } else if (c == '\r') {
      result += "\\r";
    } else if (c == '\t') {
      result += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(byte));
      result += buffer;
    } else {
      result.push_back(c);
    }
  }
  return result;
}

std::string stable_hash(std::string_view text)
{
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string unescape_markdown(std::string_view text)
{
  constexpr std::string_view k_punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && k_punctuation.find(text[i + 1]) != std::string_view::npos) {
      ++i;
    }
    result += text[i];
  }
  return result;
}

} // namespace planck
