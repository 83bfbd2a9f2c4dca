#include "planck/changes/discovery.hpp"
#include "planck/util/strings.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace planck {

Expected<Discovery> discover_revision(const Repository& repository, const std::string& revision)
{
  // Each document is read once, though the registry is read both for its links and for its lists.
  std::map<std::string, std::optional<std::string>> read_before;
  const auto read = [&](const std::string& path) -> std::optional<std::string> {
    if (const auto it = read_before.find(path); it != read_before.end()) {
      return it->second;
    }
    // A sample git could not read stops discovery: a layout guessed from what could be read
    // would judge the repository by the wrong convention. An oversized one is left out.
    const FileText file = repository.read_blob(revision, path, k_discovery_max_bytes).or_throw();
    std::optional<std::string> text;
    if (file.state == FileText::State::text) {
      text = file.text;
    }
    return read_before.emplace(path, std::move(text)).first->second;
  };
  // The folders the registry links plans in are listed wherever they are in the tree.
  std::vector<std::string> linked;
  for (const auto& candidate : discovery_registry_candidates()) {
    if (const auto text = read(candidate)) {
      linked = linked_folders(candidate, *text);
      break;
    }
  }
  const auto descend = [&linked](const std::string& folder) {
    return discovery_descends(folder) || std::any_of(linked.begin(), linked.end(), [&](const std::string& path) {
             return path == folder || starts_with(path, folder + "/");
           });
  };
  auto files = repository.list_files_where(revision, descend, discovery_lists);
  if (!files) {
    return Expected<Discovery>::failure(files.error());
  }
  return discover_layout(*files, read);
}

} // namespace planck
