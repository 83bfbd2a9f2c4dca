#include "planck/git/handles.hpp"

#include <git2.h>

#include <cstddef>
#include <string>

namespace planck::git {

namespace {

constexpr std::size_t k_object_cache_bytes = std::size_t{2} << 20;
constexpr std::size_t k_pack_window_bytes = std::size_t{1} << 20;
constexpr std::size_t k_pack_mapped_bytes = std::size_t{8} << 20;

class LibGit2
{
public:
  LibGit2()
  {
    git_libgit2_init();
    // planck only reads, and libgit2 runs no hooks or configured programs, so a checkout owned by
    // another user (a CI container's bind mount) is safe to read; git's "dubious ownership" refusal
    // would only turn every such CI job into an error.
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    // libgit2 caches no tree over 4 KiB by default, so a plans folder of thousands of entries was
    // read and parsed again for every path looked up in it: two thirds of a large check's time.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(1) << 20);
    // ... but it keeps every object it parsed, up to 256 MiB, until the repository is freed. A check
    // reads most trees once or twice (the range's two sides, each commit against its parent), so a
    // small cache keeps the trees read again and again (the root, the plans folder) without holding
    // every subtree of every commit in the range: on the benchmark that was a sixth of peak memory.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(k_object_cache_bytes));
    // On 64-bit systems libgit2 maps a pack in windows of 1 GiB, up to 8 GiB in all: the whole
    // pack of most repositories stays mapped, and every page a check touched (and the kernel's
    // read-around) counts in its resident memory, 4 to 14 MiB on the benchmark depending on the
    // page cache. Small windows are unmapped as the check moves on, under a limit of 8 MiB. At 4 MiB
    // a 150 MiB pack (200,000 files) was mapped and unmapped window by window: its check took
    // 4.26 s, against 3.09 s at 8 MiB and 2.70 s at 16 MiB. The mapped pages count in peak RSS:
    // on the benchmark's repository 50, 51 and 63 MiB, for 204, 198 and 187 ms (2026-12-07).
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, k_pack_window_bytes);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, k_pack_mapped_bytes);
    // libgit2 hashes every object it reads again to verify it, which git itself does not do on reads
    // (fsck and transfers verify): a tenth of a large check's instructions went to SHA-1.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  }
  ~LibGit2() { git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

} // namespace

void ensure_libgit2()
{
  static LibGit2 guard;
}

std::string failure_message(int code, const std::string& context)
{
  const git_error* error = git_error_last();
  if (error != nullptr && error->message != nullptr && error->message[0] != '\0') {
    std::string reason = error->message;
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
      reason.pop_back();
    }
    return context + ": " + reason;
  }
  return context + " (libgit2 error " + std::to_string(code) + ")";
}

} // namespace planck::git
