#include "planck/authoring/file_lock.hpp"

#include "planck/authoring/interrupt_cleanup.hpp"
#include "planck/authoring/leftover_files.hpp"
#include "planck/util/error.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <thread>

namespace planck {

namespace {

// What a lock file says about its holder: the process id it recorded (0 when it could not be read,
// e.g. a lock created an instant ago and not yet filled in) and the file's identity.
struct Holder
{
  long pid = 0;
  bool present = false;
  dev_t device = 0;
  ino_t inode = 0;
};

Holder read_holder(const std::string& lock)
{
  Holder holder;
  const int fd = ::open(lock.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return holder;
  }
  struct stat info
  {
  };
  if (::fstat(fd, &info) == 0) {
    holder.present = true;
    holder.device = info.st_dev;
    holder.inode = info.st_ino;
  }
  char buffer[32] = {};
  const ssize_t size = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  if (size > 0) {
    char* end = nullptr;
    const long pid = std::strtol(buffer, &end, 10);
    if (end != buffer && (*end == '\n' || *end == '\0') && pid > 0) {
      holder.pid = pid;
    }
  }
  return holder;
}

// True when the lock file is still the one `holder` describes: its holder, if gone, did not simply
// release it between our read and our look at the process table.
bool still_there(const std::string& lock, const Holder& holder)
{
  struct stat info
  {
  };
  return ::lstat(lock.c_str(), &info) == 0 && info.st_dev == holder.device && info.st_ino == holder.inode;
}

} // namespace

FileLock::FileLock(const std::string& path, const std::string& shown, std::chrono::milliseconds wait)
    : m_lock(path + ".lock")
{
  const std::string shown_lock = shown + ".lock";
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::minstd_rand jitter(static_cast<unsigned>(::getpid()));
  std::chrono::milliseconds pause(2);
  for (;;) {
    int fd = -1;
    int error = 0;
    {
      const DeferInterrupts defer;
      fd = ::open(m_lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      error = errno;
      if (fd >= 0) {
        remove_on_interrupt(m_lock);
      }
    }
    if (fd >= 0) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      // The process id only helps a later message tell a live holder from a stale lock; a lock
      // without it still locks.
      [[maybe_unused]] const ssize_t written = ::write(fd, pid.data(), pid.size());
      ::close(fd);
      return;
    }
    if (error != EEXIST) {
      throw Error(
          fmt::format("cannot write {}: cannot create the lock file {}: {}", shown, shown_lock, std::strerror(error)));
    }
    const Holder holder = read_holder(m_lock);
    if (holder.present && holder.pid != 0 && !process_running(holder.pid) && still_there(m_lock, holder)) {
      throw Error(fmt::format("cannot write {}: {} is a stale lock left by planck process {}, which is no longer "
                              "running; remove {} and try again",
                              shown, shown_lock, holder.pid, shown_lock));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(fmt::format("cannot write {}: another planck{} is writing it and holds {}; try again when it has "
                              "finished, or remove {} if no planck is running",
                              shown, holder.pid != 0 ? fmt::format(" (process {})", holder.pid) : std::string(),
                              shown_lock, shown_lock));
    }
    std::this_thread::sleep_for(pause + std::chrono::milliseconds(jitter() % (pause.count() + 1)));
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

FileLock::~FileLock()
{
  // Forgotten and removed at once: once removed, the name may be another planck's lock.
  const DeferInterrupts defer;
  forget_on_interrupt(m_lock);
  ::unlink(m_lock.c_str());
}

} // namespace planck
