// Reads planck.yaml, .planck.yaml, --config FILE and the embedded packs (rules/*.yaml).
//
// The format, every key optional:
//
//   extends: agdd            # a pack name, a path relative to this file, or a list of those.
//                            # A user file without `extends` extends `agdd`; a pack extends
//                            # nothing unless it says so; `extends: []` starts from planck's
//                            # built-in defaults (no plans, no sections, no logs).
//   plans:
//     paths: [globs]         # plan files, e.g. docs/development/plans/*.md
//     exclude: [globs]       # files there that are not plans, e.g. README.md, index.md
//     registry: PLANS.md     # the plan registry
//     active_heading: Active Plans          # or a list: [Active Plans, In Flight]
//     completed_heading: Completed Plans    # or a list; the first is the one planck writes
//     crosslinks: [paths]    # CHANGELOG.md, the roadmap, SSOT.md; paths, never globs
//     sections: [names]      # canonical section names, in canonical order
//     aliases: {Canonical Name: [alias, ...]}
//     logs:                  # log sections; a bare name `- Progress` takes the defaults
//       - {name: Progress, order: auto, timestamped: true, checklist: false}
//                            # order: auto (as each section's entries show), oldest-first or
//                            # newest-first; `newest_first: true|false` is the older spelling
//     timestamps: {date_only: false, no_zone: note}   # no_zone: assume_utc, note or reject
//   ignore: [globs]          # paths planck never checks
//   limits:                  # a document past these gets an invalid-document finding, unchecked
//     max_document_bytes: 8388608
//     max_entries: 20000     # log entries in one document
//     max_elements: 200000   # Markdown elements in one document, estimated before parsing
//     max_table_columns: 200 # columns of one table
//   rules:
//     rule-id: off | error | warning | note
//     rule-id: {severity: error|warning|note|off, paths: [globs], <option>: <value>, ...}
//
// Globs are gitignore-like (see util/glob.hpp): a glob without `/` matches a file name anywhere.
// Along the extends chain, parents first and the file itself last, scalars and lists replace,
// `plans.aliases` merges per canonical name and `rules` per rule and per key within a rule.
// Each pack or file is applied once, where the chain first reaches it, so `extends: [execplan,
// team.yaml]` does not let team.yaml's implicit `agdd` undo execplan.

#include "planck/config/config.hpp"

#include "planck/config/config_file.hpp"
#include "planck/config/packs.hpp"
#include "planck/model/document.hpp"
#include "planck/util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace planck {

namespace {

namespace fs = std::filesystem;
using config_file::confine;
using config_file::fail;
using config_file::identity;
using config_file::k_max_config_bytes;
using config_file::LoadError;
using config_file::parse_yaml;
using config_file::read_file;
using config_file::Source;

constexpr std::size_t k_max_extends_depth = 10;
constexpr std::string_view k_default_pack = "agdd";

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates)
{
  const std::string match = closest_match(word, candidates);
  return match.empty() ? "" : " (did you mean '" + match + "'?)";
}

// Where to report a problem with `node`: an implicit null (`key:` with nothing after it) carries
// the mark of whatever follows it, often the next line, so its key's mark `fallback` is better.
YAML::Mark mark_of(const YAML::Node& node, const YAML::Mark& fallback)
{
  const YAML::Mark mark = node.Mark();
  return mark.is_null() || node.IsNull() ? fallback : mark;
}

bool ends_with(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string join_chain(const std::vector<std::string>& names, const std::string& last)
{
  std::string chain;
  for (const auto& name : names) {
    chain += name + " -> ";
  }
  return chain + last;
}


// Calls `visit(key, key_mark, value)` for each entry of mapping `map`, refusing keys that are
// not plain names and keys given twice (yaml-cpp would silently keep the first).
template<typename Visit>
void for_each_entry(const Source& source, const YAML::Node& map, Visit visit)
{
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      fail(source.name, key.Mark(), "a key must be a plain name, not a list or mapping");
    }
    const std::string name = key.Scalar();
    if (!seen.insert(name).second) {
      fail(source.name, key.Mark(), "duplicate key '" + name + "'");
    }
    visit(name, key.Mark(), entry.second);
  }
}

// A plain (unquoted) scalar: what YAML reads as a number or boolean.
bool is_plain_scalar(const YAML::Node& node)
{
  return node.IsScalar() && node.Tag() != "!";
}

