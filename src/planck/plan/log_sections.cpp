#include "planck/plan/log_sections.hpp"

#include "planck/util/strings.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <unordered_map>

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
  // An open box is a step still to do, in a checklist section or not: it carries no time yet.
  (void)spec;
  return entry.checkbox == Checkbox::open;
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

namespace {

bool is_ascii_alnum(char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A section's order as its timestamps show it: true newest first, false oldest first, nothing
// when fewer than two of them differ.
std::optional<bool> order_shown(const Section* section, const TimestampOptions& options)
{
  if (section == nullptr) {
    return std::nullopt;
  }
  int ascending = 0;
  int descending = 0;
  std::optional<Timestamp> previous;
  for (const auto& entry : section->entries) {
    auto stamp = parse_timestamp(entry.text, options);
    if (stamp.status != Timestamp::Status::ok) {
      continue;
    }
    if (previous) {
      const bool by_day = previous->date_only || stamp.date_only;
      const std::int64_t a = by_day ? previous->epoch / 86400 : previous->epoch;
      const std::int64_t b = by_day ? stamp.epoch / 86400 : stamp.epoch;
      ascending += a < b ? 1 : 0;
      descending += a > b ? 1 : 0;
    }
    previous = std::move(stamp);
  }
  if (ascending + descending == 0) {
    return std::nullopt;
  }
  return descending > ascending;
}

// Where the range put the entries it added to a section whose base shows no order (a single
// entry, or entries all at one time): before the entries it kept is newest first, after them
// oldest first. Nothing when the head adds no timestamped entry or the kept ones cannot be found.
std::optional<bool> order_placed(const Section* base, const Section* head, const TimestampOptions& options)
{
  if (base == nullptr || head == nullptr) {
    return std::nullopt;
  }
  auto stamped = [&](const Section& section) {
    std::vector<std::string> texts;
    for (const auto& entry : section.entries) {
      if (parse_timestamp(entry.text, options).status == Timestamp::Status::ok) {
        texts.push_back(collapse_whitespace(entry.text));
      }
    }
    return texts;
  };
  const std::vector<std::string> kept = stamped(*base);
  const std::vector<std::string> now = stamped(*head);
  if (kept.empty() || now.size() <= kept.size()) {
    return std::nullopt;
  }
  const auto first = std::find(now.begin(), now.end(), kept.front());
  const auto last = std::find(now.begin(), now.end(), kept.back());
  if (first == now.end() || last == now.end()) {
    return std::nullopt;
  }
  if (first != now.begin()) {
    return true;
  }
  if (std::next(last) != now.end()) {
    return false;
  }
  return std::nullopt;
}

// Lower-case letters and digits only (other bytes of UTF-8 text kept): text compared with its
// whitespace, punctuation and case aside.
std::string loose(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_ascii_alnum(c)) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      out += c;
    }
  }
  return out;
}

// The text with every inline link's destination emptied: `[text](a.md)` -> `[text]()`.
std::string without_link_targets(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("](", pos);
    if (open == std::string_view::npos) {
      break;
    }
    out.append(text.substr(pos, open + 2 - pos));
    int depth = 1;
    std::size_t at = open + 2;
    while (at < text.size() && depth > 0) {
      depth += text[at] == '(' ? 1 : (text[at] == ')' ? -1 : 0);
      ++at;
    }
    out += ')';
    pos = at;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

// The numbers of a text in order (`1.5`, `2026-01-02`, `12:30`): a changed number is a change of
// fact, however few characters it takes.
std::vector<std::string_view> numbers(std::string_view text)
{
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] < '0' || text[pos] > '9') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') ||
                                 ((text[end] == '.' || text[end] == ',' || text[end] == ':' || text[end] == '-') &&
                                  end + 1 < text.size() && text[end + 1] >= '0' && text[end + 1] <= '9'))) {
      ++end;
    }
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// How many words of the text deny something: `not`, `no`, `never`, `without`, `…n't`.
int negations(std::string_view text)
{
  int count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && !is_ascii_alnum(text[pos]) && text[pos] != '\'') {
      ++pos;
    }
    std::size_t end = pos;
    while (end < text.size() && (is_ascii_alnum(text[end]) || text[end] == '\'')) {
      ++end;
    }
    const std::string word = to_lower(text.substr(pos, end - pos));
    if (word == "not" || word == "no" || word == "never" || word == "without" || word == "cannot" ||
        word.ends_with("n't")) {
      ++count;
    }
    pos = end + (end == pos ? 1 : 0);
  }
  return count;
}

