cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.1: stale profiles of every kind build with exit 0 and without a
# diagnostic in a -Werror project, and the functions that still match keep
# their profile data. One project, trained once by the package's own loop;
# each case changes the sources (or the profile) like a checkout would and
# builds incrementally.
# The compiler under test (clang-14, or another major for the compiler matrix).
set(STALE_MAJOR 14)
if(RunCMake_C_COMPILER MATCHES "clang-([0-9]+)$")
  set(STALE_MAJOR ${CMAKE_MATCH_1})
endif()
pgo_require_program(STALE_CLANG clang-${STALE_MAJOR} HINT "apt-get install clang-${STALE_MAJOR}")
pgo_require_program(STALE_PROFDATA llvm-profdata-${STALE_MAJOR} HINT "apt-get install llvm-${STALE_MAJOR}")

set(STALE_SRC "${RunCMake_BINARY_DIR}/proj")
set(STALE_BUILD "${RunCMake_BINARY_DIR}/build")
file(REMOVE_RECURSE "${STALE_SRC}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/Stale.cmake" "${RunCMake_SOURCE_DIR}/src"
  DESTINATION "${STALE_SRC}")
set(RunCMake_TEST_SOURCE_DIR "${STALE_SRC}")
set(RunCMake_TEST_BINARY_DIR "${STALE_BUILD}")

# The sources of the checkout: the base files, then those of each variant
# (files and contents change, time stamps only where contents do).
function(stale_checkout)
  set(files "")
  foreach(dir IN ITEMS src ${ARGN})
    if(dir STREQUAL "src")
      file(GLOB sources "${RunCMake_SOURCE_DIR}/src/*.c")
    else()
      file(GLOB sources "${RunCMake_SOURCE_DIR}/variants/${dir}/*.c")
    endif()
    foreach(source IN LISTS sources)
      get_filename_component(name "${source}" NAME)
      file(READ "${source}" content_${name})
      list(APPEND files "${name}")
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES files)
  foreach(name IN LISTS files)
    pgo_write_if_different("${STALE_SRC}/src/${name}" "${content_${name}}")
  endforeach()
  file(GLOB present "${STALE_SRC}/src/*.c")
  foreach(file IN LISTS present)
    get_filename_component(name "${file}" NAME)
    if(NOT name IN_LIST files)
      file(REMOVE "${file}")
    endif()
  endforeach()
endfunction()

set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
run_cmake(Stale)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Stale-train --target pgo_train)
run_cmake_build(Stale-update --target pgo_update)
set(STALE_TRAINED "${RunCMake_BINARY_DIR}/trained.profdata")
file(COPY_FILE "${STALE_SRC}/default.profdata" "${STALE_TRAINED}")

# The fresh profile first: every function has data, which is what each
# stale case below loses only for what changed.
run_cmake_build(Stale-fresh)

foreach(variant IN ITEMS edit rename add remove newfile)
  stale_checkout(${variant})
  run_cmake_build(Stale-${variant})
endforeach()

# The profile of another program, which shares keep.c with app.
stale_checkout()
pgo_make_profile("${RunCMake_BINARY_DIR}/other.profdata" COMPILER "${STALE_CLANG}" PROFDATA "${STALE_PROFDATA}"
  SOURCES "${RunCMake_SOURCE_DIR}/other/other.c" "${STALE_SRC}/src/keep.c"
 )
pgo_copy_if_different("${RunCMake_BINARY_DIR}/other.profdata" "${STALE_SRC}/default.profdata")
run_cmake_build(Stale-other)

# A front-end profile (-fprofile-instr-generate) of the base sources, used
# after an edit and a new file: clang reports those through other warnings
# (-Wprofile-instr-out-of-date, -Wprofile-instr-unprofiled).
file(GLOB base "${STALE_SRC}/src/*.c")
pgo_make_profile("${RunCMake_BINARY_DIR}/frontend.profdata" COMPILER "${STALE_CLANG}" PROFDATA "${STALE_PROFDATA}"
  SOURCES ${base} ARGS 1000 FRONTEND)
stale_checkout(edit newfile)
pgo_copy_if_different("${RunCMake_BINARY_DIR}/frontend.profdata" "${STALE_SRC}/default.profdata")
run_cmake_build(Stale-frontend)

run_cmake_summary()
