#pragma once

// Where the fuzz targets load fuzzed configs: `extends:` may name a file relative to the config, so
// each config is read as `planck.yaml` in a fresh temp folder that holds only the files the target
// puts there, and configs whose `extends` names a path with a `/` are not loaded at all. A fuzzer
// therefore never reads a file outside that folder.

#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace planck::fuzz {

class ConfigSandbox
{
public:
  /// Makes the folder and writes `files` (name, content) into it; aborts when it cannot.
  explicit ConfigSandbox(std::vector<std::pair<std::string, std::string>> files = {})
  {
    std::string pattern = "/tmp/planck-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("planck fuzz: cannot make a scratch folder");
      std::abort();
    }
    m_folder = pattern;
    for (auto& [name, text] : files) {
      std::ofstream(m_folder + "/" + name, std::ios::binary) << text;
      m_files.push_back(std::move(name));
    }
  }

  ~ConfigSandbox()
  {
    for (const auto& name : m_files) {
      unlink((m_folder + "/" + name).c_str());
    }
    rmdir(m_folder.c_str());
  }

  ConfigSandbox(const ConfigSandbox&) = delete;
  ConfigSandbox& operator=(const ConfigSandbox&) = delete;

  /// The name to load a config under: `planck.yaml` in the folder.
  std::string config_name() const { return m_folder + "/planck.yaml"; }

  /// False when `yaml`'s top-level `extends` names anything with a `/`, which could leave the folder.
  static bool allows(const std::string& yaml)
  {
    try {
      const YAML::Node root = YAML::Load(yaml);
      if (!root.IsMap()) {
        return true;
      }
      for (const auto& entry : root) {
        if (entry.first.IsScalar() && entry.first.Scalar() == "extends" && names_a_path(entry.second)) {
          return false;
        }
      }
    } catch (...) {
      // Not YAML the loader can read either: it fails before it follows any `extends`.
    }
    return true;
  }

private:
  static bool names_a_path(const YAML::Node& value)
  {
    const auto slash = [](const YAML::Node& node) {
      return node.IsScalar() && node.Scalar().find('/') != std::string::npos;
    };
    if (slash(value)) {
      return true;
    }
    if (value.IsSequence()) {
      for (const auto& item : value) {
        if (slash(item)) {
          return true;
        }
      }
    }
    return false;
  }

  std::string m_folder;
  std::vector<std::string> m_files;
};

} // namespace planck::fuzz
