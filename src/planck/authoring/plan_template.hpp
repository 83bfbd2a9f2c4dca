#pragma once

#include "planck/config/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planck {

/// What `planck new` puts into a plan.
struct NewPlan
{
  std::string title;
  std::string slug;
  std::string status = "in-progress";
  std::int64_t now = 0;      // seconds since the epoch, UTC: last_synced and the first Progress entry
};

/// `title` as a kebab-case slug: ASCII letters lower-cased and digits kept, every other run of
/// bytes one `-`, no `-` at either end, at most 64 bytes (cut at a `-`); empty when nothing is left.
std::string make_slug(std::string_view title);

/// True when `slug` is kebab-case: lower-case ASCII letters and digits in groups joined by single `-`.
bool is_slug(std::string_view slug);

/// `text` written so that Markdown (with GitHub's extensions) reads it back as the same plain text in a
/// heading or a list item: markup characters (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `&`, `~`) and a
/// heading's closing `#` backslash-escaped, `://` and `www.` escaped so that no URL becomes a link. An
/// e-mail address still becomes a `mailto:` link: no escape stops GitHub's autolinking of those.
std::string markdown_text(std::string_view text);

/// `value` as a YAML scalar that reads back as the same string: plain when that is safe, else double-quoted.
std::string yaml_scalar(std::string_view value);

/// The repository-relative path of a new plan named `slug`: `<folder>/<slug>.md` in the folder of the
/// first `plans.paths` glob that would match it; nothing when no glob would.
std::optional<std::string> new_plan_path(const Config& config, const std::string& slug);

/// The folder of the first `plans.paths` glob (its part before the first wildcard), "" for the root.
std::string plans_folder(const Config& config);

/// A new plan from the pack's canonical template: front matter, `# title` (as `markdown_text`), every section of
/// `config.sections` in order with a one-line prompt (an HTML comment), log sections empty but for
/// Progress, which gets its first entry stamped `plan.now`. Lines end with `eol`.
std::string render_plan(const Config& config, const NewPlan& plan, const std::string& eol = "\n");

/// A new registry with front matter, an introduction naming the plans `folder`, and empty
/// `## Active Plans` and `## Completed Plans` lists holding the placeholder line.
std::string render_registry(const std::string& folder, std::int64_t now);

/// A `planck.yaml` that extends `pack`, with the pack's plan paths and registry as comments.
std::string render_config(const std::string& pack, const Config& pack_config);

/// The README of the plans folder (`readme_path`), which links the registry at `registry_path`.
std::string render_plans_readme(const std::string& readme_path, const std::string& registry_path);

/// The line an empty registry list holds.
inline constexpr std::string_view k_empty_list_placeholder = "_None yet._";

/// True when `line` is a placeholder standing for an empty list: `_None yet._`, `None.`, `*Nothing yet*`…
bool is_placeholder_line(std::string_view line);

} // namespace planck
