#include "planck/git/repository.hpp"

#include "git_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

using planck::CommitInfo;
using planck::Expected;
using planck::FileChange;
using planck::FileText;
using planck::Repository;
using planck::test::TempRepo;

namespace {

constexpr std::int64_t k_day = 86400;
constexpr std::int64_t k_t0 = 1735689600;  // 2025-01-01T00:00:00Z

// A git date for `seconds` since the epoch, in UTC.
std::string at(std::int64_t seconds)
{
  return "@" + std::to_string(seconds) + " +0000";
}

Repository open(const TempRepo& repo)
{
  auto opened = Repository::discover(repo.path().string());
  REQUIRE_MESSAGE(opened.has_value(), (opened.has_value() ? "" : opened.error()));
  return std::move(*opened);
}

std::string lines(int count, const std::string& prefix)
{
  std::string text;
  for (int i = 1; i <= count; ++i) {
    text += prefix + " line " + std::to_string(i) + "\n";
  }
  return text;
}

const FileChange* find_change(const std::vector<FileChange>& changes, const std::string& path)
{
  for (const auto& change : changes) {
    if (change.path == path) {
      return &change;
    }
  }
  return nullptr;
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// A read that found no regular file there: read without failure, and absent.
bool absent(const Expected<FileText>& read)
{
  return read.has_value() && read->state == FileText::State::absent;
}

// The text a read found; "<failed: …>" or "<absent>" otherwise, so a mismatch says what happened.
std::string text_of(const Expected<FileText>& read)
{
  if (!read) {
    return "<failed: " + read.error() + ">";
  }
  return read->state == FileText::State::text ? read->text : "<absent or too large>";
}

} // namespace

TEST_CASE("Repository::discover")
{
  static const TempRepo repo = [] {
    TempRepo built;
    built.write("docs/a.md", "a\n");
    built.commit("first", at(k_t0));
    return built;
  }();

  SUBCASE("opens the repository from a folder inside it")
  {
    auto opened = Repository::discover((repo.path() / "docs").string());
    REQUIRE(opened.has_value());
    CHECK(opened->workdir() == std::filesystem::canonical(repo.path()).string());
    CHECK_FALSE(opened->is_shallow());
  }

  SUBCASE("a folder outside any repository is a clear error")
  {
    const auto outside = repo.path().parent_path() / "home";
    auto opened = Repository::discover(outside.string());
    REQUIRE_FALSE(opened.has_value());
    CHECK(contains(opened.error(), "not a git repository"));
    CHECK(contains(opened.error(), outside.string()));
  }

  SUBCASE("a repository without commits opens, and asking for HEAD says it has none")
  {
    TempRepo empty;
    auto opened = Repository::discover(empty.path().string());
    REQUIRE(opened.has_value());
    auto head = opened->resolve("HEAD");
    REQUIRE_FALSE(head.has_value());
    CHECK(contains(head.error(), "no commits yet"));
    CHECK_FALSE(opened->list_files("HEAD", false).has_value());
    CHECK_FALSE(opened->commits_between("HEAD", "HEAD").has_value());
    CHECK_FALSE(opened->read_blob("HEAD", "a.md").has_value());
    auto changes = opened->diff("", "HEAD", true);
    REQUIRE(changes.has_value());
    CHECK(changes->empty());
  }
}

TEST_CASE("Repository::resolve")
{
  struct Built
  {
    TempRepo repo;
    std::string first, second, third;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("a.md", "1\n");
    b.first = b.repo.commit("first", at(k_t0));
    b.repo.run("tag -a v1 -m 'release one' HEAD");
    b.repo.write("a.md", "2\n");
    b.second = b.repo.commit("second", at(k_t0 + 60));
    b.repo.run("branch feature");
    b.repo.write("a.md", "3\n");
    b.third = b.repo.commit("third", at(k_t0 + 120));
    return b;
  }();
  const TempRepo repo = built.repo.copy();
  const std::string& first = built.first;
  const std::string& second = built.second;
  const std::string& third = built.third;
  Repository git = open(repo);

  SUBCASE("branches, annotated tags, short SHAs and ancestry give the full commit SHA")
  {
    CHECK(git.resolve("main").value() == third);
    CHECK(git.resolve("HEAD").value() == third);
    CHECK(git.resolve("feature").value() == second);
    CHECK(git.resolve("v1").value() == first);
    CHECK(git.resolve(first.substr(0, 7)).value() == first);
    CHECK(git.resolve("HEAD~1").value() == second);
    CHECK(git.resolve("main~2").value() == first);
  }

  SUBCASE("a detached HEAD resolves to the checked-out commit")
  {
    REQUIRE(repo.run("checkout -q --detach HEAD~1") == 0);
    Repository detached = open(repo);
    CHECK(detached.resolve("HEAD").value() == second);
  }

  SUBCASE("an unknown branch is named, with how to fetch it")
  {
    auto missing = git.resolve("no-such-branch");
    REQUIRE_FALSE(missing.has_value());
    CHECK(contains(missing.error(), "unknown revision 'no-such-branch'"));
    CHECK(contains(missing.error(), "git fetch origin no-such-branch"));
  }

  SUBCASE("a missing remote-tracking branch is fetched from its remote")
  {
    REQUIRE(repo.run("remote add upstream file:///nonexistent") == 0);
    Repository with_remote = open(repo);
    auto missing = with_remote.resolve("upstream/release");
    REQUIRE_FALSE(missing.has_value());
    CHECK(contains(missing.error(), "git fetch upstream release"));
  }

  SUBCASE("an unknown SHA or an ancestor beyond the root is unknown, without a branch hint")
  {
    auto sha = git.resolve("0123456789abcdef0123456789abcdef01234567");
    REQUIRE_FALSE(sha.has_value());
    CHECK(contains(sha.error(), "unknown revision"));
    CHECK_FALSE(contains(sha.error(), "git fetch"));
    CHECK_FALSE(git.resolve("HEAD~5").has_value());
    CHECK_FALSE(git.resolve("").has_value());
  }

  SUBCASE("a revision that is not a commit is refused")
  {
    auto tree = git.resolve("HEAD^{tree}");
    REQUIRE_FALSE(tree.has_value());
    CHECK(contains(tree.error(), "does not name a commit"));
  }
}

TEST_CASE("Repository::merge_base")
{
  struct Built
  {
    TempRepo repo;
    std::string fork, feature;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("shared.md", "shared\n");
    b.fork = b.repo.commit("fork point", at(k_t0));
    REQUIRE(b.repo.run("checkout -q -b feature") == 0);
    b.repo.write("feature.md", "feature work\n");
    b.feature = b.repo.commit("feature work", at(k_t0 + 3600));
    REQUIRE(b.repo.run("checkout -q main") == 0);
    b.repo.write("main-only.md", "main moved on\n");
    b.repo.write("shared.md", "shared, edited on main\n");
    b.repo.commit("main moves on", at(k_t0 + 7200));
    return b;
  }();
  const TempRepo repo = built.repo.copy();
  const std::string& fork = built.fork;
  const std::string& feature = built.feature;
  Repository git = open(repo);

  SUBCASE("the range is base...head: changes made only on the base branch are not in it")
  {
    const auto base = git.merge_base("main", "feature");
    REQUIRE(base.has_value());
    CHECK(*base == fork);
    auto changes = git.diff(*base, "feature", false);
    REQUIRE(changes.has_value());
    REQUIRE(changes->size() == 1);
    CHECK(changes->front().path == "feature.md");
    CHECK(find_change(*changes, "main-only.md") == nullptr);
    CHECK(find_change(*changes, "shared.md") == nullptr);
    auto commits = git.commits_between(*base, feature);
    REQUIRE(commits.has_value());
    REQUIRE(commits->size() == 1);
    CHECK(commits->front().sha == feature);
  }

  SUBCASE("a base that is an ancestor of head is its own merge base")
  {
    CHECK(git.merge_base(fork, "main").value() == fork);
  }

  SUBCASE("unrelated histories have no merge base")
  {
    REQUIRE(repo.run("checkout -q --orphan other") == 0);
    repo.write("other.md", "unrelated\n");
    repo.commit("unrelated root", at(k_t0 + 9000));
    Repository reopened = open(repo);
    auto base = reopened.merge_base("main", "other");
    REQUIRE_FALSE(base.has_value());
    CHECK(contains(base.error(), "no common ancestor"));
  }

  SUBCASE("an unknown side is named")
  {
    auto base = git.merge_base("main", "nope");
    REQUIRE_FALSE(base.has_value());
    CHECK(contains(base.error(), "'nope'"));
  }
}

TEST_CASE("Repository::diff")
{
  struct Built
  {
    TempRepo repo;
    std::string base;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("keep.md", lines(5, "keep"));
    b.repo.write("edit.md", "one\ntwo\nthree\n");
    b.repo.write("gone.md", "soon gone\n");
    b.repo.write("move.md", lines(10, "move"));
    b.repo.write("image.bin", std::string("\x89PNG\0\0\x01\x02", 8));
    b.repo.write("kind.md", "a file that becomes a link\n");
    b.base = b.repo.commit("base", at(k_t0));
    return b;
  }();
  const TempRepo repo = built.repo.copy();
  const std::string& base = built.base;

  SUBCASE("commits: added, modified, deleted, renamed and binary files with line counts")
  {
    repo.write("edit.md", "one\nTWO\nthree\nfour\nfive\n");
    repo.remove("gone.md");
    repo.write("new.md", "new\nfile\n");
    repo.remove("move.md");
    std::string moved = lines(10, "move");
    moved.replace(moved.find("line 3"), 6, "LINE 3");
    repo.write("docs/moved.md", moved);
    repo.write("image.bin", std::string("\x89PNG\0\0\x03\x04", 8));
    const std::string head = repo.commit("head", at(k_t0 + 60));
    Repository git = open(repo);
    auto changes = git.diff(base, head, false);
    REQUIRE(changes.has_value());
    CHECK(changes->size() == 5);
    CHECK(find_change(*changes, "keep.md") == nullptr);

    const FileChange* edit = find_change(*changes, "edit.md");
    REQUIRE(edit != nullptr);
    CHECK(edit->status == FileChange::Status::modified);
    CHECK(edit->additions == 3);
    CHECK(edit->deletions == 1);
    CHECK_FALSE(edit->binary);

    const FileChange* gone = find_change(*changes, "gone.md");
    REQUIRE(gone != nullptr);
    CHECK(gone->status == FileChange::Status::deleted);
    CHECK(gone->old_path == "gone.md");
    CHECK(gone->deletions == 1);

    const FileChange* added = find_change(*changes, "new.md");
    REQUIRE(added != nullptr);
    CHECK(added->status == FileChange::Status::added);
    CHECK(added->additions == 2);

    const FileChange* renamed = find_change(*changes, "docs/moved.md");
    REQUIRE(renamed != nullptr);
    CHECK(renamed->status == FileChange::Status::renamed);
    CHECK(renamed->old_path == "move.md");
    CHECK(renamed->additions == 1);
    CHECK(renamed->deletions == 1);
    CHECK_FALSE(renamed->same_blob);   // moved and edited

    const FileChange* image = find_change(*changes, "image.bin");
    REQUIRE(image != nullptr);
    CHECK(image->binary);
    CHECK(image->additions == 0);
    CHECK(image->deletions == 0);
  }

  SUBCASE("a change of mode alone is marked so, committed or in the work tree; one undone is none")
  {
    REQUIRE(repo.run("update-index --chmod=+x edit.md") == 0);
    const std::string head = repo.commit_staged("mode only", at(k_t0 + 60));
    Repository git = open(repo);
    auto committed = git.diff(base, head, false);
    REQUIRE(committed.has_value());
    REQUIRE(committed->size() == 1);
    CHECK(committed->front().status == FileChange::Status::modified);
    CHECK(committed->front().mode_only);
    // The file on disk never became executable: against the work tree, nothing changed.
    auto undone = git.diff(base, head, true);
    REQUIRE(undone.has_value());
    CHECK(undone->empty());
    // Against head, edit.md lost its mode on disk; keep.md gains one there; a staged edit of move.md
    // is undone on disk.
    std::filesystem::permissions(repo.path() / "keep.md", std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    repo.write("move.md", "staged, then undone\n");
    REQUIRE(repo.run("add move.md") == 0);
    repo.write("move.md", lines(10, "move"));
    auto changes = git.diff(head, head, true);
    REQUIRE(changes.has_value());
    CHECK(changes->size() == 2);
    for (const char* path : {"edit.md", "keep.md"}) {
      const FileChange* change = find_change(*changes, path);
      REQUIRE_MESSAGE(change != nullptr, path);
      CHECK(change->mode_only);
    }
    CHECK(find_change(*changes, "move.md") == nullptr);
  }

  SUBCASE("a file replaced by a symbolic link is a type change")
  {
    repo.remove("kind.md");
    std::filesystem::create_symlink("keep.md", repo.path() / "kind.md");
    const std::string head = repo.commit("link", at(k_t0 + 60));
    auto changes = open(repo).diff(base, head, false);
    REQUIRE(changes.has_value());
    REQUIRE(changes->size() == 1);
    CHECK(changes->front().status == FileChange::Status::type_changed);
    CHECK(changes->front().path == "kind.md");
  }

  SUBCASE("a submodule is listed without line counts, and its content is never read")
  {
    REQUIRE(repo.run("update-index --add --cacheinfo 160000," + base + ",vendor/lib") == 0);
    std::filesystem::create_directories(repo.path() / "vendor" / "lib");
    const std::string head = repo.commit_staged("add a submodule", at(k_t0 + 60));
    Repository git = open(repo);
    for (const bool worktree : {false, true}) {
      CAPTURE(worktree);
      auto changes = git.diff(base, head, worktree);
      REQUIRE(changes.has_value());
      REQUIRE(changes->size() == 1);
      CHECK(changes->front().path == "vendor/lib");
      CHECK(changes->front().status == FileChange::Status::added);
      CHECK(changes->front().additions == 0);
      CHECK_FALSE(changes->front().binary);
    }
    CHECK(absent(git.read_blob(head, "vendor/lib")));
    auto files = git.list_files(head, true);
    REQUIRE(files.has_value());
    CHECK(std::count(files->begin(), files->end(), "vendor/lib") == 1);
  }

  SUBCASE("a merge commit as head brings both sides' changes")
  {
    REQUIRE(repo.run("checkout -q -b side") == 0);
    repo.write("side.md", "from the side branch\n");
    repo.commit("side work", at(k_t0 + 60));
    REQUIRE(repo.run("checkout -q main") == 0);
    repo.write("main.md", "from main\n");
    repo.commit("main work", at(k_t0 + 120));
    REQUIRE(repo.run("merge -q --no-ff --no-commit side") == 0);
    repo.commit_staged("Merge branch 'side'", at(k_t0 + 180));
    Repository git = open(repo);
    auto changes = git.diff(base, "HEAD", false);
    REQUIRE(changes.has_value());
    CHECK(changes->size() == 2);
    CHECK(find_change(*changes, "side.md") != nullptr);
    CHECK(find_change(*changes, "main.md") != nullptr);
    auto commits = git.commits_between(base, "HEAD");
    REQUIRE(commits.has_value());
    REQUIRE(commits->size() == 3);
    CHECK(commits->front().parent_count == 2);
  }

  SUBCASE("the work tree adds staged, unstaged and untracked changes, not ignored files")
  {
    repo.write(".gitignore", "*.log\n");
    const std::string head = repo.commit("ignore logs", at(k_t0 + 60));
    repo.write("edit.md", "one\ntwo\nthree\nstaged\n");
    REQUIRE(repo.run("add edit.md") == 0);
    repo.write("keep.md", lines(5, "keep") + "unstaged\n");
    repo.write("drafts/idea.md", "untracked\n");
    repo.write("debug.log", "ignored\n");
    repo.remove("gone.md");
    Repository git = open(repo);

    auto committed = git.diff(base, head, false);
    REQUIRE(committed.has_value());
    REQUIRE(committed->size() == 1);
    CHECK(committed->front().path == ".gitignore");

    auto changes = git.diff(base, head, true);
    REQUIRE(changes.has_value());
    CHECK(find_change(*changes, ".gitignore") != nullptr);
    const FileChange* staged = find_change(*changes, "edit.md");
    REQUIRE(staged != nullptr);
    CHECK(staged->additions == 1);
    const FileChange* unstaged = find_change(*changes, "keep.md");
    REQUIRE(unstaged != nullptr);
    CHECK(unstaged->status == FileChange::Status::modified);
    const FileChange* untracked = find_change(*changes, "drafts/idea.md");
    REQUIRE(untracked != nullptr);
    CHECK(untracked->status == FileChange::Status::added);
    const FileChange* deleted = find_change(*changes, "gone.md");
    REQUIRE(deleted != nullptr);
    CHECK(deleted->status == FileChange::Status::deleted);
    CHECK(find_change(*changes, "debug.log") == nullptr);
    CHECK(changes->size() == 5);
  }

  SUBCASE("the work tree finds a tracked file moved to an untracked path, and a staged git mv")
  {
    REQUIRE(std::system(("mv '" + (repo.path() / "move.md").string() + "' '" +
                         (repo.path() / "moved-by-hand.md").string() + "'").c_str()) == 0);
    REQUIRE(repo.run("mv edit.md docs-edit.md") == 0);
    auto changes = open(repo).diff(base, "HEAD", true);
    REQUIRE(changes.has_value());
    const FileChange* by_hand = find_change(*changes, "moved-by-hand.md");
    REQUIRE(by_hand != nullptr);
    CHECK(by_hand->status == FileChange::Status::renamed);
    CHECK(by_hand->old_path == "move.md");
    const FileChange* staged = find_change(*changes, "docs-edit.md");
    REQUIRE(staged != nullptr);
    CHECK(staged->status == FileChange::Status::renamed);
    CHECK(staged->old_path == "edit.md");
    CHECK(find_change(*changes, "move.md") == nullptr);
  }

  SUBCASE("no base (--all) means no changes, and the repository is untouched")
  {
    repo.write("edit.md", "changed\n");
    const std::string status_before = repo.output("status --porcelain");
    Repository git = open(repo);
    auto none = git.diff("", "HEAD", false);
    REQUIRE(none.has_value());
    CHECK(none->empty());
    REQUIRE(git.diff(base, "HEAD", true).has_value());
    REQUIRE(git.list_files("HEAD", true).has_value());
    CHECK(repo.output("status --porcelain") == status_before);
    CHECK(repo.output("diff --cached --name-only").empty());
  }

  SUBCASE("an unknown revision is an error, not an empty diff")
  {
    auto changes = open(repo).diff(base, "no-such-branch", false);
    REQUIRE_FALSE(changes.has_value());
    CHECK(contains(changes.error(), "no-such-branch"));
  }
}

TEST_CASE("Repository::changes_below")
{
  struct Built
  {
    TempRepo repo;
    std::string base;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("docs/plans/keep.md", "keep\n");
    b.repo.write("docs/plans/edit.md", "one\n");
    b.repo.write("docs/plans/gone.md", "gone\n");
    b.repo.write("docs/plans/old/move.md", lines(10, "move"));
    b.repo.write("docs/other.md", "outside the folder\n");
    b.repo.write("elsewhere/x.md", "x\n");
    b.base = b.repo.commit("base", at(k_t0));
    return b;
  }();
  const TempRepo repo = built.repo.copy();
  const std::string& base = built.base;

  SUBCASE("what changed below one folder, with repository paths, renames as a deletion and an addition")
  {
    repo.write("docs/plans/edit.md", "two\n");
    repo.remove("docs/plans/gone.md");
    repo.write("docs/plans/new.md", "new\n");
    repo.remove("docs/plans/old/move.md");
    repo.write("docs/plans/moved.md", lines(10, "move"));
    repo.write("docs/other.md", "changed, but not below the folder\n");
    const std::string head = repo.commit("head", at(k_t0 + 60));
    Repository git = open(repo);
    auto changes = git.changes_below(base, head, "docs/plans");
    REQUIRE_MESSAGE(changes.has_value(), (changes.has_value() ? "" : changes.error()));
    std::map<std::string, FileChange::Status> seen;
    for (const auto& change : *changes) {
      seen[change.path] = change.status;
      CHECK(change.old_path == change.path);
    }
    CHECK(seen == std::map<std::string, FileChange::Status>{
                      {"docs/plans/edit.md", FileChange::Status::modified},
                      {"docs/plans/gone.md", FileChange::Status::deleted},
                      {"docs/plans/moved.md", FileChange::Status::added},
                      {"docs/plans/new.md", FileChange::Status::added},
                      {"docs/plans/old/move.md", FileChange::Status::deleted},
                  });
  }

  SUBCASE("a folder that appears or disappears in the range, or never exists")
  {
    repo.remove("docs/plans/keep.md");
    repo.remove("docs/plans/edit.md");
    repo.remove("docs/plans/gone.md");
    repo.remove("docs/plans/old/move.md");
    repo.write("plans/first.md", "first\n");
    const std::string head = repo.commit("head", at(k_t0 + 60));
    Repository git = open(repo);
    auto removed = git.changes_below(base, head, "docs/plans");
    REQUIRE(removed.has_value());
    CHECK(removed->size() == 4);
    CHECK(std::all_of(removed->begin(), removed->end(),
                      [](const FileChange& change) { return change.status == FileChange::Status::deleted; }));
    auto added = git.changes_below(base, head, "plans");
    REQUIRE(added.has_value());
    REQUIRE(added->size() == 1);
    CHECK(added->front().path == "plans/first.md");
    CHECK(added->front().status == FileChange::Status::added);
    auto none = git.changes_below(base, head, "no/such/folder");
    REQUIRE(none.has_value());
    CHECK(none->empty());
    CHECK_FALSE(git.changes_below(base, "0000000", "docs/plans").has_value());
  }
}

TEST_CASE("Repository::commits_between")
{
  struct Built
  {
    TempRepo repo;
    std::string base, one, two, three;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("a.md", "0\n");
    b.base = b.repo.commit("base", at(k_t0));
    b.repo.write("a.md", "1\n");
    b.one = b.repo.commit("Start the plan\n\nBody text.\n\nPlan: my-plan\n", at(k_t0 + 100));
    b.repo.write("a.md", "2\n");
    b.two = b.repo.commit("Small fix\n\nPlan-Exempt: typo only\nSigned-off-by: Tester <t@example.com>\n",
                          at(k_t0 + 200), at(k_t0 + 3 * k_day));
    b.repo.write("a.md", "3\n");
    b.three = b.repo.commit("No trailers here", at(k_t0 + 300), at(k_t0 + 4 * k_day));
    return b;
  }();
  const std::string& base = built.base;
  const std::string& one = built.one;
  const std::string& two = built.two;
  const std::string& three = built.three;
  Repository git = open(built.repo);

  SUBCASE("newest first, base excluded")
  {
    auto commits = git.commits_between(base, "HEAD");
    REQUIRE(commits.has_value());
    REQUIRE(commits->size() == 3);
    CHECK((*commits)[0].sha == three);
    CHECK((*commits)[1].sha == two);
    CHECK((*commits)[2].sha == one);
  }

  SUBCASE("summary, message, trailers and the author and committer times")
  {
    auto commits = git.commits_between(base, "HEAD");
    REQUIRE(commits.has_value());
    REQUIRE(commits->size() == 3);
    const CommitInfo& started = (*commits)[2];
    CHECK(started.summary == "Start the plan");
    CHECK(contains(started.message, "Body text."));
    REQUIRE(started.trailers.size() == 1);
    CHECK(started.trailers[0].first == "Plan");
    CHECK(started.trailers[0].second == "my-plan");
    CHECK(started.parent_count == 1);

    const CommitInfo& exempt = (*commits)[1];
    REQUIRE(exempt.trailers.size() == 2);
    CHECK(exempt.trailers[0].first == "Plan-Exempt");
    CHECK(exempt.trailers[0].second == "typo only");
    CHECK(exempt.trailers[1].first == "Signed-off-by");
    CHECK(exempt.author_time == k_t0 + 200);
    CHECK(exempt.committer_time == k_t0 + 3 * k_day);

    CHECK((*commits)[0].trailers.empty());
  }

  SUBCASE("commit_info reads one commit")
  {
    auto info = git.commit_info(two);
    REQUIRE(info.has_value());
    CHECK(info->sha == two);
    CHECK(info->summary == "Small fix");
    CHECK(info->committer_time == k_t0 + 3 * k_day);
    auto root = git.commit_info(base);
    REQUIRE(root.has_value());
    CHECK(root->parent_count == 0);
    CHECK_FALSE(git.commit_info("nope").has_value());
  }

  SUBCASE("an empty base gives no commits; head equal to base gives none")
  {
    auto none = git.commits_between("", "HEAD");
    REQUIRE(none.has_value());
    CHECK(none->empty());
    auto same = git.commits_between("HEAD", "HEAD");
    REQUIRE(same.has_value());
    CHECK(same->empty());
  }
}

TEST_CASE("Repository::read_blob")
{
  struct Built
  {
    TempRepo repo;
    std::string first;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("docs/plan.md", "# Plan\n");
    b.repo.write("outside-target.md", "secret\n");
    std::filesystem::create_symlink("plan.md", b.repo.path() / "docs" / "linked.md");
    std::filesystem::create_symlink("/etc/passwd", b.repo.path() / "docs" / "passwd.md");
    b.first = b.repo.commit("first", at(k_t0));
    b.repo.write("docs/plan.md", "# Plan, edited\n");
    b.repo.commit("second", at(k_t0 + 60));
    return b;
  }();
  const TempRepo repo = built.repo.copy();
  const std::string& first = built.first;
  Repository git = open(repo);

  SUBCASE("the content of a file at a given commit")
  {
    CHECK(text_of(git.read_blob(first, "docs/plan.md")) == "# Plan\n");
    CHECK(text_of(git.read_blob("HEAD", "docs/plan.md")) == "# Plan, edited\n");
  }

  SUBCASE("nothing for a missing path, a folder or a symbolic link")
  {
    CHECK(absent(git.read_blob("HEAD", "docs/missing.md")));
    CHECK(absent(git.read_blob("HEAD", "docs")));
    CHECK(absent(git.read_blob("HEAD", "docs/linked.md")));
    CHECK(absent(git.read_blob("HEAD", "docs/passwd.md")));
    CHECK_FALSE(git.read_blob("no-such-commit", "docs/plan.md").has_value());   // a failure, not "absent"
  }

  SUBCASE("a file over the size asked for is not read: git's header says how large it is")
  {
    const auto read = git.read_blob("HEAD", "docs/plan.md", 4);
    REQUIRE(read.has_value());
    CHECK(read->state == FileText::State::too_large);
    CHECK(read->size == 15);
    CHECK(read->text.empty());
    CHECK(text_of(git.read_blob("HEAD", "docs/plan.md", 15)) == "# Plan, edited\n");
  }

  SUBCASE("a file whose object is missing is a failure that names it, never an absent file")
  {
    const std::string object = git.resolve(first).value();   // the commit is kept; the blob goes
    const std::string blob = repo.output("rev-parse " + first + ":docs/plan.md").substr(0, 40);
    std::filesystem::remove(repo.path() / ".git" / "objects" / blob.substr(0, 2) / blob.substr(2));
    Repository fresh = open(repo);
    const auto read = fresh.read_blob(first, "docs/plan.md");
    REQUIRE_FALSE(read.has_value());
    CHECK(contains(read.error(), "cannot read docs/plan.md at " + object.substr(0, 12)));
    CHECK(contains(read.error(), "missing from this repository"));
    CHECK(text_of(fresh.read_blob("HEAD", "docs/plan.md")) == "# Plan, edited\n");
  }

  SUBCASE("odd paths do not crash")
  {
    for (const std::string& path : std::vector<std::string>{"", "/", "//", "docs/", "/docs/plan.md", "../docs/plan.md", "docs/../docs/plan.md",
                                   "docs//plan.md", "./docs/plan.md", std::string(5000, 'a'), "docs/plan.md/x"}) {
      CAPTURE(path);
      CHECK_NOTHROW((void)git.read_blob("HEAD", path));
    }
    CHECK(absent(git.read_blob("HEAD", "docs/plan.md/x")));
  }
}

TEST_CASE("Repository::read_worktree")
{
  static const TempRepo repo = [] {
    TempRepo built;
    built.write("docs/plan.md", "# Plan\n");
    built.commit("first", at(k_t0));
    built.write("docs/plan.md", "# Plan, not committed\n");
    {
      std::ofstream out(built.path().parent_path() / "secret.md");
      out << "secret\n";
    }
    std::filesystem::create_symlink(built.path().parent_path() / "secret.md", built.path() / "docs" / "escape.md");
    std::filesystem::create_symlink("plan.md", built.path() / "docs" / "linked.md");
    std::filesystem::create_symlink(built.path().parent_path(), built.path() / "parent");
    return built;
  }();
  const auto outside = repo.path().parent_path() / "secret.md";
  Repository git = open(repo);

  SUBCASE("the file as it is on disk")
  {
    CHECK(text_of(git.read_worktree("docs/plan.md")) == "# Plan, not committed\n");
  }

  SUBCASE("nothing for a missing path, a folder or a symbolic link")
  {
    CHECK(absent(git.read_worktree("docs/missing.md")));
    CHECK(absent(git.read_worktree("docs")));
    CHECK(absent(git.read_worktree("docs/linked.md")));
    CHECK(absent(git.read_worktree("docs/escape.md")));
  }

  SUBCASE("nothing outside the work tree or inside .git")
  {
    CHECK(absent(git.read_worktree("../secret.md")));
    CHECK(absent(git.read_worktree("docs/../../secret.md")));
    CHECK(absent(git.read_worktree(outside.string())));
    CHECK(absent(git.read_worktree("parent/secret.md")));
    CHECK(absent(git.read_worktree(".git/config")));
    CHECK(absent(git.read_worktree("")));
  }
}

TEST_CASE("Repository::list_files")
{
  struct Built
  {
    TempRepo repo;
    std::string first;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("b.md", "b\n");
    b.repo.write("a/z.md", "z\n");
    b.repo.write("a/deep/y.md", "y\n");
    b.repo.write(".gitignore", "*.log\n");
    std::filesystem::create_symlink("b.md", b.repo.path() / "link.md");
    b.first = b.repo.commit("first", at(k_t0));
    return b;
  }();
  const TempRepo repo = built.repo.copy();
  const std::string& first = built.first;
  Repository git = open(repo);

  SUBCASE("every file of a commit, symbolic links included, sorted")
  {
    auto files = git.list_files(first, false);
    REQUIRE(files.has_value());
    CHECK(*files == std::vector<std::string>{".gitignore", "a/deep/y.md", "a/z.md", "b.md", "link.md"});
  }

  SUBCASE("with the work tree: untracked files added, deleted ones gone, ignored ones left out")
  {
    repo.write("c/new.md", "new\n");
    repo.write("trace.log", "ignored\n");
    repo.remove("a/z.md");
    auto files = git.list_files("HEAD", true);
    REQUIRE(files.has_value());
    CHECK(*files == std::vector<std::string>{".gitignore", "a/deep/y.md", "b.md", "c/new.md", "link.md"});
    auto committed = git.list_files("HEAD", false);
    REQUIRE(committed.has_value());
    CHECK(std::find(committed->begin(), committed->end(), "a/z.md") != committed->end());
  }
}

TEST_CASE("Repository::last_change_time")
{
  struct Built
  {
    TempRepo repo;
    std::string root;
  };
  static const Built built = [] {
    Built b;
    b.repo.write("a.md", "a0\n");
    b.repo.write("root-only.md", "never changed again\n");
    b.root = b.repo.commit("root", at(k_t0));
    b.repo.write("a.md", "a1\n");
    b.repo.commit("a once", at(k_t0 + 100), at(k_t0 + 1000));
    b.repo.write("b.md", "b1\n");
    b.repo.commit("b once", at(k_t0 + 200), at(k_t0 + 2000));
    b.repo.write("a.md", "a2\n");
    b.repo.commit("a twice", at(k_t0 + 300), at(k_t0 + 3000));
    b.repo.write("b.md", "b2\n");
    b.repo.commit("b twice", at(k_t0 + 400), at(k_t0 + 4000));
    return b;
  }();
  const std::string& root = built.root;
  Repository git = open(built.repo);
  auto commits = git.commits_between(root, "HEAD");
  REQUIRE(commits.has_value());
  REQUIRE(commits->size() == 4);

  SUBCASE("the author time of the newest commit that changed the path, not its committer time")
  {
    CHECK(git.last_change_time(*commits, "a.md").value() == std::optional<std::int64_t>(k_t0 + 300));
    CHECK(git.last_change_time(*commits, "b.md").value() == std::optional<std::int64_t>(k_t0 + 400));
  }

  SUBCASE("all paths in one pass agree with one path at a time")
  {
    const auto times = git.last_change_times(*commits, {"a.md", "b.md", "root-only.md", "missing.md"}).value();
    CHECK(times.at("a.md") == k_t0 + 300);
    CHECK(times.at("b.md") == k_t0 + 400);
    CHECK(times.count("root-only.md") == 0);
    CHECK(times.count("missing.md") == 0);
    CHECK(times.size() == 2);
    CHECK(git.last_change_times({}, {"a.md"}).value().empty());
    CHECK(git.last_change_times(*commits, {}).value().empty());
  }

  SUBCASE("nothing when no commit in the list changed it")
  {
    CHECK_FALSE(git.last_change_time(*commits, "root-only.md").value().has_value());
    CHECK_FALSE(git.last_change_time(*commits, "missing.md").value().has_value());
    CHECK_FALSE(git.last_change_time({}, "a.md").value().has_value());
  }

  SUBCASE("a root commit changes every file it contains")
  {
    auto all = *commits;
    all.push_back(git.commit_info(root).value());
    CHECK(git.last_change_time(all, "root-only.md").value() == std::optional<std::int64_t>(k_t0));
  }
}

TEST_CASE("a folder whose tree cannot be read fails the history walk and the folder diff; it never reads as absent")
{
  TempRepo repo;
  repo.write("docs/plans/a.md", "0\n");
  repo.write("docs/plans/b.md", "0\n");
  const std::string root = repo.commit("root", at(k_t0));
  repo.write("docs/plans/a.md", "1\n");
  const std::string first = repo.commit("edit a", at(k_t0 + 100));
  repo.write("docs/plans/b.md", "1\n");
  repo.commit("edit b", at(k_t0 + 200));
  // The plans folder's tree as the first edit left it, gone from the object store.
  const std::string lost = repo.output("rev-parse " + first + ":docs/plans");
  std::filesystem::remove(repo.path() / ".git" / "objects" / lost.substr(0, 2) / lost.substr(2));
  Repository git = open(repo);
  const auto commits = git.commits_between(root, "HEAD");
  REQUIRE(commits.has_value());

  // Read as absent, the lost tree made a.md look changed by the newest commit, which left it alone.
  const auto times = git.last_change_times(*commits, {"docs/plans/a.md"});
  REQUIRE_FALSE(times.has_value());
  CHECK(times.error().find("cannot read folder docs/plans (tree " + lost.substr(0, 12) + ")") == 0);
  const auto time = git.last_change_time(*commits, "docs/plans/a.md");
  REQUIRE_FALSE(time.has_value());
  CHECK(time.error().find("cannot read folder docs/plans") == 0);
  const auto changes = git.changes_below(first, "HEAD", "docs/plans");
  REQUIRE_FALSE(changes.has_value());
  CHECK(changes.error().find("cannot read folder docs/plans") == 0);
  // A folder that is not there is still no failure.
  const auto none = git.changes_below(first, "HEAD", "docs/absent");
  REQUIRE(none.has_value());
  CHECK(none->empty());
}

TEST_CASE("Repository::last_change_times misses nothing that changed, whatever the shape of the change")
{
  TempRepo repo;
  repo.write("docs/plans/kept.md", "kept\n");
  repo.write("docs/plans/edited.md", "0\n");
  repo.write("docs/gone/x.md", "x\n");
  repo.write("docs/gone/deep/y.md", "y\n");
  repo.write("swap", "a file that becomes a folder\n");
  repo.write("tool.sh", "echo\n");
  repo.write("run.sh", "run\n");
  const std::string root = repo.commit("root", at(k_t0));
  repo.write("docs/plans/edited.md", "1\n");
  repo.remove("docs/gone");
  repo.remove("swap");
  repo.write("swap/inside.md", "now a folder\n");
  repo.write("new/deep/z.md", "z\n");
  repo.write("tool.sh", "echo changed\n");
  repo.commit("reshape", at(k_t0 + 100));
  // A change of mode alone (chmod +x) changes no content: the newest content change counts.
  REQUIRE(repo.run("update-index --chmod=+x tool.sh") == 0);
  REQUIRE(repo.run("update-index --chmod=+x run.sh") == 0);
  repo.commit_staged("mode only", at(k_t0 + 200));
  Repository git = open(repo);
  const auto commits = git.commits_between(root, "HEAD");
  REQUIRE(commits.has_value());
  const std::vector<std::string> paths = {"docs/plans/kept.md", "docs/plans/edited.md", "docs/gone/x.md",
                                          "docs/gone/deep/y.md", "swap", "swap/inside.md", "new/deep/z.md",
                                          "tool.sh", "run.sh", "never/there.md"};
  const auto times = git.last_change_times(*commits, paths).value();
  const std::map<std::string, std::int64_t> expected = {
      {"docs/plans/edited.md", k_t0 + 100}, {"docs/gone/x.md", k_t0 + 100}, {"docs/gone/deep/y.md", k_t0 + 100},
      {"swap", k_t0 + 100},                 {"swap/inside.md", k_t0 + 100}, {"new/deep/z.md", k_t0 + 100},
      {"tool.sh", k_t0 + 100},
  };
  CHECK(std::map<std::string, std::int64_t>(times.begin(), times.end()) == expected);
  // The same answer as asking one path at a time.
  for (const auto& path : paths) {
    const auto it = times.find(path);
    CHECK_MESSAGE(git.last_change_time(*commits, path).value()
                      == (it == times.end() ? std::nullopt : std::optional<std::int64_t>(it->second)),
                  path);
  }
}

TEST_CASE("Repository in a shallow clone")
{
  // Each subcase clones the origin, which none changes.
  struct Built
  {
    TempRepo origin;
    std::string c1, fork, f1, s1, f2, merge;
  };
  static const Built built = [] {
    Built b;
    TempRepo& origin = b.origin;
    origin.write("a.md", "1\n");
    b.c1 = origin.commit("c1", at(k_t0));
    // The fork point c4 carries a clock behind its parents', so only ancestry, not time, picks it.
    for (int i = 2; i <= 4; ++i) {
      origin.write("a.md", std::to_string(i) + "\n");
      origin.commit("c" + std::to_string(i), at(i == 4 ? k_t0 + 50 : k_t0 + i * 100));
    }
    b.fork = origin.output("rev-parse HEAD");
    REQUIRE(origin.run("checkout -q -b feature") == 0);
    origin.write("plan.md", "plan\n");
    b.f1 = origin.commit("f1", at(k_t0 + 1000));
    REQUIRE(origin.run("checkout -q -b side") == 0);
    origin.write("side.md", "side\n");
    b.s1 = origin.commit("s1", at(k_t0 + 1050));
    REQUIRE(origin.run("checkout -q feature") == 0);
    origin.write("plan.md", "plan, more\n");
    b.f2 = origin.commit("f2", at(k_t0 + 1100));
    REQUIRE(origin.run("merge -q --no-ff --no-commit side") == 0);
    b.merge = origin.commit_staged("Merge branch 'side'", at(k_t0 + 1150));
    REQUIRE(origin.run("checkout -q main") == 0);
    origin.write("a.md", "5\n");
    origin.commit("c5", at(k_t0 + 1200));
    return b;
  }();
  const TempRepo& origin = built.origin;
  const std::string& c1 = built.c1;
  const std::string& fork = built.fork;
  const std::string& f1 = built.f1;
  const std::string& s1 = built.s1;
  const std::string& f2 = built.f2;
  const std::string& merge = built.merge;

  SUBCASE("a base that is not in the clone says the clone is shallow and how to fetch")
  {
    TempRepo clone = origin.clone("--depth 1 --branch feature");
    Repository git = open(clone);
    CHECK(git.is_shallow());
    auto base = git.resolve(c1);
    REQUIRE_FALSE(base.has_value());
    CHECK(contains(base.error(), "shallow"));
    CHECK(contains(base.error(), "git fetch --unshallow"));
    CHECK(contains(base.error(), "fetch-depth: 0"));
    CHECK(contains(base.error(), "GIT_DEPTH: 0"));
    CHECK(contains(base.error(), "--deepen"));
    auto branch = git.resolve("origin/main");
    REQUIRE_FALSE(branch.has_value());
    CHECK(contains(branch.error(), "git fetch origin main"));
    CHECK(git.resolve("HEAD").value() == merge);
  }

  SUBCASE("a merge base beyond the shallow boundary says how to fetch")
  {
    TempRepo clone = origin.clone("--depth 1 --no-single-branch");
    Repository git = open(clone);
    auto base = git.merge_base("origin/main", "origin/feature");
    REQUIRE_FALSE(base.has_value());
    CHECK(contains(base.error(), "shallow"));
    CHECK(contains(base.error(), "fetch-depth: 0"));
  }

  SUBCASE("a merge base inside the clone works: range, commits newest first, diff")
  {
    TempRepo clone = origin.clone("--depth 4 --no-single-branch");
    Repository git = open(clone);
    REQUIRE(git.is_shallow());
    auto base = git.merge_base("origin/main", "origin/feature");
    REQUIRE_MESSAGE(base.has_value(), (base.has_value() ? "" : base.error()));
    CHECK(*base == fork);
    auto commits = git.commits_between(*base, "origin/feature");
    REQUIRE(commits.has_value());
    std::vector<std::string> order;
    for (const auto& commit : *commits) {
      order.push_back(commit.sha);
    }
    CHECK(order == std::vector<std::string>{merge, f2, s1, f1});
    CHECK(commits->front().parent_count == 2);
    auto changes = git.diff(*base, "origin/feature", false);
    REQUIRE(changes.has_value());
    REQUIRE(changes->size() == 2);
    CHECK(find_change(*changes, "plan.md") != nullptr);
    CHECK(find_change(*changes, "side.md") != nullptr);
    CHECK(git.last_change_time(*commits, "plan.md").value() == std::optional<std::int64_t>(k_t0 + 1100));
    // Compared with its first parent, the merge is what brought side.md to the feature branch.
    CHECK(git.last_change_time(*commits, "side.md").value() == std::optional<std::int64_t>(k_t0 + 1150));
    auto full = open(origin).commits_between(fork, "feature");
    REQUIRE(full.has_value());
    std::vector<std::string> full_order;
    for (const auto& commit : *full) {
      full_order.push_back(commit.sha);
    }
    CHECK(full_order == order);
    auto from_boundary = git.commits_between(*base, "origin/main");
    REQUIRE(from_boundary.has_value());
    CHECK(from_boundary->size() == 1);
  }
}

TEST_CASE("Repository::diff tells a rename that kept its blob from one that edited it")
{
  TempRepo repo;
  repo.write("docs/plan.md", "# Plan\n\nOne.\nTwo.\nThree.\nFour.\n");
  repo.write("docs/other.md", "# Other\n\nOne.\nTwo.\nThree.\nFour.\n");
  const std::string base = repo.commit("Plans", at(k_t0));
  REQUIRE(repo.run("mv docs/plan.md docs/plan-v2.md") == 0);
  REQUIRE(repo.run("mv docs/other.md docs/other-v2.md") == 0);
  repo.write("docs/other-v2.md", "# Other\n\nOne.\nTwo.\nThree.\nFour.\nFive.\n");
  const std::string head = repo.commit("Second versions", at(k_t0 + 60));

  auto changes = open(repo).diff(base, head, false);
  REQUIRE(changes.has_value());
  const FileChange* moved = find_change(*changes, "docs/plan-v2.md");
  REQUIRE(moved != nullptr);
  CHECK(moved->status == FileChange::Status::renamed);
  CHECK(moved->same_blob);
  const FileChange* edited = find_change(*changes, "docs/other-v2.md");
  REQUIRE(edited != nullptr);
  CHECK(edited->status == FileChange::Status::renamed);
  CHECK_FALSE(edited->same_blob);
}
