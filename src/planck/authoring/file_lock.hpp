#pragma once

#include <chrono>
#include <string>

namespace planck {

/// An exclusive claim on a file planck is about to rewrite: `<file>.lock` beside it, created only if
/// absent (as git creates `index.lock`) and holding the claimant's process id; the lock file is removed
/// when the `FileLock` is destroyed, so every way out of a command releases it.
class FileLock
{
public:
  /// How long a command waits for another planck to finish writing a file before it gives up.
  static constexpr std::chrono::milliseconds k_default_wait{5000};

  /// Claims the file at `path`, retrying while another process holds it, for at most `wait`; throws
  /// `planck::Error` naming the lock file (shown as `shown` + ".lock") when it is still held then, at
  /// once when the process that left it is gone, or when it cannot be created.
  FileLock(const std::string& path, const std::string& shown, std::chrono::milliseconds wait = k_default_wait);
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  /// Removes the lock file.
  ~FileLock();

  /// The path of the lock file.
  const std::string& lock_path() const { return m_lock; }

private:
  std::string m_lock;
};

} // namespace planck
