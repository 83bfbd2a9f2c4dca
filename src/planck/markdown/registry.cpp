#include "planck/markdown/registry.hpp"

#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <utility>

namespace planck {

namespace {

const std::string k_form = "`[YYYY-MM-DD] Title – Link – Owner(s) – Status`";

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool is_date_shape(std::string_view text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) {
      return false;
    }
  }
  return true;
}

// A line that opens a nested list item: the end of the entry's own paragraph.
bool opens_list_item(std::string_view line)
{
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && is_space(line[1])) {
    return true;
  }
  std::size_t digits = 0;
  while (digits < line.size() && is_digit(line[digits])) {
    ++digits;
  }
  return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
         is_space(line[digits + 1]);
}

// The entry's first paragraph as source text, each byte with its line and column, so that fields
// can be matched with the links the Markdown parser found (and located) in them.
struct Paragraph
{
  std::string text;
  std::vector<std::pair<int, int>> places;
};

Paragraph first_paragraph(const Document& document, const ListItem& item)
{
  Paragraph paragraph;
  const auto pieces = split(item.text, '\n');
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const std::string& piece = pieces[k];
    if (k > 0 && (trim(piece).empty() || opens_list_item(trim(piece)))) {
      break;
    }
    const int line = item.line + static_cast<int>(k);
    int column = item.column;
    if (k > 0) {
      // Continuation lines lose their indentation (and quote markers) in `ListItem::text`: the
      // piece is what remains at the end of the source line.
      column = 1;
      if (line >= 1 && line <= static_cast<int>(document.lines.size())) {
        const std::string_view source = document.lines[static_cast<std::size_t>(line - 1)];
        if (source.size() >= piece.size() && source.compare(source.size() - piece.size(), piece.size(), piece) == 0) {
          column = static_cast<int>(source.size() - piece.size()) + 1;
        }
      }
      paragraph.text.push_back('\n');
      paragraph.places.emplace_back(line, column);
    }
    for (std::size_t i = 0; i < piece.size(); ++i) {
      paragraph.text.push_back(piece[i]);
      paragraph.places.emplace_back(line, column + static_cast<int>(i));
    }
  }
  return paragraph;
}

// The end of the backtick run at `at`, and the end of the code span it opens (npos when the run
// has no closing run of the same length and is literal text).
std::pair<std::size_t, std::size_t> code_span_at(std::string_view text, std::size_t at)
{
  std::size_t run_end = at;
  while (run_end < text.size() && text[run_end] == '`') {
    ++run_end;
  }
  const std::size_t length = run_end - at;
  std::size_t search = run_end;
  while (search < text.size()) {
    const std::size_t open = text.find('`', search);
    if (open == std::string_view::npos) {
      break;
    }
    std::size_t close = open;
    while (close < text.size() && text[close] == '`') {
      ++close;
    }
    if (close - open == length) {
      return {run_end, close};
    }
    search = close;
  }
  return {run_end, std::string_view::npos};
}

struct Field
{
  std::size_t begin = 0; // trimmed range in the paragraph text
  std::size_t end = 0;
};

