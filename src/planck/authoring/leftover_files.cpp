#include "planck/authoring/leftover_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <ctime>
#include <dirent.h>
#include <filesystem>
#include <signal.h>
#include <string_view>

namespace planck {

namespace fs = std::filesystem;

namespace {

// No planck write takes this long: a temporary file older than this is a leftover, whoever wrote it.
constexpr std::time_t k_stale_seconds = 10 * 60;
constexpr std::string_view k_marker = ".planck-tmp-";
constexpr std::string_view k_old_marker = ".planck-";

bool all_digits(std::string_view text)
{
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// The process id in `.<name>.planck-tmp-<pid>-<number>`, or 0 when `name` is not such a name.
long temporary_pid(std::string_view name)
{
  const auto marker = name.rfind(k_marker);
  if (name.size() < 2 || name.front() != '.' || marker == std::string_view::npos || marker < 2) {
    return 0;
  }
  const std::string_view tail = name.substr(marker + k_marker.size());
  const auto dash = tail.find('-');
  if (dash == std::string_view::npos || !all_digits(tail.substr(0, dash)) || !all_digits(tail.substr(dash + 1))) {
    return 0;
  }
  return std::stol(std::string(tail.substr(0, dash)));
}

// `.<name>.md.planck-XXXXXX`, as mkstemp named temporary files of Markdown files before they carried
// a process id; only those, so that a file of the user's merely alike is not taken for one.
bool old_temporary(std::string_view name)
{
  const std::size_t suffix = k_old_marker.size() + 6;
  if (name.size() < suffix + 5 || name.front() != '.' ||
      name.substr(name.size() - suffix, k_old_marker.size()) != k_old_marker ||
      name.substr(name.size() - suffix - 3, 3) != ".md") {
    return false;
  }
  const std::string_view random = name.substr(name.size() - 6);
  return std::all_of(random.begin(), random.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

std::string temporary_name(const std::string& target, unsigned number)
{
  const fs::path path(target);
  return (path.parent_path() / ("." + path.filename().string() + std::string(k_marker) + std::to_string(::getpid()) +
                                "-" + std::to_string(number)))
      .string();
}

bool process_running(long pid)
{
  return !(::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
}

void remove_leftovers(const std::string& folder)
{
  DIR* directory = ::opendir(folder.empty() ? "." : folder.c_str());
  if (directory == nullptr) {
    return;
  }
  const std::time_t now = std::time(nullptr);
  while (const dirent* entry = ::readdir(directory)) {
    const std::string_view name = entry->d_name;
    const long pid = temporary_pid(name);
    const bool old_style = pid == 0 && old_temporary(name);
    if ((pid == 0 && !old_style) || pid == ::getpid()) {
      continue;
    }
    const std::string path = (fs::path(folder) / std::string(name)).string();
    struct stat info
    {
    };
    if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
      continue;
    }
    const bool stale = now - info.st_mtime > k_stale_seconds;
    if (stale || (!old_style && !process_running(pid))) {
      ::unlink(path.c_str());
    }
  }
  ::closedir(directory);
}

} // namespace planck
