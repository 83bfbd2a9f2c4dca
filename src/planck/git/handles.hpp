#pragma once

// Owners for libgit2 handles, used only inside src/planck/git/.

#include <git2.h>

#include <memory>
#include <string>

namespace planck::git {

/// Initialises libgit2 once, on first call, and shuts it down when the program exits.
void ensure_libgit2();

/// A `std::unique_ptr` deleter that hands the pointer to libgit2's free function `Free`.
template<auto Free>
struct Deleter
{
  template<typename T>
  void operator()(T* handle) const
  {
    Free(handle);
  }
};

using RepositoryPtr = std::unique_ptr<git_repository, Deleter<&git_repository_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<&git_object_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<&git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<&git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<&git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<&git_blob_free>>;
using DiffPtr = std::unique_ptr<git_diff, Deleter<&git_diff_free>>;
using PatchPtr = std::unique_ptr<git_patch, Deleter<&git_patch_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, Deleter<&git_revwalk_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<&git_index_free>>;
using ConfigPtr = std::unique_ptr<git_config, Deleter<&git_config_free>>;
using ConfigEntryPtr = std::unique_ptr<git_config_entry, Deleter<&git_config_entry_free>>;
using ConfigIteratorPtr = std::unique_ptr<git_config_iterator, Deleter<&git_config_iterator_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Deleter<&git_reference_free>>;
using OdbPtr = std::unique_ptr<git_odb, Deleter<&git_odb_free>>;
using OdbObjectPtr = std::unique_ptr<git_odb_object, Deleter<&git_odb_object_free>>;

/// A `git_buf` whose memory is released with `git_buf_dispose`.
class Buf
{
public:
  Buf() = default;
  ~Buf() { git_buf_dispose(&m_buf); }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;

  /// The buffer, to pass to the libgit2 function that fills it.
  git_buf* get() { return &m_buf; }

  /// The content as a string (empty when nothing was written).
  std::string str() const { return m_buf.ptr == nullptr ? std::string() : std::string(m_buf.ptr, m_buf.size); }

private:
  git_buf m_buf = GIT_BUF_INIT;
};

/// The trailers parsed from a commit message, released with `git_message_trailer_array_free`.
class Trailers
{
public:
  Trailers() = default;
  ~Trailers() { git_message_trailer_array_free(&m_array); }
  Trailers(const Trailers&) = delete;
  Trailers& operator=(const Trailers&) = delete;

  /// The array, to pass to `git_message_trailers`.
  git_message_trailer_array* get() { return &m_array; }

  /// The parsed array.
  const git_message_trailer_array& array() const { return m_array; }

private:
  git_message_trailer_array m_array{};
};

/// The message for a failed libgit2 call returning `code`: `context`, then libgit2's own reason.
std::string failure_message(int code, const std::string& context);

} // namespace planck::git
