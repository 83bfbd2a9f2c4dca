#include "planck/authoring/file_transaction.hpp"

#include "planck/authoring/interrupt_cleanup.hpp"
#include "planck/authoring/leftover_files.hpp"
#include "planck/util/error.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <vector>

namespace planck {

namespace fs = std::filesystem;

namespace {

std::string reason()
{
  return std::strerror(errno);
}

mode_t current_umask()
{
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

bool write_all(int fd, std::string_view content)
{
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Makes the renames themselves durable; a failure here loses nothing already visible, so it is ignored.
void sync_directory(const fs::path& directory)
{
  const int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Numbers this process's temporary files; a name already taken is skipped.
std::atomic<unsigned> g_next_temporary{0};

// Creates a new temporary file beside `target`, named by `temporary_name`, removed if the process is
// interrupted; returns its descriptor (or -1 with errno set) and sets `name`.
int create_temporary(const std::string& target, std::string& name)
{
  for (;;) {
    name = temporary_name(target, g_next_temporary++);
    int fd = -1;
    int error = 0;
    {
      const DeferInterrupts defer;
      fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      error = errno;
      if (fd >= 0) {
        remove_on_interrupt(name);
      }
    }
    if (fd >= 0) {
      return fd;
    }
    if (error != EEXIST) {
      errno = error;
      return -1;
    }
  }
}

// Gives `target` a second, temporary name; returns that name, or "" when it could not be made.
std::string link_temporary(const std::string& target)
{
  for (;;) {
    std::string name = temporary_name(target, g_next_temporary++);
    const DeferInterrupts defer;
    if (::link(target.c_str(), name.c_str()) == 0) {
      remove_on_interrupt(name);
      return name;
    }
    if (errno != EEXIST) {
      return {};
    }
  }
}

// Removes a temporary file of this process and forgets it.
void drop_temporary(std::string& name)
{
  if (!name.empty()) {
    const DeferInterrupts defer;
    ::unlink(name.c_str());
    forget_on_interrupt(name);
    name.clear();
  }
}

Error link_refused(const std::string& shown)
{
  return Error(fmt::format("{} is a symbolic link; planck does not write through links (nothing was written)", shown));
}

bool is_link(const fs::path& path)
{
  struct stat info
  {
  };
  return ::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
}

} // namespace

std::optional<std::string> read_text_file(const std::string& path)
{
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    if (fs::exists(path, error)) {
      throw Error("'" + path + "' is not a regular file");
    }
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    throw Error("cannot read '" + path + "'");
  }
  return text.str();
}

void write_in_place(const std::string& path, std::string_view content)
{
  struct stat target
  {
  };
  // Not O_CREAT: only what exists is written in place, and a dangling link is not followed to create a file.
  const bool regular = ::stat(path.c_str(), &target) == 0 && S_ISREG(target.st_mode);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (regular ? O_TRUNC : 0));
  if (fd < 0) {
    throw Error("cannot write '" + path + "': " + reason());
  }
  const bool ok = write_all(fd, content);
  const std::string why = ok ? std::string() : reason();
  if (::close(fd) != 0 || !ok) {
    throw Error("cannot write '" + path + "': " + (why.empty() ? reason() : why));
  }
}

FileTransaction::FileTransaction(std::string root) : m_root(std::move(root)) {}

FileTransaction::~FileTransaction()
{
  for (auto& file : m_files) {
    drop_temporary(file.temporary);
    drop_temporary(file.before);
  }
  m_locks.clear();
  // Only folders this transaction made, deepest first, and only while still empty.
  for (auto folder = m_created_folders.rbegin(); folder != m_created_folders.rend(); ++folder) {
    ::rmdir(folder->c_str());
  }
}

std::string FileTransaction::full(const std::string& path) const
{
  return m_root.empty() ? path : (fs::path(m_root) / path).string();
}

std::string FileTransaction::shown(const std::string& path) const
{
  if (m_root.empty()) {
    return path;
  }
  const fs::path relative = fs::path(full(path)).lexically_relative(m_root);
  return relative.empty() || *relative.begin() == ".." ? full(path) : relative.generic_string();
}

// A link in the work tree may point anywhere: written through, it would change a file outside the
// repository, or put one there; replaced, a checked-in link would silently become a file.
void FileTransaction::refuse_links(const std::string& path) const
{
  if (!m_root.empty()) {
    const fs::path relative = fs::path(path).lexically_relative(m_root);
    if (!relative.empty() && *relative.begin() != "..") {
      fs::path at = m_root;
      for (auto part = relative.begin(); part != relative.end() && std::next(part) != relative.end(); ++part) {
        at /= *part;
        if (is_link(at)) {
          throw link_refused(shown(at.string()));
        }
      }
    }
  }
  if (is_link(path)) {
    throw link_refused(shown(path));
  }
}

void FileTransaction::make_folder(const std::string& path)
{
  const fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) {
    return;
  }
  std::vector<fs::path> missing;
  std::error_code error;
  for (fs::path at = folder; !at.empty() && !fs::exists(fs::symlink_status(at, error)); at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) {
      break;
    }
  }
  fs::create_directories(folder, error);
  if (error) {
    throw Error("cannot create folder '" + shown(folder.string()) + "': " + error.message());
  }
  for (auto at = missing.rbegin(); at != missing.rend(); ++at) {
    m_created_folders.push_back(at->string());
  }
}

