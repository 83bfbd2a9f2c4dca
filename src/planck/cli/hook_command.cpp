#include "planck/cli/hook_command.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/cli/git_settings.hpp"
#include "planck/git/repository.hpp"
#include "planck/util/error.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace planck {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_marker = "# Installed by `planck hook install`";

// The script quotes the path in single quotes, which hold anything but a single quote.
std::string shell_quote(const std::string& text)
{
  std::string quoted = "'";
  for (char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

std::string running_binary()
{
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? std::string() : self.string();
}

} // namespace

std::string pre_push_hook(const std::string& binary)
{
  std::string script;
  script += "#!/bin/sh\n";
  script += std::string(k_marker) + ": checks the ExecPlans this push changes.\n";
  script += "# Skip once with `git push --no-verify`.\n";
  script += "planck=" + shell_quote(binary.empty() ? std::string("planck") : binary) + "\n";
  script += "[ -x \"$planck\" ] || planck=planck\n";
  script += "base=$(git rev-parse -q --verify '@{upstream}' 2>/dev/null) ||\n";
  script += "  base=$(git rev-parse -q --verify origin/HEAD 2>/dev/null) ||\n";
  script += "  base=main\n";
  script += "exec \"$planck\" check --base \"$base\" --worktree\n";
  return script;
}

int run_hook_install(const HookOptions& options)
{
  const Repository repository = Repository::discover(options.directory).or_throw();
  const std::string root = repository.workdir();
  if (root.empty()) {
    throw Error("the repository has no work tree (bare repository); run planck in a checkout");
  }
  const fs::path hook = fs::path(git_hooks_folder(root)) / "pre-push";
  const std::string script = pre_push_hook(running_binary());
  const auto existing = read_text_file(hook.string());
  if (existing && *existing == script) {
    std::cout << fmt::format("the pre-push hook is already installed: {}\n", hook.string());
    return 0;
  }
  // A hook planck wrote earlier (another binary path, an older script) is planck's to update.
  if (existing && !options.force && existing->find(k_marker) == std::string::npos) {
    throw Error(fmt::format("{} already exists and is not planck's; nothing was written (pass --force to replace it)",
                            hook.string()));
  }
  FileTransaction transaction;
  transaction.write(hook.string(), script, 0777);
  transaction.commit();
  // A hook must be executable; an existing file keeps its mode, so make sure.
  std::error_code error;
  fs::permissions(hook, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add,
                  error);
  std::cout << fmt::format("installed the pre-push hook: {} (runs planck check --base <upstream> --worktree)\n",
                           hook.string());
  return 0;
}

} // namespace planck
