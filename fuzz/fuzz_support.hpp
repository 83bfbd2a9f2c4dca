#pragma once

// Helpers shared by the fuzz targets: an invariant check that crashes loudly (libFuzzer keeps the
// input), and a sink that keeps the compiler from dropping the reads that exercise every field.

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace planck::fuzz {

/// Aborts with `what` on stderr when `condition` is false, so that libFuzzer saves the input.
inline void require(bool condition, const char* what)
{
  if (!condition) {
    std::fprintf(stderr, "planck fuzz invariant failed: %s\n", what);
    std::abort();
  }
}

inline volatile std::size_t g_sink = 0;

/// Folds `value` into a sink the optimiser cannot drop.
inline void touch(long long value)
{
  g_sink = g_sink * 31 + static_cast<std::size_t>(value);
}

/// Reads every byte of `text` (ASan checks each one) into the sink.
inline void touch(std::string_view text)
{
  std::size_t sum = text.size();
  for (const char c : text) {
    sum = sum * 31 + static_cast<unsigned char>(c);
  }
  g_sink = g_sink + sum;
}

} // namespace planck::fuzz