void FileTransaction::lock(std::vector<std::string> paths)
{
  for (auto& path : paths) {
    path = full(path);
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::set<std::string> folders;
  for (const auto& path : paths) {
    if (std::find(m_locked.begin(), m_locked.end(), path) != m_locked.end()) {
      continue;
    }
    refuse_links(path);
    make_folder(path);
    m_locks.push_back(std::make_unique<FileLock>(path, shown(path)));
    m_locked.push_back(path);
    folders.insert(fs::path(path).parent_path().string());
  }
  // What a planck stopped mid-write left in these folders can go; a running one's files are kept.
  for (const auto& folder : folders) {
    remove_leftovers(folder);
  }
}

void FileTransaction::write(const std::string& path, std::string content, unsigned mode)
{
  m_files.push_back(Pending{full(path), std::move(content), mode, {}, false, {}});
}

void FileTransaction::commit()
{
  std::vector<std::string> unlocked;
  for (const auto& file : m_files) {
    unlocked.push_back(file.path);
  }
  lock(unlocked);
  const mode_t mask = current_umask();
  for (auto& file : m_files) {
    struct stat existing
    {
    };
    file.existed = ::lstat(file.path.c_str(), &existing) == 0;
    if (file.existed && S_ISLNK(existing.st_mode)) {
      throw link_refused(shown(file.path));
    }
    // A file nobody may write is one its owner asked to keep as it is.
    if (file.existed && S_ISREG(existing.st_mode) &&
        (::access(file.path.c_str(), W_OK) != 0 || (existing.st_mode & 0222) == 0)) {
      throw Error(fmt::format("{} is read-only; nothing was written", shown(file.path)));
    }
    const int fd = create_temporary(file.path, file.temporary);
    if (fd < 0) {
      const std::string why = reason();
      file.temporary.clear();
      throw Error("cannot write '" + shown(file.path) + "': " + why);
    }
    const mode_t mode = file.existed ? (existing.st_mode & 07777) : (static_cast<mode_t>(file.mode) & ~mask);
    // The file stays its owner's: root can give it back to them; anyone may keep its group when
    // they belong to it. What this process may not set stays its own, as with any editor.
    if (file.existed && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()) &&
        ::fchown(fd, existing.st_uid, existing.st_gid) != 0) {
      [[maybe_unused]] const int ignored = ::fchown(fd, static_cast<uid_t>(-1), existing.st_gid);
    }
    // The mode last: changing the owner may clear the set-id bits.
    const bool ok = write_all(fd, file.content) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const std::string why = ok ? std::string() : reason();
    if (::close(fd) != 0 || !ok) {
      throw Error("cannot write '" + shown(file.path) + "': " + (why.empty() ? reason() : why));
    }
    // A second name for the file about to be replaced, so that a later rename that fails can put it
    // back; where the file system has no hard links, that file cannot be put back.
    if (file.existed && S_ISREG(existing.st_mode)) {
      file.before = link_temporary(file.path);
    }
  }
  std::set<std::string> folders;
  {
    const DeferInterrupts defer;
    for (std::size_t index = 0; index < m_files.size(); ++index) {
      auto& file = m_files[index];
      if (::rename(file.temporary.c_str(), file.path.c_str()) != 0) {
        const std::string why = reason();
        const bool undone = undo(index);
        throw Error(fmt::format("cannot replace '{}': {}; {}", shown(file.path), why,
                                undone ? "nothing was written"
                                       : "some files were replaced and could not be put back (see git status)"));
      }
      forget_on_interrupt(file.temporary);
      file.temporary.clear();
      folders.insert(fs::path(file.path).parent_path().string());
    }
  }
  for (auto& file : m_files) {
    drop_temporary(file.before);
  }
  for (const auto& folder : folders) {
    sync_directory(folder);
  }
  m_files.clear();
  m_created_folders.clear();
  m_locks.clear();
  m_locked.clear();
}

// Puts back the first `renamed` files as they were before the commit; true when every one was.
bool FileTransaction::undo(std::size_t renamed)
{
  bool undone = true;
  while (renamed > 0) {
    auto& file = m_files[--renamed];
    if (!file.before.empty() && ::rename(file.before.c_str(), file.path.c_str()) == 0) {
      forget_on_interrupt(file.before);
      file.before.clear();
    } else if (!file.existed) {
      undone = ::unlink(file.path.c_str()) == 0 && undone;
    } else {
      undone = false;
    }
  }
  return undone;
}

} // namespace planck
