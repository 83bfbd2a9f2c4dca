#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

using planck::parse_timestamp;
using planck::Timestamp;
using planck::TimestampOptions;
using Status = planck::Timestamp::Status;

namespace {

// Epochs from `date -u -d '…' +%s`.
constexpr std::int64_t k_1142 = 1761824520;     // 2025-10-30 11:42:00 UTC
constexpr std::int64_t k_114205 = 1761824525;   // 2025-10-30 11:42:05 UTC
constexpr std::int64_t k_midnight = 1761782400; // 2025-10-30 00:00:00 UTC

Status status_of(const std::string& entry, bool date_only = false)
{
  TimestampOptions options;
  options.date_only = date_only;
  return parse_timestamp(entry, options).status;
}

} // namespace

TEST_CASE("parse_timestamp")
{
  SUBCASE("every accepted UTC form reads the same instant and reports its span")
  {
    const struct
    {
      std::string entry;
      std::string text;
      std::int64_t epoch;
    } cases[] = {
        {"[2025-10-30 11:42 UTC] Did it.", "[2025-10-30 11:42 UTC]", k_1142},
        {"[2025-10-30 11:42:05 UTC] Did it.", "[2025-10-30 11:42:05 UTC]", k_114205},
        {"2025-10-30T11:42Z Did it.", "2025-10-30T11:42Z", k_1142},
        {"2025-10-30T11:42:05Z: did it", "2025-10-30T11:42:05Z", k_114205},
        {"2025-10-30T11:42:05+00:00 did it", "2025-10-30T11:42:05+00:00", k_114205},
        {"2025-10-30T11:42+00:00 did it", "2025-10-30T11:42+00:00", k_1142},
        {"(2025-10-30 11:42Z) Example completed step.", "(2025-10-30 11:42Z)", k_1142},
        {"(2025-10-30 11:42:05Z) did it", "(2025-10-30 11:42:05Z)", k_114205},
        {"2025-10-30T11:42Z", "2025-10-30T11:42Z", k_1142},
    };
    for (const auto& c : cases) {
      CAPTURE(c.entry);
      const Timestamp ts = parse_timestamp(c.entry);
      CHECK(ts.status == Status::ok);
      CHECK(ts.epoch == c.epoch);
      CHECK(ts.text == c.text);
      CHECK(ts.length == c.text.size());
      CHECK_FALSE(ts.date_only);
    }
  }

  SUBCASE("bold and italic wrappers are part of the matched text")
  {
    const Timestamp bold = parse_timestamp("**[2025-10-30 11:42 UTC]** Flow runner fixed.");
    CHECK(bold.status == Status::ok);
    CHECK(bold.epoch == k_1142);
    CHECK(bold.text == "**[2025-10-30 11:42 UTC]**");
    const Timestamp italic = parse_timestamp("*2025-10-30T11:42Z* noted");
    CHECK(italic.status == Status::ok);
    CHECK(italic.text == "*2025-10-30T11:42Z*");
    CHECK(status_of("**2025-10-30T11:42:05Z**: done") == Status::ok);
  }

  SUBCASE("dates and times that do not exist are invalid")
  {
    const Timestamp feb30 = parse_timestamp("[2025-02-30 10:00 UTC] x");
    CHECK(feb30.status == Status::invalid);
    CHECK(feb30.detail.find("2025-02-30 is not a real date") != std::string::npos);
    CHECK(status_of("[2025-13-01 10:00 UTC] x") == Status::invalid);
    CHECK(status_of("[2025-00-10 10:00 UTC] x") == Status::invalid);
    CHECK(status_of("[2025-04-31 10:00 UTC] x") == Status::invalid);
    CHECK(status_of("2025-10-00T10:00Z x") == Status::invalid);
    const Timestamp midnight = parse_timestamp("[2025-10-30 24:00 UTC] x");
    CHECK(midnight.status == Status::invalid);
    CHECK(midnight.detail.find("24:00") != std::string::npos);
    CHECK(status_of("2025-10-30T23:60Z x") == Status::invalid);
    CHECK(status_of("2025-10-30T23:59:60Z x") == Status::invalid);
    CHECK(status_of("(2025-02-29 10:00Z) x") == Status::invalid);
  }

  SUBCASE("leap years follow the Gregorian rules")
  {
    CHECK(status_of("[2024-02-29 10:00 UTC] leap") == Status::ok);
    CHECK(status_of("[2000-02-29 10:00 UTC] leap century") == Status::ok);
    CHECK(status_of("[2100-02-29 10:00 UTC] not leap") == Status::invalid);
    CHECK(status_of("[2023-02-29 10:00 UTC] not leap") == Status::invalid);
  }

  SUBCASE("every unambiguous form real plans use is accepted, offsets converted to UTC")
  {
    const struct
    {
      std::string entry;
      std::string text;
      std::int64_t epoch;
    } cases[] = {
        {"[2025-10-30 11:42Z] x", "[2025-10-30 11:42Z]", k_1142},
        {"[2025-10-30T11:42Z] x", "[2025-10-30T11:42Z]", k_1142},
        {"[2025-10-30T11:42:05Z]: x", "[2025-10-30T11:42:05Z]", k_114205},
        {"(2025-10-30 11:42 UTC) x", "(2025-10-30 11:42 UTC)", k_1142},
        {"(2025-10-30T11:42:05Z) Wrote the detector.", "(2025-10-30T11:42:05Z)", k_114205},
        {"(2025-10-30T11:42:05.250Z) x", "(2025-10-30T11:42:05.250Z)", k_114205},
        {"2025-10-30T11:42:05.123456Z x", "2025-10-30T11:42:05.123456Z", k_114205},
        {"2025-10-30 11:42 UTC – did it", "2025-10-30 11:42 UTC", k_1142},
        {"2025-10-30 11:42Z: did it", "2025-10-30 11:42Z", k_1142},
        {"2025-10-30 11:42:05 GMT did it", "2025-10-30 11:42:05 GMT", k_114205},
        {"2025-10-30T13:42+02:00 did it", "2025-10-30T13:42+02:00", k_1142},
        {"2025-10-30T06:42:05-05:00 did it", "2025-10-30T06:42:05-05:00", k_114205},
        {"[2025-10-30 13:42 UTC+02:00] x", "[2025-10-30 13:42 UTC+02:00]", k_1142},
        {"[2025-10-30 13:42 +0200] x", "[2025-10-30 13:42 +0200]", k_1142},
        {"2025-10-30T11:42z x", "2025-10-30T11:42z", k_1142},
        {"_2025-10-30T11:42Z_ x", "_2025-10-30T11:42Z_", k_1142},
    };
    for (const auto& c : cases) {
      CAPTURE(c.entry);
      const Timestamp ts = parse_timestamp(c.entry);
      CHECK(ts.status == Status::ok);
      CHECK(ts.epoch == c.epoch);
      CHECK(ts.text == c.text);
      CHECK_FALSE(ts.zone_assumed);
    }
    CHECK(parse_timestamp("2025-10-30T13:42+02:00 x").offset_minutes == 120);
    // An offset that crosses midnight moves the UTC date.
    CHECK(parse_timestamp("2025-10-30T23:30-01:00 x").epoch == *planck::utc_epoch(2025, 10, 31, 0, 30));
  }

  SUBCASE("named zones other than UTC are not UTC, and say what was found")
  {
    const Timestamp pst = parse_timestamp("[2025-10-30 11:42 PST] x");
    CHECK(pst.status == Status::not_utc);
    CHECK(pst.detail.find("PST") != std::string::npos);
    CHECK(status_of("[2025-10-30 11:42 CET] x") == Status::not_utc);
    CHECK(status_of("2025-10-30 13:42 CEST: migrated") == Status::not_utc);
  }

  SUBCASE("a time without a zone follows the no-zone policy")
  {
    for (const std::string entry : {"[2025-10-30 11:42] x", "2025-10-30T11:42 x", "2025-10-30T11:42",
                                    "(2025-10-30 11:42) x", "2025-10-30 11:42: did x", "2025-10-30 11:42 did x"}) {
      CAPTURE(entry);
      const Timestamp noted = parse_timestamp(entry);
      CHECK(noted.status == Status::ok);
      CHECK(noted.zone_assumed);
      CHECK(noted.epoch == k_1142);
      TimestampOptions assume;
      assume.no_zone = planck::NoZonePolicy::assume_utc;
      CHECK(parse_timestamp(entry, assume).status == Status::ok);
      TimestampOptions reject;
      reject.no_zone = planck::NoZonePolicy::reject;
      const Timestamp rejected = parse_timestamp(entry, reject);
      CHECK(rejected.status == Status::not_utc);
      CHECK(rejected.detail.find("no time zone") != std::string::npos);
    }
  }

  SUBCASE("zero offsets written as -00:00 or +0000 count as UTC")
  {
    CHECK(status_of("2025-10-30T11:42-00:00 x") == Status::ok);
    CHECK(parse_timestamp("2025-10-30T11:42+0000 x").epoch == k_1142);
  }

  SUBCASE("text that starts with a digit like a date but in no accepted form is malformed")
  {
    CHECK(status_of("2025-10-30 something happened") == Status::malformed);
    CHECK(status_of("[2025/10/30 11:42 UTC] x") == Status::malformed);
    CHECK(status_of("30/10/2025 x") == Status::malformed);
    CHECK(status_of("30.10.2025 x") == Status::malformed);
    CHECK(status_of("11:42 UTC without a date") == Status::malformed);
    CHECK(status_of("2025-1-5T10:00Z x") == Status::malformed);
    CHECK(status_of("[2025-10-30 11:42 UTC x") == Status::malformed); // unclosed bracket
    CHECK(status_of("2025-10-30T11:42Zulu x") == Status::malformed);
    CHECK(status_of("2025-10-30T1:42Z x") == Status::malformed);
    CHECK(status_of("2025-10-30T11:42:5Z x") == Status::malformed);
    const Timestamp unclosed = parse_timestamp("(2025-10-30 11:42Z x");
    CHECK(unclosed.status == Status::malformed);
    CHECK(unclosed.detail.find("missing its ')'") != std::string::npos);
  }

  SUBCASE("a word is never a malformed date: open steps and month names start no timestamp")
  {
    for (const std::string entry :
         {"Decide on system-locale detection approach.", "Mark the old parser deprecated.",
          "May need a second pass.", "August release notes", "Dec 3: shipped", "[Oct 30 2025] x",
          "October 30, 2025: x", "Mar 2025 audit", "Sept. planning"}) {
      CAPTURE(entry);
      CHECK(status_of(entry) == Status::missing);
      CHECK(status_of(entry, true) == Status::missing);
    }
  }

  SUBCASE("a bare date needs a time unless the pack accepts dates")
  {
    for (const std::string entry :
         {"[2025-10-30] x", "2025-10-30 x", "2025-10-30: x", "(2025-10-30) x", "2025-10-30"}) {
      CAPTURE(entry);
      const Timestamp strict = parse_timestamp(entry);
      CHECK(strict.status == Status::malformed);
      CHECK(strict.detail == "date without a time (this pack requires HH:MM UTC)");
      const Timestamp lenient = parse_timestamp(entry, TimestampOptions{true, planck::NoZonePolicy::note});
      CHECK(lenient.status == Status::ok);
      CHECK(lenient.date_only);
      CHECK(lenient.epoch == k_midnight);
    }
    CHECK(parse_timestamp("[2025-10-30] x", TimestampOptions{true}).text == "[2025-10-30]");
    CHECK(parse_timestamp("2025-10-30: x", TimestampOptions{true}).length == 10);
    CHECK(status_of("[2025-02-30] x", true) == Status::invalid);
    CHECK(status_of("2025-10-30x", true) == Status::malformed);
    // A date followed by other data in the same parentheses, as some plans record a commit.
    const Timestamp with_commit = parse_timestamp("(2026-08-12, `d524941`) Merged.", TimestampOptions{true});
    CHECK(with_commit.status == Status::ok);
    CHECK(with_commit.date_only);
    CHECK(with_commit.text == "(2026-08-12, `d524941`)");
    CHECK(status_of("(2026-08-12, `d524941`) Merged.") == Status::malformed);
    // A time in the entry is still held to the accepted forms.
    CHECK(status_of("2025-10-30T11:42 CET x", true) == Status::not_utc);
  }

  SUBCASE("pathological input is read in linear time")
  {
    const std::string long_entry = "[" + std::string(200000, '2') + "]";
    CHECK(status_of(long_entry) == Status::missing);
    const std::string many = std::string(100000, '*') + "2025-10-30T11:42Z";
    CHECK(status_of(many) == Status::missing);
  }
}

