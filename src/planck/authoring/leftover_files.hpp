#pragma once

#include <string>

namespace planck {

/// A name for a temporary file beside `target`, recognisable as planck's and as this process's:
/// `.<name>.planck-tmp-<pid>-<number>`.
std::string temporary_name(const std::string& target, unsigned number);

/// True unless the process `pid` is known not to exist (one of another user still exists).
bool process_running(long pid);

/// Removes from `folder` the temporary files a planck that was stopped mid-write left behind: those
/// named by `temporary_name` whose process is no longer running or that are older than ten
/// minutes, and those older plancks left beside Markdown files (`.<name>.md.planck-XXXXXX`) once
/// ten minutes old. Lock files are never removed here. Failures are ignored: a leftover is only
/// clutter.
void remove_leftovers(const std::string& folder);

} // namespace planck
