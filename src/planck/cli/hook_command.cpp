#include "planck/cli/hook_command.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/cli/open.hpp"
#include "planck/git/settings.hpp"
#include "planck/git/repository.hpp"
#include "planck/util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

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
  // git runs a pre-push hook with the remote's name and URL as arguments and one line per ref
  // pushed on standard input, `<local ref> <local sha> <remote ref> <remote sha>` (githooks(5)).
  // Each pushed range is checked against what the remote has; the work tree is not looked at.
  std::string script;
  script += "#!/bin/sh\n";
  script += std::string(k_marker) + ": checks the ExecPlans this push changes.\n";
  script += "# Each ref pushed is checked against what the remote already has, as committed (the work\n";
  script += "# tree is not looked at). Skip once with `git push --no-verify`.\n";
  script += "planck=" + shell_quote(binary.empty() ? std::string("planck") : binary) + "\n";
  script += R"HOOK([ -x "$planck" ] || planck=planck
remote=${1:-origin}
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
  case $local_sha in *[!0]*) ;; *) continue ;; esac   # a deletion: nothing to check
  base=
  case $remote_sha in
  *[!0]*) git cat-file -e "$remote_sha^{commit}" 2>/dev/null && base=$remote_sha ;;
  esac
  if [ -z "$base" ]; then
    # A new branch (or one the remote moved on): compare with the remote's default branch.
    for candidate in "refs/remotes/$remote/HEAD" "refs/remotes/$remote/main" "refs/remotes/$remote/master"; do
      if git rev-parse -q --verify "$candidate^{commit}" >/dev/null 2>&1; then
        base=$candidate
        break
      fi
    done
  fi
  echo "planck: checking $local_ref for $remote_ref" >&2
  if [ -n "$base" ]; then
    "$planck" check --base "$base" --head "$local_sha" </dev/null || status=1
  else
    # Nothing of the remote's to compare with (a first push): every document at the pushed commit.
    "$planck" check --all --head "$local_sha" </dev/null || status=1
  fi
done
exit $status
)HOOK";
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
  std::cout << fmt::format("installed the pre-push hook: {} (checks each pushed ref against what the remote has)\n",
                           hook.string());
  return 0;
}

Command add_hook_command(CLI::App& parent)
{
  auto options = std::make_shared<HookOptions>();
  auto* hook_cmd = parent.add_subcommand("hook", "Manage the git hook that runs planck before pushing");
  hook_cmd->require_subcommand(1);
  auto* hook_install_cmd = hook_cmd->add_subcommand("install", "Write the pre-push hook (checks each pushed ref against the remote)");
  hook_install_cmd->add_flag("--force", options->force, "Replace a different existing pre-push hook");
  add_directory_option(*hook_install_cmd, options->directory);
  return {hook_install_cmd, [options] { return run_hook_install(*options); }};
}

} // namespace planck