TEST_CASE("utc_epoch")
{
  SUBCASE("real dates convert, including leap days and times before 1970")
  {
    CHECK(planck::utc_epoch(1970, 1, 1) == 0);
    CHECK(planck::utc_epoch(2024, 2, 29) == 1709164800);
    CHECK(planck::utc_epoch(2000, 2, 29, 23, 59, 59) == 951868799);
    CHECK(planck::utc_epoch(1969, 12, 31, 23, 59) == -60);
  }
  SUBCASE("dates and times that do not exist give nothing")
  {
    CHECK_FALSE(planck::utc_epoch(2025, 2, 29));
    CHECK_FALSE(planck::utc_epoch(2100, 2, 29));
    CHECK_FALSE(planck::utc_epoch(2025, 13, 1));
    CHECK_FALSE(planck::utc_epoch(2025, 10, 30, 24, 0));
    CHECK_FALSE(planck::utc_epoch(2025, 10, 30, 23, 60));
    CHECK_FALSE(planck::utc_epoch(2025, 10, 30, 23, 59, 60));
  }
}

TEST_CASE("format_utc")
{
  SUBCASE("formats date and minutes in UTC")
  {
    CHECK(planck::format_utc(k_114205) == "2025-10-30 11:42 UTC");
    CHECK(planck::format_utc(0) == "1970-01-01 00:00 UTC");
    CHECK(planck::format_utc(-60) == "1969-12-31 23:59 UTC");
  }
  SUBCASE("round-trips through parse_timestamp")
  {
    const std::int64_t epoch = *planck::utc_epoch(2024, 2, 29, 7, 5);
    const Timestamp ts = parse_timestamp("[" + planck::format_utc(epoch) + "] x");
    CHECK(ts.status == Status::ok);
    CHECK(ts.epoch == epoch);
  }
  SUBCASE("date only")
  {
    CHECK(planck::format_utc_date(k_114205) == "2025-10-30");
    CHECK(planck::format_utc_date(-1) == "1969-12-31");
  }
  SUBCASE("the extremes of a 64-bit commit date format without overflow (found by fuzz_timestamp)")
  {
    // A hostile commit can carry any 64-bit date; the fuzzer's input was INT64_MIN + 3.
    const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    CHECK(planck::format_utc(lowest + 3) == "-292277022657-01-27 08:29 UTC");
    CHECK(planck::format_utc(lowest) == "-292277022657-01-27 08:29 UTC");
    CHECK(planck::format_utc(std::numeric_limits<std::int64_t>::max()) == "292277026596-12-04 15:30 UTC");
  }
}