// Splits on the entry form's separators (whitespace, an en dash, an em dash or `-`, whitespace),
// never inside a code span, link text or link destination.
std::vector<Field> split_fields(std::string_view text, std::size_t from)
{
  std::vector<Field> fields;
  auto push = [&](std::size_t begin, std::size_t end) {
    while (begin < end && is_space(text[begin])) {
      ++begin;
    }
    while (end > begin && is_space(text[end - 1])) {
      --end;
    }
    fields.push_back({begin, end});
  };
  std::size_t start = from;
  int brackets = 0;
  int parens = 0;
  std::size_t i = from;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      i += 2;
      continue;
    }
    if (c == '`') {
      const auto [run_end, span_end] = code_span_at(text, i);
      i = span_end != std::string_view::npos ? span_end : run_end;
      continue;
    }
    if (c == '[') {
      ++brackets;
    } else if (c == ']' && brackets > 0) {
      --brackets;
      if (brackets == 0 && i + 1 < text.size() && text[i + 1] == '(') {
        parens = 1;
        i += 2;
        continue;
      }
    } else if (c == '(' && parens > 0) {
      ++parens;
    } else if (c == ')' && parens > 0) {
      --parens;
    } else if (is_space(c) && brackets == 0 && parens == 0) {
      const std::string_view rest = text.substr(i + 1);
      std::size_t dash = 0;
      if (starts_with(rest, "\xE2\x80\x93") || starts_with(rest, "\xE2\x80\x94")) {
        dash = 3;
      } else if (starts_with(rest, "-")) {
        dash = 1;
      }
      if (dash != 0 && dash < rest.size() && is_space(rest[dash])) {
        push(start, i);
        i += 1 + dash + 1;
        start = i;
        continue;
      }
    }
    ++i;
  }
  push(start, text.size());
  return fields;
}

struct Named
{
  std::string target;
  bool code_span = false;
  int line = 0;
  int column = 0;
};

bool place_within(std::pair<int, int> place, std::pair<int, int> first, std::pair<int, int> last)
{
  return first <= place && place <= last;
}

// The document's links (never images) by position, so that finding the one inside a field is a
// binary search: a registry of thousands of entries and links must not cost entries x links.
std::vector<const Link*> links_by_place(const Document& document)
{
  std::vector<const Link*> links;
  for (const auto& link : document.links) {
    if (!link.image) {
      links.push_back(&link);
    }
  }
  std::stable_sort(links.begin(), links.end(), [](const Link* a, const Link* b) {
    return std::pair(a->line, a->column) < std::pair(b->line, b->column);
  });
  return links;
}

// The first link (never an image) that the parser found inside `field`.
std::optional<Named> field_link(const std::vector<const Link*>& links, const Paragraph& paragraph, const Field& field)
{
  if (field.begin >= field.end) {
    return std::nullopt;
  }
  const auto first = paragraph.places[field.begin];
  const auto last = paragraph.places[field.end - 1];
  const auto it = std::lower_bound(links.begin(), links.end(), first, [](const Link* link, std::pair<int, int> place) {
    return std::pair(link->line, link->column) < place;
  });
  if (it != links.end() && place_within({(*it)->line, (*it)->column}, first, last)) {
    return Named{(*it)->destination, false, (*it)->line, (*it)->column};
  }
  return std::nullopt;
}

// The first code span of `field`, its content trimmed.
std::optional<Named> field_code_span(const Paragraph& paragraph, const Field& field)
{
  const std::string_view text = std::string_view(paragraph.text).substr(0, field.end);
  std::size_t at = field.begin;
  while (at < field.end) {
    if (text[at] == '\\') {
      at += 2;
      continue;
    }
    if (text[at] != '`') {
      ++at;
      continue;
    }
    const auto [run_end, span_end] = code_span_at(text, at);
    if (span_end == std::string_view::npos) {
      at = run_end;
      continue;
    }
    const std::size_t length = run_end - at;
    std::string content(text.substr(run_end, span_end - length - run_end));
    std::replace(content.begin(), content.end(), '\n', ' ');
    const auto place = paragraph.places[at];
    return Named{std::string(trim(content)), true, place.first, place.second};
  }
  return std::nullopt;
}

// A link destination or code span naming a Markdown file: `plans/x.md`, `x.md#progress`.
bool is_markdown_target(std::string_view target)
{
  const std::string path = to_lower(target.substr(0, target.find_first_of("?#")));
  return path.ends_with(".md") || path.ends_with(".markdown");
}

bool looks_like_file(std::string_view text)
{
  const std::string lower = to_lower(text);
  return lower.find('/') != std::string::npos || (lower.size() > 3 && lower.compare(lower.size() - 3, 3, ".md") == 0);
}

