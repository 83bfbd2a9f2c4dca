#pragma once

#include "planck/config/discover.hpp"
#include "planck/git/repository.hpp"
#include "planck/util/error.hpp"

#include <string>

namespace planck {

/// The plan layout of `revision` (a commit) of `repository`, as discover_layout reads it: what
/// `check`, `config` and `init` assume when there is no planck.yaml. Fails when a sample cannot be
/// read: a layout guessed from what could be read would judge by the wrong convention.
Expected<Discovery> discover_revision(const Repository& repository, const std::string& revision);

} // namespace planck