// The entry's text after its timestamp, whitespace collapsed.
std::string after_stamp(const ListItem& entry, const Timestamp& stamp)
{
  const std::string_view text(entry.text);
  return collapse_whitespace(stamp.status == Timestamp::Status::ok ? text.substr(stamp.length) : text);
}

// The entry's words, lower-cased, punctuation dropped (bytes of other scripts kept in words).
std::vector<std::string> words_of(std::string_view text)
{
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (is_ascii_alnum(c) || (static_cast<unsigned char>(c) & 0x80) != 0) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

// True when every place the two texts differ is a slip of spelling: walking both word lists, each
// run of differing words (at most three a side) is within a third of its length of its
// counterpart (`recieve` for `receive`, `a lot` for `alot`), never a different word (`keep` for
// `drop`, which a character ratio over a long entry would let through).
bool words_near(std::string_view before, std::string_view after)
{
  const std::vector<std::string> a = words_of(before);
  const std::vector<std::string> b = words_of(after);
  constexpr std::size_t k_window = 3;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i;
      ++j;
      continue;
    }
    bool resumed = false;
    for (std::size_t total = 1; total <= 2 * k_window && !resumed; ++total) {
      for (std::size_t di = 0; di <= std::min(total, k_window) && !resumed; ++di) {
        const std::size_t dj = total - di;
        if (dj > k_window || i + di > a.size() || j + dj > b.size()) {
          continue;
        }
        const bool at_end = i + di == a.size() && j + dj == b.size();
        if (!at_end && (i + di == a.size() || j + dj == b.size() || a[i + di] != b[j + dj])) {
          continue;
        }
        std::string gap_a;
        std::string gap_b;
        for (std::size_t k = i; k < i + di; ++k) {
          gap_a += a[k];
        }
        for (std::size_t k = j; k < j + dj; ++k) {
          gap_b += b[k];
        }
        const std::size_t slack = std::max<std::size_t>(1, std::max(gap_a.size(), gap_b.size()) / 3);
        if (bounded_edit_distance(gap_a, gap_b, slack) > slack) {
          return false;
        }
        i += di;
        j += dj;
        resumed = true;
      }
    }
    if (!resumed) {
      return false;
    }
  }
  return true;
}

} // namespace

bool kept_newest_first(const LogSection& spec, const Section* reference, const Section* fallback,
                       const TimestampOptions& options)
{
  switch (spec.order) {
  case LogOrder::newest_first:
    return true;
  case LogOrder::oldest_first:
    return false;
  case LogOrder::detect:
    break;
  }
  if (const auto shown = order_shown(reference, options)) {
    return *shown;
  }
  if (const auto placed = order_placed(reference, fallback, options)) {
    return *placed;
  }
  return order_shown(fallback, options).value_or(false);
}

bool is_placeholder_entry(const ListItem& entry)
{
  std::string plain;
  for (const char c : entry.text) {
    if (c != '*' && c != '_' && c != '(' && c != ')' && c != '[' && c != ']' && c != '`') {
      plain += c;
    }
  }
  std::string text = to_lower(trim(plain));
  // A labelled entry (`Decision: _None yet_`, `Date/Author: N/A`): the label is not content.
  if (const auto colon = text.find(':'); colon != std::string::npos && colon > 0 && colon <= 24) {
    const bool label = std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
      return (c >= 'a' && c <= 'z') || c == ' ' || c == '/' || c == '-' || c == '&';
    });
    if (label) {
      text = std::string(trim(std::string_view(text).substr(colon + 1)));
    }
  }
  while (!text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == ' ')) {
    text.pop_back();
  }
  static const char* const k_exact[] = {"none",     "none yet", "none so far", "nothing",      "nothing yet",
                                        "nothing so far", "nothing to report", "nothing to report yet",
                                        "tbd",      "tba",      "todo",        "pending",      "n/a",
                                        "na",       "-",        "\xE2\x80\x94", "not yet",  "to be filled in",
                                        "to be determined", "to be added", "no entries yet"};
  for (const char* word : k_exact) {
    if (text == word) {
      return true;
    }
  }
  // `None yet — filled in after the first milestone.`, `No decisions yet.`
  return (starts_with(text, "none yet") || starts_with(text, "nothing yet")) ||
         (starts_with(text, "no ") && text.ends_with(" yet") && text.size() <= 40);
}

