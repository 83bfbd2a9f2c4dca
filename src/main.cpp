#include "planck/cli/run.hpp"
#include "planck/util/strings.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
  try {
    return planck::run(argc, argv);
  } catch (const std::exception& e) {
    // Errors quote revisions, paths and config text a pull request may have written: one line, always.
    std::fprintf(stderr, "planck: error: %s\n", planck::one_line(e.what()).c_str());
    return 2;
  } catch (...) {
    std::fprintf(stderr, "planck: error: unexpected failure\n");
    return 2;
  }
}
