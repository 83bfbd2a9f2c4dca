#pragma once

#include <git2.h>

namespace planck::git {

/// Puts in front of `repo`'s object database a read-only reader of its loose objects that checks
/// every bound while inflating: libgit2 1.5 loops forever on a truncated loose object (git fails
/// at once), whatever reads it (a commit, a tree, a blob). A damaged object becomes an error that
/// says so; one not stored loose is left to libgit2's own backends. Returns libgit2's error code.
int guard_loose_objects(git_repository* repo);

} // namespace planck::git