EntryEdit classify_edit(const ListItem& before, const ListItem& after, const TimestampOptions& options,
                        long long max_edit_percent)
{
  if (collapse_whitespace(before.text) == collapse_whitespace(after.text)) {
    return EntryEdit::same;
  }
  if (is_placeholder_entry(before)) {
    return EntryEdit::placeholder;
  }
  const Timestamp was = parse_timestamp(before.text, options);
  const Timestamp now = parse_timestamp(after.text, options);
  const bool was_stamped = was.status == Timestamp::Status::ok;
  const bool now_stamped = now.status == Timestamp::Status::ok;
  if (was_stamped && (!now_stamped || was.epoch != now.epoch || was.date_only != now.date_only)) {
    return EntryEdit::rewrite;   // the time it happened was changed or dropped
  }
  const bool ticked = before.checkbox != Checkbox::done && after.checkbox == Checkbox::done;
  const std::string a = after_stamp(before, was);
  const std::string b = after_stamp(after, now);
  auto settle = [&](EntryEdit edit) {
    return ticked && !was_stamped && now_stamped && (edit == EntryEdit::same || edit == EntryEdit::mechanical)
               ? EntryEdit::stamped_tick
               : edit;
  };
  if (a == b) {
    return settle(EntryEdit::mechanical);   // the same time in another form, or a stamp added
  }
  if (without_link_targets(a) == without_link_targets(b)) {
    return settle(EntryEdit::link_target);
  }
  if (numbers(a) != numbers(b) || negations(a) != negations(b)) {
    return EntryEdit::rewrite;
  }
  const std::string la = loose(a);
  const std::string lb = loose(b);
  if (la == lb) {
    return settle(EntryEdit::mechanical);
  }
  const std::size_t longer = std::max(la.size(), lb.size());
  const auto percent = static_cast<std::size_t>(std::clamp<long long>(max_edit_percent, 0, 100));
  const std::size_t limit = longer * percent / 100;
  if (limit > 0 && bounded_edit_distance(la, lb, limit) <= limit && words_near(a, b)) {
    return settle(EntryEdit::spelling);
  }
  return EntryEdit::rewrite;
}

