#include "planck/markdown/timestamp.hpp"

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

bool is_upper(char c)
{
  return c >= 'A' && c <= 'Z';
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

constexpr std::array<std::string_view, 12> k_months{"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};

bool starts_with_month(std::string_view s, std::size_t pos)
{
  if (pos + 3 > s.size()) {
    return false;
  }
  for (const auto month : k_months) {
    bool same = true;
    for (std::size_t i = 0; i < 3; ++i) {
      const char c = static_cast<char>(s[pos + i] | 0x20);
      if (c != month[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      std::size_t end = pos + 3;
      while (end < s.size() && is_alpha(s[end])) {
        ++end;
      }
      return end - pos <= 9; // "September" is the longest month name
    }
  }
  return false;
}

// Text that a reader would take for an attempt at a date or time: "2025/10/30", "10/30",
// "Oct 30", "30 Oct", "11:42". Plain numbers ("12 files") are not.
bool looks_dateish(std::string_view s, std::size_t pos)
{
  if (starts_with_month(s, pos)) {
    return true;
  }
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
  return digits <= 2 && sep == ' ' && starts_with_month(s, end + 1);
}

// The pieces of a date-time expression as written, before deciding whether its form is accepted.
struct Pieces
{
  char opener = 0; // '[', '(' or 0
  int year = 0;
  int month = 0;
  int day = 0;
  char separator = 0; // 'T', ' ' or 0 when there is no time
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  enum class Zone { none, z, utc_word, offset, other_word } zone = Zone::none;
  int offset_minutes = 0;
  std::string zone_text; // as written, for messages
  bool closed = false;   // the opener's closer follows
  std::size_t end = 0;   // just after the expression (and its closer)
};

// Reads `+HH:MM`, `+HHMM` or `+HH` at `at`; sets `end` and `minutes` when there is one.
bool read_offset(std::string_view s, std::size_t at, std::size_t& end, int& minutes)
{
  if (at >= s.size() || (s[at] != '+' && s[at] != '-')) {
    return false;
  }
  const auto hours = read_digits(s, at + 1, 2);
  if (!hours) {
    return false;
  }
  std::size_t stop = at + 3;
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
  end = stop;
  minutes = (*hours * 60 + mm) * (s[at] == '-' ? -1 : 1);
  return true;
}

// Reads a zone after the time at `pos`: `Z`, ` UTC`, `+HH:MM`, ` +HH:MM`, ` PST`; leaves `pos` after it.
void read_zone(std::string_view s, std::size_t& pos, Pieces& p)
{
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    p.zone = Pieces::Zone::z;
    p.zone_text = "Z";
    ++pos;
    return;
  }
  std::size_t at = pos;
  while (at < s.size() && is_space(s[at])) {
    ++at;
  }
  std::size_t end = 0;
  int minutes = 0;
  if (read_offset(s, at, end, minutes)) {
    p.zone = Pieces::Zone::offset;
    p.offset_minutes = minutes;
    p.zone_text = std::string(s.substr(at, end - at));
    pos = end;
    return;
  }
  if (at == pos) {
    return;
  }
  end = at;
  while (end < s.size() && is_alpha(s[end])) {
    ++end;
  }
  const std::string_view word = s.substr(at, end - at);
  const bool utc = word.size() == 3 && (word[0] | 0x20) == 'u' && (word[1] | 0x20) == 't' && (word[2] | 0x20) == 'c';
  // Only an upper-case word is a zone: lower-case words are the entry's text.
  bool upper = !word.empty() && word.size() <= 5;
  for (const char c : word) {
    upper = upper && is_upper(c);
  }
  if ((!utc && !upper) || (end < s.size() && is_digit(s[end]))) {
    return;
  }
  p.zone_text = std::string(word);
  pos = end;
  if (!utc) {
    p.zone = Pieces::Zone::other_word;
    return;
  }
  p.zone = Pieces::Zone::utc_word;
  if (read_offset(s, pos, end, minutes)) { // "UTC+02:00"
    p.zone_text = std::string(s.substr(at, end - at));
    pos = end;
    if (minutes != 0) {
      p.zone = Pieces::Zone::offset;
      p.offset_minutes = minutes;
    }
  }
}

// What the entry's would-be timestamp is, as written, for messages about a timestamp that is not
// accepted: up to the closing bracket of `[…]` or `(…)`, else up to where the entry's words begin.
std::string_view written_token(std::string_view s)
{
  constexpr std::size_t k_limit = 40;
  std::size_t start = 0;
  while (start < s.size() && s[start] == '*') {
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

  // Bold or italic wrapping: `**[2025-10-30 11:42 UTC]**`.
  std::size_t stars = 0;
  while (stars < 2 && pos < s.size() && s[pos] == '*') {
    ++pos;
    ++stars;
  }

  Pieces p;
  if (pos < s.size() && (s[pos] == '[' || s[pos] == '(')) {
    p.opener = s[pos];
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

  // The shape of the date itself.
  const auto year = read_digits(s, pos, 4);
  const bool date_shape = year && pos + 10 <= s.size() && s[pos + 4] == '-' && s[pos + 7] == '-' &&
                          read_digits(s, pos + 5, 2) && read_digits(s, pos + 8, 2) &&
                          !(pos + 10 < s.size() && is_digit(s[pos + 10]));
  if (!date_shape) {
    if (pos < s.size() && looks_dateish(s, pos)) {
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
  p.year = *year;
  p.month = *read_digits(s, pos + 5, 2);
  p.day = *read_digits(s, pos + 8, 2);
  pos += 10;
  const std::string date_text(s.substr(expression_start, 10));

  // The time, after 'T' or a space.
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    std::size_t at = pos + 1;
    while (s[pos] == ' ' && at < s.size() && s[at] == ' ') {
      ++at;
    }
    const auto hour = read_digits(s, at, 2);
    const bool colon = at + 2 < s.size() && s[at + 2] == ':';
    const auto minute = colon ? read_digits(s, at + 3, 2) : std::nullopt;
    if (hour && minute) {
      p.separator = s[pos] == ' ' ? ' ' : 'T';
      p.has_time = true;
      p.hour = *hour;
      p.minute = *minute;
      pos = at + 5;
      if (pos < s.size() && s[pos] == ':') {
        const auto second = read_digits(s, pos + 1, 2);
        if (!second) {
          return fail(Timestamp::Status::malformed,
                      "'" + std::string(s.substr(expression_start, pos + 1 - expression_start)) +
                          "' has a malformed seconds field");
        }
        p.second = *second;
        pos += 3;
      }
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',') && pos + 1 < s.size() && is_digit(s[pos + 1])) {
        return fail(Timestamp::Status::malformed,
                    "fractions of a second are not an accepted form (write HH:MM or HH:MM:SS)");
      }
      if (pos < s.size() && is_digit(s[pos])) {
        return fail(Timestamp::Status::malformed,
                    "'" + std::string(s.substr(expression_start, pos + 1 - expression_start)) +
                        "' is not a valid time");
      }
      read_zone(s, pos, p);
    } else if (s[pos] != ' ' && s[pos] != '\t') {
      return fail(Timestamp::Status::malformed, "'" + date_text + s[pos] + "' is followed by no valid HH:MM time");
    } else if (at < s.size() && is_digit(s[at]) && looks_dateish(s, at)) {
      return fail(Timestamp::Status::malformed,
                  "the time after " + date_text + " is not written HH:MM (write [YYYY-MM-DD HH:MM UTC])");
    }
  }

  // The closer matching the opener.
  if (p.opener != 0) {
    const char closer = p.opener == '[' ? ']' : ')';
    if (pos < s.size() && s[pos] == closer) {
      p.closed = true;
      ++pos;
    }
  }
  p.end = pos;
  // For messages only: an accepted timestamp (nearly every one) needs no strings.
  const auto written = [&, start = expression_start - (p.opener != 0 ? 1 : 0), end = pos] {
    return std::string(s.substr(start, end - start));
  };

  // What follows must not continue a word or number.
  const bool boundary = pos >= s.size() || !is_alnum(s[pos]);

  auto finish_ok = [&](std::int64_t epoch, bool date_only) {
    std::size_t end = p.end;
    for (std::size_t i = 0; i < stars && end < s.size() && s[end] == '*'; ++i) {
      ++end;
    }
    result.status = Timestamp::Status::ok;
    result.epoch = epoch;
    result.date_only = date_only;
    result.length = end;
    result.text = std::string(s.substr(0, end));
    return result;
  };

  auto check_date = [&]() -> std::optional<std::string> {
    if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > days_in_month(p.year, p.month)) {
      return date_text + " is not a real date";
    }
    return std::nullopt;
  };

  if (!p.has_time) {
    const bool date_boundary =
        p.opener != 0 ? p.closed : (pos >= s.size() || s[pos] == ' ' || s[pos] == '\t' || s[pos] == ':');
    if (!date_boundary) {
      return fail(Timestamp::Status::malformed,
                  "'" + written() + "' is not a timestamp in an accepted form (write [YYYY-MM-DD HH:MM UTC])");
    }
    if (!options.date_only) {
      return fail(Timestamp::Status::malformed, "date without a time (this pack requires HH:MM UTC)");
    }
    if (const auto bad = check_date()) {
      return fail(Timestamp::Status::invalid, *bad);
    }
    return finish_ok(*utc_epoch(p.year, p.month, p.day), true);
  }

  // Built for messages only: an accepted timestamp (nearly every one) needs no strings.
  const auto time_text = [&] { return two(p.hour) + ":" + two(p.minute); };
  switch (p.zone) {
  case Pieces::Zone::none:
    return fail(Timestamp::Status::not_utc, "'" + written() + "' has no time zone (write the time in UTC, e.g. [" +
                                                date_text + " " + time_text() + " UTC])");
  case Pieces::Zone::other_word:
    if (p.zone_text == "GMT" || p.zone_text == "UT" || p.zone_text == "Z") {
      return fail(Timestamp::Status::malformed, "write 'UTC' rather than '" + p.zone_text + "'");
    }
    return fail(Timestamp::Status::not_utc, "time zone " + p.zone_text + " is not UTC");
  case Pieces::Zone::offset:
    if (p.offset_minutes != 0) {
      return fail(Timestamp::Status::not_utc,
                  "local offset " + p.zone_text + " is not UTC (convert the time to UTC and write Z or UTC)");
    }
    break;
  case Pieces::Zone::z:
  case Pieces::Zone::utc_word:
    break;
  }

  // Accepted combinations of opener, separator and zone.
  const bool zero_offset = p.zone == Pieces::Zone::offset;
  bool accepted = false;
  if (p.opener == '[') {
    accepted = p.closed && p.separator == ' ' && p.zone == Pieces::Zone::utc_word;
  } else if (p.opener == '(') {
    accepted = p.closed && p.separator == ' ' && p.zone == Pieces::Zone::z;
  } else {
    accepted = p.separator == 'T' && (p.zone == Pieces::Zone::z || zero_offset) && boundary;
  }
  if (!accepted) {
    const std::string suggestion = p.opener == '[' ? "[" + date_text + " " + time_text() + " UTC]"
                                   : p.opener == '(' ? "(" + date_text + " " + time_text() + "Z)"
                                                     : date_text + "T" + time_text() + "Z";
    return fail(Timestamp::Status::malformed,
                "'" + written() + "' is not an accepted timestamp form (write " + suggestion + ")");
  }
  if (const auto bad = check_date()) {
    return fail(Timestamp::Status::invalid, *bad);
  }
  if (p.hour > 23 || p.minute > 59 || p.second > 59) {
    std::string shown = time_text();
    if (p.second != 0) {
      shown += ":" + two(p.second);
    }
    return fail(Timestamp::Status::invalid, shown + " is not a real time of day");
  }
  return finish_ok(*utc_epoch(p.year, p.month, p.day, p.hour, p.minute, p.second), false);
}

} // namespace planck
