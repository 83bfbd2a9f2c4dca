#include "planck/authoring/file_transaction.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace planck;
namespace fs = std::filesystem;

namespace {

// A scratch folder, removed at the end of the test.
struct Scratch
{
  Scratch()
  {
    std::string pattern = (fs::temp_directory_path() / "planck-tx-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
  }
  ~Scratch() { fs::remove_all(root); }
  fs::path root;
};

std::string slurp(const fs::path& path)
{
  return read_text_file(path.string()).value_or("<missing>");
}

void spill(const fs::path& path, const std::string& text)
{
  std::ofstream(path, std::ios::binary) << text;
}

int entries(const fs::path& folder)
{
  int count = 0;
  for ([[maybe_unused]] const auto& entry : fs::recursive_directory_iterator(folder)) {
    ++count;
  }
  return count;
}

} // namespace

TEST_CASE("FileTransaction")
{
  Scratch scratch;

  SUBCASE("writes new files, creating folders, and leaves no temporary file behind")
  {
    FileTransaction transaction;
    transaction.write((scratch.root / "a.md").string(), "A\r\n");
    transaction.write((scratch.root / "docs/plans/b.md").string(), "B\n");
    transaction.commit();
    CHECK(slurp(scratch.root / "a.md") == "A\r\n");
    CHECK(slurp(scratch.root / "docs/plans/b.md") == "B\n");
    CHECK(entries(scratch.root) == 4); // a.md, docs, docs/plans, docs/plans/b.md
  }

  SUBCASE("an existing file is replaced and keeps its mode")
  {
    const fs::path hook = scratch.root / "hook";
    spill(hook, "old");
    fs::permissions(hook, fs::perms::owner_all);
    FileTransaction transaction;
    transaction.write(hook.string(), "new");
    transaction.commit();
    CHECK(slurp(hook) == "new");
    CHECK((fs::status(hook).permissions() & fs::perms::all) == fs::perms::owner_all);
  }

  SUBCASE("a file that cannot be written leaves every other file as it was")
  {
    spill(scratch.root / "keep.md", "before");
    spill(scratch.root / "blocker", "a file where a folder should be");
    {
      FileTransaction transaction;
      transaction.write((scratch.root / "keep.md").string(), "after");
      transaction.write((scratch.root / "blocker/inside.md").string(), "x");
      CHECK_THROWS(transaction.commit());
    }
    CHECK(slurp(scratch.root / "keep.md") == "before");
    CHECK(entries(scratch.root) == 2); // the temporary file of keep.md is gone
  }

  SUBCASE("a file that cannot be renamed into place undoes the renames before it")
  {
    spill(scratch.root / "keep.md", "before");
    fs::create_directory(scratch.root / "folder");
    {
      FileTransaction transaction;
      transaction.write((scratch.root / "keep.md").string(), "after");
      transaction.write((scratch.root / "new.md").string(), "new");
      transaction.write((scratch.root / "folder").string(), "a folder is not replaced by a file");
      const std::string expected = "cannot replace '" + (scratch.root / "folder").string() + "'";
      CHECK_THROWS_WITH(transaction.commit(), doctest::Contains(expected.c_str()));
    }
    CHECK(slurp(scratch.root / "keep.md") == "before");
    CHECK_FALSE(fs::exists(scratch.root / "new.md"));
    CHECK(fs::is_directory(scratch.root / "folder"));
    CHECK(entries(scratch.root) == 2); // keep.md and folder: no temporary file, no lock, no copy
  }

  SUBCASE("a read-only file is not replaced, and nothing else is written")
  {
    spill(scratch.root / "locked.md", "before");
    fs::permissions(scratch.root / "locked.md", fs::perms::owner_read | fs::perms::group_read);
    {
      FileTransaction transaction;
      transaction.write((scratch.root / "new.md").string(), "new");
      transaction.write((scratch.root / "locked.md").string(), "after");
      CHECK_THROWS_WITH(transaction.commit(), doctest::Contains("locked.md is read-only; nothing was written"));
    }
    CHECK(slurp(scratch.root / "locked.md") == "before");
    CHECK_FALSE(fs::exists(scratch.root / "new.md"));
    CHECK(entries(scratch.root) == 1);
  }

  SUBCASE("a link, or a linked folder under the root, is refused by name and kept")
  {
    Scratch outside;
    spill(outside.root / "target.md", "outside");
    fs::create_symlink(outside.root / "target.md", scratch.root / "link.md");
    fs::create_symlink(outside.root / "nowhere.md", scratch.root / "dangling.md");
    fs::create_directory_symlink(outside.root, scratch.root / "folder");
    for (const std::string path : {"link.md", "dangling.md", "folder/new.md", "folder/target.md"}) {
      FileTransaction transaction(scratch.root.string());
      transaction.write(path, "written");
      const std::string link = path.starts_with("folder/") ? "folder" : path;
      CHECK_THROWS_WITH(transaction.commit(),
                        (link + " is a symbolic link; planck does not write through links (nothing was written)").c_str());
    }
    CHECK(fs::is_symlink(scratch.root / "link.md"));
    CHECK(fs::is_symlink(scratch.root / "dangling.md"));
    CHECK(slurp(outside.root / "target.md") == "outside");
    CHECK_FALSE(fs::exists(outside.root / "nowhere.md"));
    CHECK_FALSE(fs::exists(outside.root / "new.md"));
    CHECK(entries(outside.root) == 1);
    CHECK(entries(scratch.root) == 3);
  }

  SUBCASE("an uncommitted transaction writes nothing")
  {
    {
      FileTransaction transaction;
      transaction.write((scratch.root / "never.md").string(), "x");
    }
    CHECK_FALSE(fs::exists(scratch.root / "never.md"));
    CHECK(entries(scratch.root) == 0);
  }

  SUBCASE("reading a missing file is nothing, not an error")
  {
    CHECK_FALSE(read_text_file((scratch.root / "missing.md").string()).has_value());
  }
}
