#pragma once

// Reading a config file safely, apart from what its keys mean (loader.cpp): which file, kept
// inside the repository, never through a symbolic link, at most 1 MiB, and one YAML document
// without anchors or aliases. Shared by the files of config/ only.

#include "planck/config/config.hpp"
#include "planck/util/error.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace planck::config_file {

/// The largest config planck reads.
inline constexpr std::uintmax_t k_max_config_bytes = 1024 * 1024;

/// A config error, its message starting with `file:line:col: `. Thrown only inside config/, so that
/// validation deep in the tree can stop at the first error; the public functions turn it into a
/// failed Expected.
struct LoadError
{
  std::string message;
};

/// One pack or file of the extends chain.
struct Source
{
  std::string name;       // in messages and Config::packs: the path as given, or `pack:NAME`
  std::string id;         // identity, for cycles and for applying each source once
  std::filesystem::path directory;   // where its relative `extends` paths start
  bool pack = false;
  std::string text;
};

/// Throws a `LoadError` for `message` at `mark` (line 1, column 1 when null) in `file`.
[[noreturn]] void fail(const std::string& file, const YAML::Mark& mark, const std::string& message);

/// Reads the whole file at `path` (called `name` in messages) into `text`, or says why not; a file
/// over 1 MiB is refused before it is read.
std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& name, std::string& text);

/// Why the config at `path`, inside the repository at `root`, may not be read: a symbolic link
/// (which could point anywhere on the runner), or a path that leads outside the repository.
std::optional<std::string> confine(const std::filesystem::path& path, const std::filesystem::path& root,
                                   const std::string& name);

/// What tells two names of one file apart from two files: the canonical path where there is one.
std::string identity(const std::filesystem::path& path);

/// `path` as a compiler prints it: relative to the working directory when it lies below it.
std::string display_path(const std::filesystem::path& path);

/// The YAML of `source`, refusing anchors and aliases (walking aliased nodes can take exponential
/// time) and a second document; every error names its place.
YAML::Node parse_yaml(const Source& source);

/// A user's file `name` at `path` holding `text`, as a source of the extends chain.
Source user_source(const std::string& name, const std::filesystem::path& path, std::string text);

/// The user's config as `load_config` reads it, with the repository root that confines its
/// `extends` paths (empty for an explicit `--config`, which the user chose); nothing when there is
/// no planck.yaml or .planck.yaml and no `--config`. Fails with a one-line message when the file
/// cannot be read or may not be.
struct UserConfig
{
  Source source;
  std::filesystem::path root;
};
Expected<std::optional<UserConfig>> read_user_config(const ConfigRequest& request);

} // namespace planck::config_file
