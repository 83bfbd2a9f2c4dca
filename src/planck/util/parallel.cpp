#include "planck/util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace planck {

void parallel_for(std::size_t count, std::size_t workers, const std::function<void(std::size_t, std::size_t)>& work)
{
  workers = std::max<std::size_t>(1, std::min(workers, count));
  std::atomic<std::size_t> next{0};
  std::mutex lock;
  std::exception_ptr failure;
  std::size_t failed_at = count;   // the index of `failure`
  const auto run = [&](std::size_t worker) {
    std::size_t index = next++;
    try {
      for (; index < count; index = next++) {
        work(index, worker);
      }
    } catch (...) {
      // Indices are handed out in order, so every index below a failing one has been started and
      // runs to its end: the lowest failing index is the one a loop on one thread would have met
      // first, whichever thread failed first in time.
      const std::lock_guard<std::mutex> guard(lock);
      if (index < failed_at) {
        failure = std::current_exception();
        failed_at = index;
      }
      next = count;
    }
  };
  std::vector<std::thread> started;
  try {
    for (std::size_t worker = 1; worker < workers; ++worker) {
      started.emplace_back(run, worker);
    }
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started and this one do the work.
  }
  run(0);
  for (auto& thread : started) {
    thread.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

} // namespace planck