// `(in-progress)`, `**paused**`, `` `completed` ``, `✅ completed.` → the bare word, lower-cased.
std::string clean_status(std::string_view text)
{
  std::string result;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || c == '*' || c == '_' || c == '`' || c == '(' || c == ')' || c == '[' || c == ']') {
      continue;
    }
    result.push_back(c);
  }
  std::string status = to_lower(trim(result));
  while (!status.empty() && (status.back() == '.' || status.back() == '!')) {
    status.pop_back();
  }
  return collapse_whitespace(status);
}

bool is_status_word(const std::string& status)
{
  const auto& active = active_statuses();
  return status == "completed" || std::find(active.begin(), active.end(), status) != active.end();
}

std::string joined_statuses()
{
  const auto& active = active_statuses();
  std::string text;
  for (std::size_t i = 0; i < active.size(); ++i) {
    text += (i == 0 ? "`" : (i + 1 == active.size() ? " or `" : ", `")) + active[i] + "`";
  }
  return text;
}

// `_None. Add entries…_`, `- None yet`, `*(no completed plans)*`: a list item standing in for an
// empty list, not an entry.
bool is_placeholder(const std::string& text)
{
  std::string plain;
  for (char c : text) {
    if (c != '*' && c != '_' && c != '(' && c != ')') {
      plain.push_back(c);
    }
  }
  plain = to_lower(trim(plain));
  for (const char* word : {"none", "n/a", "nothing", "tbd", "no active", "no completed", "no plans", "no entries"}) {
    if (starts_with(plain, word)) {
      return true;
    }
  }
  const std::string_view trimmed = trim(text);
  return trimmed.size() >= 2 && (trimmed.front() == '_' || trimmed.front() == '*') && trimmed.back() == trimmed.front();
}

