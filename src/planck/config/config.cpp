#include "planck/config/config.hpp"

#include "planck/model/document.hpp"

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

Config::Memo::Memo(const Memo& other)
{
  const std::lock_guard<std::mutex> guard(other.lock);
  section_index = other.section_index;
  log_sections = other.log_sections;
}

Config::Memo& Config::Memo::operator=(const Memo& other)
{
  if (this != &other) {
    const std::scoped_lock guard(lock, other.lock);
    section_index = other.section_index;
    log_sections = other.log_sections;
  }
  return *this;
}

std::optional<std::string> Config::canonical_section(const std::string& heading) const
{
  const std::vector<std::string> forms = section_name_forms(heading);
  const std::lock_guard<std::mutex> guard(m_memo.lock);
  if (!m_memo.section_index) {
    auto& index = m_memo.section_index.emplace();
    // Sections first, then aliases: the first name to claim a normalized form keeps it.
    for (const auto& section : sections) {
      index.emplace(normalize_section_name(section), section);
    }
    for (const auto& [canonical, names] : aliases) {
      index.emplace(normalize_section_name(canonical), canonical);
      for (const auto& name : names) {
        index.emplace(normalize_section_name(name), canonical);
      }
    }
  }
  // The heading as written first: a pack may name a section `Step 1: Scope` on purpose.
  for (const auto& form : forms) {
    if (const auto found = m_memo.section_index->find(form); found != m_memo.section_index->end()) {
      return found->second;
    }
  }
  return std::nullopt;
}

const LogSection* Config::log_section(const std::string& heading) const
{
  // A log need not be one of `sections` (a config may list no sections at all), so compare
  // canonical names where there are any and the names as written otherwise.
  {
    const std::lock_guard<std::mutex> guard(m_memo.lock);
    if (const auto known = m_memo.log_sections.find(heading); known != m_memo.log_sections.end()) {
      const auto index = static_cast<std::size_t>(known->second);
      return known->second >= 0 && index < logs.size() ? &logs[index] : nullptr;
    }
  }
  // Through the same forms as canonical_section, so that a decorated log heading
  // (`## 5. Progress — live`) is a log wherever it would be a section.
  const auto canonical = canonical_section(heading);
  const std::vector<std::string> wanted =
      canonical ? std::vector<std::string>{normalize_section_name(*canonical)} : section_name_forms(heading);
  long found = -1;
  for (const auto& form : wanted) {
    for (std::size_t i = 0; i < logs.size() && found < 0; ++i) {
      if (normalize_section_name(canonical_section(logs[i].name).value_or(logs[i].name)) == form) {
        found = static_cast<long>(i);
      }
    }
    if (found >= 0) {
      break;
    }
  }
  {
    const std::lock_guard<std::mutex> guard(m_memo.lock);
    m_memo.log_sections.emplace(heading, found);
  }
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
