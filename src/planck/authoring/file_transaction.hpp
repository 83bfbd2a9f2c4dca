#pragma once

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

/// A set of files written together: each one to a temporary file in its own folder (flushed to
/// disk) first, then all renamed over their targets, so a reader sees every file either as it was or
/// as it is now, and a failure before `commit` leaves the tree untouched.
class FileTransaction
{
public:
  FileTransaction() = default;
  FileTransaction(const FileTransaction&) = delete;
  FileTransaction& operator=(const FileTransaction&) = delete;

  /// Removes the temporary files of a transaction that was not committed.
  ~FileTransaction();

  /// Queues `content` for `path`; `mode` is used for a new file (an existing file keeps its mode).
  void write(const std::string& path, std::string content, unsigned mode = 0666);

  /// Writes every queued file (creating folders as needed) and renames them into place.
  /// Throws `planck::Error` naming the file when one cannot be written; nothing is renamed then.
  void commit();

private:
  struct Pending
  {
    std::string path;
    std::string content;
    unsigned mode = 0666;
    std::string temporary;
  };
  std::vector<Pending> m_files;
};

} // namespace planck
