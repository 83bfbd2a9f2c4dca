#include "planck/authoring/file_lock.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/util/error.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace planck;
namespace fs = std::filesystem;

namespace {

// A scratch folder, removed at the end of the test.
struct Scratch
{
  Scratch()
  {
    std::string pattern = (fs::temp_directory_path() / "planck-lock-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
  }
  ~Scratch() { fs::remove_all(root); }
  fs::path root;
};

// The message of the `planck::Error` that `action` throws, or "" when it throws none.
template<typename Action>
std::string error_of(Action action)
{
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

// The id of a process that has exited and been reaped.
pid_t gone_pid()
{
  const pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

} // namespace

TEST_CASE("FileLock")
{
  Scratch scratch;
  const std::string plan = (scratch.root / "plan.md").string();
  const std::string lock = plan + ".lock";
  using std::chrono::milliseconds;

  SUBCASE("creates the lock file beside the file, with its process id, and removes it when released")
  {
    {
      const FileLock held(plan, "plan.md");
      CHECK(held.lock_path() == lock);
      std::ifstream in(lock);
      long pid = 0;
      in >> pid;
      CHECK(pid == ::getpid());
    }
    CHECK_FALSE(fs::exists(lock));
  }

  SUBCASE("a held lock makes another claim wait, then fail naming the lock file and its holder")
  {
    const FileLock held(plan, "plan.md");
    const auto start = std::chrono::steady_clock::now();
    const std::string message = error_of([&] { FileLock second(plan, "plan.md", milliseconds(300)); });
    CHECK(std::chrono::steady_clock::now() - start >= milliseconds(300));
    CHECK(message == "cannot write plan.md: another planck (process " + std::to_string(::getpid()) +
                         ") is writing it and holds plan.md.lock; try again when it has finished, or remove "
                         "plan.md.lock if no planck is running");
    CHECK(fs::exists(lock)); // the failed claim leaves the holder's lock alone
  }

  SUBCASE("a claim waiting for a lock gets it once the holder releases it")
  {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
      {
        const FileLock held(plan, "plan.md");
        [[maybe_unused]] const ssize_t written = ::write(ready[1], "x", 1);
        ::usleep(200 * 1000);
      }
      ::_exit(0);
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    CHECK(fs::exists(lock));
    CHECK_NOTHROW(FileLock(plan, "plan.md", milliseconds(5000)));
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(ready[0]);
    ::close(ready[1]);
  }

  SUBCASE("a lock left by a process that is gone is reported as stale at once, and kept")
  {
    std::ofstream(lock) << gone_pid() << "\n";
    const auto start = std::chrono::steady_clock::now();
    const std::string message = error_of([&] { FileLock second(plan, "plan.md", milliseconds(5000)); });
    CHECK(std::chrono::steady_clock::now() - start < milliseconds(2000));
    CHECK(message.find("plan.md.lock is a stale lock left by planck process") != std::string::npos);
    CHECK(message.find("remove plan.md.lock and try again") != std::string::npos);
    CHECK(fs::exists(lock));
  }

  SUBCASE("a lock is removed when the process is stopped by SIGTERM, SIGINT or SIGHUP")
  {
    for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
      const pid_t child = ::fork();
      if (child == 0) {
        const FileLock held(plan, "plan.md");
        ::raise(signal);
        ::_exit(0);
      }
      int status = 0;
      ::waitpid(child, &status, 0);
      CHECK(WIFSIGNALED(status));
      CHECK(WTERMSIG(status) == signal);
      CHECK_FALSE(fs::exists(lock));
    }
  }

  SUBCASE("a transaction holds its locks until it commits, and a second writer of the file waits for them")
  {
    const std::string registry = (scratch.root / "PLANS.md").string();
    FileTransaction first(scratch.root.string());
    first.lock({"plan.md", "PLANS.md"});
    CHECK(fs::exists(lock));
    CHECK(fs::exists(registry + ".lock"));
    FileTransaction second(scratch.root.string());
    second.write("PLANS.md", "second");
    CHECK(error_of([&] { FileLock third(registry, "PLANS.md", milliseconds(100)); })
              .find("holds PLANS.md.lock") != std::string::npos);
    first.write("plan.md", "first");
    first.commit();
    CHECK_FALSE(fs::exists(lock));
    CHECK_FALSE(fs::exists(registry + ".lock"));
    second.commit();
    CHECK(read_text_file(registry) == "second");
    CHECK_FALSE(fs::exists(registry + ".lock"));
  }
}