TEST_CASE("parse_date")
{
  SUBCASE("a real YYYY-MM-DD date is midnight UTC")
  {
    CHECK(planck::parse_date("2025-10-30") == k_midnight);
    CHECK(planck::parse_date(" 2024-02-29 ") == 1709164800);
  }
  SUBCASE("anything else gives nothing")
  {
    CHECK_FALSE(planck::parse_date("2025-02-30"));
    CHECK_FALSE(planck::parse_date("2025-10-30T00:00Z"));
    CHECK_FALSE(planck::parse_date("2025/10/30"));
    CHECK_FALSE(planck::parse_date("30-10-2025"));
    CHECK_FALSE(planck::parse_date(""));
  }
}

TEST_CASE("parse_timestamp quotes a rejected timestamp as written")
{
  using planck::parse_timestamp;

  SUBCASE("bracketed forms up to the bracket")
  {
    const auto stamp = parse_timestamp("[2025-02-30 10:00 UTC] Impossible day.");
    CHECK(stamp.status == planck::Timestamp::Status::invalid);
    CHECK(stamp.text == "[2025-02-30 10:00 UTC]");
  }

  SUBCASE("bare forms up to the entry's words")
  {
    CHECK(parse_timestamp("2025-10-30T09:00 PDT did it").text == "2025-10-30T09:00 PDT");
    CHECK(parse_timestamp("2025-10-30 13:42 CET: migrated").text == "2025-10-30 13:42 CET");
  }

  SUBCASE("a missing timestamp quotes nothing")
  {
    CHECK(parse_timestamp("did it").text.empty());
  }
}

