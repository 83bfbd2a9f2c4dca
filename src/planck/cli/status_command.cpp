#include "planck/cli/status_command.hpp"

#include "planck/cli/open.hpp"
#include "planck/report/escape.hpp"
#include "planck/util/error.hpp"
#include "planck/util/timestamp.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace planck {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& empty)
{
  std::string text;
  for (const auto& item : items) {
    text += (text.empty() ? "" : ", ") + item;
  }
  return text.empty() ? empty : text;
}

std::string days(int count)
{
  return count == 0 ? std::string("today") : count == 1 ? std::string("1 day ago") : fmt::format("{} days ago", count);
}

// Text for a Markdown table cell: pipes escaped, nothing that starts a new line.
std::string cell(const std::string& text)
{
  std::string result;
  for (char c : text) {
    if (c == '|') {
      result += "\\|";
    } else if (c == '\n' || c == '\r') {
      result += ' ';
    } else {
      result += c;
    }
  }
  return result;
}

std::string iso(std::int64_t epoch)
{
  constexpr std::int64_t k_day = 24 * 60 * 60;
  const std::int64_t in_day = ((epoch % k_day) + k_day) % k_day;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_utc_date(epoch), in_day / 3600, in_day / 60 % 60, in_day % 60);
}

void write_text(std::ostream& out, const std::vector<PlanOverview>& plans, int stale_days)
{
  if (plans.empty()) {
    out << "no active plans\n";
    return;
  }
  int stale = 0;
  for (const auto& plan : plans) {
    stale += plan.stale ? 1 : 0;
    out << fmt::format("{:<6} {} ({})\n", plan.stale ? "STALE" : "ok", plan.title, plan.path);
    std::string facts = plan.status.empty() ? std::string("no status") : plan.status;
    facts += " · " + join(plan.owners, "no owner");
    if (plan.age_days) {
      facts += fmt::format(" · registered {} ({})", *plan.since, days(*plan.age_days));
    } else if (!plan.registered) {
      facts += " · not in the registry";
    }
    facts += fmt::format(" · {} open box{}", plan.open_boxes, plan.open_boxes == 1 ? "" : "es");
    out << "       " << facts << "\n";
    if (plan.last_entry) {
      out << fmt::format("       last entry {} ({}, {}): {}\n", days(*plan.idle_days), format_utc(*plan.last_entry),
                         plan.last_section, plan.last_text);
    } else {
      out << "       no log entry yet\n";
    }
  }
  out << fmt::format("{} active plan{}, {} stale (no log entry in the last {} day{})\n", plans.size(),
                     plans.size() == 1 ? "" : "s", stale, stale_days, stale_days == 1 ? "" : "s");
}

void write_markdown(std::ostream& out, const std::vector<PlanOverview>& plans, int stale_days)
{
  out << "### Active plans\n\n";
  if (plans.empty()) {
    out << "No active plans.\n";
    return;
  }
  out << "| Plan | Owner | Status | Age | Last entry | Open boxes | Stale |\n";
  out << "| --- | --- | --- | --- | --- | ---: | --- |\n";
  for (const auto& plan : plans) {
    const std::string last = plan.last_entry ? fmt::format("{} ({}): {}", format_utc(*plan.last_entry),
                                                           days(*plan.idle_days), plan.last_text)
                                             : std::string("none");
    out << fmt::format("| [{}]({}) | {} | {} | {} | {} | {} | {} |\n", escape_markdown_cell(plan.title), cell(plan.path),
                       cell(join(plan.owners, "—")), cell(plan.status.empty() ? "—" : plan.status),
                       plan.age_days ? fmt::format("{} d", *plan.age_days) : std::string("—"), cell(last),
                       plan.open_boxes, plan.stale ? fmt::format("⚠️ over {} d", stale_days) : std::string("no"));
  }
}

void write_json(std::ostream& out, const std::vector<PlanOverview>& plans, std::int64_t now, int stale_days)
{
  nlohmann::ordered_json document;
  document["version"] = 1;
  document["generated"] = iso(now);
  document["stale_days"] = stale_days;
  document["plans"] = nlohmann::ordered_json::array();
  for (const auto& plan : plans) {
    nlohmann::ordered_json item;
    item["path"] = plan.path;
    item["title"] = plan.title;
    item["owners"] = plan.owners;
    item["status"] = plan.status;
    item["registered"] = plan.registered;
    item["since"] = plan.since ? nlohmann::ordered_json(*plan.since) : nlohmann::ordered_json();
    item["age_days"] = plan.age_days ? nlohmann::ordered_json(*plan.age_days) : nlohmann::ordered_json();
    item["last_entry"] = plan.last_entry ? nlohmann::ordered_json(iso(*plan.last_entry)) : nlohmann::ordered_json();
    item["last_entry_section"] = plan.last_entry ? nlohmann::ordered_json(plan.last_section) : nlohmann::ordered_json();
    item["last_entry_text"] = plan.last_entry ? nlohmann::ordered_json(plan.last_text) : nlohmann::ordered_json();
    item["idle_days"] = plan.idle_days ? nlohmann::ordered_json(*plan.idle_days) : nlohmann::ordered_json();
    item["open_boxes"] = plan.open_boxes;
    item["stale"] = plan.stale;
    document["plans"].push_back(std::move(item));
  }
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace

void write_status(std::ostream& out, const std::string& format, const std::vector<PlanOverview>& plans,
                  std::int64_t now, int stale_days)
{
  if (format == "text") {
    write_text(out, plans, stale_days);
  } else if (format == "json") {
    write_json(out, plans, now, stale_days);
  } else if (format == "markdown") {
    write_markdown(out, plans, stale_days);
  } else {
    throw Error(fmt::format("unknown status format '{}' (text, json or markdown)", format));
  }
}

int run_status(const StatusOptions& options)
{
  if (options.format != "text" && options.format != "json" && options.format != "markdown") {
    throw Error(fmt::format("unknown status format '{}' (text, json or markdown)", options.format));
  }
  if (options.stale_days < 0) {
    throw Error("--stale-days must be 0 or more");
  }
  const Workspace workspace = open_workspace(options.directory, options.config);
  const std::int64_t now = now_utc();
  write_status(std::cout, options.format, active_plans(workspace, now, options.stale_days), now, options.stale_days);
  return 0;
}

Command add_status_command(CLI::App& parent)
{
  auto options = std::make_shared<StatusOptions>();
  auto* command = parent.add_subcommand("status", "Show the active plans: owner, status, last entry, staleness");
  command->add_option("--format", options->format, "text (default), json or markdown (a GitHub step summary table)");
  command->add_option("--stale-days", options->stale_days, "Stale when the newest log entry is older (default 7)");
  add_config_option(*command, options->config);
  add_directory_option(*command, options->directory);
  return {command, [options] { return run_status(*options); }};
}

} // namespace planck
