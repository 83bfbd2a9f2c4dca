#include "planck/cli/run.hpp"
#include "planck/util/error.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
  try {
    return planck::run(argc, argv);
  } catch (const planck::Error& e) {
    std::fprintf(stderr, "planck: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "planck: error: %s\n", e.what());
    return 2;
  } catch (...) {
    std::fprintf(stderr, "planck: error: unexpected failure\n");
    return 2;
  }
}
