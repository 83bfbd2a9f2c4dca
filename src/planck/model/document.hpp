#pragma once

#include <cstdint>
#include <forward_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// A problem found while reading a document (not a rule finding): a NUL byte, bad UTF-8, broken front matter.
struct DocumentProblem
{
  int line = 1;
  int column = 1;
  std::string message;
};

/// A front-matter value as YAML reads it.
struct FrontMatterValue
{
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string scalar;               // kind scalar: the value, quotes and escapes resolved
  std::vector<std::string> items;   // kind sequence: its scalar items (nested lists and maps left out)
};

/// A top-level key of the front matter with its value.
struct FrontMatterField
{
  std::string key;
  int line = 0;              // line of the key in the document
  FrontMatterValue value;
};

/// The YAML front matter between leading `---` lines. The YAML tree is read once into `fields` and
/// not kept: a large check holds thousands of documents, and a YAML tree is ten times their size.
struct FrontMatter
{
  bool present = false;
  int start_line = 0;        // line of the opening `---`
  int end_line = 0;          // line of the closing `---` (or `...`)
  bool mapping = false;      // the YAML is a mapping of keys to values (false when `error` is set)
  std::vector<FrontMatterField> fields;   // the mapping's keys with plain (scalar) names, in order
  std::optional<DocumentProblem> error;  // YAML syntax error, with document line/column

  /// The value of top-level key `key` (the first, as YAML readers take it), or null when absent.
  const FrontMatterValue* value(std::string_view key) const;

  /// The value of `key` when it is a scalar, else null.
  const std::string* scalar(std::string_view key) const;

  /// The line (1-based, in the document) of top-level key `key`, or `start_line` when absent.
  int line_of(std::string_view key) const;
};

/// State of a list item's task box.
enum class Checkbox { none, open, done };

/// A list item: a log entry in a log section, a to-do anywhere.
struct ListItem
{
  int line = 0;              // line of the list marker
  int column = 0;            // column of the first content byte after marker and checkbox
  int end_line = 0;          // last line of the item, nested content included
  Checkbox checkbox = Checkbox::none;
  // Source text of the item without marker and checkbox: lines joined by '\n', the
  // item's content indentation removed, trailing blank lines dropped. Nested lists included.
  // A view into the document's DocumentText: valid while the document (or a copy) lives.
  std::string_view text;
  int depth = 0;             // 0 for items of a top-level list of the section
};

/// A level-2 heading and everything up to the next heading of level 1 or 2.
struct Section
{
  std::string heading;       // inline text of the heading as written (markup removed)
  int line = 0;              // line of the heading
  int end_line = 0;          // last line that belongs to the section
  std::vector<ListItem> entries;   // items of lists that are direct content of the section (depth 0)
  int code_count = 0;        // code spans plus code blocks inside the section
  int body_line = 0;         // first line after the heading (a setext heading takes two); see section_body
};

/// Any heading, with its GitHub anchor.
struct Heading
{
  int level = 0;
  int line = 0;
  std::string text;
  std::string anchor;        // GitHub's slug, with -1, -2 … for repeats
};

/// A link or image in the text (not inside code).
struct Link
{
  std::string destination;   // as resolved by the Markdown parser (reference links resolved)
  std::string text;          // link text, markup removed
  int line = 0;
  int column = 0;
  bool reference = false;    // written as a reference-style link `[text][label]` or `[label]`
  bool image = false;
};

/// An inline `<!-- planck-... -->` comment.
struct Suppression
{
  enum class Kind { disable, enable, disable_next_line };
  Kind kind = Kind::disable;
  int line = 0;
  int column = 0;
  std::vector<std::string> rules;   // rule ids as written; empty means every rule
};

struct Registry;

/// The text a document's views point into: its source and the joined text of items that span
/// several lines. Shared by copies of the document and never changed once parsed, so that a
/// document keeps one copy of its text instead of one per line and per entry.
struct DocumentText
{
  std::string source;
  std::forward_list<std::string> joined;   // adding one never moves the others
};

/// A parsed Markdown document: what the rules see, independent of git and cmark.
struct Document
{
  std::string path;          // repository-relative
  std::string title;         // the first level-1 heading's text
  int title_line = 0;
  FrontMatter front_matter;
  std::vector<Section> sections;   // level-2 sections in document order
  std::vector<Heading> headings;   // every heading (all levels) in document order
  std::vector<Link> links;
  std::vector<ListItem> todos;     // every checkbox item anywhere (outside code), any depth
  std::vector<Suppression> suppressions;
  std::vector<DocumentProblem> problems;
  std::vector<std::string_view> lines;  // the source split on \n, \r\n or \r, without terminators
  std::shared_ptr<const DocumentText> text;  // owns what `lines` and list items' `text` view
  bool binary = false;       // holds NUL bytes: not parsed as Markdown
  bool skipped = false;      // past a limit or not the real text (an LFS pointer): only `problems` count
  // The document read as a plan registry, kept by registry_of() for the rules that ask again.
  mutable std::shared_ptr<const Registry> registry_cache;
  mutable std::string registry_layout_key;   // the list headings registry_cache was read with

  /// Sections whose heading normalizes to `normalize_section_name(name)` (exact, no aliases).
  std::vector<const Section*> sections_named(const std::string& name) const;
};

/// Lower-cases ASCII, trims and collapses whitespace, reads `&` as `and` and drops a trailing `:`.
std::string normalize_section_name(const std::string& heading);

/// The normalized names a heading may stand for, most literal first: the heading itself; without
/// a number or symbol before the name (`4. Progress`, `2.1) Progress`, an emoji); without a
/// trailing qualifier (`Decision Log (what changed, why)`, `Progress — live`, `Progress: live`);
/// and without both. Emphasis is already gone from a heading's text. For matching headings to
/// canonical sections: every rule that looks for a section uses these forms.
std::vector<std::string> section_name_forms(const std::string& heading);

/// True when `heading` (not a canonical section) is likely a slip for the canonical `name`: a typo
/// small for the name's length (at most one edit in five), or the name with words added after it
/// (`Validation and acceptance checklist`). A different word (`Execution Log` for `Decision Log`)
/// is not a slip: plans may add sections of their own.
bool likely_slip(const std::string& heading, const std::string& name);

/// The source lines of `section` (of `document`) after its heading, up to its `end_line`, joined
/// by '\n'. Built on demand: documents keep their lines once, not again per section.
std::string section_body(const Document& document, const Section& section);

/// GitHub's anchor for a heading text: lower-case, punctuation dropped, spaces to `-`.
std::string github_anchor(const std::string& heading_text);

} // namespace planck