TEST_CASE("parse_timestamp reads the timestamps real plans write")
{
  // Epochs from `date -u -d '…' +%s`.
  constexpr std::int64_t k_1000 = 1767348000;   // 2026-01-02 10:00:00 UTC
  constexpr std::int64_t k_100030 = 1767348030; // 2026-01-02 10:00:30 UTC

  SUBCASE("each wrapper, with or without T, seconds and fractions, reads the same instant")
  {
    const struct
    {
      std::string entry;
      std::string text;
      std::int64_t epoch;
    } cases[] = {
        {"[2026-01-02 10:00 UTC] Split the reader in two.", "[2026-01-02 10:00 UTC]", k_1000},
        {"(2026-01-02 10:00Z) Split the reader in two.", "(2026-01-02 10:00Z)", k_1000},
        {"2026-01-02T10:00Z Split the reader in two.", "2026-01-02T10:00Z", k_1000},
        {"2026-01-02 10:00Z Split the reader in two.", "2026-01-02 10:00Z", k_1000},
        {"2026-01-02T10:00:30Z Split the reader in two.", "2026-01-02T10:00:30Z", k_100030},
        {"2026-01-02 10:00:30Z Split the reader in two.", "2026-01-02 10:00:30Z", k_100030},
        {"2026-01-02T10:00:30.75Z Split the reader in two.", "2026-01-02T10:00:30.75Z", k_100030},
        {"2026-01-02T10:00:30,75Z Split the reader in two.", "2026-01-02T10:00:30,75Z", k_100030},
        {"[2026-01-02T10:00:30.125Z] Split the reader in two.", "[2026-01-02T10:00:30.125Z]", k_100030},
        {"(2026-01-02T10:00:30.5 UTC) Split the reader in two.", "(2026-01-02T10:00:30.5 UTC)", k_100030},
    };
    for (const auto& c : cases) {
      CAPTURE(c.entry);
      const Timestamp ts = parse_timestamp(c.entry);
      CHECK(ts.status == Status::ok);
      CHECK(ts.epoch == c.epoch);
      CHECK(ts.text == c.text);
      CHECK(ts.length == c.text.size());
      CHECK_FALSE(ts.zone_assumed);
      CHECK_FALSE(ts.date_only);
    }
  }

  SUBCASE("a colon, a hyphen or an en dash after the timestamp is the entry's punctuation")
  {
    for (const std::string stamp : {"[2026-01-02 10:00 UTC]", "(2026-01-02 10:00Z)", "2026-01-02T10:00Z",
                                    "2026-01-02T10:00:00+00:00", "**2026-01-02 10:00Z**"}) {
      for (const std::string after : {": moved the cache", " – moved the cache", " \xE2\x80\x94 moved the cache",
                                      " - moved the cache", "\xE2\x80\x93moved the cache"}) {
        const std::string entry = stamp + after;
        CAPTURE(entry);
        const Timestamp ts = parse_timestamp(entry);
        CHECK(ts.status == Status::ok);
        CHECK(ts.epoch == k_1000);
        CHECK(ts.text == stamp);
      }
    }
  }

  SUBCASE("a bold timestamp followed by a colon is accepted, emphasis included in its span")
  {
    const Timestamp bold = parse_timestamp("**2026-01-02 10:00Z**: Dropped the legacy flag.");
    CHECK(bold.status == Status::ok);
    CHECK(bold.epoch == k_1000);
    CHECK(bold.text == "**2026-01-02 10:00Z**");
    const Timestamp bracketed = parse_timestamp("**[2026-01-02 10:00 UTC]**: Dropped the legacy flag.");
    CHECK(bracketed.status == Status::ok);
    CHECK(bracketed.epoch == k_1000);
  }

  SUBCASE("numeric offsets, with and without T or seconds, are converted to UTC")
  {
    const struct
    {
      std::string entry;
      std::int64_t epoch;
      int offset;
    } cases[] = {
        {"2026-01-02T11:00+01:00 x", k_1000, 60},
        {"2026-01-02 11:00+01:00 x", k_1000, 60},
        {"2026-01-02 11:00 +01:00 x", k_1000, 60},
        {"2026-01-02T15:30:30+05:30 x", k_100030, 330},
        {"2026-01-02T15:30:30.900+0530 x", k_100030, 330},
        {"(2026-01-02 05:00-05:00) x", k_1000, -300},
        {"[2026-01-02 07:00 UTC-03] x", k_1000, -180},
        {"2026-01-02T10:00:30+00:00 x", k_100030, 0},
    };
    for (const auto& c : cases) {
      CAPTURE(c.entry);
      const Timestamp ts = parse_timestamp(c.entry);
      CHECK(ts.status == Status::ok);
      CHECK(ts.epoch == c.epoch);
      CHECK(ts.offset_minutes == c.offset);
    }
    // After UTC or GMT, a one-digit hour is an offset too, not a UTC time followed by "+1".
    CHECK(parse_timestamp("2026-01-02 11:00 UTC+1 x").epoch == k_1000);
    CHECK(parse_timestamp("[2026-01-02 05:00 GMT-5] x").epoch == k_1000);
    CHECK(parse_timestamp("[2026-01-02 15:30 UTC+5:30] x").epoch == k_1000);
    CHECK(parse_timestamp("[2026-01-02 15:30 UTC+5:30] x").text == "[2026-01-02 15:30 UTC+5:30]");
    // Across a year boundary: 00:30 in Paris on New Year's Day is still the old year in UTC.
    CHECK(parse_timestamp("2026-01-01T00:30+01:00 x").epoch == 1767223800); // 2025-12-31 23:30 UTC
  }

  SUBCASE("the cookbook's ticked step reads the time after the box")
  {
    // The box is gone by the time the parser sees the entry: `- [x] (…) text` reaches it as `(…) text`.
    const Timestamp ts = parse_timestamp("(2026-12-02T03:10:00Z) Wrote the detector.");
    CHECK(ts.status == Status::ok);
    CHECK(ts.epoch == 1796181000); // 2026-12-02 03:10:00 UTC
    CHECK(ts.text == "(2026-12-02T03:10:00Z)");
  }

  SUBCASE("a date with other data in its parentheses is a date-only timestamp where dates are allowed")
  {
    TimestampOptions dates;
    dates.date_only = true;
    const Timestamp ts = parse_timestamp("(2026-08-12, `abc1234`) Merged the reader.", dates);
    CHECK(ts.status == Status::ok);
    CHECK(ts.date_only);
    CHECK(ts.epoch == 1786492800); // 2026-08-12 00:00 UTC
    CHECK(ts.text == "(2026-08-12, `abc1234`)");
    CHECK(parse_timestamp("[2026-08-12; reviewed] Merged the reader.", dates).status == Status::ok);
    CHECK(parse_timestamp("2026-08-12 – merged the reader", dates).status == Status::ok);
    // Where dates alone are not accepted, the same entry is a malformed attempt, not a missing one.
    CHECK(parse_timestamp("(2026-08-12, `abc1234`) Merged the reader.").status == Status::malformed);
    CHECK(parse_timestamp("2026-08-12: merged the reader").status == Status::malformed);
  }

  SUBCASE("a date and time with other data in its parentheses is a timestamp")
  {
    const Timestamp ts = parse_timestamp("(2026-08-12 10:00Z, `abc1234`, `def5678`) Merged the reader.");
    CHECK(ts.status == Status::ok);
    CHECK_FALSE(ts.date_only);
    CHECK(ts.epoch == 1786492800 + 10 * 3600);
    CHECK(ts.text == "(2026-08-12 10:00Z, `abc1234`, `def5678`)");
  }

  SUBCASE("a capitalised word after a time is the entry's text, not a zone; known zones are zones")
  {
    TimestampOptions utc;
    utc.no_zone = planck::NoZonePolicy::assume_utc;
    const Timestamp pr = parse_timestamp("2026-01-02 10:00 PR merged after review", utc);
    CHECK(pr.status == Status::ok);
    CHECK(pr.zone_assumed);
    CHECK(pr.text == "2026-01-02 10:00");
    CHECK(parse_timestamp("[2026-01-02 10:00] CI green again", utc).status == Status::ok);
    const Timestamp cet = parse_timestamp("2026-01-02 10:00 CET moved the cache", utc);
    CHECK(cet.status == Status::not_utc);
    CHECK(cet.detail.find("time zone CET is not UTC") != std::string::npos);
    CHECK(parse_timestamp("[2026-01-02 10:00 PDT] moved", utc).status == Status::not_utc);
  }

  SUBCASE("a time with no zone: UTC silently, UTC flagged for a note, or rejected")
  {
    const std::string entry = "2026-01-02 10:00:30 moved the cache";
    TimestampOptions options;
    options.no_zone = planck::NoZonePolicy::assume_utc;
    const Timestamp assumed = parse_timestamp(entry, options);
    CHECK(assumed.status == Status::ok);
    CHECK(assumed.epoch == k_100030);
    CHECK(assumed.zone_assumed);
    options.no_zone = planck::NoZonePolicy::note;
    const Timestamp noted = parse_timestamp(entry, options);
    CHECK(noted.status == Status::ok);
    CHECK(noted.epoch == k_100030);
    CHECK(noted.zone_assumed);
    options.no_zone = planck::NoZonePolicy::reject;
    const Timestamp rejected = parse_timestamp(entry, options);
    CHECK(rejected.status == Status::not_utc);
    CHECK(rejected.detail.find("no time zone") != std::string::npos);
    // A zone written out is never "assumed", whatever the policy.
    CHECK_FALSE(parse_timestamp("2026-01-02 10:00 UTC moved", options).zone_assumed);
    CHECK(parse_timestamp("2026-01-02 10:00 UTC moved", options).status == Status::ok);
  }

  SUBCASE("open steps, month names and words start no timestamp, whatever the options")
  {
    TimestampOptions lenient;
    lenient.date_only = true;
    lenient.no_zone = planck::NoZonePolicy::reject;
    for (const std::string entry :
         {"Decide on the approach.", "Mark the old parser deprecated.", "May revisit", "June: ship the reader",
          "Jan 2 10:00Z shipped", "Octopus merge of the two branches", "Dec. review", "Z-order of the panes"}) {
      CAPTURE(entry);
      CHECK(parse_timestamp(entry).status == Status::missing);
      CHECK(parse_timestamp(entry, lenient).status == Status::missing);
    }
    // Plain numbers are not dates either.
    CHECK(parse_timestamp("3 retries were enough.").status == Status::missing);
    CHECK(parse_timestamp("1.5 hours on the flaky test.").status == Status::missing);
  }

  SUBCASE("named zones other than UTC are not UTC, and neither are offsets written as names")
  {
    for (const std::string entry : {"2026-01-02 10:00 CET moved", "[2026-01-02 10:00 EST] moved",
                                    "(2026-01-02T10:00 PDT) moved", "2026-01-02T10:00:30 CEST: moved"}) {
      CAPTURE(entry);
      const Timestamp ts = parse_timestamp(entry);
      CHECK(ts.status == Status::not_utc);
      CHECK(ts.detail.find("is not UTC") != std::string::npos);
    }
    // GMT and a lower-case utc are UTC.
    CHECK(parse_timestamp("2026-01-02 10:00 GMT moved").epoch == k_1000);
    CHECK(parse_timestamp("[2026-01-02 10:00 utc] moved").epoch == k_1000);
  }
}
