#include "planck/authoring/plan_edit.hpp"

#include "planck/authoring/plan_template.hpp"
#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/plan/log_sections.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace planck {

namespace {

constexpr std::int64_t k_day = 24 * 60 * 60;

std::int64_t floor_div(std::int64_t value, std::int64_t divisor)
{
  return value / divisor - (value % divisor < 0 ? 1 : 0);
}

std::string time_of_day(std::int64_t epoch, bool seconds)
{
  const std::int64_t in_day = epoch - floor_div(epoch, k_day) * k_day;
  const auto hours = in_day / 3600;
  const auto minutes = in_day / 60 % 60;
  return seconds ? fmt::format("{:02}:{:02}:{:02}", hours, minutes, in_day % 60)
                 : fmt::format("{:02}:{:02}", hours, minutes);
}

bool is_blank(std::string_view line)
{
  return trim(line).empty();
}

// Views of `buffer`'s lines, valid until the buffer changes.
std::vector<std::string_view> buffer_lines(const LineBuffer& buffer)
{
  std::vector<std::string_view> lines;
  for (int number = 1; number <= buffer.size(); ++number) {
    lines.push_back(buffer.line(number));
  }
  return lines;
}

// `- `, `* ` or `+ ` with its indentation, when `line` starts a bullet item; empty otherwise.
std::string bullet_prefix(std::string_view line)
{
  std::size_t indent = 0;
  while (indent < line.size() && indent < 3 && line[indent] == ' ') {
    ++indent;
  }
  if (indent + 1 < line.size() && (line[indent] == '-' || line[indent] == '*' || line[indent] == '+') &&
      (line[indent + 1] == ' ' || line[indent + 1] == '\t')) {
    return std::string(line.substr(0, indent + 1));
  }
  return {};
}

// `item` (written with `- `) re-bulleted as `prefix`, continuation lines shifted to match.
std::vector<std::string> with_bullet(std::vector<std::string> item, const std::string& prefix)
{
  if (prefix.empty() || item.empty() || !starts_with(item.front(), "- ")) {
    return item;
  }
  const std::string shift(prefix.size() - 1, ' ');
  item.front() = prefix + item.front().substr(1);
  for (std::size_t i = 1; i < item.size(); ++i) {
    item[i] = shift + item[i];
  }
  return item;
}

std::string kebab(const std::string& name)
{
  return make_slug(name);
}

std::string spaced(std::string name)
{
  std::replace(name.begin(), name.end(), '-', ' ');
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

} // namespace

std::string format_log_entry(const LogSection& log, std::int64_t stamp, std::string_view text, bool seconds)
{
  std::vector<std::string> lines;
  std::size_t start = 0;
  const std::string flat = [&] {
    std::string copy(text);
    std::replace(copy.begin(), copy.end(), '\r', '\n');
    return copy;
  }();
  while (start <= flat.size()) {
    const auto end = flat.find('\n', start);
    const std::string_view piece = std::string_view(flat).substr(start, end == std::string::npos ? end : end - start);
    if (!is_blank(piece)) {
      lines.emplace_back(trim(piece));
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  const std::string date = format_utc_date(stamp);
  const std::string when = time_of_day(stamp, seconds);
  std::string entry =
      log.checklist ? fmt::format("- [x] ({} {}Z)", date, when) : fmt::format("- [{} {} UTC]", date, when);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    entry += (i == 0 ? " " : "\n  ") + lines[i];
  }
  return entry;
}

Expected<const LogSection*> find_log_spec(const Config& config, const std::string& name)
{
  if (const LogSection* log = config.log_section(name)) {
    return log;
  }
  if (const LogSection* log = config.log_section(spaced(name))) {
    return log;
  }
  const std::string wanted = normalize_section_name(spaced(name));
  const LogSection* prefix_match = nullptr;
  int prefix_matches = 0;
  std::vector<std::string> candidates;
  std::string names;
  for (const auto& log : config.logs) {
    std::vector<std::string> forms = {log.name};
    const std::string canonical = config.canonical_section(log.name).value_or(log.name);
    if (const auto aliases = config.aliases.find(canonical); aliases != config.aliases.end()) {
      forms.insert(forms.end(), aliases->second.begin(), aliases->second.end());
    }
    bool matched = false;
    for (const auto& form : forms) {
      const std::string normalized = normalize_section_name(form);
      if (!wanted.empty() && starts_with(normalized, wanted) &&
          (normalized.size() == wanted.size() || normalized[wanted.size()] == ' ')) {
        matched = true;
      }
      candidates.push_back(kebab(form));
      candidates.push_back(form);
    }
    if (matched) {
      prefix_match = &log;
      ++prefix_matches;
    }
    names += (names.empty() ? "" : ", ") + kebab(log.name);
  }
  if (prefix_matches == 1) {
    return prefix_match;
  }
  const std::string suggestion = closest_match(name, candidates);
  return Expected<const LogSection*>::failure(
      fmt::format("unknown log section '{}'{}; the log sections are {}", name,
                  suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion), names));
}

std::optional<std::int64_t> newest_entry_time(const Section& section, const Config& config)
{
  std::optional<std::int64_t> newest;
  for (const auto& entry : section.entries) {
    const auto stamp = parse_timestamp(entry.text, config.timestamps);
    if (stamp.status == Timestamp::Status::ok && (!newest || stamp.epoch > *newest)) {
      newest = stamp.epoch;
    }
  }
  return newest;
}

int insert_list_item(LineBuffer& lines, const Section& section, const std::vector<std::string>& item, ListEnd where)
{
  if (!section.entries.empty()) {
    if (where == ListEnd::first) {
      const ListItem& first = section.entries.front();
      lines.insert(first.line, with_bullet(item, bullet_prefix(lines.line(first.line))));
      return first.line;
    }
    const ListItem& last = section.entries.back();
    const int after = std::max(last.end_line, last.line);
    lines.insert(after + 1, with_bullet(item, bullet_prefix(lines.line(last.line))));
    return after + 1;
  }

  const int first = section.line + 1;
  const int end = std::min(section.end_line, lines.size());
  // A placeholder paragraph of one line (`_None yet._`) is what an empty list looks like: replace it.
  for (int number = first; number <= end; ++number) {
    const bool alone = (number == first || is_blank(lines.line(number - 1))) &&
                       (number == lines.size() || is_blank(lines.line(number + 1)) || number == end);
    if (alone && is_placeholder_line(lines.line(number))) {
      lines.erase(number, number);
      lines.insert(number, item);
      return number;
    }
  }
  int last_content = 0;
  for (int number = first; number <= end; ++number) {
    if (!is_blank(lines.line(number))) {
      last_content = number;
    }
  }
  const int after = last_content != 0 ? last_content : section.line;
  std::vector<std::string> block = {""};
  block.insert(block.end(), item.begin(), item.end());
  if (after + 1 <= lines.size() && !is_blank(lines.line(after + 1))) {
    block.emplace_back();
  }
  lines.insert(after + 1, block);
  return after + 2;
}

LogAppend append_log_entry(std::string_view text, const Config& config, const LogSection& log,
                           std::string_view entry_text, std::int64_t now)
{
  LogAppend result;
  const Document document = parse_document("", text);
  const Section* section = find_log_section(document, config, log);
  if (section == nullptr) {
    result.status = LogAppend::Status::no_section;
    return result;
  }
  const auto newest = newest_entry_time(*section, config);
  if (newest && *newest > now) {
    result.status = LogAppend::Status::in_future;
    result.newest = *newest;
    return result;
  }
  std::int64_t stamp = floor_div(now, 60) * 60;
  bool seconds = false;
  if (newest && stamp < *newest) {
    stamp = now;
    seconds = true;
  }
  const std::string entry = format_log_entry(log, stamp, entry_text, seconds);
  LineBuffer lines(advance_last_synced(text, now));
  result.line =
      insert_list_item(lines, *section, split(entry, '\n'), kept_newest_first(log, section, nullptr, config.timestamps) ? ListEnd::first : ListEnd::last);
  result.entry = lines.line(result.line);
  result.text = lines.str();
  return result;
}

std::string set_front_matter_value(std::string_view text, const std::string& key, const std::string& value, bool add)
{
  LineBuffer lines(text);
  const FrontMatter front = read_front_matter(buffer_lines(lines));
  if (!front.present || front.error || !front.mapping) {
    return std::string(text);
  }
  const FrontMatterValue* node = front.value(key);
  if (node == nullptr) {
    if (add) {
      lines.insert(front.end_line, {key + ": " + value});
    }
    return lines.str();
  }
  const int number = front.line_of(key);
  const std::string& line = lines.line(number);
  const auto colon = line.find(':');
  const std::string* scalar = node->kind == FrontMatterValue::Kind::scalar ? &node->scalar : nullptr;
  if (scalar != nullptr && !scalar->empty() && colon != std::string::npos) {
    const auto at = line.find(*scalar, colon + 1);
    if (at != std::string::npos) {
      if (*scalar == value) {
        return lines.str();
      }
      lines.replace(number, line.substr(0, at) + value + line.substr(at + scalar->size()));
      return lines.str();
    }
  }
  lines.replace(number, key + ": " + value);
  return lines.str();
}

std::string advance_last_synced(std::string_view text, std::int64_t now)
{
  LineBuffer lines(text);
  const FrontMatter front = read_front_matter(buffer_lines(lines));
  const std::string* written = front.scalar("last_synced");
  if (written == nullptr) {
    return std::string(text);
  }
  const auto synced = parse_date(*written);
  const std::int64_t today = floor_div(now, k_day) * k_day;
  if (!synced || *synced >= today) {
    return std::string(text);
  }
  return set_front_matter_value(text, "last_synced", format_utc_date(now), false);
}

} // namespace planck
