#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planck {

/// What a time written with no zone (`[2025-10-30 11:42]`) is taken to be.
enum class NoZonePolicy {
  assume_utc,   // UTC, silently
  note,         // UTC, and timestamp-format says so in a note
  reject,       // not accepted: a timestamp-format finding
};

/// Which timestamp forms a pack accepts beyond the unambiguous date-and-time forms.
struct TimestampOptions
{
  bool date_only = false;    // also accept `[2025-10-30]`, `2025-10-30`, `(2025-10-30, abc1234)` (taken as 00:00 UTC)
  NoZonePolicy no_zone = NoZonePolicy::note;
};

/// The outcome of reading the timestamp that starts a log entry.
struct Timestamp
{
  enum class Status {
    ok,            // an accepted form holding a real date and time
    missing,       // the entry does not start with a digit, so makes no attempt at a timestamp
    invalid,       // an accepted form whose date or time does not exist (2025-02-30, 24:00)
    not_utc,       // a named zone other than UTC (CET, PST), or no zone where the policy rejects that
    malformed,     // starts with a digit like a date but is in no accepted form
  };
  Status status = Status::missing;
  std::int64_t epoch = 0;    // seconds since 1970-01-01T00:00:00Z, valid when `ok`
  bool date_only = false;    // ok, but with no time of day
  bool zone_assumed = false; // ok, but written with no zone and taken as UTC
  int offset_minutes = 0;    // the numeric offset as written (`+02:00` is 120); `epoch` is already UTC
  std::string text;          // the matched text, e.g. `[2025-10-30 11:42 UTC]`
  std::size_t length = 0;    // bytes of `text` in the entry
  std::string detail;        // why it is not ok, for messages
};

/// Reads the timestamp at the start of `entry` (the list item's text, marker and checkbox removed).
/// Accepted, in `[…]`, `(…)` or bare, optionally wrapped in `**`, `*` or `_`: a date `YYYY-MM-DD`,
/// then `T` or a space and `HH:MM`, optional `:SS` and fraction, then a zone: `Z`, `UTC`, `GMT`,
/// or a numeric offset (`+02:00`, `+0200`, `UTC+02:00`, converted to UTC), with or without a space
/// before it. No zone follows `options.no_zone`; a date alone (also `(2025-10-30, other data)`)
/// needs `options.date_only`. Only an entry whose text starts with a digit makes an attempt.
Timestamp parse_timestamp(std::string_view entry, const TimestampOptions& options = {});

/// Seconds since the epoch for a proleptic Gregorian UTC date and time; nothing if it does not exist.
std::optional<std::int64_t> utc_epoch(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

/// Formats `epoch` as `YYYY-MM-DD HH:MM UTC`.
std::string format_utc(std::int64_t epoch);

/// `YYYY-MM-DD HH:MM:SS UTC`: for two times that read alike to the minute.
std::string format_utc_seconds(std::int64_t epoch);

/// Formats `epoch` as `YYYY-MM-DD` (UTC).
std::string format_utc_date(std::int64_t epoch);

/// Parses a `YYYY-MM-DD` date into the epoch of its midnight UTC; nothing if malformed or not a real date.
std::optional<std::int64_t> parse_date(std::string_view text);

} // namespace planck
