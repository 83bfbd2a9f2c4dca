#pragma once

#include "planck/config/config.hpp"
#include "planck/git/repository.hpp"
#include "planck/model/document.hpp"

#include <memory>
#include <string>

namespace planck {

/// The document a rule sees for `file`, read at `path`: parsed, or, past one of `limits` or for a
/// Git LFS pointer, a document marked skipped with the one problem that says which. The one policy
/// for every change set (git range, work tree). Touches no shared state, so documents are built on
/// several threads at once.
std::unique_ptr<Document> build_document(const std::string& path, const FileText& file, const Limits& limits);

/// The same for text read whole (the work tree).
std::unique_ptr<Document> build_document(const std::string& path, std::string text, const Limits& limits);

} // namespace planck
