// Fuzz target: the timestamp parser. The first byte picks the options (date-only, the no-zone policy), the rest is a log entry's
// text; results are checked against what rules and messages rely on (the matched text is the
// entry's prefix, an accepted timestamp is a real date and time that formats back to itself).

#include "fuzz_support.hpp"

#include "planck/util/timestamp.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using planck::fuzz::require;
using planck::fuzz::touch;

void check_entry(std::string_view entry, const planck::TimestampOptions& options)
{
  const bool date_only = options.date_only;
  const planck::Timestamp stamp = planck::parse_timestamp(entry, options);
  touch(stamp.text);
  touch(stamp.detail);
  touch(stamp.epoch);
  require(stamp.length == stamp.text.size(), "length differs from the matched text");
  if (stamp.status == planck::Timestamp::Status::ok) {
    require(entry.substr(0, stamp.length) == stamp.text, "an accepted timestamp is not the entry's prefix");
    require(stamp.date_only ? date_only : true, "a date-only timestamp accepted without date_only");
    require(stamp.detail.empty(), "an accepted timestamp with a complaint");
    // The date it names formats back to a real date that parses to the same day.
    // A numeric offset was converted to UTC; the date as written is the local one.
    const std::int64_t local = stamp.epoch + static_cast<std::int64_t>(stamp.offset_minutes) * 60;
    const std::string date = planck::format_utc_date(local);
    const auto midnight = planck::parse_date(date);
    require(midnight.has_value(), "an accepted timestamp's date does not parse back");
    require(*midnight <= local && local - *midnight < 86400, "an accepted timestamp's day differs");
    require(!stamp.zone_assumed || options.no_zone != planck::NoZonePolicy::reject,
            "a time with no zone accepted where the policy rejects it");
    require(date.size() == 10 && entry.find(date) != std::string_view::npos,
            "an accepted timestamp formats to a date that is not in the entry");
    touch(planck::format_utc(stamp.epoch));
  } else {
    require(stamp.status == planck::Timestamp::Status::missing || !stamp.detail.empty(),
            "a rejected timestamp without a reason");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  planck::TimestampOptions options;
  options.date_only = (data[0] & 1) != 0;
  static constexpr planck::NoZonePolicy k_policies[] = {planck::NoZonePolicy::assume_utc, planck::NoZonePolicy::note,
                                                        planck::NoZonePolicy::reject};
  options.no_zone = k_policies[(data[0] >> 1) % 3];
  const std::string_view entry(reinterpret_cast<const char*>(data + 1), size - 1);
  check_entry(entry, options);

  if (const auto day = planck::parse_date(entry)) {
    const std::string date = planck::format_utc_date(*day);
    require(entry.find(date) != std::string_view::npos, "parse_date's day formats to another date");
    require(planck::parse_date(date) == day, "parse_date does not round-trip");
  }

  // The calendar arithmetic on whatever numbers the bytes spell, including absurd ones.
  if (size >= 1 + 6 * sizeof(std::int32_t)) {
    std::int32_t numbers[6];
    for (std::size_t i = 0; i < 6; ++i) {
      std::uint32_t value = 0;
      for (std::size_t b = 0; b < 4; ++b) {
        value = (value << 8) | data[1 + i * 4 + b];
      }
      numbers[i] = static_cast<std::int32_t>(value);
    }
    if (const auto epoch = planck::utc_epoch(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4],
                                             numbers[5])) {
      touch(planck::format_utc(*epoch));
    }
    std::int64_t raw = 0;
    for (std::size_t b = 0; b < 8; ++b) {
      raw = static_cast<std::int64_t>((static_cast<std::uint64_t>(raw) << 8) | data[1 + b]);
    }
    touch(planck::format_utc(raw));
  }
  return 0;
}
