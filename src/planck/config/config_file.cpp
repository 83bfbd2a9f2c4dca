#include "planck/config/config_file.hpp"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace planck::config_file {

namespace fs = std::filesystem;

namespace {

// Finds the first anchor or alias while yaml-cpp parses: a config has no use for them, and
// walking aliased nodes can take exponential time (the "billion laughs").
class AnchorFinder : public YAML::EventHandler
{
public:
  std::optional<YAML::Mark> anchor;
  int documents = 0;
  YAML::Mark second_document;

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    if (++documents == 2) {
      second_document = mark;
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t id) override { note(mark, id); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { found(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t id,
                const std::string&) override
  {
    note(mark, id);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t id,
                       YAML::EmitterStyle::value) override
  {
    note(mark, id);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t id,
                  YAML::EmitterStyle::value) override
  {
    note(mark, id);
  }
  void OnMapEnd() override {}

private:
  void note(const YAML::Mark& mark, YAML::anchor_t id)
  {
    if (id != YAML::NullAnchor) {
      found(mark);
    }
  }
  void found(const YAML::Mark& mark)
  {
    if (!anchor) {
      anchor = mark;
    }
  }
};

} // namespace

void fail(const std::string& file, const YAML::Mark& mark, const std::string& message)
{
  const int line = mark.is_null() ? 1 : mark.line + 1;
  const int column = mark.is_null() ? 1 : mark.column + 1;
  throw LoadError{file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                  message};
}

std::optional<std::string> read_file(const fs::path& path, const std::string& name,
                                     std::string& text)
{
  const std::string prefix = "cannot read config '" + name + "': ";
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  // The error first: a symbolic link loop is "too many levels of symbolic links", not "no such file".
  if (error) {
    return prefix + error.message();
  }
  if (!fs::exists(status)) {
    return prefix + std::make_error_code(std::errc::no_such_file_or_directory).message();
  }
  if (fs::is_directory(status)) {
    return prefix + std::make_error_code(std::errc::is_a_directory).message();
  }
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) {
    return prefix + error.message();
  }
  if (size > k_max_config_bytes) {
    return "config '" + name + "' is larger than 1 MiB";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return prefix + std::strerror(errno);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return std::nullopt;
}

std::optional<std::string> confine(const fs::path& path, const fs::path& root, const std::string& name)
{
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (fs::is_symlink(status)) {
    return "config '" + name + "' is a symbolic link; planck reads a repository's config only as a regular file";
  }
  const fs::path resolved = fs::weakly_canonical(fs::absolute(path, error), error);
  const fs::path top = fs::weakly_canonical(fs::absolute(root, error), error);
  const auto [mismatch, unused] = std::mismatch(top.begin(), top.end(), resolved.begin(), resolved.end());
  if (mismatch != top.end()) {
    return "config '" + name + "' is outside the repository; a repository's config may extend files inside it only";
  }
  return std::nullopt;
}

std::string identity(const fs::path& path)
{
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  if (!error) {
    return canonical.string();
  }
  return fs::absolute(path, error).lexically_normal().string();
}

// A path for messages: relative to the working directory when it lies below it, as a compiler
// prints it, so that CI logs read `planck.yaml:3:1` rather than a long absolute path.
std::string display_path(const fs::path& path)
{
  std::error_code error;
  if (!path.is_absolute()) {
    return path.lexically_normal().string();
  }
  const fs::path cwd = fs::current_path(error);
  if (error) {
    return path.string();
  }
  const fs::path relative = path.lexically_normal().lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") {
    return path.string();
  }
  return relative.string();
}

YAML::Node parse_yaml(const Source& source)
{
  try {
    std::istringstream in(source.text);
    YAML::Parser parser(in);
    AnchorFinder finder;
    while (parser.HandleNextDocument(finder)) {
      if (finder.anchor) {
        fail(source.name, *finder.anchor,
             "YAML anchors and aliases (&name, *name) are not allowed in a config");
      }
      if (finder.documents > 1) {
        fail(source.name, finder.second_document, "a config holds one YAML document, not several");
      }
    }
    return YAML::Load(source.text);
  } catch (const YAML::Exception& error) {
    fail(source.name, error.mark, "invalid YAML: " + error.msg);
  }
}

Source user_source(const std::string& name, const fs::path& path, std::string text)
{
  return Source{name, identity(path), path.parent_path(), false, std::move(text)};
}

Expected<std::optional<UserConfig>> read_user_config(const ConfigRequest& request)
{
  using Result = Expected<std::optional<UserConfig>>;
  std::optional<fs::path> path;
  std::string name;
  if (!request.explicit_path.empty()) {
    path = request.explicit_path;
    name = request.explicit_path;
  } else {
    const fs::path root = request.repo_root.empty() ? fs::path() : fs::path(request.repo_root);
    // planck.yaml wins when both exist, as the visible name is the documented one.
    // The entry itself, not what it leads to: a dangling link or a loop named planck.yaml is a
    // config that cannot be read, not a repository without one.
    for (const char* candidate : {"planck.yaml", ".planck.yaml"}) {
      std::error_code error;
      const fs::file_status status = fs::symlink_status(root / candidate, error);
      if (status.type() == fs::file_type::not_found) {
        continue;
      }
      name = display_path(root / candidate);
      if (error) {
        return Result::failure("cannot read config '" + name + "': " + error.message());
      }
      path = root / candidate;
      break;
    }
  }
  if (!path) {
    return Result(std::nullopt);
  }
  // A config found in the repository is content like any other: it is not followed out of it.
  fs::path root;
  if (request.explicit_path.empty()) {
    root = request.repo_root.empty() ? fs::current_path() : fs::path(request.repo_root);
    if (auto error = confine(*path, root, name)) {
      return Result::failure(*error);
    }
  }
  std::string text;
  if (auto error = read_file(*path, name, text)) {
    return Result::failure(*error);
  }
  return Result(UserConfig{user_source(name, *path, std::move(text)), std::move(root)});
}

} // namespace planck::config_file
