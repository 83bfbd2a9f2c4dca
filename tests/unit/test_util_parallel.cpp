#include "planck/util/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using planck::parallel_for;

TEST_CASE("parallel_for runs every index once, on at most the workers asked for")
{
  for (const std::size_t workers : {1U, 2U, 4U, 64U}) {
    CAPTURE(workers);
    std::vector<std::atomic<int>> runs(1000);
    std::vector<std::atomic<int>> by_worker(workers);
    std::atomic<int> out_of_range{0};
    // doctest's assertions are not for threads: what the workers see is counted, then checked.
    parallel_for(runs.size(), workers, [&](std::size_t index, std::size_t worker) {
      if (worker >= workers) {
        ++out_of_range;
        return;
      }
      ++runs[index];
      ++by_worker[worker];
    });
    CHECK(out_of_range == 0);
    int total = 0;
    for (const auto& count : runs) {
      CHECK(count == 1);
    }
    for (const auto& count : by_worker) {
      total += count;
    }
    CHECK(total == 1000);
  }
}

TEST_CASE("parallel_for runs on the calling thread as worker 0, and with nothing to do does nothing")
{
  const auto caller = std::this_thread::get_id();
  std::set<std::size_t> on_caller;
  parallel_for(3, 1, [&](std::size_t index, std::size_t worker) {
    CHECK(worker == 0);
    CHECK(std::this_thread::get_id() == caller);
    on_caller.insert(index);
  });
  CHECK(on_caller == std::set<std::size_t>{0, 1, 2});
  bool called = false;
  parallel_for(0, 4, [&](std::size_t, std::size_t) { called = true; });
  CHECK_FALSE(called);
}

TEST_CASE("parallel_for stops taking work after a failure and rethrows it once every worker is done")
{
  // The items after the failing one take a millisecond each: had the workers gone on, they would
  // all have started; stopped, only those a worker took while the failure was on its way did. (With
  // instant items, a worker could run through all of them while the failing one was descheduled.)
  std::atomic<int> started{0};
  CHECK_THROWS_WITH_AS(parallel_for(2000, 2,
                                    [&](std::size_t index, std::size_t) {
                                      ++started;
                                      if (index == 10) {
                                        throw std::runtime_error("item 10 is damaged");
                                      }
                                      if (index > 10) {
                                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                                      }
                                    }),
                       "item 10 is damaged", std::runtime_error);
  CHECK(started < 2000);
}

TEST_CASE("parallel_for rethrows the failure of the lowest index, not the first in time")
{
  // Item 3 fails late; the other worker runs on and item 50 fails first. A loop on one thread
  // would have stopped at item 3: that is the error to report, every time.
  CHECK_THROWS_WITH_AS(parallel_for(2000, 2,
                                    [&](std::size_t index, std::size_t) {
                                      if (index == 3) {
                                        std::this_thread::sleep_for(std::chrono::milliseconds(100));
                                        throw std::runtime_error("item 3 is damaged");
                                      }
                                      if (index == 50) {
                                        throw std::runtime_error("item 50 is damaged");
                                      }
                                    }),
                       "item 3 is damaged", std::runtime_error);
}
