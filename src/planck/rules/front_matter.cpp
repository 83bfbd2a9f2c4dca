#include "planck/markdown/front_matter.hpp"
#include "planck/rules/builtin.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace planck {

namespace {

std::string stem_of(const std::string& path)
{
  return std::filesystem::path(path).stem().string();
}

std::string join(const std::vector<std::string>& items)
{
  std::string text;
  for (const auto& item : items) {
    text += (text.empty() ? "" : ", ") + item;
  }
  return text;
}

void check_document(const RuleContext& context, const Target& target)
{
  const FrontMatter& fm = target.head->front_matter;
  const auto& settings = context.settings;
  auto report = [&](int line, std::string message, const std::string& key) {
    context.report({.path = target.path,
                    .line = std::max(line, 1),
                    .column = 1,
                    .end_line = 0,
                    .message = std::move(message),
                    .fingerprint_key = key,
                    .severity = std::nullopt});
  };

  if (!fm.present) {
    if (settings.options.boolean("required")) {
      report(1,
             fmt::format("plan has no front matter; start it with a `---` block holding {}",
                         join(settings.options.strings("keys"))),
             "absent");
    }
    return;
  }
  if (fm.error) {
    report(fm.error->line, fm.error->message, "yaml");
    return;
  }
  if (!fm.mapping) {
    report(fm.start_line, "front matter must be a YAML mapping of keys to values", "not-a-map");
    return;
  }

  using Kind = FrontMatterValue::Kind;
  for (const auto& key : settings.options.strings("keys")) {
    const FrontMatterValue* value = fm.value(key);
    if (value == nullptr) {
      report(fm.start_line, fmt::format("front matter lacks required key '{}'", key), "missing\n" + key);
    } else if (value->kind == Kind::null || (value->kind == Kind::scalar && trim(value->scalar).empty())) {
      report(fm.line_of(key), fmt::format("front matter key '{}' is empty", key), "empty\n" + key);
    }
  }

  const std::string* slug = fm.scalar("slug");
  const std::string slug_rule = settings.options.string("slug");
  if (slug != nullptr && !slug->empty() && slug_rule != "any") {
    const std::string stem = stem_of(target.path);
    if (slug_rule == "file-name-prefix") {
      // `2026-02-16-storage` names `2026-02-16-storage-plan.md`: the file name starts with the
      // slug, whole words.
      if (!slug_starts(stem, *slug)) {
        report(fm.line_of("slug"),
               fmt::format("slug '{}' does not start the file name '{}'; the file name must begin with it",
                           *slug, stem),
               "slug");
      }
    } else if (*slug != stem) {
      report(fm.line_of("slug"),
             fmt::format("slug '{}' does not match the file name '{}'; they must be equal", *slug, stem), "slug");
    }
  }

  const FrontMatterValue* status = fm.value("status");
  if (status != nullptr && status->kind != Kind::null) {
    const auto allowed = settings.options.strings("statuses");
    const std::string value = status->kind == Kind::scalar ? status->scalar : std::string("(not a string)");
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      const auto suggestion = closest_match(value, allowed);
      report(fm.line_of("status"),
             fmt::format("status '{}' is not one of {}{}", value, join(allowed),
                         suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)),
             "status");
    }
  }

  const FrontMatterValue* synced = fm.value("last_synced");
  if (synced != nullptr && synced->kind != Kind::null) {
    if (synced->kind != Kind::scalar || !parse_date(synced->scalar)) {
      report(fm.line_of("last_synced"),
             fmt::format("last_synced '{}' is not a date (YYYY-MM-DD)",
                         synced->kind == Kind::scalar ? synced->scalar : "?"),
             "last_synced");
    }
  }
}

} // namespace

void check_front_matter(const RuleContext& context)
{
  for_each_plan(context, [&](const Target& target, const Document&) { check_document(context, target); });
}

RuleInfo front_matter_info()
{
  return {
    .id = "front-matter",
    .default_severity = Severity::error,
    .summary = "Front matter is a YAML mapping with the required keys; slug, status and last_synced are valid.",
    .description =
      "Tools and people find plans by their front matter. Where a plan has front matter (or the "
      "`required` option asks for it), it must be a YAML mapping holding the required keys "
      "(default `title`, `slug`, `status`, `last_synced`), `slug` must match the file name as the "
      "`slug` option says (`file-name`: equal to it without `.md`; `file-name-prefix`: the file name "
      "starts with it, as `2026-02-16-storage` for `2026-02-16-storage-plan.md`; `any`: not checked), "
      "`status` must be one of the pack's statuses and `last_synced` a `YYYY-MM-DD` date.",
    .fix = "Fix the YAML, add the missing keys, rename the slug or the file so they agree, and use "
           "one of the allowed statuses.",
    .bad_example = "---\ntitle: Storage migration\nslug: storage\nstatus: wip\nlast_synced: yesterday\n---\n",
    .good_example = "---\ntitle: Storage migration\nslug: storage-migration\nstatus: in-progress\nlast_synced: 2025-10-30\n---\n",
    .options = {
      {.name = "required", .type = OptionType::boolean, .default_yaml = "false",
       .help = "Every plan must have front matter."},
      {.name = "keys", .type = OptionType::string_list, .default_yaml = "[title, slug, status, last_synced]",
       .help = "Keys the front matter must hold."},
      {.name = "statuses", .type = OptionType::string_list,
       .default_yaml = "[draft, in-progress, blocking, paused, completed]",
       .help = "Allowed values of `status`; an empty list allows any."},
      {.name = "slug", .type = OptionType::string, .default_yaml = "file-name",
       .help = "How `slug` must match the file name: `file-name` (equal), `file-name-prefix` (the file "
               "name starts with it) or `any` (not checked).",
       .choices = "file-name|file-name-prefix|any"},
    },
  };
}

} // namespace planck
