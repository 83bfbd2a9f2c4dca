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

std::optional<std::string> ChangeSet::head_text(const std::string& path) const
{
  const Document* document = head_document(path);
  if (document == nullptr) {
    return std::nullopt;
  }
  std::string text;
  for (const auto& line : document->lines) {
    text += line;
    text += '\n';
  }
  return text;
}

} // namespace planck
