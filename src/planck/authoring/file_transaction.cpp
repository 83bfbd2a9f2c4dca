#include "planck/authoring/file_transaction.hpp"

#include "planck/util/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

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

FileTransaction::~FileTransaction()
{
  for (const auto& file : m_files) {
    if (!file.temporary.empty()) {
      ::unlink(file.temporary.c_str());
    }
  }
}

void FileTransaction::write(const std::string& path, std::string content, unsigned mode)
{
  m_files.push_back(Pending{path, std::move(content), mode, {}});
}

void FileTransaction::commit()
{
  const mode_t mask = current_umask();
  for (auto& file : m_files) {
    const fs::path target(file.path);
    const fs::path folder = target.parent_path();
    std::error_code error;
    if (!folder.empty()) {
      fs::create_directories(folder, error);
      if (error) {
        throw Error("cannot create folder '" + folder.string() + "': " + error.message());
      }
    }
    std::string temporary = (folder / ("." + target.filename().string() + ".planck-XXXXXX")).string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
      throw Error("cannot write '" + file.path + "': " + reason());
    }
    file.temporary = temporary;
    struct stat existing
    {
    };
    const mode_t mode = ::stat(file.path.c_str(), &existing) == 0 ? (existing.st_mode & 07777)
                                                                  : (static_cast<mode_t>(file.mode) & ~mask);
    const bool ok = write_all(fd, file.content) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const std::string why = ok ? std::string() : reason();
    if (::close(fd) != 0 || !ok) {
      throw Error("cannot write '" + file.path + "': " + (why.empty() ? reason() : why));
    }
  }
  std::set<std::string> folders;
  for (auto& file : m_files) {
    if (::rename(file.temporary.c_str(), file.path.c_str()) != 0) {
      throw Error("cannot replace '" + file.path + "': " + reason());
    }
    file.temporary.clear();
    folders.insert(fs::path(file.path).parent_path().string());
  }
  for (const auto& folder : folders) {
    sync_directory(folder);
  }
  m_files.clear();
}

} // namespace planck
