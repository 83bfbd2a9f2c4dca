#include "planck/authoring/plan_overview.hpp"

#include "planck/markdown/parser.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/plan/log_sections.hpp"
#include "planck/plan/plan_status.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

namespace planck {

namespace {

constexpr std::int64_t k_day = 24 * 60 * 60;

std::int64_t days_between(std::int64_t earlier, std::int64_t later)
{
  const std::int64_t difference = later - earlier;
  return difference >= 0 ? difference / k_day : -((-difference + k_day - 1) / k_day);
}

// The front-matter value of `key` as strings: one for a scalar, each item of a list.
std::vector<std::string> front_matter_strings(const Document& document, const std::string& key)
{
  std::vector<std::string> values;
  const FrontMatterValue* value = document.front_matter.value(key);
  if (value == nullptr) {
    return values;
  }
  if (value->kind == FrontMatterValue::Kind::scalar && !trim(value->scalar).empty()) {
    values.emplace_back(trim(value->scalar));
  } else if (value->kind == FrontMatterValue::Kind::sequence) {
    for (const auto& item : value->items) {
      if (!trim(item).empty()) {
        values.emplace_back(trim(item));
      }
    }
  }
  return values;
}

std::string front_matter_string(const Document& document, const std::string& key)
{
  const auto values = front_matter_strings(document, key);
  return values.empty() ? std::string() : values.front();
}

void read_plan(PlanOverview& overview, const Document& plan, const Config& config, std::int64_t now)
{
  if (overview.title.empty()) {
    overview.title = front_matter_string(plan, "title");
  }
  if (overview.title.empty()) {
    overview.title = plan.title.empty() ? std::filesystem::path(overview.path).stem().string() : plan.title;
  }
  if (overview.status.empty()) {
    overview.status = to_lower(front_matter_string(plan, "status"));
  }
  if (overview.owners.empty()) {
    overview.owners = front_matter_strings(plan, "owners");
  }
  if (overview.owners.empty()) {
    overview.owners = front_matter_strings(plan, "owner");
  }
  for (const auto& todo : plan.todos) {
    overview.open_boxes += todo.checkbox == Checkbox::open ? 1 : 0;
  }
  for (const auto& view : log_sections(plan, config)) {
    for (const auto& entry : view.section->entries) {
      const auto stamp = parse_timestamp(entry.text, config.timestamps);
      if (stamp.status != Timestamp::Status::ok || (overview.last_entry && stamp.epoch < *overview.last_entry)) {
        continue;
      }
      overview.last_entry = stamp.epoch;
      overview.last_section = view.spec->name;
      overview.last_text = quote(std::string(trim(std::string_view(entry.text).substr(stamp.length))), 60);
    }
  }
  if (overview.last_entry) {
    overview.idle_days = static_cast<int>(days_between(*overview.last_entry, now));
  }
}

} // namespace

std::vector<PlanOverview> active_plans(const Workspace& workspace, std::int64_t now, int stale_days)
{
  const Config& config = workspace.config();
  const PlanSet plans(workspace.plans());
  std::vector<PlanOverview> result;
  std::set<std::string> listed;

  if (const auto text = workspace.read(config.registry)) {
    const Document document = parse_document(config.registry, *text);
    for (const auto& entry : parse_registry(document, config.registry_lists).entries) {
      const auto path = registry_entry_plan(entry, config.registry, plans);
      if (path) {
        listed.insert(*path);
      }
      if (entry.list != RegistryEntry::List::active) {
        continue;
      }
      PlanOverview overview;
      overview.path = path ? *path : resolve_relative_link(config.registry, entry.target).value_or(entry.target);
      overview.title = unescape_markdown(entry.title);   // the entry is Markdown source
      overview.owners = entry.owners;
      overview.status = entry.status;
      overview.registered = true;
      if (const auto date = parse_date(entry.date)) {
        overview.since = entry.date;
        overview.age_days = static_cast<int>(days_between(*date, now));
      }
      result.push_back(std::move(overview));
    }
  }
  for (const auto& path : plans.paths()) {
    if (listed.count(path) == 0) {
      PlanOverview overview;
      overview.path = path;
      result.push_back(std::move(overview));
    }
  }

  std::vector<PlanOverview> active;
  for (auto& overview : result) {
    if (const auto text = workspace.read(overview.path)) {
      read_plan(overview, parse_document(overview.path, *text), config, now);
    }
    static const std::set<std::string> k_active = {"draft", "in-progress", "blocking", "paused"};
    if (!overview.registered && k_active.count(overview.status) == 0) {
      continue;
    }
    overview.stale = !overview.last_entry || now - *overview.last_entry > static_cast<std::int64_t>(stale_days) * k_day;
    active.push_back(std::move(overview));
  }
  std::stable_sort(active.begin(), active.end(), [](const PlanOverview& a, const PlanOverview& b) {
    if (a.last_entry.has_value() != b.last_entry.has_value()) {
      return !a.last_entry.has_value();
    }
    if (a.last_entry && *a.last_entry != *b.last_entry) {
      return *a.last_entry < *b.last_entry;
    }
    return a.path < b.path;
  });
  return active;
}

} // namespace planck
