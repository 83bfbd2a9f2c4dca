#include "planck/git/promisor.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace planck::git {

namespace {

struct FileCloser
{
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// The first line of what the file holds, from its start.
std::string first_line(std::FILE* file)
{
  std::rewind(file);
  std::string line;
  for (int c = std::fgetc(file); c != EOF && c != '\n' && line.size() < 500; c = std::fgetc(file)) {
    line += static_cast<char>(c);
  }
  return line;
}

} // namespace

std::string fetch_objects(const std::string& git_dir, const std::string& remote, const std::vector<std::string>& ids)
{
  // libgit2 cannot fetch from a promisor remote, so git does it, as `git diff` would in this clone.
  // Files rather than pipes carry what goes in and out: no deadlock, no SIGPIPE.
  FilePtr input(std::tmpfile());
  FilePtr errors(std::tmpfile());
  if (!input || !errors) {
    return std::string("cannot make a temporary file: ") + std::strerror(errno);
  }
  for (const auto& id : ids) {
    std::fprintf(input.get(), "%s\n", id.c_str());
  }
  std::fflush(input.get());
  std::rewind(input.get());

  const std::vector<std::string> args = {"git",
                                         "--git-dir=" + git_dir,
                                         "-c",
                                         "fetch.negotiationAlgorithm=noop",
                                         "fetch",
                                         "--quiet",
                                         "--no-tags",
                                         "--no-write-fetch-head",
                                         "--recurse-submodules=no",
                                         "--filter=blob:none",
                                         "--stdin",
                                         remote};
  std::vector<char*> argv;
  for (const auto& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  // No credential prompt: a CI job would wait for an answer that never comes.
  std::vector<std::string> env_strings;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "GIT_TERMINAL_PROMPT=", 20) != 0) {
      env_strings.emplace_back(*entry);
    }
  }
  env_strings.emplace_back("GIT_TERMINAL_PROMPT=0");
  std::vector<char*> envp;
  for (auto& entry : env_strings) {
    envp.push_back(entry.data());
  }
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fileno(input.get()), STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fileno(errors.get()), STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return std::string("cannot run git to fetch them: ") + std::strerror(spawned);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return std::string("cannot wait for git: ") + std::strerror(errno);
    }
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    return "";
  }
  const std::string said = first_line(errors.get());
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return "cannot run git to fetch them: git is not installed";
  }
  return "git fetch from '" + remote + "' failed" + (said.empty() ? "" : ": " + said);
}

} // namespace planck::git
