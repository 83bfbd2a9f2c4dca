#include "planck/model/document.hpp"
#include "planck/util/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>

namespace planck {

namespace {

bool is_ascii_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Decodes the UTF-8 sequence at `pos`; returns its length, or 0 for a bad byte.
std::size_t decode_utf8(const std::string& s, std::size_t pos, char32_t& code)
{
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > s.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      return 0;
    }
    code = (code << 6) | (byte(pos + i) & 0x3F);
  }
  return length;
}

void append_utf8(std::string& out, char32_t code)
{
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// GitHub drops every character that is not a letter, mark, number, connector, space or '-'.
// Without a Unicode database, drop the punctuation and symbol blocks that real headings use
// (dashes, quotes, arrows, box drawing, emoji) and keep the rest as letters.
bool is_non_ascii_punctuation(char32_t c)
{
  if (c >= 0x80 && c <= 0xBF) {
    return !(c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA || (c >= 0xBC && c <= 0xBE));
  }
  return c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) ||
         (c >= 0x2190 && c <= 0x245F) || (c >= 0x2500 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
         (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x303F) || (c >= 0xE000 && c <= 0xF8FF) ||
         (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFE50 && c <= 0xFE6F) ||
         (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF3E) || c == 0xFF40 ||
         (c >= 0xFF5B && c <= 0xFF65) || c == 0xFEFF || (c >= 0x1F000 && c <= 0x1FAFF);
}

// Lower-case for the scripts headings commonly use (Latin-1, Latin Extended-A, Greek, Cyrillic).
char32_t to_lower_code(char32_t c)
{
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) {
    return c + 0x20;
  }
  if (c >= 0x400 && c <= 0x40F) {
    return c + 0x50;
  }
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) {
    return c | 1;
  }
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {
    return (c % 2 == 1) ? c + 1 : c;
  }
  if (c == 0x178) {
    return 0xFF;
  }
  return c;
}

} // namespace

const FrontMatterValue* FrontMatter::value(std::string_view key) const
{
  for (const auto& field : fields) {
    if (field.key == key) {
      return &field.value;
    }
  }
  return nullptr;
}

const std::string* FrontMatter::scalar(std::string_view key) const
{
  const FrontMatterValue* found = value(key);
  return found != nullptr && found->kind == FrontMatterValue::Kind::scalar ? &found->scalar : nullptr;
}

int FrontMatter::line_of(std::string_view key) const
{
  for (const auto& field : fields) {
    if (field.key == key) {
      return field.line;
    }
  }
  return start_line;
}

std::vector<const Section*> Document::sections_named(const std::string& name) const
{
  const std::string wanted = normalize_section_name(name);
  std::vector<const Section*> found;
  for (const auto& section : sections) {
    if (normalize_section_name(section.heading) == wanted) {
      found.push_back(&section);
    }
  }
  return found;
}

std::string section_body(const Document& document, const Section& section)
{
  std::string body;
  const auto count = static_cast<int>(document.lines.size());
  for (int number = section.body_line; number <= section.end_line; ++number) {
    if (number > section.body_line) {
      body += '\n';
    }
    if (number >= 1 && number <= count) {
      body += document.lines[static_cast<std::size_t>(number - 1)];
    }
  }
  return body;
}

std::string normalize_section_name(const std::string& heading)
{
  std::string spaced;
  spaced.reserve(heading.size() + 8);
  for (const char c : heading) {
    if (c == '&') {
      spaced += " and ";
    } else if (c >= 'A' && c <= 'Z') {
      spaced += static_cast<char>(c - 'A' + 'a');
    } else {
      spaced += c;
    }
  }
  std::string out;
  out.reserve(spaced.size());
  bool pending_space = false;
  for (const char c : spaced) {
    if (is_ascii_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ':') {
    out.pop_back();
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
  }
  return out;
}

namespace {

bool is_ascii_alnum(char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// `normalized` without a leading section number (`4.`, `4)`, `2.1`, `iv.`) or symbols (an emoji,
// `#`, `-`), or empty when there is none to drop.
std::string without_number(const std::string& normalized)
{
  std::size_t pos = 0;
  while (pos < normalized.size() && !is_ascii_alnum(normalized[pos])) {
    ++pos;
  }
  std::size_t digits = pos;
  while (digits < normalized.size() && ((normalized[digits] >= '0' && normalized[digits] <= '9') ||
                                        (digits > pos && normalized[digits] == '.'))) {
    ++digits;
  }
  if (digits > pos) {
    std::size_t after = digits;
    if (after < normalized.size() && (normalized[after] == ')' || normalized[after] == ':')) {
      ++after;
    }
    if (after < normalized.size() && normalized[after] == ' ') {
      pos = after + 1;
    } else {
      return pos > 0 ? normalized.substr(pos) : std::string();
    }
  }
  return pos > 0 ? normalized.substr(pos) : std::string();
}

// `normalized` without a trailing qualifier, or empty when it has none: what follows the first
// ` (`, ` — `, ` – `, ` - ` or `: ` once there is a name before it.
std::string without_qualifier(const std::string& normalized)
{
  static const std::string_view k_separators[] = {" (", " \xE2\x80\x94", " \xE2\x80\x93", " - ", ": ", " |"};
  std::size_t cut = std::string::npos;
  for (const auto separator : k_separators) {
    const auto at = normalized.find(separator);
    if (at != std::string::npos && at > 0 && at < cut) {
      cut = at;
    }
  }
  if (cut == std::string::npos) {
    return {};
  }
  std::string name = normalized.substr(0, cut);
  while (!name.empty() && (name.back() == ' ' || name.back() == ':')) {
    name.pop_back();
  }
  return name;
}

} // namespace

bool likely_slip(const std::string& heading, const std::string& name)
{
  const std::string written = normalize_section_name(heading);
  const std::string wanted = normalize_section_name(name);
  if (written.size() > wanted.size() && starts_with(written, wanted) && written[wanted.size()] == ' ') {
    return true;
  }
  const std::size_t limit = std::max<std::size_t>(1, wanted.size() / 5);
  return bounded_edit_distance(written, wanted, limit) <= limit;
}

std::vector<std::string> section_name_forms(const std::string& heading)
{
  std::vector<std::string> forms;
  forms.push_back(normalize_section_name(heading));
  const std::string unnumbered = without_number(forms.front());
  if (!unnumbered.empty()) {
    forms.push_back(unnumbered);
  }
  const std::string plain = without_qualifier(unnumbered.empty() ? forms.front() : unnumbered);
  if (!plain.empty()) {
    forms.push_back(plain);
  }
  if (!unnumbered.empty()) {
    if (std::string both = without_qualifier(forms.front()); !both.empty() && both != plain) {
      forms.push_back(std::move(both));
    }
  }
  return forms;
}

std::string github_anchor(const std::string& heading_text)
{
  std::string anchor;
  anchor.reserve(heading_text.size());
  std::size_t pos = 0;
  while (pos < heading_text.size()) {
    const char c = heading_text[pos];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        anchor += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        anchor += c;
      } else if (c == ' ') {
        anchor += '-';
      }
      ++pos;
      continue;
    }
    char32_t code = 0;
    const std::size_t length = decode_utf8(heading_text, pos, code);
    if (length == 0) {
      ++pos;
      continue;
    }
    if (!is_non_ascii_punctuation(code)) {
      append_utf8(anchor, to_lower_code(code));
    }
    pos += length;
  }
  return anchor;
}

} // namespace planck
