#include "planck/markdown/heading_anchors.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/rules/builtin.hpp"
#include "planck/util/error.hpp"
#include "planck/util/glob.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace planck {

namespace {

std::string folder_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string file_name(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_markdown(const std::string& path)
{
  const std::string lower = to_lower(path);
  for (const char* extension : {".md", ".markdown", ".mdown", ".mkdn", ".mkd"}) {
    const std::string_view ext = extension;
    if (lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

// `#L10`, `#L10-L20`, `#L10C2-L12C5`: GitHub's line anchors, valid wherever a file is shown as code.
bool is_line_anchor(std::string_view fragment)
{
  std::size_t at = 0;
  auto number = [&] {
    const std::size_t start = at;
    while (at < fragment.size() && fragment[at] >= '0' && fragment[at] <= '9') {
      ++at;
    }
    return at > start;
  };
  auto position = [&] {
    if (at >= fragment.size() || fragment[at] != 'L') {
      return false;
    }
    ++at;
    if (!number()) {
      return false;
    }
    if (at < fragment.size() && fragment[at] == 'C') {
      ++at;
      return number();
    }
    return true;
  };
  if (!position()) {
    return false;
  }
  if (at < fragment.size() && fragment[at] == '-') {
    ++at;
    if (!position()) {
      return false;
    }
  }
  return at == fragment.size();
}

// Heading anchors, plus the `id`/`name` of raw HTML anchors (`<a id="x"></a>`), which GitHub keeps,
// lower-cased. Built once per document: a plan full of bad fragments must cost links + lines, not
// links x lines.
std::unordered_set<std::string> anchor_index(const Document& doc)
{
  std::unordered_set<std::string> anchors;
  anchors.insert("top"); // HTML: `#top` scrolls to the top when no element has that id
  for (const auto& heading : doc.headings) {
    anchors.insert(to_lower(heading.anchor));
  }
  for (const auto& line : doc.lines) {
    if (line.find('<') == std::string::npos) {
      continue;
    }
    const std::string lower = to_lower(line);
    for (const std::string_view attribute : {"id=", "name="}) {
      for (auto at = lower.find(attribute); at != std::string::npos; at = lower.find(attribute, at + 1)) {
        const std::size_t open = at + attribute.size();
        if (open >= lower.size() || (lower[open] != '"' && lower[open] != '\'')) {
          continue;
        }
        const auto close = lower.find(lower[open], open + 1);
        if (close != std::string::npos) {
          anchors.insert(lower.substr(open + 1, close - open - 1));
        }
      }
    }
  }
  return anchors;
}

// Which documents the range left alone can hold a link it broke, decided on their raw text so that
// only those are parsed. Such a link ends in the name of a file the range removed or of a folder it
// emptied (a "removed name"), or names a Markdown file the range modified, followed by `#` (an
// "anchor name": that file may have lost the heading). A text that holds none of those names as a
// whole path component, between delimiters such as `/`, `(`, `#` or a space, holds no such link.
// Text that could spell a name another way (a percent-escape, an HTML entity, a backslash escape,
// a path that ends in `/.` or `/..`) is always parsed: the screen may let too much through, never
// too little.
class LinkScreen
{
public:
  struct Verdict
  {
    bool suspect = false;                      // may hold a link into something removed
    std::vector<std::string> fragment_names;   // anchor names followed by `#` or `?` (a fragment may follow)
  };

  void add_removed(const std::string& name) { add(name, m_removed); }
  void add_anchor(const std::string& name) { add(name, m_anchors); }

  Verdict screen(std::string_view text) const
  {
    Verdict verdict;
    for (const auto& name : m_unusual) {
      if (text.find(name) != std::string_view::npos) {
        verdict.suspect = true;
        return verdict;
      }
    }
    const auto& kinds = byte_kinds();
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
      while (at < size && kinds[byte(at)] == k_delimiter) {
        ++at;
      }
      if (at == size) {
        break;
      }
      const std::size_t start = at;
      for (char kind = 0; at < size && (kind = kinds[byte(at)]) != k_delimiter; ++at) {
        if (kind == k_escape && spells_otherwise(text, at)) {
          verdict.suspect = true;
          return verdict;
        }
      }
      const std::size_t length = at - start;
      // `x/..` ends in a folder named earlier in the path. A path of dots alone (`..`, or the full
      // stop after a link) leads to a folder holding the document itself, which always exists.
      if (length <= 2 && text[start] == '.' && text[at - 1] == '.' && start > 0 && text[start - 1] == '/'
          && (at == size || text[at] != '/')) {
        verdict.suspect = true;
        return verdict;
      }
      // No name has this length, first byte and last byte: no hashing.
      if (length >= m_lengths.size() || m_lengths[length] == 0 || !m_first[byte(start)] || !m_last[byte(at - 1)]) {
        continue;
      }
      const std::string_view word = text.substr(start, length);
      if (m_removed.find(word) != m_removed.end()) {
        verdict.suspect = true;
        return verdict;
      }
      if (at < size && (text[at] == '#' || text[at] == '?') && m_anchors.find(word) != m_anchors.end()) {
        verdict.fragment_names.emplace_back(word);
      }
    }
    return verdict;
  }

private:
  struct Hash
  {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Names = std::unordered_set<std::string, Hash, std::equal_to<>>;

  void add(const std::string& name, Names& names)
  {
    if (name.empty()) {
      return;
    }
    if (std::any_of(name.begin(), name.end(), is_delimiter)) {
      m_unusual.push_back(name);   // cannot be a token: looked for as a substring, and suspected
      return;
    }
    names.insert(name);
    if (m_lengths.size() <= name.size()) {
      m_lengths.resize(name.size() + 1, 0);
    }
    m_lengths[name.size()] = 1;
    m_first[static_cast<unsigned char>(name.front())] = true;
    m_last[static_cast<unsigned char>(name.back())] = true;
  }

  static constexpr char k_delimiter = 1;
  static constexpr char k_escape = 2;   // `%`, `&` or `\`: may start another spelling

  // What each byte is to the tokenizer, looked up rather than tested: the screen reads every byte
  // of every unchanged document.
  static const std::array<char, 256>& byte_kinds()
  {
    static const std::array<char, 256> kinds = [] {
      std::array<char, 256> table{};
      for (int c = 0; c < 256; ++c) {
        table[static_cast<std::size_t>(c)] = is_delimiter(static_cast<char>(c)) ? k_delimiter : 0;
      }
      for (const char c : {'%', '&', '\\'}) {
        table[static_cast<unsigned char>(c)] = k_escape;
      }
      return table;
    }();
    return kinds;
  }

  static bool is_delimiter(char c)
  {
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case '/': case '(': case ')': case '<': case '>': case '[': case ']':
    case '"': case '\'': case '`': case '#': case '?': case '=': case ':': case '|':
      return true;
    default:
      return false;
    }
  }

  static bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

  // A percent-escape, an entity or character reference, or a backslash escape at `at`.
  static bool spells_otherwise(std::string_view text, std::size_t at)
  {
    const char c = text[at];
    const std::string_view rest = text.substr(at + 1);
    if (c == '%') {
      return rest.size() >= 2 && is_hex(rest[0]) && is_hex(rest[1]);
    }
    if (c == '&') {
      // `&name;`, `&#123;` or `&#x1F;`: letters and digits up to the `;`, as CommonMark reads them.
      std::size_t end = !rest.empty() && rest[0] == '#' ? 1 : 0;
      if (end == 1 && rest.size() > 1 && (rest[1] == 'x' || rest[1] == 'X')) {
        end = 2;
      }
      const std::size_t start = end;
      while (end < rest.size() && end < 40 && std::isalnum(static_cast<unsigned char>(rest[end])) != 0) {
        ++end;
      }
      return end > start && end < rest.size() && rest[end] == ';';
    }
    return !rest.empty() && std::ispunct(static_cast<unsigned char>(rest[0])) != 0;
  }

  Names m_removed;
  Names m_anchors;
  std::vector<unsigned char> m_lengths;   // m_lengths[n]: some name has n bytes
  std::array<bool, 256> m_first{};        // m_first[b]: some name starts with byte b
  std::array<bool, 256> m_last{};         // m_last[b]: some name ends with byte b
  std::vector<std::string> m_unusual;
};

std::set<std::string> anchors_of(const Document& doc)
{
  std::set<std::string> anchors;
  for (const auto& heading : doc.headings) {
    anchors.insert(to_lower(heading.anchor));
  }
  return anchors;
}

class Run
{
public:
  explicit Run(const RuleContext& context)
      : m_context(context), m_config(context.config), m_changes(context.changes),
        m_check_fragments(context.settings.options.boolean("check_fragments")),
        m_ignore(context.settings.options.globs("ignore_targets"))
  {
    const RuleConfig& registry_rule = context.config.rule("registry-entry");
    m_registry_rule_reports = registry_rule.enabled && registry_rule.applies_to(context.config.registry);
  }

  void check()
  {
    for (const auto& change : m_changes.changes()) {
      if (change.status == FileChange::Status::renamed || change.status == FileChange::Status::deleted) {
        m_removed[change.old_path.empty() ? change.path : change.old_path] = &change;
      }
    }
    if (m_check_fragments && (!m_changes.range().all || m_context.run_paths != nullptr)) {
      // (--all in one batch has read every document already.)
      read_linked_anchors();
    }
    std::set<std::string> checked;
    for (const auto& target : m_context.targets) {
      checked.insert(target.path);
      if (target.head != nullptr && !target.head->binary && !target.head->skipped) {
        check_document(*target.head, target.path, false);
      }
    }
    if (m_changes.range().all) {
      return;
    }
    if (m_check_fragments) {
      for (const auto& change : m_changes.changes()) {
        if ((change.status == FileChange::Status::modified || change.status == FileChange::Status::type_changed) &&
            is_markdown(change.path)) {
          m_modified_markdown[file_name(change.path)].push_back(&change);
        }
      }
    }
    if (m_removed.empty() && m_modified_markdown.empty()) {
      return;
    }
    // Documents the range left alone: only the links this range broke.
    const std::vector<std::string> suspects = suspects_among_unchanged(checked);
    m_changes.prefetch(suspects, {});
    for (const auto& path : suspects) {
      const Document* doc = m_changes.head_document(path);
      if (doc != nullptr && !doc->binary && !doc->skipped) {
        // A suspect that spelled a name another way may link into any modified file.
        collect_lost_anchors_for(*doc, path);
        check_document(*doc, path, true);
      }
    }
  }

private:
  // The Markdown files the targets link into with a fragment, which check_link will read, with
  // the fragments (lower-cased) that it will look for in each.
  std::map<std::string, std::set<std::string>> linked_with_fragment() const
  {
    std::map<std::string, std::set<std::string>> linked_files;
    for (const auto& target : m_context.targets) {
      if (target.head == nullptr || target.head->binary || target.head->skipped) {
        continue;
      }
      for (const auto& link : target.head->links) {
        if (link.destination.find('#') == std::string::npos) {
          continue;
        }
        const LinkTarget linked = classify_link(target.path, link.destination);
        if (linked.kind == LinkTarget::Kind::path && !linked.fragment.empty() && linked.path != target.path
            && is_markdown(linked.path) && !ignored(linked.path) && m_changes.head_exists(linked.path)) {
          linked_files[linked.path].insert(to_lower(linked.fragment));
        }
      }
    }
    return linked_files;
  }

  // A diff-aware check reads the documents its targets link into with a fragment before the
  // links are checked, on every core. Most such links name a plain heading (a plan's
  // `other.md#decision-log`): a document whose lines vouch for every fragment asked of it
  // (certain_heading_anchors) is not parsed; the others are parsed here.
  void read_linked_anchors()
  {
    const auto linked_files = linked_with_fragment();
    std::vector<std::string> unread;
    for (const auto& [path, fragments] : linked_files) {
      if (!m_changes.head_document_ready(path)) {
        unread.push_back(path);
      }
    }
    std::vector<std::vector<std::string>> anchors(unread.size());
    m_changes.visit_head_texts(unread, [&](std::size_t i, std::string_view text) {
      anchors[i] = certain_heading_anchors(text);
      std::sort(anchors[i].begin(), anchors[i].end());
    });
    std::vector<std::string> to_parse;
    for (std::size_t i = 0; i < unread.size(); ++i) {
      const auto& found = anchors[i];
      const auto& wanted = linked_files.at(unread[i]);
      const bool vouched = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& fragment) {
        return std::binary_search(found.begin(), found.end(), fragment);
      });
      if (vouched) {
        m_vouched_anchors.emplace(unread[i], wanted);
      } else {
        to_parse.push_back(unread[i]);
      }
    }
    m_changes.prefetch(to_parse, {});
  }

  // The documents the range left alone (not in `checked`) that can hold a link it broke: first
  // their raw text says what they could link to, then the anchors of the files they link into
  // with a fragment are compared. Only these are parsed.
  std::vector<std::string> suspects_among_unchanged(const std::set<std::string>& checked)
  {
    const LinkScreen screen = broken_link_screen();
    std::vector<std::string> unchanged;
    for (const auto& path : m_changes.head_files()) {
      if (checked.count(path) == 0 && is_checked_document(path) && m_context.settings.applies_to(path)) {
        unchanged.push_back(path);
      }
    }
    std::vector<LinkScreen::Verdict> verdicts(unchanged.size());
    m_changes.visit_head_texts(unchanged,
                               [&](std::size_t i, std::string_view text) { verdicts[i] = screen.screen(text); });
    std::vector<std::string> suspects;
    std::vector<std::pair<std::string, std::vector<std::string>>> linking;   // path, anchor names
    std::set<const FileChange*> fragment_targets;
    for (std::size_t i = 0; i < unchanged.size(); ++i) {
      const std::string& path = unchanged[i];
      auto& verdict = verdicts[i];
      if (verdict.suspect) {
        suspects.push_back(path);
      } else if (!verdict.fragment_names.empty()) {
        for (const auto& name : verdict.fragment_names) {
          for (const FileChange* change : m_modified_markdown[name]) {
            fragment_targets.insert(change);
          }
        }
        linking.emplace_back(path, std::move(verdict.fragment_names));
      }
    }
    collect_lost_anchors(fragment_targets);
    for (const auto& [path, names] : linking) {
      const bool links_into_loss = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
        const auto& changes = m_modified_markdown[name];
        return std::any_of(changes.begin(), changes.end(),
                           [&](const FileChange* change) { return m_lost_anchors.count(change->path) != 0; });
      });
      if (links_into_loss) {
        suspects.push_back(path);
      }
    }
    return suspects;
  }

