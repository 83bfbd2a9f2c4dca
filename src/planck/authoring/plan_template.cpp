#include "planck/authoring/plan_template.hpp"

#include "planck/authoring/plan_edit.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/model/document.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cerrno>
#include <iconv.h>
#include <locale.h>
#include <utility>

namespace planck {

namespace {

constexpr std::size_t k_slug_limit = 64;

bool is_lower_alnum(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// One line saying what goes into each canonical section (log sections other than Progress stay empty).
std::string prompt_for(const std::string& section)
{
  static const std::array<std::pair<std::string_view, std::string_view>, 10> k_prompts{{
      {"Purpose / Big Picture", "Why this work matters and how to tell that it succeeded."},
      {"Context and Orientation", "What a newcomer needs: links to issues, specs, code and documents."},
      {"Plan of Work", "Phases, dependencies and risks."},
      {"To-do", "Steps as a checklist of boxes, each ticked when done."},
      {"Concrete Steps", "Ordered implementation steps and the commands they run."},
      {"Validation and Acceptance", "The commands that prove the work is done, and what they print."},
      {"Idempotence and Recovery", "How to retry safely and how to roll back."},
      {"Outcomes & Retrospective", "Filled in at the end: final state, follow-ups, lessons learned."},
      {"Artifacts and Notes", "Pull requests, runs, dashboards and documents."},
      {"Interfaces and Dependencies", "Services, APIs, schemas and teams this work touches."},
  }};
  const std::string wanted = normalize_section_name(section);
  for (const auto& [name, prompt] : k_prompts) {
    if (normalize_section_name(std::string(name)) == wanted) {
      return std::string(prompt);
    }
  }
  return "What belongs under " + section + ".";
}

std::string pattern_folder(std::string_view pattern)
{
  if (starts_with(pattern, "./")) {
    pattern.remove_prefix(2);
  }
  while (starts_with(pattern, "/")) {
    pattern.remove_prefix(1);
  }
  const auto wildcard = pattern.find_first_of("*?[\\");
  const auto slash = pattern.substr(0, wildcard).rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(pattern.substr(0, slash));
}

// `text` (UTF-8) in ASCII as glibc's iconv transliterates it (`Café` → `Cafe`, `Straße` →
// `Strasse`), under the C.UTF-8 locale whose tables know accented letters; a character it cannot
// render becomes `?`. `text` as it is when iconv or the locale is missing.
std::string transliterated(std::string_view text)
{
  const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  if (utf8 == static_cast<locale_t>(0)) {
    return std::string(text);
  }
  const locale_t previous = uselocale(utf8);
  std::string out;
  const iconv_t converter = iconv_open("ASCII//TRANSLIT", "UTF-8");
  if (converter != reinterpret_cast<iconv_t>(-1)) {
    std::string in(text);
    char* in_at = in.data();
    std::size_t in_left = in.size();
    std::array<char, 256> buffer{};
    while (in_left > 0) {
      char* out_at = buffer.data();
      std::size_t out_left = buffer.size();
      const std::size_t done = iconv(converter, &in_at, &in_left, &out_at, &out_left);
      out.append(buffer.data(), buffer.size() - out_left);
      if (done == static_cast<std::size_t>(-1) && errno != E2BIG) {
        out.push_back('?');   // invalid UTF-8: skip a byte
        ++in_at;
        --in_left;
      }
    }
    iconv_close(converter);
  } else {
    out = std::string(text);
  }
  uselocale(previous);
  freelocale(utf8);
  return out;
}

} // namespace

std::string make_slug(std::string_view title)
{
  std::string slug;
  for (char c : transliterated(title)) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (is_lower_alnum(c)) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  if (slug.size() > k_slug_limit) {
    const auto cut = slug.rfind('-', k_slug_limit);
    slug.resize(cut == std::string::npos || cut == 0 ? k_slug_limit : cut);
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  return slug;
}

bool is_slug(std::string_view slug)
{
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (std::size_t i = 0; i < slug.size(); ++i) {
    if (!is_lower_alnum(slug[i]) && !(slug[i] == '-' && slug[i - 1] != '-')) {
      return false;
    }
  }
  return true;
}

std::string markdown_text(std::string_view text)
{
  std::string result;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // Emphasis, code, links and images, raw HTML and `<…>` autolinks, entities, strikethrough.
    const bool markup = std::string_view("\\`*_[]<>&~").find(c) != std::string_view::npos;
    // GitHub's extended autolinks start at `scheme://` and `www.`; an escape inside keeps the text.
    const bool url = (c == ':' && text.substr(i + 1, 2) == "//")
                     || (c == '.' && i >= 3 && to_lower(text.substr(i - 3, 3)) == "www");
    if (markup || url) {
      result.push_back('\\');
    }
    result.push_back(c);
  }
  // `# Issue #`: a run of `#` after a space at the end closes a heading, and would vanish from its text.
  const auto last = result.find_last_not_of(" \t");
  if (last != std::string::npos && result[last] == '#') {
    const auto before = result.find_last_not_of('#', last);
    const std::size_t run = before == std::string::npos ? 0 : before + 1;
    if (run == 0 || result[run - 1] == ' ' || result[run - 1] == '\t') {
      result.insert(run, "\\");
    }
  }
  return result;
}

std::string yaml_scalar(std::string_view value)
{
  const std::string plain(value);
  bool safe = !plain.empty() && trim(plain).size() == plain.size();
  for (char c : plain) {
    safe = safe && c != '\n' && c != '\r' && c != '\t' && c != '"' && c != '\\';
  }
  if (safe) {
    try {
      const YAML::Node node = YAML::Load("key: " + plain);
      const YAML::Node read = node["key"];
      // Reading back as a string is not enough: `yes`, `2025-10-30` or `12` would change meaning for
      // a reader that types its scalars, so those are quoted too.
      safe = read.IsScalar() && read.Tag() == "?" && read.Scalar() == plain;
      const std::string lower = to_lower(plain);
      for (const char* word : {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}) {
        safe = safe && lower != word;
      }
      safe = safe && plain.find_first_not_of("0123456789.-+:eE_ ") != std::string::npos;
    } catch (const YAML::Exception&) {
      safe = false;
    }
  }
  if (safe) {
    return plain;
  }
  std::string quoted = "\"";
  for (char c : plain) {
    switch (c) {
    case '"':
      quoted += "\\\"";
      break;
    case '\\':
      quoted += "\\\\";
      break;
    case '\n':
      quoted += "\\n";
      break;
    case '\r':
      quoted += "\\r";
      break;
    case '\t':
      quoted += "\\t";
      break;
    default:
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string plans_folder(const Config& config)
{
  return config.plan_paths.empty() ? std::string() : pattern_folder(config.plan_paths.front().pattern());
}

std::optional<std::string> new_plan_path(const Config& config, const std::string& slug)
{
  for (const auto& glob : config.plan_paths) {
    const std::string folder = pattern_folder(glob.pattern());
    const std::string path = folder.empty() ? slug + ".md" : folder + "/" + slug + ".md";
    if (config.is_plan(path)) {
      return path;
    }
  }
  return std::nullopt;
}

std::string render_plan(const Config& config, const NewPlan& plan, const std::string& eol)
{
  std::string text;
  const auto line = [&](const std::string& content = {}) { text += content + eol; };
  line("---");
  line("title: " + yaml_scalar(plan.title));
  line("slug: " + yaml_scalar(plan.slug));
  line("status: " + yaml_scalar(plan.status));
  line("last_synced: " + format_utc_date(plan.now));
  line("---");
  line();
  line("# " + markdown_text(plan.title));
  for (const auto& section : config.sections) {
    line();
    line("## " + section);
    const LogSection* log = config.log_section(section);
    if (log == nullptr) {
      line();
      line("<!-- " + prompt_for(section) + " -->");
    } else if (normalize_section_name(log->name) == normalize_section_name("Progress")) {
      line();
      line(format_log_entry(*log, plan.now, "Plan created.", false));
    }
  }
  return text;
}

std::string render_registry(const std::string& folder, std::int64_t now)
{
  const std::string where = folder.empty() ? std::string("the repository root") : "`" + folder + "/`";
  std::string text;
  text += "---\n";
  text += "title: ExecPlans\n";
  text += "slug: plans\n";
  text += "status: living\n";
  text += "last_synced: " + format_utc_date(now) + "\n";
  text += "---\n\n";
  text += "# ExecPlans\n\n";
  text += "Multi-session work gets an ExecPlan in " + where + ", registered here. `planck new \"Title\"`\n";
  text += "creates one under Active Plans, `planck log PLAN SECTION \"text\"` appends a timestamped entry to\n";
  text += "its logs, and `planck close PLAN` moves it to Completed Plans once it is done.\n";
  text += "\n## Active Plans\n\n";
  text += std::string(k_empty_list_placeholder) + "\n";
  text += "\n## Completed Plans\n\n";
  text += std::string(k_empty_list_placeholder) + "\n";
  return text;
}

std::string render_config(const std::string& pack, const Config& pack_config)
{
  std::string text;
  text += "# planck configuration: every key is optional. `planck rules` lists the rules,\n";
  text += "# `planck explain RULE` describes one and its options.\n";
  text += "extends: " + pack + "\n";
  text += "# The pack's plan locations, to change them:\n";
  text += "# plans:\n";
  text += "#   paths:\n";
  for (const auto& glob : pack_config.plan_paths) {
    text += "#     - " + glob.pattern() + "\n";
  }
  text += "#   registry: " + pack_config.registry + "\n";
  return text;
}

std::string render_plans_readme(const std::string& readme_path, const std::string& registry_path)
{
  std::string text;
  text += "# Plans\n\n";
  text += "Each multi-session piece of work has an ExecPlan here, named `<kebab-slug>.md` and listed in\n";
  text += "[" + registry_path + "](" + relative_link(readme_path, registry_path) + ").\n\n";
  text += "- `planck new \"Title\"` starts one from the template and registers it.\n";
  text += "- `planck log PLAN SECTION \"text\"` appends to Progress, Decision Log or Surprises & Discoveries,\n";
  text += "  stamped with the current UTC time; entries are never rewritten.\n";
  text += "- `planck status` shows where the active plans stand; `planck close PLAN` completes one.\n";
  text += "- `planck check` keeps them honest.\n";
  return text;
}

bool is_placeholder_line(std::string_view line)
{
  std::string_view text = trim(line);
  while (!text.empty() && (text.front() == '_' || text.front() == '*')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == '_' || text.back() == '*')) {
    text.remove_suffix(1);
  }
  const std::string lower = to_lower(trim(text));
  if (lower.empty()) {
    return false;
  }
  for (const char* word : {"none", "nothing", "no plans", "no active plans", "no completed plans"}) {
    const std::string_view prefix(word);
    if (starts_with(lower, prefix) && (lower.size() == prefix.size() || !is_lower_alnum(lower[prefix.size()]))) {
      return true;
    }
  }
  return lower == "tbd" || lower == "n/a" || lower == "-" || lower == "\xE2\x80\x94";
}

} // namespace planck
