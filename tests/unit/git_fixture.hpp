#pragma once

// A real git repository in a fresh temporary directory, driven by the `git` command line with a
// clean environment (own HOME, no system config, fixed identities and dates), for tests only.

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace planck::test {

/// A scratch repository on branch `main`; removed when it goes out of scope, unless a test failure
/// is unwinding through it or PLANCK_KEEP_TEMP is set (then its path is printed).
class TempRepo
{
public:
  /// Creates `<tmp>/planck-XXXXXX/repo` and runs `git init -b main` in it.
  TempRepo() : TempRepo(Empty{}) { run_or_throw("init -q -b main ."); }

  TempRepo(TempRepo&& other) noexcept : m_root(std::move(other.m_root)) { other.m_root.clear(); }
  TempRepo& operator=(TempRepo&&) = delete;
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;

  ~TempRepo()
  {
    if (m_root.empty()) {
      return;
    }
    if (std::uncaught_exceptions() > 0 || std::getenv("PLANCK_KEEP_TEMP") != nullptr) {
      std::fprintf(stderr, "kept test repository %s\n", path().c_str());
      return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_root, ignored);
  }

  /// A new repository cloned from this one with `git clone <args> file://…` (e.g. "--depth 1").
  TempRepo clone(const std::string& args) const
  {
    TempRepo copy{Empty{}};
    copy.run_or_throw("clone -q " + args + " " + quote("file://" + path().string()) + " .");
    return copy;
  }

  /// A copy of this repository, work tree and `.git` alike, in a new temporary directory: a
  /// fixture built once with git and copied for each test that changes it costs no git process.
  TempRepo copy() const
  {
    TempRepo copy{Empty{}};
    std::filesystem::copy(path(), copy.path(),
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
    return copy;
  }

  /// The work tree's root.
  std::filesystem::path path() const { return m_root / "repo"; }

  /// Writes `text` to `relative` in the work tree, creating folders as needed.
  void write(const std::string& relative, const std::string& text) const
  {
    const auto file = path() / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      throw std::runtime_error("cannot write " + file.string());
    }
  }

  /// Removes `relative` (a file or a folder) from the work tree.
  void remove(const std::string& relative) const { std::filesystem::remove_all(path() / relative); }

  /// Stages everything and commits it with `message` (may hold trailers), authored at
  /// `author_date` and committed at `committer_date` (default: the author date); returns the SHA.
  std::string commit(const std::string& message, const std::string& author_date,
                     const std::string& committer_date = "") const
  {
    run_or_throw("add -A");
    return commit_staged(message, author_date, committer_date);
  }

  /// Commits what is staged (nothing else), like `commit`; `--allow-empty` lets a commit change nothing.
  std::string commit_staged(const std::string& message, const std::string& author_date,
                            const std::string& committer_date = "") const
  {
    const auto message_file = m_root / "message.txt";
    {
      std::ofstream out(message_file, std::ios::binary | std::ios::trunc);
      out << message;
    }
    const std::string dates = "GIT_AUTHOR_DATE=" + quote(author_date) + " GIT_COMMITTER_DATE=" +
                              quote(committer_date.empty() ? author_date : committer_date) + " ";
    run_or_throw("commit -q --allow-empty --no-verify -F " + quote(message_file.string()), dates);
    return output("rev-parse HEAD");
  }

  /// Runs `git <args>` in the work tree; returns its exit status.
  int run(const std::string& args) const { return run_with(args, "", ""); }

  /// Runs `git <args>` in the work tree and returns its standard output without the final newline;
  /// throws when git fails.
  std::string output(const std::string& args) const
  {
    const auto out_file = m_root / "output.txt";
    if (run_with(args, "", " >" + quote(out_file.string())) != 0) {
      throw std::runtime_error("git " + args + " failed in " + path().string());
    }
    std::ifstream in(out_file, std::ios::binary);
    std::string result;
    for (std::string line; std::getline(in, line);) {
      result += line + "\n";
    }
    while (!result.empty() && result.back() == '\n') {
      result.pop_back();
    }
    return result;
  }

private:
  struct Empty {};

  explicit TempRepo(Empty)
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "planck-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory");
    }
    m_root = pattern;
    std::filesystem::create_directories(m_root / "home");
    std::filesystem::create_directories(m_root / "repo");
  }

  static std::string quote(const std::string& text)
  {
    std::string quoted = "'";
    for (char c : text) {
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
  }

  int run_with(const std::string& args, const std::string& extra_env, const std::string& redirect) const
  {
    const std::string home = quote((m_root / "home").string());
    const std::string command =
        "cd " + quote(path().string()) +
        " && env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE -u GIT_OBJECT_DIRECTORY"
        " -u GIT_ALTERNATE_OBJECT_DIRECTORIES -u GIT_CEILING_DIRECTORIES -u GIT_CONFIG_GLOBAL"
        " HOME=" + home + " XDG_CONFIG_HOME=" + home + " GIT_CONFIG_NOSYSTEM=1"
        " GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.com"
        " GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.com"
        " GIT_TERMINAL_PROMPT=0 LC_ALL=C " + extra_env +
        "git -c commit.gpgsign=false -c core.autocrlf=false -c protocol.file.allow=always " + args +
        redirect + " 2>>" + quote((m_root / "git-stderr.txt").string());
    const int status = std::system(command.c_str());
    if (status == -1 || !WIFEXITED(status)) {
      return -1;
    }
    return WEXITSTATUS(status);
  }

  void run_or_throw(const std::string& args, const std::string& extra_env = "") const
  {
    if (run_with(args, extra_env, " >/dev/null") != 0) {
      throw std::runtime_error("git " + args + " failed in " + path().string() + " (see " +
                               (m_root / "git-stderr.txt").string() + ")");
    }
  }

  std::filesystem::path m_root;
};

} // namespace planck::test
