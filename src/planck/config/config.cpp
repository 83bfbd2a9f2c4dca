#include "planck/config/config.hpp"
#include "planck/model/document.hpp"

#include <atomic>

namespace planck {

namespace {

bool any_matches(const std::vector<Glob>& globs, const std::string& path)
{
  for (const auto& glob : globs) {
    if (glob.matches(path)) {
      return true;
    }
  }
  return false;
}

} // namespace

bool RuleConfig::applies_to(const std::string& path) const
{
  return paths.empty() || any_matches(paths, path);
}

bool Config::is_plan(const std::string& path) const
{
  return any_matches(plan_paths, path) && !any_matches(plan_exclude, path) && !is_ignored(path);
}

std::vector<std::string> Config::plan_companions() const
{
  std::vector<std::string> paths;
  if (!registry.empty()) {
    paths.push_back(registry);
  }
  paths.insert(paths.end(), crosslinks.begin(), crosslinks.end());
  return paths;
}

bool Config::is_ignored(const std::string& path) const
{
  return any_matches(ignore, path);
}

void Config::index_sections()
{
  static std::atomic<std::uint64_t> indexed{0};
  m_index_id = ++indexed;
  // Sections first, then aliases: the first name to claim a normalized form keeps it.
  m_section_index.clear();
  for (const auto& section : sections) {
    m_section_index.emplace(normalize_section_name(section), section);
  }
  for (const auto& [canonical, names] : aliases) {
    m_section_index.emplace(normalize_section_name(canonical), canonical);
    for (const auto& name : names) {
      m_section_index.emplace(normalize_section_name(name), canonical);
    }
  }
  // Each log under its canonical name where it has one, else as written; the first log to claim
  // a name keeps it.
  m_log_index.clear();
  for (std::size_t i = 0; i < logs.size(); ++i) {
    m_log_index.emplace(normalize_section_name(canonical_section(logs[i].name).value_or(logs[i].name)), i);
  }
}

std::optional<std::string> Config::canonical_section(const std::string& heading) const
{
  // The heading as written first: a pack may name a section `Step 1: Scope` on purpose.
  for (const auto& form : section_name_forms(heading)) {
    if (const auto found = m_section_index.find(form); found != m_section_index.end()) {
      return found->second;
    }
  }
  return std::nullopt;
}

const LogSection* Config::log_section(const std::string& heading) const
{
  // Every heading of every document is asked about by several rules: each thread remembers its
  // answers for the Config it last served, so the lookups share nothing between threads.
  thread_local std::uint64_t memo_of = 0;
  thread_local std::unordered_map<std::string, long> memo;
  if (memo_of != m_index_id) {
    memo.clear();
    memo_of = m_index_id;
  }
  if (const auto known = memo.find(heading); known != memo.end()) {
    return known->second >= 0 ? &logs[static_cast<std::size_t>(known->second)] : nullptr;
  }
  // A log need not be one of `sections` (a config may list no sections at all), so compare
  // canonical names where there are any and the names as written otherwise, through the same
  // forms as canonical_section: a decorated log heading (`## 5. Progress — live`) is a log
  // wherever it would be a section.
  const auto canonical = canonical_section(heading);
  const std::vector<std::string> wanted =
      canonical ? std::vector<std::string>{normalize_section_name(*canonical)} : section_name_forms(heading);
  long found = -1;
  for (const auto& form : wanted) {
    if (const auto at = m_log_index.find(form); at != m_log_index.end()) {
      found = static_cast<long>(at->second);
      break;
    }
  }
  memo.emplace(heading, found);
  return found >= 0 ? &logs[static_cast<std::size_t>(found)] : nullptr;
}

const RuleConfig& Config::rule(const std::string& id) const
{
  const auto found = rules.find(id);
  if (found == rules.end()) {
    throw Error("unknown rule '" + id + "'");
  }
  return found->second;
}

} // namespace planck