LogAlignment align_log(const Section* base, const Section* head, const LogSection& spec,
                       const TimestampOptions& options, long long max_edit_percent)
{
  (void)spec;
  static const std::vector<ListItem> k_none;
  const std::vector<ListItem>& before = base != nullptr ? base->entries : k_none;
  const std::vector<ListItem>& after = head != nullptr ? head->entries : k_none;
  LogAlignment alignment;
  alignment.base.resize(before.size());
  alignment.head.assign(after.size(), -1);

  std::deque<std::string> kept;   // the keys that are not views of an entry's own text
  std::unordered_map<std::string_view, std::vector<std::size_t>> positions;
  for (std::size_t i = 0; i < after.size(); ++i) {
    positions[entry_key_view(after[i], kept)].push_back(i);
  }
  std::vector<std::string_view> keys(before.size());
  std::ptrdiff_t last = -1;
  for (std::size_t i = 0; i < before.size(); ++i) {
    keys[i] = entry_key_view(before[i], kept);
    const auto found = positions.find(keys[i]);
    if (found == positions.end()) {
      continue;
    }
    const auto& list = found->second;
    const auto candidate = std::upper_bound(
      list.begin(), list.end(), last,
      [](std::ptrdiff_t value, std::size_t element) { return value < static_cast<std::ptrdiff_t>(element); });
    if (candidate != list.end()) {
      alignment.base[i] = {LogAlignment::Fate::kept, static_cast<std::ptrdiff_t>(*candidate), EntryEdit::same};
      alignment.head[*candidate] = static_cast<std::ptrdiff_t>(i);
      last = static_cast<std::ptrdiff_t>(*candidate);
    }
  }

  // The kept neighbours bound where an edited version of an entry can be.
  std::vector<std::ptrdiff_t> low(before.size(), -1);
  std::vector<std::ptrdiff_t> high(before.size(), static_cast<std::ptrdiff_t>(after.size()));
  for (std::size_t i = 1; i < before.size(); ++i) {
    const auto& previous = alignment.base[i - 1];
    low[i] = previous.fate == LogAlignment::Fate::kept ? previous.head : low[i - 1];
  }
  for (std::size_t i = before.size(); i-- > 1;) {
    const auto& next = alignment.base[i];
    high[i - 1] = next.fate == LogAlignment::Fate::kept ? next.head : high[i];
  }

  constexpr std::size_t k_candidates = 16;
  for (std::size_t i = 0; i < before.size(); ++i) {
    auto& old = alignment.base[i];
    if (old.fate == LogAlignment::Fate::kept) {
      continue;
    }
    if (const auto found = positions.find(keys[i]); found != positions.end()) {
      // Still there word for word, out of its place.
      std::size_t where = found->second.front();
      for (const std::size_t k : found->second) {
        if (alignment.head[k] < 0) {
          where = k;
          break;
        }
      }
      old = {LogAlignment::Fate::moved, static_cast<std::ptrdiff_t>(where), EntryEdit::same};
      if (alignment.head[where] < 0) {
        alignment.head[where] = static_cast<std::ptrdiff_t>(i);
      }
      continue;
    }
    std::ptrdiff_t chosen = -1;
    EntryEdit chosen_edit = EntryEdit::rewrite;
    std::size_t seen = 0;
    for (std::ptrdiff_t k = low[i] + 1; k < high[i] && seen < k_candidates; ++k) {
      if (alignment.head[static_cast<std::size_t>(k)] >= 0) {
        continue;
      }
      ++seen;
      const EntryEdit edit = classify_edit(before[i], after[static_cast<std::size_t>(k)], options, max_edit_percent);
      if (chosen < 0 || (chosen_edit == EntryEdit::rewrite && edit != EntryEdit::rewrite)) {
        chosen = k;
        chosen_edit = edit;
      }
      if (edit != EntryEdit::rewrite) {
        break;
      }
    }
    if (chosen >= 0) {
      old = {LogAlignment::Fate::edited, chosen, chosen_edit};
      alignment.head[static_cast<std::size_t>(chosen)] = static_cast<std::ptrdiff_t>(i);
    }
  }
  return alignment;
}

namespace {

// `text` from byte `start` for about `limit` bytes, cut at character boundaries, with `…` where cut.
std::string excerpt(const std::string& text, std::size_t start, std::size_t limit)
{
  const auto boundary = [&](std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
      --at;
    }
    return at;
  };
  start = boundary(start);
  std::size_t end = start + limit >= text.size() ? text.size() : boundary(start + limit);
  return (start > 0 ? "…" : "") + text.substr(start, end - start) + (end < text.size() ? "…" : "");
}

} // namespace

std::pair<std::string, std::string> quote_both(std::string_view before, std::string_view after, std::size_t limit)
{
  const std::string a = collapse_whitespace(before);
  const std::string b = collapse_whitespace(after);
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) {
    ++common;
  }
  // Where the two differ past what a quote shows, start both quotes a little before it.
  constexpr std::size_t k_context = 24;
  std::size_t start = 0;
  if (common + k_context > limit && common > k_context) {
    start = common - k_context;
    const auto space = a.rfind(' ', start + 8);
    if (space != std::string::npos && space + 1 > start && space + 1 <= common) {
      start = space + 1;
    }
  }
  return {excerpt(a, start, limit), excerpt(b, start, limit)};
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
