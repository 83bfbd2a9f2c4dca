#pragma once

#include "planck/authoring/file_lock.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// The content of the regular file at `path`, or nothing when there is none; throws `planck::Error`
/// when it exists but cannot be read.
std::optional<std::string> read_text_file(const std::string& path);

/// Writes `content` into what `path` already is, as a shell redirection does: for a device such as
/// `/dev/null`, a FIFO or a symbolic link, which a rename would replace with a regular file. A
/// regular file it leads to is truncated first. Throws `planck::Error` naming `path` when it cannot
/// be opened or not all of `content` is written (`/dev/full`).
void write_in_place(const std::string& path, std::string_view content);

/// A set of files written together: each one locked (see `FileLock`), written to a temporary file
/// in its own folder (flushed to disk) first, then all renamed over their targets, so a reader sees
/// every file either as it was or as it is now, and a failure before `commit` leaves the tree untouched.
class FileTransaction
{
public:
  /// A transaction on files under `root`: a relative path given to it is taken from there, and
  /// messages name files relative to it.
  explicit FileTransaction(std::string root = {});
  FileTransaction(const FileTransaction&) = delete;
  FileTransaction& operator=(const FileTransaction&) = delete;

  /// Removes the temporary files and the folders of a transaction that was not committed, and
  /// releases its locks.
  ~FileTransaction();

  /// Locks each of `paths` (creating its folder as needed), in one fixed order so that two planck
  /// processes never wait for each other in a circle; the locks are held until `commit` ends or the
  /// transaction is destroyed. Read a file for a change only once it is locked: what was read before
  /// may be stale. Then removes what a planck stopped mid-write left in their folders (see
  /// `remove_leftovers`). Throws `planck::Error` naming the lock file when one is held by another
  /// process, and naming the link when a path is a symbolic link, or a folder between it and the
  /// root is.
  void lock(std::vector<std::string> paths);

  /// Queues `content` for `path`; `mode` is used for a new file (an existing file keeps its mode,
  /// and its owner and group as far as this process may set them).
  void write(const std::string& path, std::string content, unsigned mode = 0666);

  /// Locks every queued file not locked yet, writes each (creating folders as needed), renames them
  /// into place and releases the locks. Throws `planck::Error` naming the file when one cannot be
  /// written, or is read-only; nothing is renamed then. When a rename fails, the files renamed before
  /// it are put back as they were (a file that was new is removed) before it throws.
  void commit();

private:
  struct Pending
  {
    std::string path;
    std::string content;
    unsigned mode = 0666;
    std::string temporary;
    bool existed = false;
    // A second name of the file being replaced, kept until every rename is done.
    std::string before;
  };

  std::string full(const std::string& path) const;
  std::string shown(const std::string& path) const;
  void refuse_links(const std::string& path) const;
  void make_folder(const std::string& path);
  bool undo(std::size_t renamed);

  std::string m_root;
  std::vector<Pending> m_files;
  std::vector<std::unique_ptr<FileLock>> m_locks;
  std::vector<std::string> m_locked;
  std::vector<std::string> m_created_folders;
};

} // namespace planck
