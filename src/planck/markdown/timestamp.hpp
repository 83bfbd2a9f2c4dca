#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planck {

/// Which timestamp forms a pack accepts beyond the spec's UTC forms.
struct TimestampOptions
{
  bool date_only = false;    // also accept `[2025-10-30]`, `2025-10-30` and `(2025-10-30)` (taken as 00:00 UTC)
};

/// The outcome of reading the timestamp that starts a log entry.
struct Timestamp
{
  enum class Status {
    ok,            // an accepted UTC form holding a real date and time
    missing,       // the entry does not start with anything that looks like a timestamp
    invalid,       // looks like an accepted form but the date or time does not exist (2025-02-30, 24:00)
    not_utc,       // a local offset, a zone other than UTC, or no zone at all
    malformed,     // starts like a date but is in no accepted form
  };
  Status status = Status::missing;
  std::int64_t epoch = 0;    // seconds since 1970-01-01T00:00:00Z, valid when `ok`
  bool date_only = false;    // ok, but with no time of day
  std::string text;          // the matched text, e.g. `[2025-10-30 11:42 UTC]`
  std::size_t length = 0;    // bytes of `text` in the entry
  std::string detail;        // why it is not ok, for messages
};

/// Reads the timestamp at the start of `entry` (the list item's text, marker and checkbox removed).
/// Accepts `[YYYY-MM-DD HH:MM UTC]`, `[YYYY-MM-DD HH:MM:SS UTC]`, `YYYY-MM-DDTHH:MM[:SS]Z`,
/// `YYYY-MM-DDTHH:MM[:SS]+00:00` and `(YYYY-MM-DD HH:MM[:SS]Z)`, optionally wrapped in `**` or `*`.
Timestamp parse_timestamp(std::string_view entry, const TimestampOptions& options = {});

/// Seconds since the epoch for a proleptic Gregorian UTC date and time; nothing if it does not exist.
std::optional<std::int64_t> utc_epoch(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

/// Formats `epoch` as `YYYY-MM-DD HH:MM UTC`.
std::string format_utc(std::int64_t epoch);

/// Formats `epoch` as `YYYY-MM-DD` (UTC).
std::string format_utc_date(std::int64_t epoch);

/// Parses a `YYYY-MM-DD` date into the epoch of its midnight UTC; nothing if malformed or not a real date.
std::optional<std::int64_t> parse_date(std::string_view text);

} // namespace planck
