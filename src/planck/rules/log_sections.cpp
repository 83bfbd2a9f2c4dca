#include "planck/rules/log_sections.hpp"

#include "planck/util/strings.hpp"

#include <set>

namespace planck {

std::vector<LogView> log_sections(const Document& document, const Config& config)
{
  std::vector<LogView> views;
  std::set<std::string> seen;
  for (const auto& section : document.sections) {
    const LogSection* spec = config.log_section(section.heading);
    if (spec == nullptr || !seen.insert(spec->name).second) {
      continue;
    }
    views.push_back({&section, spec});
  }
  return views;
}

const Section* find_log_section(const Document& document, const Config& config, const LogSection& spec)
{
  for (const auto& view : log_sections(document, config)) {
    if (view.spec->name == spec.name) {
      return view.section;
    }
  }
  return nullptr;
}

bool is_pending_step(const ListItem& entry, const LogSection& spec)
{
  return spec.checklist && entry.checkbox == Checkbox::open;
}

std::string entry_key(const ListItem& entry)
{
  return collapse_whitespace(entry.text);
}

std::string_view entry_key_view(const ListItem& entry, std::deque<std::string>& kept)
{
  std::string scratch;
  const std::string_view key = collapse_whitespace_view(entry.text, scratch);
  if (key.data() != scratch.data()) {
    return key;
  }
  kept.push_back(std::move(scratch));
  return kept.back();
}

std::string entry_key_without_timestamp(const ListItem& entry, const TimestampOptions& options)
{
  const auto stamp = parse_timestamp(entry.text, options);
  if (stamp.status == Timestamp::Status::missing || stamp.length == 0) {
    return entry_key(entry);
  }
  return collapse_whitespace(std::string_view(entry.text).substr(stamp.length));
}

std::string quote(std::string_view text, std::size_t limit)
{
  std::string flat = collapse_whitespace(text);
  if (flat.size() <= limit) {
    return flat;
  }
  std::size_t cut = limit;
  // Back up to the start of a UTF-8 sequence so the quote stays valid text.
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return flat.substr(0, cut) + "…";
}

} // namespace planck
