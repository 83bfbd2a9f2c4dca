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

void ChangeSet::visit_head_texts(const std::vector<std::string>& paths,
                                 const std::function<void(std::size_t, std::string_view)>& visit) const
{
  for (std::size_t i = 0; i < paths.size(); ++i) {
    // A binary or skipped document's lines are not its text.
    const Document* document = head_document(paths[i]);
    if (document == nullptr || document->binary || document->skipped) {
      continue;
    }
    std::string text;
    for (const auto& line : document->lines) {
      text += line;
      text += '\n';
    }
    visit(i, text);
  }
}

} // namespace planck
