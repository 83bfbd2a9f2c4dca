#include "planck/model/changeset.hpp"

namespace planck {

const FileChange* ChangeSet::change_for(const std::string& path) const
{
  for (const auto& change : changes()) {
    if (change.path == path) {
      return &change;
    }
  }
  return nullptr;
}

} // namespace planck
