#include "planck/util/timestamp.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>

namespace planck {

namespace {

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool is_alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_alnum(char c)
{
  return is_digit(c) || is_alpha(c);
}

bool is_space(char c)
{
  return c == ' ' || c == '\t';
}

bool is_leap(std::int64_t year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month)
{
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) {
    return 29;
  }
  return k_days[static_cast<std::size_t>(month - 1)];
}

// Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t y, int m, int d)
{
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil
{
  std::int64_t year;
  int month;
  int day;
};

Civil civil_from_days(std::int64_t z)
{
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

// Reads exactly `count` digits at `pos`; nothing when any is missing.
std::optional<int> read_digits(std::string_view s, std::size_t pos, std::size_t count)
{
  if (pos + count > s.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(s[pos + i])) {
      return std::nullopt;
    }
    value = value * 10 + (s[pos + i] - '0');
  }
  return value;
}

std::string two(int value)
{
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02d", value);
  return buffer.data();
}

// Text that starts with a digit and that a reader would take for an attempt at a date or time:
// "2025/10/30", "10/30", "30.10.2025", "11:42". Plain numbers ("12 files", "1.5 hours") are not,
// and a word never is: `- [ ] Decide …` and `Mar 3` start no timestamp.
bool looks_dateish(std::string_view s, std::size_t pos)
{
  std::size_t end = pos;
  while (end < s.size() && is_digit(s[end])) {
    ++end;
  }
  const std::size_t digits = end - pos;
  if (digits == 0 || digits > 4 || end >= s.size()) {
    return false;
  }
  const char sep = s[end];
  if ((sep == '-' || sep == '/' || sep == ':') && end + 1 < s.size() && is_digit(s[end + 1])) {
    return true;
  }
  if (sep == '.') {
    // "30.10.2025" is a date; "1.5 hours" is not.
    std::size_t next = end + 1;
    while (next < s.size() && is_digit(s[next])) {
      ++next;
    }
    return next > end + 1 && next - end <= 5 && next + 1 < s.size() && s[next] == '.' && is_digit(s[next + 1]);
  }
  return false;
}

// The zone after a time, as written.
struct Zone
{
  enum class Kind { none, utc, offset, other_word } kind = Kind::none;
  int offset_minutes = 0;
  std::string_view text;
};

// Reads `+HH:MM`, `+HHMM` or `+HH` at `at` (also `+H` and `+H:MM` when `short_hour`, as in
// `UTC+1`); sets `end` and `minutes` when there is one.
bool read_offset(std::string_view s, std::size_t at, std::size_t& end, int& minutes, bool short_hour = false)
{
  if (at >= s.size() || (s[at] != '+' && s[at] != '-')) {
    return false;
  }
  std::size_t hour_digits = 2;
  auto hours = read_digits(s, at + 1, 2);
  if (!hours && short_hour) {
    hours = read_digits(s, at + 1, 1);
    hour_digits = 1;
  }
  if (!hours) {
    return false;
  }
  std::size_t stop = at + 1 + hour_digits;
  int mm = 0;
  if (stop < s.size() && s[stop] == ':') {
    const auto value = read_digits(s, stop + 1, 2);
    if (!value) {
      return false;
    }
    mm = *value;
    stop += 3;
  } else if (const auto value = read_digits(s, stop, 2)) {
    mm = *value;
    stop += 2;
  }
  if (*hours > 23 || mm > 59 || (stop < s.size() && is_digit(s[stop]))) {
    return false;
  }
  end = stop;
  minutes = (*hours * 60 + mm) * (s[at] == '-' ? -1 : 1);
  return true;
}

bool same_word(std::string_view word, std::string_view lower)
{
  if (word.size() != lower.size()) {
    return false;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    if ((word[i] | 0x20) != lower[i]) {
      return false;
    }
  }
  return true;
}

// Reads a zone after the time at `pos`: `Z`, `UTC`, `GMT`, `+HH:MM`, `UTC+HH:MM`, a known
// zone abbreviation (`CET`), each with or without a space before it; leaves `pos` after it.
Zone read_zone(std::string_view s, std::size_t& pos)
{
  Zone zone;
  std::size_t at = pos;
  while (at < s.size() && is_space(s[at])) {
    ++at;
  }
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z') && (at + 1 >= s.size() || !is_alnum(s[at + 1]))) {
    zone.kind = Zone::Kind::utc;
    zone.text = s.substr(at, 1);
    pos = at + 1;
    return zone;
  }
  std::size_t end = 0;
  int minutes = 0;
  if (read_offset(s, at, end, minutes)) {
    zone.kind = minutes == 0 ? Zone::Kind::utc : Zone::Kind::offset;
    zone.offset_minutes = minutes;
    zone.text = s.substr(at, end - at);
    pos = end;
    return zone;
  }
  end = at;
  while (end < s.size() && is_alpha(s[end])) {
    ++end;
  }
  const std::string_view word = s.substr(at, end - at);
  if (word.empty() || (end < s.size() && is_digit(s[end]))) {
    return zone;
  }
  if (same_word(word, "utc") || same_word(word, "gmt")) {
    zone.kind = Zone::Kind::utc;
    zone.text = word;
    pos = end;
    std::size_t after = 0;
    if (read_offset(s, end, after, minutes, true)) { // "UTC+02:00", "GMT-5"
      zone.kind = minutes == 0 ? Zone::Kind::utc : Zone::Kind::offset;
      zone.offset_minutes = minutes;
      zone.text = s.substr(at, after - at);
      pos = after;
    }
    return zone;
  }
  // Only a known zone abbreviation, written in capitals, is a zone: other words (`PR merged`,
  // `CI green`) are the entry's text.
  static constexpr std::string_view k_zones[] = {
    "CET",  "CEST", "EET",  "EEST", "WET",  "WEST", "BST",  "IST",  "MSK",  "EST",  "EDT",  "CST",
    "CDT",  "MST",  "MDT",  "PST",  "PDT",  "AKST", "AKDT", "HST",  "AST",  "ADT",  "NST",  "NDT",
    "JST",  "KST",  "HKT",  "SGT",  "AWST", "ACST", "ACDT", "AEST", "AEDT", "NZST", "NZDT", "WIB",
    "PHT",  "ICT",  "BRT",  "ART",  "CLT",  "SAST", "WAT",  "CAT",  "EAT",  "PKT",  "GST",  "TRT"};
  bool upper = std::find(std::begin(k_zones), std::end(k_zones), word) != std::end(k_zones);
  if (upper && (end >= s.size() || !is_alnum(s[end]))) {
    zone.kind = Zone::Kind::other_word;
    zone.text = word;
    pos = end;
  }
  return zone;
}

// What the entry's would-be timestamp is, as written, for messages about a timestamp that is not
// accepted: up to the closing bracket of `[…]` or `(…)`, else up to where the entry's words begin.
std::string_view written_token(std::string_view s)
{
  constexpr std::size_t k_limit = 40;
  std::size_t start = 0;
  while (start < s.size() && (s[start] == '*' || s[start] == '_')) {
    ++start;
  }
  if (start < s.size() && (s[start] == '[' || s[start] == '(')) {
    const char closer = s[start] == '[' ? ']' : ')';
    const auto end = s.find(closer, start);
    if (end != std::string_view::npos && end - start < k_limit) {
      return s.substr(start, end + 1 - start);
    }
  }
  std::size_t end = start;
  while (end < s.size() && end - start < k_limit) {
    const char c = s[end];
    const bool word_follows = c == ' ' && end + 1 < s.size() && (s[end + 1] < 'A' || s[end + 1] > 'Z')
                              && !(s[end + 1] >= '0' && s[end + 1] <= '9') && s[end + 1] != '+' && s[end + 1] != '-';
    if (c == '\n' || c == '\r' || word_follows || (c == ':' && (end + 1 >= s.size() || s[end + 1] == ' '))) {
      break;
    }
    ++end;
  }
  while (end > start && (s[end - 1] == ' ' || s[end - 1] == ':')) {
    --end;
  }
  return s.substr(start, end - start);
}

} // namespace

