#include "planck/changes/documents.hpp"
#include "planck/markdown/parser.hpp"

#include <fmt/format.h>

namespace planck {

namespace {

constexpr std::string_view k_lfs_pointer = "version https://git-lfs.github.com/spec/v1";

// A document that is not checked, with the one problem that says why.
std::unique_ptr<Document> unchecked(const std::string& path, std::string message)
{
  auto document = std::make_unique<Document>();
  document->path = path;
  document->skipped = true;
  document->problems.push_back({1, 1, std::move(message)});
  return document;
}

std::size_t entry_count(const Document& document)
{
  std::size_t count = 0;
  for (const auto& section : document.sections) {
    count += section.entries.size();
  }
  return count;
}

} // namespace

std::unique_ptr<Document> build_document(const std::string& path, const FileText& file, const Limits& limits)
{
  // Repository's reads stop at the limit: an oversized file is never read whole.
  if (file.state == FileText::State::too_large || file.size > limits.max_document_bytes) {
    return unchecked(path, fmt::format("is {} bytes, over the limit of {} (limits.max_document_bytes); not checked",
                                       file.size, limits.max_document_bytes));
  }
  const std::string& content = file.text;
  if (content.compare(0, k_lfs_pointer.size(), k_lfs_pointer) == 0) {
    return unchecked(path, "is a Git LFS pointer, not the document's text; planck reads what git stores and does "
                           "not fetch LFS objects");
  }
  // Bounded before parsing: the parser's memory grows with the elements it builds (an 8 MB list of
  // `- x` lines took 1.7 GiB), the table extension's time with the square of a table's columns.
  const MarkdownShape shape = markdown_shape(content);
  if (shape.elements > limits.max_elements) {
    return unchecked(path, fmt::format("has about {} Markdown elements, over the limit of {} "
                                       "(limits.max_elements); not parsed",
                                       shape.elements, limits.max_elements));
  }
  if (shape.widest_table > limits.max_table_columns) {
    return unchecked(path, fmt::format("has a table of {} columns, over the limit of {} "
                                       "(limits.max_table_columns); not parsed",
                                       shape.widest_table, limits.max_table_columns));
  }
  auto document = std::make_unique<Document>(parse_document(path, content));
  if (const auto entries = entry_count(*document); entries > limits.max_entries) {
    return unchecked(path, fmt::format("has {} list entries in its sections, over the limit of {} "
                                       "(limits.max_entries); not checked",
                                       entries, limits.max_entries));
  }
  return document;
}

std::unique_ptr<Document> build_document(const std::string& path, std::string text, const Limits& limits)
{
  FileText file;
  file.state = FileText::State::text;
  file.size = text.size();
  file.text = std::move(text);
  return build_document(path, file, limits);
}

} // namespace planck
