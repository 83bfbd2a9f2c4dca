#include "planck/report/escape.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("report escaping")
{
  using namespace planck;
  const std::string fffd = "\xEF\xBF\xBD";

  SUBCASE("valid_utf8 keeps good text and replaces each bad sequence by U+FFFD")
  {
    CHECK(valid_utf8("plain, café, 😀") == "plain, café, 😀");
    CHECK(valid_utf8("a\xFF" "b") == "a" + fffd + "b");
    CHECK(valid_utf8("\xC0\xAF") == fffd + fffd);                      // overlong '/'
    CHECK(valid_utf8("\xED\xA0\x80") == fffd + fffd + fffd);           // a UTF-16 surrogate
    CHECK(valid_utf8("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // beyond U+10FFFF
    CHECK(valid_utf8("ok\xE2\x82") == "ok" + fffd);                    // cut short at the end
    CHECK(valid_utf8("\xE2\x82x") == fffd + "x");                      // cut short, text goes on
  }

  SUBCASE("annotation data escapes %, CR and LF only")
  {
    CHECK(escape_annotation_data("100% done\r\nnext") == "100%25 done%0D%0Anext");
    CHECK(escape_annotation_data("a: b, c") == "a: b, c");
    CHECK(escape_annotation_data("%25") == "%2525");
    CHECK(escape_annotation_data("bell\x07, esc\x1B[31m, bad\xFF") == "bell, esc[31m, bad" + fffd);
  }

  SUBCASE("annotation properties also escape : and ,")
  {
    CHECK(escape_annotation_property("plans/a:b,c%d.md") == "plans/a%3Ab%2Cc%25d.md");
    CHECK(escape_annotation_property("x\ny\r") == "x%0Ay%0D");
    CHECK(escape_annotation_property("café plan") == "café plan");
  }

  SUBCASE("XML text escapes markup and drops characters XML 1.0 forbids")
  {
    CHECK(escape_xml_text("<a & b>") == "&lt;a &amp; b&gt;");
    CHECK(escape_xml_text("\"q\" 'a'") == "\"q\" 'a'");
    CHECK(escape_xml_text("a\x01\x08\x0B\x0C\x1F" "b") == "ab");
    CHECK(escape_xml_text("tab\there\nline\r") == "tab\there\nline\r");
    CHECK(escape_xml_text("\xEF\xBF\xBE\xEF\xBF\xBF!") == "!");  // U+FFFE, U+FFFF
    CHECK(escape_xml_text("bad\xFF") == "bad" + fffd);
    CHECK(escape_xml_text("]]>") == "]]&gt;");
  }

  SUBCASE("XML attributes escape quotes and keep line breaks as references")
  {
    CHECK(escape_xml_attribute("say \"hi\" & 'bye'") == "say &quot;hi&quot; &amp; &apos;bye&apos;");
    CHECK(escape_xml_attribute("a\nb\tc\rd") == "a&#10;b&#9;c&#13;d");
    CHECK(escape_xml_attribute(std::string("nul\0x", 5)) == "nulx");
  }

  SUBCASE("a Markdown cell renders its text literally")
  {
    CHECK(escape_markdown_cell("a | b") == "a \\| b");
    CHECK(escape_markdown_cell("one\ntwo\r\nthree\rfour") == "one<br>two<br>three<br>four");
    CHECK(escape_markdown_cell("`code`") == "\\`code\\`");
    CHECK(escape_markdown_cell("<!-- planck-disable -->") == "\\<!-- planck-disable --\\>");
    CHECK(escape_markdown_cell("*a* _b_ [c](d) ~e~ &amp; $x$") == "\\*a\\* \\_b\\_ \\[c\\](d) \\~e\\~ \\&amp; \\$x\\$");
    CHECK(escape_markdown_cell("back\\slash") == "back\\\\slash");
    CHECK(escape_markdown_cell("x\xFF") == "x" + fffd);
    CHECK(escape_markdown_cell("a\x01\x7F" "b") == "ab");
  }

  SUBCASE("paths become URI references with everything but unreserved characters and / encoded")
  {
    CHECK(percent_encode_path("docs/plans/a-b_c.d~e.md") == "docs/plans/a-b_c.d~e.md");
    CHECK(percent_encode_path("docs/café 100%, a#b?.md") == "docs/caf%C3%A9%20100%25%2C%20a%23b%3F.md");
    CHECK(percent_encode_path("c:/x") == "c%3A/x");  // never read as a scheme
  }

  SUBCASE("byte columns become UTF-16 columns")
  {
    CHECK(utf16_column("- [x] ascii", 7) == 7);
    CHECK(utf16_column("- café x", 9) == 8);         // é is two bytes, one unit
    CHECK(utf16_column("- Café 😀 entry", 14) == 11);  // 😀 is four bytes, two units
    CHECK(utf16_column("ab", 6) == 6);               // past the end: one a byte
    CHECK(utf16_column("\xFF\xFFx", 3) == 3);        // invalid bytes: one U+FFFD each
    CHECK(utf16_column("anything", 1) == 1);
    CHECK(utf16_column("", 0) == 1);
  }
}