  bool is_checked_document(const std::string& path) const
  {
    if (m_config.is_ignored(path)) {
      return false;
    }
    return path == m_config.registry ||
           std::find(m_config.crosslinks.begin(), m_config.crosslinks.end(), path) != m_config.crosslinks.end() ||
           m_config.is_plan(path);
  }

  // The names a link this range broke must end in: see LinkScreen.
  LinkScreen broken_link_screen() const
  {
    LinkScreen screen;
    std::set<std::string> folders;
    for (const auto& [old_path, change] : m_removed) {
      screen.add_removed(file_name(old_path));
      for (std::string folder = folder_of(old_path); !folder.empty() && folders.insert(folder).second;
           folder = folder_of(folder)) {
        if (!m_changes.head_exists(folder)) {
          screen.add_removed(file_name(folder));
        }
      }
    }
    for (const auto& [name, changes] : m_modified_markdown) {
      screen.add_anchor(name);
    }
    return screen;
  }

  // Anchors that the Markdown files `changes` (modified by the range) had at base and no longer
  // have, into m_lost_anchors; files already compared are skipped.
  void collect_lost_anchors(const std::set<const FileChange*>& changes)
  {
    std::vector<std::string> head_paths;
    std::vector<std::string> base_paths;
    for (const FileChange* change : changes) {
      if (m_compared.count(change->path) == 0) {
        head_paths.push_back(change->path);
        base_paths.push_back(change->old_path.empty() ? change->path : change->old_path);
      }
    }
    m_changes.prefetch(head_paths, base_paths);
    for (const FileChange* change : changes) {
      if (!m_compared.insert(change->path).second) {
        continue;
      }
      const Document* base = m_changes.base_document(change->old_path.empty() ? change->path : change->old_path);
      const Document* head = m_changes.head_document(change->path);
      if (base == nullptr || head == nullptr || base->binary || base->skipped || head->binary || head->skipped) {
        continue; // an unread document has no headings, not lost ones
      }
      const auto before = anchors_of(*base);
      const auto after = anchors_of(*head);
      std::set<std::string> lost;
      std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::inserter(lost, lost.end()));
      if (!lost.empty()) {
        m_lost_anchors[change->path] = std::move(lost);
      }
    }
  }

  // The lost anchors of every modified Markdown file that `doc` links into with a fragment.
  void collect_lost_anchors_for(const Document& doc, const std::string& path)
  {
    std::set<const FileChange*> targets;
    for (const auto& link : doc.links) {
      const LinkTarget target = classify_link(path, link.destination);
      if (target.kind != LinkTarget::Kind::path || target.fragment.empty()) {
        continue;
      }
      const auto it = m_modified_markdown.find(file_name(target.path));
      if (it == m_modified_markdown.end()) {
        continue;
      }
      for (const FileChange* change : it->second) {
        if (change->path == target.path) {
          targets.insert(change);
        }
      }
    }
    collect_lost_anchors(targets);
  }

  // A template's placeholder (`tasks/prd-{name}.md`, `plans/{{slug}}.md`) names no file.
  static bool is_template(const std::string& path)
  {
    const auto open = path.find('{');
    return open != std::string::npos && path.find('}', open) != std::string::npos;
  }

  bool ignored(const std::string& path) const
  {
    return std::any_of(m_ignore.begin(), m_ignore.end(), [&](const Glob& glob) { return glob.matches(path); });
  }

  void report(const std::string& path, const Link& link, std::string message, const std::string& kind) const
  {
    m_context.report({.path = path,
                      .line = std::max(link.line, 1),
                      .column = std::max(link.column, 1),
                      .end_line = 0,
                      .message = std::move(message),
                      .fingerprint_key = kind + "\n" + link.destination,
                      .severity = std::nullopt});
  }

  void check_document(const Document& doc, const std::string& path, bool range_only) const
  {
    // registry-entry reports PLANS.md entries whose link is broken, with the entry's context.
    std::set<std::pair<int, int>> entry_links;
    if (path == m_config.registry && m_registry_rule_reports) {
      for (const auto& entry : registry_of(doc, m_config.registry_lists).entries) {
        if (!entry.target_is_code_span && !entry.target.empty()) {
          entry_links.emplace(entry.target_line, entry.target_column);
        }
      }
    }
    for (const auto& link : doc.links) {
      check_link(doc, path, link, range_only, entry_links.count({link.line, link.column}) != 0);
    }
  }

  // The rename or deletion of this range that took `path` (a file, or a folder it emptied) away.
  const FileChange* removal_of(const std::string& path, bool& folder) const
  {
    folder = false;
    if (const auto it = m_removed.find(path); it != m_removed.end()) {
      return it->second;
    }
    const std::string prefix = path + "/";
    const auto below = m_removed.lower_bound(prefix);
    if (below != m_removed.end() && starts_with(below->first, prefix)) {
      folder = true;
      return below->second;
    }
    return nullptr;
  }

  // Suggestions scan the tree or a document's anchors; a hostile plan with thousands of broken
  // links gets them for the first few only, so the rule stays linear in the number of links.
  bool take_suggestion() const
  {
    // 50 for the whole check, however many batches --all reads its documents in.
    int& left = m_context.remembered<int>([] { return 50; });
    if (left == 0) {
      return false;
    }
    --left;
    return true;
  }

  std::string suggestion(const std::string& from, const std::string& missing) const
  {
    if (!take_suggestion()) {
      return {};
    }
    std::vector<std::string> same_name;
    std::vector<std::string> neighbours;
    const std::string folder = folder_of(missing);
    for (const auto& file : m_changes.head_files()) {
      if (file_name(file) == file_name(missing)) {
        same_name.push_back(file);
      }
      if (folder_of(file) == folder) {
        neighbours.push_back(file_name(file));
      }
    }
    std::string found;
    if (same_name.size() == 1) {
      found = same_name[0];
    } else if (const auto close = closest_match(file_name(missing), neighbours); !close.empty()) {
      found = folder.empty() ? close : folder + "/" + close;
    }
    return found.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", relative_link(from, found));
  }

  void check_link(const Document& doc, const std::string& path, const Link& link, bool range_only,
                  bool registry_entry) const
  {
    const LinkTarget target = classify_link(path, link.destination);
    const char* noun = link.image ? "image" : "link";
    switch (target.kind) {
    case LinkTarget::Kind::external:
      return;
    case LinkTarget::Kind::outside:
      if (!range_only && !registry_entry) {
        report(path, link,
               fmt::format("{} '{}' points outside the repository; link within the repository or use a full URL",
                           noun, link.destination),
               "outside");
      }
      return;
    case LinkTarget::Kind::same_document:
      if (!range_only) {
        check_fragment(doc, path, link, doc, target.fragment, false);
      }
      return;
    case LinkTarget::Kind::path:
      break;
    }
    if (target.path == "." || ignored(target.path) || is_template(target.path)) {
      return;
    }
    if (!m_changes.head_exists(target.path)) {
      bool folder = false;
      const FileChange* removal = removal_of(target.path, folder);
      if ((range_only && removal == nullptr) || registry_entry) {
        return;
      }
      const std::string written = link.destination.substr(0, link.destination.find_first_of("?#"));
      std::string message = fmt::format("{} target '{}'{} does not exist at head", noun, written,
                                        written == target.path ? "" : fmt::format(" ({})", target.path));
      if (removal != nullptr && folder) {
        message += ": this range moved or deleted everything in it";
      } else if (removal != nullptr && removal->status == FileChange::Status::renamed) {
        const std::string updated =
            relative_link(path, removal->path) + (target.fragment.empty() ? "" : "#" + target.fragment);
        message += fmt::format(": this range moved it to '{}'; update the link to '{}'", removal->path, updated);
      } else if (removal != nullptr) {
        message += ": this range deleted it";
      } else {
        message += suggestion(path, target.path);
      }
      report(path, link, std::move(message), "missing");
      return;
    }
    if (target.fragment.empty() || !is_markdown(target.path)) {
      return;
    }
    if (range_only) {
      // Decided before the linked document is read: most links into unchanged files are fine.
      const auto it = m_lost_anchors.find(target.path);
      if (it == m_lost_anchors.end() || it->second.count(to_lower(target.fragment)) == 0) {
        return;
      }
    }
    if (const auto it = m_vouched_anchors.find(target.path);
        it != m_vouched_anchors.end() && it->second.count(to_lower(target.fragment)) != 0) {
      return;   // that heading is there: check_fragment would find it
    }
    const Document* linked = target.path == path ? &doc : m_changes.head_document(target.path);
    if (linked == nullptr || linked->binary || linked->skipped) {
      return;
    }
    check_fragment(doc, path, link, *linked, target.fragment, range_only);
  }

  void check_fragment(const Document& doc, const std::string& path, const Link& link, const Document& linked,
                      const std::string& fragment, bool lost) const
  {
    if (!m_check_fragments || fragment.empty() || is_line_anchor(fragment)) {
      return;
    }
    auto index = m_anchor_index.find(&linked);
    if (index == m_anchor_index.end()) {
      index = m_anchor_index.emplace(&linked, anchor_index(linked)).first;
    }
    if (index->second.count(to_lower(fragment)) != 0) {
      return;
    }
    // A heading that grew a suffix (`Phase 3` -> `Phase 3: rollout`) first: an edit distance would
    // name its neighbour (`phase-4`).
    std::string close;
    if (take_suggestion()) {
      std::vector<std::string> anchors;
      for (const auto& heading : linked.headings) {
        anchors.push_back(heading.anchor);
      }
      for (const auto& anchor : anchors) {
        if (starts_with(anchor, to_lower(fragment) + "-")) {
          close = anchor;
          break;
        }
      }
      if (close.empty()) {
        close = closest_match(to_lower(fragment), anchors);
      }
    }
    const std::string hint = close.empty() ? "" : fmt::format(" (did you mean '#{}'?)", close);
    const std::string where = &linked == &doc ? std::string("this document") : fmt::format("'{}'", linked.path);
    report(path, link,
           fmt::format("{} '{}': no heading in {} has the anchor '#{}'{}{}", link.image ? "image" : "link",
                       link.destination, where, fragment, lost ? " any more (this range changed that heading)" : "",
                       hint),
           "anchor");
  }

  const RuleContext& m_context;
  const Config& m_config;
  const ChangeSet& m_changes;
  bool m_check_fragments = true;
  bool m_registry_rule_reports = false;
  const std::vector<Glob>& m_ignore;
  std::map<std::string, const FileChange*> m_removed; // old path -> the rename or deletion
  std::map<std::string, std::set<std::string>> m_lost_anchors;   // modified Markdown file -> anchors it lost
  std::set<std::string> m_compared;   // modified Markdown files whose anchors were compared
  mutable std::map<std::string, std::vector<const FileChange*>> m_modified_markdown;   // by file name
  mutable std::unordered_map<const Document*, std::unordered_set<std::string>> m_anchor_index;
  // Per document read but not parsed, the fragments asked of it that its lines vouch for.
  std::map<std::string, std::set<std::string>> m_vouched_anchors;
};

} // namespace