std::optional<RegistryEntry> parse_entry(const Document& document, const std::vector<const Link*>& document_links,
                                         const ListItem& item, RegistryEntry::List list)
{
  RegistryEntry entry;
  entry.list = list;
  entry.line = item.line;
  entry.column = item.column;
  entry.end_line = std::max(item.line, item.end_line);
  entry.target_line = item.line;
  entry.target_column = item.column;

  const Paragraph paragraph = first_paragraph(document, item);
  const std::string_view text = paragraph.text;
  entry.text = collapse_whitespace(text);
  if (paragraph.text.empty()) {
    entry.problems.push_back("is empty; write " + k_form);
    return entry;
  }

  std::size_t at = 0;
  while (at < text.size() && is_space(text[at])) {
    ++at;
  }
  bool dated = false;
  if (text.size() >= at + 12 && text[at] == '[' && text[at + 11] == ']' && is_date_shape(text.substr(at + 1, 10))) {
    entry.date = std::string(text.substr(at + 1, 10));
    at += 12;
    dated = true;
  } else if (text.size() >= at + 11 && is_date_shape(text.substr(at, 10)) && is_space(text[at + 10])) {
    entry.date = std::string(text.substr(at, 10));
    at += 10;
    dated = true;
    entry.problems.push_back("writes its date without brackets; write `[" + entry.date + "]`");
  }
  if (dated && !parse_date(entry.date)) {
    entry.problems.push_back("date '" + entry.date + "' is not a real date");
  }
  // `[2025-10-15] – Title – …`: a separator right after the date is a stray one.
  {
    std::size_t next = at;
    while (next < text.size() && is_space(text[next])) {
      ++next;
    }
    const std::string_view rest = text.substr(next);
    for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-"}) {
      if (next > at && starts_with(rest, dash) && rest.size() > dash.size() && is_space(rest[dash.size()])) {
        at = next + dash.size();
        break;
      }
    }
  }

  const auto fields = split_fields(text, at);
  std::vector<std::string> values;
  std::vector<std::optional<Named>> links;
  std::vector<std::optional<Named>> spans;
  for (const auto& field : fields) {
    values.push_back(collapse_whitespace(text.substr(field.begin, field.end - field.begin)));
    links.push_back(field_link(document_links, paragraph, field));
    spans.push_back(field_code_span(paragraph, field));
  }
  // Only an item that names a Markdown file is an entry: notes, commands and nested bullets under a
  // list heading are not.
  const bool names_markdown =
    std::any_of(links.begin(), links.end(), [](const auto& l) { return l && is_markdown_target(l->target); }) ||
    std::any_of(spans.begin(), spans.end(), [](const auto& s) { return s && is_markdown_target(s->target); });
  if (!names_markdown || (!dated && is_placeholder(entry.text))) {
    return std::nullopt;
  }
  if (!dated) {
    entry.problems.push_back("does not start with the date it was registered, `[YYYY-MM-DD]`");
  }

  auto name = [&](const Named& named) {
    entry.target = named.target;
    entry.target_is_code_span = named.code_span;
    entry.target_line = named.line;
    entry.target_column = named.column;
  };

  const std::string_view first = values.empty() ? std::string_view() : std::string_view(values[0]);
  const bool first_is_target = starts_with(first, "`") || starts_with(first, "[");
  if (list == RegistryEntry::List::completed && values.size() <= 2 && first_is_target && (links[0] || spans[0])) {
    entry.short_form = true;
    name(links[0] ? *links[0] : *spans[0]);
    entry.title = values.size() > 1 ? values[1] : std::string();
    return entry;
  }

  // The link is the second field; look elsewhere only to say what is wrong.
  std::optional<std::size_t> found;
  if (values.size() > 1 && (links[1] || spans[1])) {
    name(links[1] ? *links[1] : *spans[1]);
    found = 1;
  }
  for (std::size_t i = 0; !found && i < values.size(); ++i) {
    if (links[i]) {
      name(*links[i]);
      found = i;
    }
  }
  for (std::size_t i = 0; !found && i < values.size(); ++i) {
    if (spans[i] && looks_like_file(spans[i]->target)) {
      name(*spans[i]);
      found = i;
    }
  }

  entry.title = values.empty() ? std::string() : values[0];
  bool form_reported = false;
  if (values.size() < 3) {
    entry.problems.push_back("does not follow the form " + k_form);
    form_reported = true;
  } else if (found && *found != 1) {
    entry.problems.push_back("does not follow the form " + k_form + ": the plan's link belongs in the second field" +
                             (*found > 1 ? " (a ` - ` inside the title reads as a separator)" : ""));
    form_reported = true;
  }
  if (!found) {
    entry.problems.push_back("names no plan: add a Markdown link to it or its file name in a code span");
  }

  std::size_t owner_field = 2;
  if (values.size() >= 4) {
    entry.status = clean_status(values.back());
  } else if (values.size() == 3 && is_status_word(clean_status(values[2]))) {
    entry.status = clean_status(values[2]);
    owner_field = values.size();
    if (!form_reported) {
      entry.problems.push_back("has no owner; the form is " + k_form);
    }
  }
  if (owner_field < values.size()) {
    for (const auto& owner : split(values[owner_field], ',')) {
      if (const auto trimmed = trim(owner); !trimmed.empty()) {
        entry.owners.emplace_back(trimmed);
      }
    }
  }
  if (values.size() > 4 && !form_reported) {
    entry.problems.push_back("has more than four fields; use ` – ` only between fields");
  }

  const auto& active = active_statuses();
  if (list == RegistryEntry::List::active) {
    if (entry.status.empty()) {
      if (!form_reported) {
        entry.problems.push_back("has no status; an Active Plans entry ends with " + joined_statuses());
      }
    } else if (std::find(active.begin(), active.end(), entry.status) == active.end()) {
      std::string hint = entry.status == "completed" ? " (move completed plans to Completed Plans)" : "";
      if (hint.empty()) {
        if (const auto close = closest_match(entry.status, active); !close.empty()) {
          hint = " (did you mean '" + close + "'?)";
        }
      }
      entry.problems.push_back("status '" + entry.status + "' is not allowed in Active Plans; use " +
                               joined_statuses() + hint);
    }
  } else if (!entry.status.empty() && entry.status != "completed") {
    const std::string hint = std::find(active.begin(), active.end(), entry.status) != active.end()
                                 ? " (a plan still " + entry.status + " belongs in Active Plans)"
                                 : "";
    entry.problems.push_back("status '" + entry.status +
                             "' is not allowed in Completed Plans; use `completed` or none" + hint);
  }
  return entry;
}

