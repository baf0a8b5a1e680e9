cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 14: pgo_status on real staleness. One project (a program, the
# static library with its hot helper, a tool that links the library
# without being opted in), trained by the package's own loop; then
# successive edits like a history of commits: a small edit of a warm
# function, the hot helper renamed, the hot loop rewritten. The match reads
# 100.0 on the code the profile was trained on, falls at every step, and
# the gate (PGO_MIN_MATCH=30) trips at the rewrite and not before. Every
# binary built with the profile carries its record, also after strip.
pgo_require_program(STATUS_STRIP strip HINT "apt-get install binutils")

set(STATUS_SRC "${RunCMake_BINARY_DIR}/proj")
set(STATUS_BUILD "${RunCMake_BINARY_DIR}/build")
set(STATUS_MATCH "${RunCMake_BINARY_DIR}/match.txt")
file(REMOVE_RECURSE "${STATUS_SRC}" "${STATUS_MATCH}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/Status.cmake"
  "${RunCMake_SOURCE_DIR}/Status-plain.cmake" "${RunCMake_SOURCE_DIR}/src"
  DESTINATION "${STATUS_SRC}")
set(RunCMake_TEST_SOURCE_DIR "${STATUS_SRC}")
set(RunCMake_TEST_BINARY_DIR "${STATUS_BUILD}")

# The sources after the edits of <steps> (in order; contents change, time
# stamps only where contents do).
function(status_checkout)
  foreach(step IN LISTS ARGN)
    file(GLOB files "${RunCMake_SOURCE_DIR}/steps/${step}/*.c")
    foreach(file IN LISTS files)
      get_filename_component(name "${file}" NAME)
      file(READ "${file}" content_${name})
      list(APPEND names "${name}")
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES names)
  foreach(name IN LISTS names)
    pgo_write_if_different("${STATUS_SRC}/src/${name}" "${content_${name}}")
  endforeach()
endfunction()

# Multi-config: the Release configuration (pgo_update refuses Debug).
if(RunCMake_GENERATOR MATCHES "Multi-Config")
  set(config --config Release)
  set(STATUS_BINARY_DIR "${STATUS_BUILD}/Release")
  set(STATUS_CONFIG_OPTION "")
else()
  set(config "")
  set(STATUS_BINARY_DIR "${STATUS_BUILD}")
  set(STATUS_CONFIG_OPTION -DCMAKE_BUILD_TYPE=Release)
endif()

set(RunCMake_TEST_OPTIONS ${STATUS_CONFIG_OPTION} -DPGO_MIN_MATCH=30 -DPGO_STATUS_REPORT=ON)
run_cmake(Status)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Status-none ${config} --target pgo_status)
run_cmake_build(Status-update ${config} --target pgo_update)
run_cmake_build(Status-build ${config})
run_cmake_build(Status-fresh ${config} --target pgo_status)
set(done "")
foreach(step IN ITEMS small rename rewrite)
  list(APPEND done ${step})
  status_checkout(${done})
  run_cmake_build(Status-${step}-build ${config})
  run_cmake_build(Status-${step} ${config} --target pgo_status)
endforeach()
# The configure step reports the profile below the gate, as of the last
# instrumented build.
run_cmake_command(Status-report "${CMAKE_COMMAND}" .)
# A tree without a profile: its binaries say so.
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/plain")
string(REPLACE "${STATUS_BUILD}" "${RunCMake_TEST_BINARY_DIR}" STATUS_BINARY_DIR "${STATUS_BINARY_DIR}")
unset(RunCMake_TEST_NO_CLEAN)
set(RunCMake_TEST_OPTIONS ${STATUS_CONFIG_OPTION} -DPGO=off)
run_cmake(Status-plain)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Status-plain-build ${config})
run_cmake_summary()
