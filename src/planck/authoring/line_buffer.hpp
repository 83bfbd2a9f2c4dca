#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// A text file as lines that keep their own terminators, so that an edit changes only the lines it
/// touches and every other byte (CRLF, a BOM, a missing final newline) stays as it was. Lines are
/// numbered from 1 exactly as `Document::lines` numbers them (split on `\n`, `\r\n` or `\r`).
class LineBuffer
{
public:
  /// Splits `text`; a leading UTF-8 byte order mark is kept aside and written back by `str()`.
  explicit LineBuffer(std::string_view text);

  /// The number of lines.
  int size() const { return static_cast<int>(m_lines.size()); }

  /// The text of line `number` (1-based) without its terminator.
  const std::string& line(int number) const;

  /// The terminator new lines get: the file's most frequent one, `\n` for a file without any.
  const std::string& eol() const { return m_eol; }

  /// Replaces the text of line `number`, keeping its terminator.
  void replace(int number, std::string text);

  /// Inserts `lines` before line `before` (`size() + 1` appends); each gets the file's terminator.
  void insert(int before, const std::vector<std::string>& lines);

  /// Removes lines `first` to `last`, inclusive, with their terminators.
  void erase(int first, int last);

  /// The file's bytes.
  std::string str() const;

private:
  struct Line
  {
    std::string text;
    std::string terminator;  // empty only for a last line without a newline
  };

  std::string m_bom;
  std::string m_eol = "\n";
  std::vector<Line> m_lines;
};

} // namespace planck
