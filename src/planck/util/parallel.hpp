#pragma once

#include <cstddef>
#include <functional>

namespace planck {

/// Runs `work(index, worker)` for every index below `count` on up to `workers` threads, the
/// calling thread being worker 0; each worker takes the next index when it is done with one, so
/// no more items are in hand than there are workers. Threads the system refuses are done without.
/// Once a call throws, no new index is started; after every worker has stopped, the exception of
/// the lowest failing index is rethrown (what one thread going in order would have met first), so
/// that the error a user sees does not depend on timing. planck's one thread pool: parsing on every
/// core reads through it.
void parallel_for(std::size_t count, std::size_t workers, const std::function<void(std::size_t, std::size_t)>& work);

} // namespace planck