std::string read_string(const Source& source, const YAML::Node& value, const YAML::Mark& at,
                        const std::string& what)
{
  if (!value.IsScalar() || value.Scalar().empty()) {
    fail(source.name, mark_of(value, at), "'" + what + "' must be a non-empty string");
  }
  return value.Scalar();
}

std::vector<std::string> read_strings(const Source& source, const YAML::Node& value,
                                      const YAML::Mark& at, const std::string& what)
{
  std::vector<std::string> result;
  if (value.IsNull()) {
    return result;
  }
  if (!value.IsSequence()) {
    fail(source.name, mark_of(value, at), "'" + what + "' must be a list of strings");
  }
  for (const auto& item : value) {
    if (!item.IsScalar()) {
      fail(source.name, mark_of(item, at), "'" + what + "' must be a list of strings");
    }
    result.push_back(item.Scalar());
  }
  return result;
}

// A list of paths read as they are, such as the cross-link documents: a glob there would match no
// file, and check nothing, without a word.
std::vector<std::string> read_paths(const Source& source, const YAML::Node& value, const YAML::Mark& at,
                                    const std::string& what)
{
  std::vector<std::string> result = read_strings(source, value, at, what);
  for (std::size_t i = 0; i < result.size(); ++i) {
    const std::string& path = result[i];
    const auto bracket = path.find('[');
    if (path.find_first_of("*?") != std::string::npos
        || (bracket != std::string::npos && path.find(']', bracket) != std::string::npos)) {
      fail(source.name, mark_of(value[i], at),
           "'" + what + "' takes file paths, not globs: '" + path + "' (list each file)");
    }
  }
  return result;
}

std::vector<Glob> read_globs(const Source& source, const YAML::Node& value, const YAML::Mark& at,
                             const std::string& what)
{
  std::vector<Glob> result;
  if (value.IsNull()) {
    return result;
  }
  if (!value.IsSequence()) {
    fail(source.name, mark_of(value, at), "'" + what + "' must be a list of globs");
  }
  for (const auto& item : value) {
    if (!item.IsScalar()) {
      fail(source.name, mark_of(item, at), "'" + what + "' must be a list of globs");
    }
    std::string error;
    auto glob = Glob::compile(item.Scalar(), &error);
    if (!glob) {
      fail(source.name, mark_of(item, at), "bad glob '" + item.Scalar() + "': " + error);
    }
    result.push_back(std::move(*glob));
  }
  return result;
}

bool read_bool(const Source& source, const YAML::Node& value, const YAML::Mark& at,
               const std::string& what)
{
  bool result = false;
  if (!is_plain_scalar(value) || !YAML::convert<bool>::decode(value, result)) {
    fail(source.name, mark_of(value, at), "'" + what + "' must be true or false");
  }
  return result;
}