// Range-wide: a rename, deletion or heading change breaks links in documents the range never
// touched; those links are reported where they are, in the unchanged document. Only links this
// range broke are reported there (an old broken link in an untouched file is not this change's
// doing), every link of a changed document is checked, and `--all` checks every link.
void check_links_resolve(const RuleContext& context)
{
  Run run(context);
  run.check();
}

RuleInfo links_resolve_info()
{
  return {
    .id = "links-resolve",
    .default_severity = Severity::error,
    .summary =
        "Relative links and heading anchors in plans, the registry and cross-link documents resolve at "
        "head; a rename or deletion that breaks links elsewhere is reported at each broken link.",
    .description =
        "Plans point at each other, at the roadmap, at CHANGELOG entries and at the code; the registry "
        "and the cross-link documents (`plans.crosslinks`) point at plans. A link that no longer "
        "resolves is a dead end for the next reader, and renaming or moving a plan is the usual way to "
        "break one.\n\n"
        "Every relative link and image in those documents must resolve at head to a file or folder of "
        "the repository (a path starting with `/` is taken from the repository root, as GitHub does), and "
        "a `#fragment` into a Markdown file, or `#fragment` alone for the same document, must match a "
        "heading's anchor as GitHub computes it (lower case, punctuation dropped, spaces to `-`, `-1`, "
        "`-2` … for repeats; case is ignored), or an HTML `id`/`name`. Line anchors (`#L10`) and "
        "fragments into other files or folders are not checked. Links that climb above the repository "
        "root are reported and never read. URLs with a scheme (`https:`, `mailto:` …) or `//host` are "
        "never fetched nor checked, links inside code are examples, and a path holding a `{placeholder}` "
        "(`tasks/prd-{name}.md`) is a template, not a link.\n\n"
        "Every link of a document the range changed is checked (every document with `--all`). In the "
        "documents it left alone, planck reports only the links this range broke: a target it renamed "
        "(naming the new path) or deleted, or a heading it renamed away.",
    .fix = "Point the link at the file's current path (the message names the new path when the range "
           "moved it) or at an existing heading (the message suggests the closest anchor). For a file "
           "generated at build time, add its path to `ignore_targets`.",
    .bad_example = "See the [storage plan](plans/migrate-storage.md#decision-log) and\n"
                   "[the roadmap](../roadmap.md#phase-3) (the plan moved to plans/archive/, the heading "
                   "is `## Phase 3: rollout`).\n",
    .good_example = "See the [storage plan](plans/archive/migrate-storage.md#decision-log) and\n"
                    "[the roadmap](../roadmap.md#phase-3-rollout).\n",
    .options =
        {
            {"check_fragments", OptionType::boolean, "true",
             "Check `#fragment`s against the headings (and HTML anchors) of the Markdown file they point "
             "into."},
            {"ignore_targets", OptionType::glob_list, "[]",
             "Globs of repository paths that links may point to although they do not exist at head "
             "(generated "
             "files, say), e.g. `[site/**]`."},
        },
  };
}

} // namespace planck
