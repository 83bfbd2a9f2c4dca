#include "planck/authoring/line_buffer.hpp"

#include <doctest/doctest.h>

using namespace planck;

TEST_CASE("LineBuffer")
{
  SUBCASE("an untouched buffer gives back every byte, whatever the line endings")
  {
    for (const std::string text :
         {"a\nb\n", "a\r\nb\r\n", "a\rb", "\xEF\xBB\xBF# T\r\n\r\nx", "", "\n\n", "mixed\r\nend\n"}) {
      CHECK(LineBuffer(text).str() == text);
    }
  }

  SUBCASE("lines are numbered like the Markdown parser's, without terminators and without the BOM")
  {
    const LineBuffer lines("\xEF\xBB\xBF# Title\r\n\r\nbody");
    REQUIRE(lines.size() == 3);
    CHECK(lines.line(1) == "# Title");
    CHECK(lines.line(2).empty());
    CHECK(lines.line(3) == "body");
  }

  SUBCASE("inserted lines take the file's line ending")
  {
    LineBuffer crlf("a\r\nc\r\n");
    crlf.insert(2, {"b"});
    CHECK(crlf.str() == "a\r\nb\r\nc\r\n");
    LineBuffer lf("a\nc\n");
    lf.insert(2, {"b1", "b2"});
    CHECK(lf.str() == "a\nb1\nb2\nc\n");
  }

  SUBCASE("the most frequent line ending wins in a mixed file")
  {
    CHECK(LineBuffer("a\r\nb\r\nc\n").eol() == "\r\n");
    CHECK(LineBuffer("a\nb\nc\r\n").eol() == "\n");
    CHECK(LineBuffer("no newline").eol() == "\n");
  }

  SUBCASE("appending to a file without a final newline keeps it without one")
  {
    LineBuffer lines("a\r\nb");
    lines.insert(3, {"c"});
    CHECK(lines.str() == "a\r\nb\r\nc");
  }

  SUBCASE("replace keeps the line's own terminator, erase removes whole lines")
  {
    LineBuffer lines("a\nb\r\nc");
    lines.replace(2, "B");
    CHECK(lines.str() == "a\nB\r\nc");
    lines.erase(3, 3);
    CHECK(lines.str() == "a\nB\r\n");
    LineBuffer middle("a\nb\nc");
    middle.erase(2, 2);
    CHECK(middle.str() == "a\nc");
  }

  SUBCASE("out-of-range edits are errors, not corruption")
  {
    LineBuffer lines("a\n");
    CHECK_THROWS(lines.line(2));
    CHECK_THROWS(lines.insert(3, {"x"}));
    CHECK_THROWS(lines.erase(1, 2));
    CHECK(lines.str() == "a\n");
  }
}
