#pragma once

#include <string>
#include <string_view>

namespace planck {

/// `text` with every invalid UTF-8 sequence (stray bytes, overlongs, surrogates, beyond U+10FFFF)
/// replaced by U+FFFD, so that XML, Markdown and workflow-command consumers accept it.
std::string valid_utf8(std::string_view text);

/// One field of a text-report line, as `one_line` writes it (control characters as `\r`, `\n`, `\t`,
/// `\xNN`), so a path or message can never start a line of its own (a workflow command, say).
std::string escape_text_field(std::string_view text);

/// The message part of a GitHub workflow command, escaped as the runner unescapes it:
/// `%` as `%25`, CR as `%0D`, LF as `%0A`; other control characters dropped, bad UTF-8 replaced.
std::string escape_annotation_data(std::string_view text);

/// A property value of a GitHub workflow command (`file=`, `title=`): the data escapes plus
/// `:` as `%3A` and `,` as `%2C`.
std::string escape_annotation_property(std::string_view text);

/// XML 1.0 character data: `&`, `<`, `>` as entities, characters XML 1.0 forbids (C0 controls
/// other than tab, LF and CR; U+FFFE, U+FFFF) dropped, invalid UTF-8 replaced by U+FFFD.
std::string escape_xml_text(std::string_view text);

/// An XML attribute value in double quotes: as `escape_xml_text`, plus `"` and `'` as entities and
/// tab, LF and CR as character references so that attribute normalisation keeps them.
std::string escape_xml_attribute(std::string_view text);

/// One cell of a GitHub Markdown table that renders as the literal `text`: `|` and Markdown
/// punctuation backslash-escaped, line breaks as `<br>`, other control characters dropped, invalid
/// UTF-8 replaced by U+FFFD.
std::string escape_markdown_cell(std::string_view text);

/// A '/'-separated relative path as a URI reference: every byte other than unreserved characters
/// (RFC 3986) and `/` percent-encoded, so spaces, `%`, `:`, `#` and non-ASCII survive.
std::string percent_encode_path(std::string_view path);

/// The 1-based column in UTF-16 code units of byte column `byte_column` (1-based) of `line`;
/// bytes past the end of `line` count one each, and an invalid UTF-8 byte counts as one U+FFFD.
int utf16_column(std::string_view line, int byte_column);

} // namespace planck