// Decodes `%xx` escapes; leaves malformed ones as written.
std::string percent_decode(std::string_view text)
{
  std::string result;
  const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) && hex(text[i + 2])) {
      result.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      result.push_back(text[i]);
    }
  }
  return result;
}

bool has_scheme(std::string_view destination)
{
  const auto colon = destination.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return false;
  }
  if (!std::isalpha(static_cast<unsigned char>(destination[0]))) {
    return false;
  }
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = destination[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> folder_parts(const std::string& path)
{
  std::vector<std::string> parts;
  const auto slash = path.rfind('/');
  if (slash != std::string::npos) {
    for (auto& part : split(std::string_view(path).substr(0, slash), '/')) {
      if (!part.empty() && part != ".") {
        parts.push_back(std::move(part));
      }
    }
  }
  return parts;
}

std::string file_name(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

const std::vector<std::string>& active_statuses()
{
  static const std::vector<std::string> statuses = {"in-progress", "blocking", "paused"};
  return statuses;
}

Registry parse_registry(const Document& document, const RegistryLayout& layout)
{
  Registry registry;
  auto matches = [](const std::string& heading, const std::vector<std::string>& names) {
    const auto forms = section_name_forms(heading);
    return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return std::find(forms.begin(), forms.end(), normalize_section_name(name)) != forms.end();
    });
  };
  const auto links = links_by_place(document);
  for (const auto& section : document.sections) {
    RegistryEntry::List list = RegistryEntry::List::active;
    if (matches(section.heading, layout.active)) {
      registry.active_line = registry.active_line == 0 ? section.line : registry.active_line;
    } else if (matches(section.heading, layout.completed)) {
      list = RegistryEntry::List::completed;
      registry.completed_line = registry.completed_line == 0 ? section.line : registry.completed_line;
    } else {
      continue;
    }
    // Plans kept inline: `### …` sections under the list heading. What follows the first of them
    // belongs to those plans, not to the list.
    int first_sub = 0;
    for (const auto& heading : document.headings) {
      if (heading.level >= 3 && heading.line > section.line && (section.end_line == 0 || heading.line <= section.end_line)) {
        first_sub = first_sub == 0 ? heading.line : first_sub;
        if (heading.level == 3) {
          ++registry.inline_plans;
          registry.inline_line = registry.inline_line == 0 ? heading.line : registry.inline_line;
        }
      }
    }
    for (const auto& item : section.entries) {
      if (first_sub != 0 && item.line > first_sub && registry.inline_plans > 0) {
        break;
      }
      if (auto entry = parse_entry(document, links, item, list)) {
        registry.entries.push_back(std::move(*entry));
      }
    }
  }
  return registry;
}

const Registry& registry_of(const Document& document, const RegistryLayout& layout)
{
  // Rules running side by side may ask for the same registry at once.
  static std::mutex lock;
  const std::lock_guard<std::mutex> guard(lock);
  std::string key;
  for (const auto* names : {&layout.active, &layout.completed}) {
    for (const auto& name : *names) {
      key += name + '\n';
    }
    key += '\x1f';
  }
  if (!document.registry_cache || document.registry_layout_key != key) {
    document.registry_cache = std::make_shared<const Registry>(parse_registry(document, layout));
    document.registry_layout_key = std::move(key);
  }
  return *document.registry_cache;
}

