#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planck {

/// A path glob as gitignore and markdownlint-cli2 write them: `*` and `?` stay within a path
/// segment, `**` spans segments, `[abc]`/`[!a-z]` are classes, `\` escapes. A pattern without a
/// `/` matches the file name in any folder, like `.gitignore`; a leading `/` (or `./`) anchors it
/// at the root; a trailing `/` matches everything under that folder. Matching takes time linear in
/// the path length times the pattern length, whatever the pattern.
class Glob
{
public:
  /// Compiles `pattern`; nothing (and `error` set) when it is malformed (an unclosed `[`, say).
  static std::optional<Glob> compile(std::string_view pattern, std::string* error = nullptr);

  /// True when repository-relative `path` matches.
  bool matches(std::string_view path) const;

  /// The folder every match lies below (`docs/plans` for `docs/plans/*.md`), or nothing when a
  /// match may lie anywhere (`*.md`, `**/plans/*.md`).
  std::optional<std::string> literal_folder() const;

  /// The pattern as written.
  const std::string& pattern() const { return m_pattern; }

private:
  // One compiled element of the pattern.
  struct Token
  {
    enum class Kind {
      literal,     // one given byte
      any,         // `?`: one byte other than `/`
      klass,       // `[...]`: one byte other than `/` in (or, negated, not in) `ranges`
      star,        // `*`: any bytes other than `/`
      any_path,    // `**` as the last segment: anything, `/` included
      any_folders, // `**/`: nothing, or anything ending in `/`
    };
    Kind kind = Kind::literal;
    char byte = 0;
    bool negated = false;
    std::vector<std::pair<unsigned char, unsigned char>> ranges;
  };

  std::string m_pattern;
  bool m_basename_only = false; // no `/` in the pattern: matched at any depth
  std::vector<Token> m_tokens;
  // The literal bytes every match starts and ends with (`docs/plans/` and `.md` in
  // `docs/plans/*.md`): most paths of a repository fail on them before the full match runs.
  std::string m_prefix;
  std::string m_suffix;
  bool m_all_literal = false;
  // Between prefix and suffix only one `*` or a final `**`: matched without the table.
  enum class Middle { tokens, star, any_path };
  Middle m_middle = Middle::tokens;
};

} // namespace planck