std::optional<std::int64_t> utc_epoch(int year, int month, int day, int hour, int minute, int second)
{
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

std::string format_utc_date(std::int64_t epoch)
{
  const Civil civil = civil_from_days(floor_div(epoch, 86400));
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04lld-%02d-%02d", static_cast<long long>(civil.year), civil.month,
                civil.day);
  return buffer.data();
}

std::string format_utc(std::int64_t epoch)
{
  // The remainder, not `epoch - floor_div(epoch, 86400) * 86400`: that product overflows near
  // INT64_MIN, and a commit's date (which reaches this) can be anything.
  const std::int64_t seconds = (epoch % 86400 + 86400) % 86400;
  const int hour = static_cast<int>(seconds / 3600);
  const int minute = static_cast<int>((seconds % 3600) / 60);
  return format_utc_date(epoch) + " " + two(hour) + ":" + two(minute) + " UTC";
}

std::string format_utc_seconds(std::int64_t epoch)
{
  const std::string minutes = format_utc(epoch);
  const int second = static_cast<int>((epoch % 60 + 60) % 60);
  return minutes.substr(0, minutes.size() - 4) + ":" + two(second) + " UTC";
}

std::optional<std::int64_t> parse_date(std::string_view text)
{
  while (!text.empty() && (is_space(text.front()) || text.front() == '\n' || text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (is_space(text.back()) || text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = read_digits(text, 0, 4);
  const auto month = read_digits(text, 5, 2);
  const auto day = read_digits(text, 8, 2);
  if (!year || !month || !day) {
    return std::nullopt;
  }
  return utc_epoch(*year, *month, *day);
}

Timestamp parse_timestamp(std::string_view entry, const TimestampOptions& options)
{
  Timestamp result;
  const std::string_view s = entry;
  std::size_t pos = 0;

  // Bold or italic wrapping: `**[2025-10-30 11:42 UTC]**`, `_2025-10-30_`.
  std::size_t emphasis = 0;
  const char emphasis_char = !s.empty() && (s[0] == '*' || s[0] == '_') ? s[0] : 0;
  while (emphasis < 2 && pos < s.size() && s[pos] == emphasis_char) {
    ++pos;
    ++emphasis;
  }

  char opener = 0;
  if (pos < s.size() && (s[pos] == '[' || s[pos] == '(')) {
    opener = s[pos];
    ++pos;
  }
  const std::size_t expression_start = pos;

  auto fail = [&](Timestamp::Status status, std::string detail) {
    result.status = status;
    result.detail = std::move(detail);
    if (status != Timestamp::Status::missing) {
      result.text = std::string(written_token(s));
      result.length = result.text.size();
    }
    return result;
  };

  // Only text that starts with a digit is an attempt at a timestamp.
  if (pos >= s.size() || !is_digit(s[pos])) {
    return fail(Timestamp::Status::missing, "the entry does not start with a timestamp");
  }

  // The shape of the date itself.
  const auto year = read_digits(s, pos, 4);
  const bool date_shape = year && pos + 10 <= s.size() && s[pos + 4] == '-' && s[pos + 7] == '-' &&
                          read_digits(s, pos + 5, 2) && read_digits(s, pos + 8, 2) &&
                          !(pos + 10 < s.size() && is_digit(s[pos + 10]));
  if (!date_shape) {
    if (looks_dateish(s, pos)) {
      std::size_t end = pos;
      while (end < s.size() && end - pos < 24 && s[end] != ']' && s[end] != ')' && s[end] != '\n') {
        ++end;
      }
      return fail(Timestamp::Status::malformed,
                  "'" + std::string(s.substr(pos, end - pos)) +
                      "' is not a timestamp in an accepted form (write [YYYY-MM-DD HH:MM UTC] or YYYY-MM-DDTHH:MMZ)");
    }
    return fail(Timestamp::Status::missing, "the entry does not start with a timestamp");
  }
  const int y = *year;
  const int month = *read_digits(s, pos + 5, 2);
  const int day = *read_digits(s, pos + 8, 2);
  pos += 10;
  const std::string_view date_text = s.substr(expression_start, 10);

  // The time, after 'T' or spaces.
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  Zone zone;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    std::size_t at = pos + 1;
    while (s[pos] == ' ' && at < s.size() && s[at] == ' ') {
      ++at;
    }
    const auto hh = read_digits(s, at, 2);
    const bool colon = at + 2 < s.size() && s[at + 2] == ':';
    const auto mm = colon ? read_digits(s, at + 3, 2) : std::nullopt;
    if (hh && mm) {
      has_time = true;
      hour = *hh;
      minute = *mm;
      pos = at + 5;
      if (pos < s.size() && s[pos] == ':' && pos + 1 < s.size() && is_digit(s[pos + 1])) {
        const auto ss = read_digits(s, pos + 1, 2);
        if (!ss || (pos + 3 < s.size() && is_digit(s[pos + 3]))) {
          return fail(Timestamp::Status::malformed,
                      "'" + std::string(s.substr(expression_start, pos + 2 - expression_start)) +
                          "' has a malformed seconds field");
        }
        second = *ss;
        pos += 3;
        if (pos + 1 < s.size() && (s[pos] == '.' || s[pos] == ',') && is_digit(s[pos + 1])) {
          ++pos;
          while (pos < s.size() && is_digit(s[pos])) {
            ++pos;
          }
        }
      }
      if (pos < s.size() && is_digit(s[pos])) {
        return fail(Timestamp::Status::malformed,
                    "'" + std::string(s.substr(expression_start, pos + 1 - expression_start)) +
                        "' is not a valid time");
      }
      zone = read_zone(s, pos);
    } else if (s[pos] == 'T' || s[pos] == 't') {
      return fail(Timestamp::Status::malformed,
                  "'" + std::string(date_text) + s[pos] + "' is followed by no valid HH:MM time");
    } else if (at < s.size() && is_digit(s[at]) && looks_dateish(s, at)) {
      return fail(Timestamp::Status::malformed,
                  "the time after " + std::string(date_text) + " is not written HH:MM (write [YYYY-MM-DD HH:MM UTC])");
    }
  }

  // The closer matching the opener; `(2025-10-30, abc1234)` and `(2025-10-30 10:00Z, abc1234)` hold
  // other data after the timestamp.
  bool closed = false;
  if (opener != 0) {
    const char closer = opener == '[' ? ']' : ')';
    std::size_t at = pos;
    while (at < s.size() && is_space(s[at])) {
      ++at;
    }
    if (at < s.size() && s[at] == closer) {
      closed = true;
      pos = at + 1;
    } else if (at < s.size() && (s[at] == ',' || s[at] == ';')) {
      constexpr std::size_t k_data_limit = 200;
      const auto end = s.substr(0, std::min(s.size(), at + k_data_limit)).find_first_of(std::string{closer, '\n'}, at);
      if (end != std::string_view::npos && s[end] == closer) {
        closed = true;
        pos = end + 1;
      }
    }
    if (!closed) {
      return fail(Timestamp::Status::malformed,
                  "'" + std::string(s.substr(expression_start - 1, pos - expression_start + 1)) + "' is missing its '" +
                      std::string(1, closer) + "'");
    }
  }

  // What follows must not continue a word or number.
  std::size_t end = pos;
  for (std::size_t i = 0; i < emphasis && end < s.size() && s[end] == emphasis_char; ++i) {
    ++end;
  }
  const bool boundary = end >= s.size() || !is_alnum(s[end]);
  const auto written = [&] { return std::string(s.substr(0, end)); };
  if (!boundary) {
    return fail(Timestamp::Status::malformed,
                "'" + std::string(written_token(s)) + "' is not a timestamp in an accepted form (write [" +
                    std::string(date_text) + " HH:MM UTC])");
  }

  auto finish_ok = [&](std::int64_t epoch) {
    result.status = Timestamp::Status::ok;
    result.epoch = epoch;
    result.length = end;
    result.text = written();
    return result;
  };

  if (month < 1 || month > 12 || day < 1 || day > days_in_month(y, month)) {
    return fail(Timestamp::Status::invalid, std::string(date_text) + " is not a real date");
  }

  if (!has_time) {
    if (!options.date_only) {
      return fail(Timestamp::Status::malformed, "date without a time (this pack requires HH:MM UTC)");
    }
    result.date_only = true;
    return finish_ok(*utc_epoch(y, month, day));
  }
  if (hour > 23 || minute > 59 || second > 59) {
    std::string shown = two(hour) + ":" + two(minute);
    if (second != 0) {
      shown += ":" + two(second);
    }
    return fail(Timestamp::Status::invalid, shown + " is not a real time of day");
  }
  switch (zone.kind) {
  case Zone::Kind::none:
    if (options.no_zone == NoZonePolicy::reject) {
      return fail(Timestamp::Status::not_utc, "'" + written() + "' has no time zone (write the time in UTC, e.g. [" +
                                                  std::string(date_text) + " " + two(hour) + ":" + two(minute) +
                                                  " UTC])");
    }
    result.zone_assumed = true;
    break;
  case Zone::Kind::other_word:
    return fail(Timestamp::Status::not_utc,
                "time zone " + std::string(zone.text) + " is not UTC (convert the time to UTC and write Z or UTC)");
  case Zone::Kind::offset:
  case Zone::Kind::utc:
    break;
  }
  result.offset_minutes = zone.offset_minutes;
  return finish_ok(*utc_epoch(y, month, day, hour, minute, second) - std::int64_t{zone.offset_minutes} * 60);
}

} // namespace planck