EntryTarget entry_target(const RegistryEntry& entry, const std::string& registry_path)
{
  EntryTarget result;
  if (entry.target.empty()) {
    return result;
  }
  if (!entry.target_is_code_span) {
    LinkTarget target = classify_link(registry_path, entry.target);
    if (target.kind == LinkTarget::Kind::path) {
      result.paths.push_back(std::move(target.path));
    }
    return result;
  }
  std::string name = entry.target;
  while (starts_with(name, "./")) {
    name.erase(0, 2);
  }
  if (name.find('/') == std::string::npos) {
    // A plan at the root is its own file name, so the name covers the path as written too.
    result.file_name = std::move(name);
    return result;
  }
  if (auto resolved = resolve_relative_link(registry_path, name)) {
    result.paths.push_back(std::move(*resolved));
  }
  result.paths.push_back(std::move(name));
  return result;
}

bool entry_names(const RegistryEntry& entry, const std::string& registry_path, const std::string& plan_path)
{
  const EntryTarget target = entry_target(entry, registry_path);
  if (!target.file_name.empty()) {
    return target.file_name == file_name(plan_path);
  }
  return std::find(target.paths.begin(), target.paths.end(), plan_path) != target.paths.end();
}

LinkTarget classify_link(const std::string& from, const std::string& destination)
{
  LinkTarget result;
  const std::string_view link = trim(destination);
  if (starts_with(link, "//") || has_scheme(link)) {
    result.kind = LinkTarget::Kind::external;
    return result;
  }
  const auto hash = link.find('#');
  if (hash != std::string_view::npos) {
    result.fragment = percent_decode(link.substr(hash + 1));
  }
  const std::string_view path = link.substr(0, link.find_first_of("?#"));
  if (path.empty()) {
    result.kind = LinkTarget::Kind::same_document;
    return result;
  }
  std::vector<std::string> parts = path.front() == '/' ? std::vector<std::string>{} : folder_parts(from);
  // Decoded before it is split and folded: a browser takes `%2e%2e` for `..`, and a part must never
  // smuggle a `/..` past the folding (`%2F..%2F..`), so the result is always a clean repository path.
  for (const auto& part : split(percent_decode(path), '/')) {
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      if (parts.empty()) {
        result.kind = LinkTarget::Kind::outside;
        return result;
      }
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  result.kind = LinkTarget::Kind::path;
  for (const auto& part : parts) {
    result.path += (result.path.empty() ? "" : "/") + part;
  }
  if (result.path.empty()) {
    result.path = ".";
  }
  return result;
}

std::optional<std::string> resolve_relative_link(const std::string& from, const std::string& destination)
{
  LinkTarget target = classify_link(from, destination);
  if (target.kind != LinkTarget::Kind::path) {
    return std::nullopt;
  }
  return std::move(target.path);
}

std::string link_fragment(const std::string& destination)
{
  const auto hash = destination.find('#');
  return hash == std::string::npos ? std::string() : percent_decode(std::string_view(destination).substr(hash + 1));
}

std::string relative_link(const std::string& from, const std::string& to)
{
  const auto from_parts = folder_parts(from);
  std::vector<std::string> to_parts;
  if (to != ".") {
    for (auto& part : split(to, '/')) {
      if (!part.empty()) {
        to_parts.push_back(std::move(part));
      }
    }
  }
  std::size_t common = 0;
  while (common < from_parts.size() && common + 1 < to_parts.size() && from_parts[common] == to_parts[common]) {
    ++common;
  }
  std::string link;
  for (std::size_t i = common; i < from_parts.size(); ++i) {
    link += "../";
  }
  for (std::size_t i = common; i < to_parts.size(); ++i) {
    link += to_parts[i] + (i + 1 < to_parts.size() ? "/" : "");
  }
  return link.empty() ? std::string("./") : link;
}

} // namespace planck
