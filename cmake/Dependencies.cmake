# Every dependency is a Debian package; nothing is vendored or downloaded.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
# zlib: loose objects are inflated with every bound checked (libgit2 1.5 loops forever on a
# truncated one): src/planck/git/loose_backend.cpp.
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Threads REQUIRED)

# libcmark-gfm.pc lists -lcmark-gfm-extensions, but be explicit: the table and
# autolink extensions live there and a missing symbol would only show at link time.
find_library(CMARK_GFM_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED)

if(PLANCK_TESTS)
  find_package(doctest REQUIRED)
endif()

if(TARGET yaml-cpp::yaml-cpp)
  set(PLANCK_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(PLANCK_YAML_TARGET yaml-cpp)
endif()
