#include "planck/report/escape.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace planck {

namespace {

struct Decoded
{
  char32_t code = 0;
  std::size_t length = 1;
  bool valid = true;
};

// One code point at `pos`; an invalid sequence is consumed as its maximal subpart (Unicode's
// "best practice" for U+FFFD substitution), so one bad byte never swallows good text after it.
Decoded decode_at(std::string_view text, std::size_t pos)
{
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    return {lead, 1, true};
  }
  std::size_t length = 0;
  char32_t code = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
    low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlongs
    high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
    low = lead == 0xF0 ? 0x90 : 0x80;   // no overlongs
    high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
  } else {
    return {0xFFFD, 1, false};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (pos + k >= text.size()) {
      return {0xFFFD, k, false};
    }
    const unsigned char next = byte(pos + k);
    if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
      return {0xFFFD, k, false};
    }
    code = (code << 6) | (next & 0x3Fu);
  }
  return {code, length, true};
}

// C0 controls and DEL other than tab, LF and CR: invisible at best, terminal escapes at worst.
bool is_stray_control(char c)
{
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
}

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// Calls `emit(code, bytes)` for each code point of `text`, with U+FFFD for invalid sequences.
template <typename Emit>
void for_each_code_point(std::string_view text, Emit emit)
{
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Decoded decoded = decode_at(text, pos);
    emit(decoded.code, decoded.valid ? text.substr(pos, decoded.length) : k_replacement);
    pos += decoded.length;
  }
}

std::string escape_xml(std::string_view text, bool attribute)
{
  std::string result;
  result.reserve(text.size());
  for_each_code_point(text, [&](char32_t code, std::string_view bytes) {
    switch (code) {
    case '&':
      result += "&amp;";
      return;
    case '<':
      result += "&lt;";
      return;
    case '>':
      result += "&gt;";
      return;
    case '"':
      result += attribute ? "&quot;" : "\"";
      return;
    case '\'':
      result += attribute ? "&apos;" : "'";
      return;
    case '\t':
      result += attribute ? "&#9;" : "\t";
      return;
    case '\n':
      result += attribute ? "&#10;" : "\n";
      return;
    case '\r':
      result += attribute ? "&#13;" : "\r";
      return;
    default:
      break;
    }
    if (code < 0x20 || code == 0xFFFE || code == 0xFFFF) {
      return;  // not a character XML 1.0 allows, not even as a reference
    }
    result += bytes;
  });
  return result;
}

std::string escape_annotation(std::string_view text, bool property)
{
  std::string result;
  result.reserve(text.size());
  for (const char c : valid_utf8(text)) {
    if (is_stray_control(c)) {
      continue;
    }
    switch (c) {
    case '%':
      result += "%25";
      break;
    case '\r':
      result += "%0D";
      break;
    case '\n':
      result += "%0A";
      break;
    case ':':
      result += property ? "%3A" : ":";
      break;
    case ',':
      result += property ? "%2C" : ",";
      break;
    default:
      result += c;
      break;
    }
  }
  return result;
}

} // namespace

std::string valid_utf8(std::string_view text)
{
  std::string result;
  result.reserve(text.size());
  for_each_code_point(text, [&](char32_t, std::string_view bytes) { result += bytes; });
  return result;
}

std::string escape_annotation_data(std::string_view text)
{
  return escape_annotation(text, false);
}

std::string escape_annotation_property(std::string_view text)
{
  return escape_annotation(text, true);
}

std::string escape_xml_text(std::string_view text)
{
  return escape_xml(text, false);
}

std::string escape_xml_attribute(std::string_view text)
{
  return escape_xml(text, true);
}

std::string escape_markdown_cell(std::string_view text)
{
  // Backslash-escaping ASCII punctuation is always literal in CommonMark; these are the characters
  // that could start emphasis, code, links, HTML (a quoted `<!-- planck-disable -->` would vanish),
  // entities, strikethrough, math or a cell boundary.
  constexpr std::string_view k_special = "\\`*_[]<>|~&$";
  std::string result;
  result.reserve(text.size());
  const std::string clean = valid_utf8(text);
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < clean.size() && clean[i + 1] == '\n') {
        ++i;
      }
      result += "<br>";
    } else if (is_stray_control(c)) {
      continue;
    } else if (k_special.find(c) != std::string_view::npos) {
      result += '\\';
      result += c;
    } else {
      result += c;
    }
  }
  return result;
}

std::string percent_encode_path(std::string_view path)
{
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::string result;
  result.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9')
                            || byte == '-' || byte == '.' || byte == '_' || byte == '~' || byte == '/';
    if (unreserved) {
      result += c;
    } else {
      result += '%';
      result += k_hex[byte >> 4];
      result += k_hex[byte & 0x0F];
    }
  }
  return result;
}

int utf16_column(std::string_view line, int byte_column)
{
  const auto bytes = static_cast<std::size_t>(std::max(byte_column, 1) - 1);
  const std::string_view prefix = line.substr(0, std::min(bytes, line.size()));
  std::size_t units = bytes - prefix.size();
  for_each_code_point(prefix, [&](char32_t code, std::string_view) { units += code >= 0x10000 ? 2 : 1; });
  return static_cast<int>(units) + 1;
}

std::string escape_text_field(std::string_view text)
{
  return one_line(text);
}

} // namespace planck
