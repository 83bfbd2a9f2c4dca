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

# PLANCK_STATIC: a self-contained binary for release archives (ci/package). The design's
# libraries and theirs are linked from Debian's static archives, libstdc++ and libgcc statically,
# spdlog and fmt header-only; only the C library (libc, libm, the loader) stays shared.
if(PLANCK_STATIC)
  pkg_check_modules(LIBSSH2 REQUIRED libssh2)
  set(planck_glibc_parts c m dl rt pthread)
  # planck_static_target(NAME PREFIX…): an imported target linking the static archives that
  # pkg-config's --static lists for each PREFIX, the C library's parts left shared.
  function(planck_static_target name)
    set(libraries)
    set(includes)
    foreach(prefix IN LISTS ARGN)
      list(APPEND includes ${${prefix}_STATIC_INCLUDE_DIRS})
      foreach(library IN LISTS ${prefix}_STATIC_LIBRARIES)
        if(library IN_LIST planck_glibc_parts)
          list(APPEND libraries ${library})
        else()
          find_library(PLANCK_STATIC_${library} NAMES lib${library}.a REQUIRED)
          list(APPEND libraries ${PLANCK_STATIC_${library}})
        endif()
      endforeach()
    endforeach()
    list(REMOVE_DUPLICATES includes)
    add_library(${name} INTERFACE IMPORTED)
    target_include_directories(${name} INTERFACE ${includes})
    # Archives that need each other are listed more than once by pkg-config: keep the order.
    target_link_libraries(${name} INTERFACE ${libraries})
  endfunction()
  find_library(PLANCK_STATIC_CMARK_EXTENSIONS NAMES libcmark-gfm-extensions.a REQUIRED)
  planck_static_target(planck_static_git LIBGIT2 LIBSSH2 ZLIB)
  # The core and the extensions archives call into each other: linked as a group.
  find_library(PLANCK_STATIC_CMARK NAMES libcmark-gfm.a REQUIRED)
  add_library(planck_static_cmark INTERFACE IMPORTED)
  target_include_directories(planck_static_cmark INTERFACE ${CMARK_GFM_STATIC_INCLUDE_DIRS})
  target_link_libraries(planck_static_cmark INTERFACE
                        "-Wl,--start-group" ${PLANCK_STATIC_CMARK} ${PLANCK_STATIC_CMARK_EXTENSIONS} "-Wl,--end-group")
  planck_static_target(planck_static_zlib ZLIB)

  find_library(PLANCK_STATIC_YAML_CPP NAMES libyaml-cpp.a REQUIRED)
  set(PLANCK_LIBGIT2_TARGET planck_static_git)
  set(PLANCK_ZLIB_TARGET planck_static_zlib)
  set(PLANCK_CMARK_TARGETS planck_static_cmark)
  set(PLANCK_YAML_TARGET ${PLANCK_STATIC_YAML_CPP})
  set(PLANCK_FMT_TARGET fmt::fmt-header-only)
  # spdlog's header-only target links the shared fmt: header-only spdlog over header-only fmt.
  add_library(planck_spdlog_header_only INTERFACE)
  get_target_property(planck_spdlog_includes spdlog::spdlog_header_only INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(planck_spdlog_header_only INTERFACE ${planck_spdlog_includes})
  target_compile_definitions(planck_spdlog_header_only INTERFACE SPDLOG_FMT_EXTERNAL)
  target_link_libraries(planck_spdlog_header_only INTERFACE fmt::fmt-header-only Threads::Threads)
  set(PLANCK_SPDLOG_TARGET planck_spdlog_header_only)
else()
  set(PLANCK_LIBGIT2_TARGET PkgConfig::LIBGIT2)
  set(PLANCK_ZLIB_TARGET PkgConfig::ZLIB)
  set(PLANCK_CMARK_TARGETS PkgConfig::CMARK_GFM ${CMARK_GFM_EXTENSIONS_LIBRARY})
  set(PLANCK_FMT_TARGET fmt::fmt)
  set(PLANCK_SPDLOG_TARGET spdlog::spdlog)
endif()