long long read_int(const Source& source, const YAML::Node& value, const YAML::Mark& at,
                   const std::string& what)
{
  long long result = 0;
  bool ok = is_plain_scalar(value);
  if (ok) {
    std::string_view text = value.Scalar();
    if (!text.empty() && text.front() == '+') {
      text.remove_prefix(1);
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    ok = !text.empty() && error == std::errc() && end == text.data() + text.size();
  }
  if (!ok) {
    fail(source.name, mark_of(value, at), "'" + what + "' must be an integer");
  }
  return result;
}

// An option value checked against its declared type, as a value of that type.
OptionValue read_option(const Source& source, const OptionSpec& spec, const YAML::Node& value,
                        const YAML::Mark& at)
{
  const std::string name(spec.name);
  switch (spec.type) {
  case OptionType::boolean:
    return read_bool(source, value, at, name);
  case OptionType::integer: {
    const long long number = read_int(source, value, at, name);
    if (spec.minimum && number < *spec.minimum) {
      fail(source.name, mark_of(value, at), "'" + name + "' must be at least " + std::to_string(*spec.minimum));
    }
    return number;
  }
  case OptionType::string: {
    if (!value.IsScalar()) {
      fail(source.name, mark_of(value, at), "'" + name + "' must be a string");
    }
    if (!spec.choices.empty()) {
      const std::vector<std::string> choices = split(spec.choices, '|');
      if (std::find(choices.begin(), choices.end(), value.Scalar()) == choices.end()) {
        std::string listed;
        for (std::size_t i = 0; i < choices.size(); ++i) {
          listed += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
        }
        fail(source.name, mark_of(value, at),
             "'" + name + "' must be " + listed + ", not '" + value.Scalar() + "'" + did_you_mean(value.Scalar(), choices));
      }
    }
    return value.Scalar();
  }
  case OptionType::string_list:
    if (!value.IsSequence()) {
      fail(source.name, mark_of(value, at), "'" + name + "' must be a list of strings");
    }
    return read_strings(source, value, at, name);
  case OptionType::glob_list:
    // Compiled once, here, so that a bad glob names its place and rules match without compiling.
    return read_globs(source, value, at, name);
  }
  fail(source.name, at, "option '" + name + "' has an unknown type");
}

// A name a user file gave that must turn out to be one of the final `plans.sections`.
struct SectionReference
{
  std::string file;
  YAML::Mark mark;
  std::string name;
  std::string message;   // what the name is, e.g. "log 'Progres'"
  bool log = false;      // a log name, which may also be an alias
};

class Loader
{
public:
  /// `root`, when set, confines `extends` paths: a config that came from the repository (and so
  /// perhaps from the pull request being checked) may not make planck read files outside it.
  explicit Loader(const std::vector<RuleInfo>& catalogue, fs::path root = {}) : m_root(std::move(root))
  {
    for (const auto& info : catalogue) {
      const std::string id(info.id);
      m_rule_ids.push_back(id);
      m_catalogue[id] = &info;
      RuleConfig& rule = m_config.rules[id];
      rule.severity = info.default_severity;
      const Source defaults{"catalogue:" + id, {}, {}, true, {}};
      for (const auto& option : info.options) {
        YAML::Node value;
        try {
          value = YAML::Load(std::string(option.default_yaml));
        } catch (const YAML::Exception& error) {
          fail(defaults.name, error.mark, "bad default for '" + std::string(option.name) + "'");
        }
        m_options[id][std::string(option.name)] = read_option(defaults, option, value, {});
      }
    }
  }

  Config load(const Source& root)
  {
    m_config.source = root.name;
    std::vector<const Source*> stack;
    read(root, stack);
    m_config.index_sections();
    check_section_references();
    respell_alias_keys();
    for (auto& [id, rule] : m_config.rules) {
      for (auto& [name, value] : m_options[id]) {
        rule.options.set(name, std::move(value));
      }
    }
    m_config.index_sections();
    return std::move(m_config);
  }

private:
  void read(const Source& source, std::vector<const Source*>& stack)
  {
    stack.push_back(&source);
    YAML::Node root = parse_yaml(source);
    if (!root.IsNull() && !root.IsMap()) {
      fail(source.name, root.Mark(), "a config must be a mapping of keys to values");
    }

    static const std::vector<std::string> k_keys = {"extends", "plans", "ignore", "rules", "limits"};
    std::vector<std::pair<std::string, YAML::Mark>> parents;
    bool has_extends = false;
    if (root.IsMap()) {
      for_each_entry(source, root, [&](const std::string& key, const YAML::Mark& mark,
                                       const YAML::Node& value) {
        if (std::find(k_keys.begin(), k_keys.end(), key) == k_keys.end()) {
          fail(source.name, mark, "unknown key '" + key + "'" + did_you_mean(key, k_keys));
        }
        if (key == "extends") {
          has_extends = true;
          parents = read_extends(source, value, mark);
        }
      });
    }
    if (!has_extends && !source.pack) {
      parents.emplace_back(k_default_pack, YAML::Mark::null_mark());
    }

    for (const auto& [name, mark] : parents) {
      const Source parent = resolve(source, name, mark);
      for (std::size_t i = 0; i < stack.size(); ++i) {
        if (stack[i]->id == parent.id) {
          std::vector<std::string> chain;
          for (std::size_t j = i; j < stack.size(); ++j) {
            chain.push_back(stack[j]->name);
          }
          fail(source.name, mark, "'extends' cycle: " + join_chain(chain, parent.name));
        }
      }
      if (m_applied.count(parent.id) != 0) {
        continue;
      }
      if (stack.size() >= k_max_extends_depth) {
        std::vector<std::string> chain;
        for (const Source* entry : stack) {
          chain.push_back(entry->name);
        }
        fail(source.name, mark,
             "'extends' chain deeper than " + std::to_string(k_max_extends_depth) +
                 " levels: " + join_chain(chain, parent.name));
      }
      read(parent, stack);
    }

    if (root.IsMap()) {
      for_each_entry(source, root, [&](const std::string& key, const YAML::Mark& mark,
                                       const YAML::Node& value) {
        if (key == "plans") {
          read_plans(source, value, mark);
        } else if (key == "ignore") {
          m_config.ignore = read_globs(source, value, mark, "ignore");
          m_config.origins["ignore"] = source.name;
        } else if (key == "rules") {
          read_rules(source, value, mark);
        } else if (key == "limits") {
          read_limits(source, value, mark);
        }
      });
    }
    m_applied.insert(source.id);
    m_config.packs.push_back(source.name);
    stack.pop_back();
  }

  void read_limits(const Source& source, const YAML::Node& value, const YAML::Mark& at)
  {
    if (value.IsNull()) {
      return;
    }
    if (!value.IsMap()) {
      fail(source.name, mark_of(value, at), "'limits' must be a mapping");
    }
    static const std::vector<std::string> k_limit_keys = {"max_document_bytes", "max_entries", "max_elements",
                                                          "max_table_columns"};
    for_each_entry(source, value, [&](const std::string& key, const YAML::Mark& mark, const YAML::Node& field) {
      if (std::find(k_limit_keys.begin(), k_limit_keys.end(), key) == k_limit_keys.end()) {
        fail(source.name, mark, "unknown key '" + key + "' in 'limits'" + did_you_mean(key, k_limit_keys));
      }
      const long long number = read_int(source, field, mark, "limits." + key);
      if (number < 1) {
        fail(source.name, mark_of(field, mark), "'limits." + key + "' must be at least 1");
      }
      m_config.origins["limits." + key] = source.name;
      if (key == "max_document_bytes") {
        m_config.limits.max_document_bytes = static_cast<std::uint64_t>(number);
      } else if (key == "max_entries") {
        m_config.limits.max_entries = static_cast<std::size_t>(number);
      } else if (key == "max_elements") {
        m_config.limits.max_elements = static_cast<std::size_t>(number);
      } else {
        m_config.limits.max_table_columns = static_cast<std::size_t>(number);
      }
    });
  }

  static std::vector<std::pair<std::string, YAML::Mark>> read_extends(const Source& source,
                                                                      const YAML::Node& value,
                                                                      const YAML::Mark& at)
  {
    const std::string what = "'extends' must be a pack name, a path or a list of those";
    std::vector<std::pair<std::string, YAML::Mark>> parents;
    if (value.IsScalar()) {
      parents.emplace_back(value.Scalar(), mark_of(value, at));
      return parents;
    }
    if (!value.IsSequence()) {
      fail(source.name, mark_of(value, at), what);
    }
    for (const auto& item : value) {
      if (!item.IsScalar()) {
        fail(source.name, mark_of(item, at), what);
      }
      parents.emplace_back(item.Scalar(), mark_of(item, at));
    }
    return parents;
  }

  // Pack names resolve to embedded packs; anything with a `/` or a YAML extension is a file
  // relative to the directory of the file that names it.
  Source resolve(const Source& from, const std::string& name, const YAML::Mark& mark) const
  {
    if (name.empty()) {
      fail(from.name, mark, "'extends' names an empty pack or path");
    }
    const bool is_path = name.find('/') != std::string::npos || ends_with(name, ".yaml") ||
                         ends_with(name, ".yml");
    if (!is_path) {
      std::vector<std::string> names;
      for (const auto& pack : embedded_packs()) {
        if (pack.name == name) {
          const std::string id = "pack:" + name;
          return Source{id, id, {}, true, std::string(pack.yaml)};
        }
        names.emplace_back(pack.name);
      }
      fail(from.name, mark, "unknown pack '" + name + "'" + did_you_mean(name, names));
    }
    if (from.pack) {
      fail(from.name, mark, "a pack extends packs only, not '" + name + "'");
    }
    const fs::path path = (from.directory / name).lexically_normal();
    Source source{path.string(), identity(path), path.parent_path(), false, {}};
    if (!m_root.empty()) {
      if (auto error = confine(path, m_root, source.name)) {
        fail(from.name, mark, *error);
      }
    }
    if (auto error = read_file(path, source.name, source.text)) {
      fail(from.name, mark, *error);
    }
    return source;
  }

  void read_plans(const Source& source, const YAML::Node& plans, const YAML::Mark& at)
  {
    if (plans.IsNull()) {
      return;
    }
    if (!plans.IsMap()) {
      fail(source.name, mark_of(plans, at), "'plans' must be a mapping");
    }
    static const std::vector<std::string> k_keys = {"paths",    "exclude",        "registry",   "active_heading",
                                                    "completed_heading", "crosslinks", "sections",
                                                    "aliases",  "logs",           "timestamps"};
    for_each_entry(source, plans, [&](const std::string& key, const YAML::Mark& mark,
                                      const YAML::Node& value) {
      const std::string what = "plans." + key;
      m_config.origins[what] = source.name;
      if (key == "paths") {
        m_config.plan_paths = read_globs(source, value, mark, what);
      } else if (key == "exclude") {
        m_config.plan_exclude = read_globs(source, value, mark, what);
      } else if (key == "registry") {
        m_config.registry = read_string(source, value, mark, what);
      } else if (key == "active_heading" || key == "completed_heading") {
        // One heading or a list of them; the first is the one planck writes.
        std::vector<std::string> headings =
          value.IsScalar() ? std::vector<std::string>{read_string(source, value, mark, what)}
                           : read_strings(source, value, mark, what);
        if (headings.empty()) {
          fail(source.name, mark_of(value, mark), "'" + what + "' names no heading");
        }
        (key == "active_heading" ? m_config.registry_lists.active : m_config.registry_lists.completed) =
          std::move(headings);
      } else if (key == "crosslinks") {
        m_config.crosslinks = read_paths(source, value, mark, what);
      } else if (key == "sections") {
        read_sections(source, value, mark);
      } else if (key == "aliases") {
        read_aliases(source, value, mark);
      } else if (key == "logs") {
        read_logs(source, value, mark);
      } else if (key == "timestamps") {
        read_timestamps(source, value, mark);
      } else {
        fail(source.name, mark, "unknown key '" + key + "' in 'plans'" + did_you_mean(key, k_keys));
      }
    });
  }

  void read_sections(const Source& source, const YAML::Node& value, const YAML::Mark& at)
  {
    m_config.sections = read_strings(source, value, at, "plans.sections");
    std::set<std::string> seen;
    std::size_t index = 0;
    for (const auto& item : value) {
      const std::string& name = m_config.sections[index++];
      if (!seen.insert(normalize_section_name(name)).second) {
        fail(source.name, mark_of(item, at), "section '" + name + "' is listed twice");
      }
    }
  }

  void read_aliases(const Source& source, const YAML::Node& value, const YAML::Mark& at)
  {
    if (value.IsNull()) {
      return;
    }
    if (!value.IsMap()) {
      fail(source.name, mark_of(value, at),
           "'plans.aliases' must be a mapping of section names to lists of aliases");
    }
    for_each_entry(source, value, [&](const std::string& canonical, const YAML::Mark& mark,
                                      const YAML::Node& names) {
      // A key spelled differently from an earlier one for the same section still replaces it.
      std::erase_if(m_config.aliases, [&](const auto& entry) {
        return normalize_section_name(entry.first) == normalize_section_name(canonical);
      });
      m_config.aliases[canonical] =
          read_strings(source, names, mark, "plans.aliases." + canonical);
      if (!source.pack) {
        m_references.push_back(
            {source.name, mark, canonical, "alias key '" + canonical + "'", false});
      }
    });
  }

  void read_logs(const Source& source, const YAML::Node& value, const YAML::Mark& at)
  {
    m_config.logs.clear();
    if (value.IsNull()) {
      return;
    }
    if (!value.IsSequence()) {
      fail(source.name, mark_of(value, at), "'plans.logs' must be a list of log sections");
    }
    static const std::vector<std::string> k_keys = {"name", "order", "newest_first", "timestamped",
                                                    "checklist"};
    for (const auto& item : value) {
      const YAML::Mark item_mark = mark_of(item, at);
      LogSection log;
      if (item.IsScalar()) {
        log.name = item.Scalar();
      } else if (item.IsMap()) {
        for_each_entry(source, item, [&](const std::string& key, const YAML::Mark& mark,
                                         const YAML::Node& field) {
          const std::string what = "plans.logs." + key;
          if (key == "name") {
            log.name = read_string(source, field, mark, what);
          } else if (key == "newest_first") {
            log.order = read_bool(source, field, mark, what) ? LogOrder::newest_first : LogOrder::oldest_first;
          } else if (key == "order") {
            const std::string order = read_string(source, field, mark, what);
            static const std::vector<std::string> k_orders = {"auto", "oldest-first", "newest-first"};
            if (order == "auto") {
              log.order = LogOrder::detect;
            } else if (order == "oldest-first") {
              log.order = LogOrder::oldest_first;
            } else if (order == "newest-first") {
              log.order = LogOrder::newest_first;
            } else {
              fail(source.name, mark,
                   "'" + what + "' must be auto, oldest-first or newest-first, not '" + order + "'" +
                       did_you_mean(order, k_orders));
            }
          } else if (key == "timestamped") {
            log.timestamped = read_bool(source, field, mark, what);
          } else if (key == "checklist") {
            log.checklist = read_bool(source, field, mark, what);
          } else {
            fail(source.name, mark,
                 "unknown key '" + key + "' in 'plans.logs'" + did_you_mean(key, k_keys));
          }
        });
      } else {
        fail(source.name, item_mark,
             "a log in 'plans.logs' is a section name or a mapping with a 'name'");
      }
      if (log.name.empty()) {
        fail(source.name, item_mark, "a log in 'plans.logs' needs a 'name'");
      }
      if (!source.pack) {
        m_references.push_back({source.name, item_mark, log.name, "log '" + log.name + "'", true});
      }
      m_config.logs.push_back(std::move(log));
    }
  }

  void read_timestamps(const Source& source, const YAML::Node& value, const YAML::Mark& at)
  {
    if (value.IsNull()) {
      return;
    }
    if (!value.IsMap()) {
      fail(source.name, mark_of(value, at), "'plans.timestamps' must be a mapping");
    }
    static const std::vector<std::string> k_keys = {"date_only", "no_zone"};
    for_each_entry(source, value, [&](const std::string& key, const YAML::Mark& mark,
                                      const YAML::Node& field) {
      if (key == "date_only") {
        m_config.timestamps.date_only =
            read_bool(source, field, mark, "plans.timestamps.date_only");
      } else if (key == "no_zone") {
        const std::string policy = read_string(source, field, mark, "plans.timestamps.no_zone");
        static const std::vector<std::string> k_policies = {"assume_utc", "note", "reject"};
        if (policy == "assume_utc") {
          m_config.timestamps.no_zone = NoZonePolicy::assume_utc;
        } else if (policy == "note") {
          m_config.timestamps.no_zone = NoZonePolicy::note;
        } else if (policy == "reject") {
          m_config.timestamps.no_zone = NoZonePolicy::reject;
        } else {
          fail(source.name, mark,
               "'plans.timestamps.no_zone' must be assume_utc, note or reject, not '" + policy + "'" +
                   did_you_mean(policy, k_policies));
        }
      } else {
        fail(source.name, mark,
             "unknown key '" + key + "' in 'plans.timestamps'" + did_you_mean(key, k_keys));
      }
    });
  }

  void read_rules(const Source& source, const YAML::Node& rules, const YAML::Mark& at)
  {
    if (rules.IsNull()) {
      return;
    }
    if (!rules.IsMap()) {
      fail(source.name, mark_of(rules, at), "'rules' must be a mapping of rule ids to settings");
    }
    for_each_entry(source, rules, [&](const std::string& id, const YAML::Mark& mark,
                                      const YAML::Node& value) {
      const auto found = m_catalogue.find(id);
      if (found == m_catalogue.end()) {
        fail(source.name, mark, "unknown rule '" + id + "'" + did_you_mean(id, m_rule_ids));
      }
      RuleConfig& rule = m_config.rules[id];
      if (value.IsScalar()) {
        read_severity(source, rule, value, mark);
        m_config.origins["rules." + id + ".severity"] = source.name;
        return;
      }
      if (!value.IsMap()) {
        fail(source.name, mark_of(value, mark),
             "rule '" + id + "' takes a severity (error, warning, note or off) or a mapping");
      }
      const RuleInfo& info = *found->second;
      std::vector<std::string> keys = {"severity", "paths"};
      for (const auto& option : info.options) {
        keys.emplace_back(option.name);
      }
      for_each_entry(source, value, [&](const std::string& key, const YAML::Mark& key_mark,
                                        const YAML::Node& field) {
        if (key == "severity") {
          read_severity(source, rule, field, key_mark);
          m_config.origins["rules." + id + ".severity"] = source.name;
          return;
        }
        if (key == "paths") {
          rule.paths = read_globs(source, field, key_mark, "paths");
          m_config.origins["rules." + id + ".paths"] = source.name;
          return;
        }
        for (const auto& option : info.options) {
          if (option.name == key) {
            m_options[id][key] = read_option(source, option, field, key_mark);
            m_config.origins["rules." + id + "." + key] = source.name;
            return;
          }
        }
        fail(source.name, key_mark,
             "unknown key '" + key + "' in rule '" + id + "'" + did_you_mean(key, keys));
      });
    });
  }

  static void read_severity(const Source& source, RuleConfig& rule, const YAML::Node& value,
                            const YAML::Mark& at)
  {
    if (!value.IsScalar()) {
      fail(source.name, mark_of(value, at), "a severity is one of error, warning, note or off");
    }
    const std::string& text = value.Scalar();
    if (text == "off") {
      rule.enabled = false;
      return;
    }
    const auto severity = parse_severity(text);
    if (!severity) {
      fail(source.name, mark_of(value, at),
           "'" + text + "' is not a severity (error, warning, note or off)");
    }
    rule.enabled = true;
    rule.severity = *severity;
  }

  const std::string* find_section(const std::string& name) const
  {
    const std::string wanted = normalize_section_name(name);
    for (const auto& section : m_config.sections) {
      if (normalize_section_name(section) == wanted) {
        return &section;
      }
    }
    return nullptr;
  }

  // Alias keys take the spelling `plans.sections` uses, so that canonical_section() answers
  // with the name rules compare against.
  void respell_alias_keys()
  {
    std::map<std::string, std::vector<std::string>> aliases;
    for (auto& [key, names] : m_config.aliases) {
      const std::string* section = find_section(key);
      aliases[section != nullptr ? *section : key] = std::move(names);
    }
    m_config.aliases = std::move(aliases);
  }

  // Runs once the chain is applied, since a user file may name a section an earlier pack lists.
  void check_section_references() const
  {
    if (m_config.sections.empty()) {
      return;
    }
    for (const auto& reference : m_references) {
      const bool known = reference.log
                             ? m_config.canonical_section(reference.name).has_value()
                             : find_section(reference.name) != nullptr;
      if (!known) {
        fail(reference.file, reference.mark,
             reference.message + " is not one of 'plans.sections'" +
                 did_you_mean(reference.name, m_config.sections));
      }
    }
  }

  Config m_config;
  std::vector<std::string> m_rule_ids;
  std::map<std::string, const RuleInfo*> m_catalogue;
  std::map<std::string, std::map<std::string, OptionValue>> m_options;
  fs::path m_root;
  std::set<std::string> m_applied;
  std::vector<SectionReference> m_references;
};

Expected<Config> load_source(const Source& source, const std::vector<RuleInfo>& catalogue, fs::path root = {})
{
  try {
    Loader loader(catalogue, std::move(root));
    return loader.load(source);
  } catch (const LoadError& error) {
    // Messages quote the config, which a pull request may write: they must stay one line on stderr.
    return Expected<Config>::failure(one_line(error.message));
  }
}

} // namespace

Expected<Config> load_config_text(const std::string& text, const std::string& name,
                                  const std::vector<RuleInfo>& catalogue)
{
  if (text.size() > k_max_config_bytes) {
    return Expected<Config>::failure("config '" + name + "' is larger than 1 MiB");
  }
  return load_source(config_file::user_source(name, fs::path(name), text), catalogue);
}

Expected<Config> load_config(const ConfigRequest& request, const std::vector<RuleInfo>& catalogue)
{
  auto user = config_file::read_user_config(request);
  if (!user) {
    return Expected<Config>::failure(user.error());
  }
  if (*user) {
    return load_source((*user)->source, catalogue, std::move((*user)->root));
  }
  const std::string id = "pack:" + std::string(k_default_pack);
  for (const auto& pack : embedded_packs()) {
    if (pack.name == k_default_pack) {
      return load_source(Source{id, id, {}, true, std::string(pack.yaml)}, catalogue);
    }
  }
  return Expected<Config>::failure("the default pack '" + std::string(k_default_pack) + "' is not built in");
}

} // namespace planck
