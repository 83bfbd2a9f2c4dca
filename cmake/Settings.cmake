# Warnings and settings for planck's own targets only; third-party headers are
# included as system headers and are not held to them.
add_library(planck_warnings INTERFACE)
target_compile_options(planck_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
# GCC 12 at -O2 reports a possible overlap in libstdc++'s own copy for `"x" + std::string` and
# one-character assignments (GCC bugs 105651 and 105329, -Wrestrict): false positives, in every
# Release build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(planck_warnings INTERFACE -Wno-restrict)
endif()
if(PLANCK_WERROR)
  target_compile_options(planck_warnings INTERFACE -Werror)
endif()

add_library(planck_settings INTERFACE)
target_compile_features(planck_settings INTERFACE cxx_std_20)
if(PLANCK_SANITIZE)
  target_compile_options(planck_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(planck_settings INTERFACE -fsanitize=address,undefined)
endif()
if(PLANCK_SANITIZE_THREAD)
  if(PLANCK_SANITIZE)
    message(FATAL_ERROR "PLANCK_SANITIZE_THREAD and PLANCK_SANITIZE cannot be combined")
  endif()
  target_compile_options(planck_settings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(planck_settings INTERFACE -fsanitize=thread)
endif()

if(PLANCK_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${CLANG_TIDY_EXE})
endif()
