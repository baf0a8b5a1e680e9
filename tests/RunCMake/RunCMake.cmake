# SPDX-License-Identifier: MIT
#
# A small harness with the contract of CMake's own Tests/RunCMake, for
# `cmake -P <Area>/RunCMakeTest.cmake` scripts.
#
# Given (-D): RunCMake_SOURCE_DIR (the area), RunCMake_BINARY_DIR (scratch),
# RunCMake_GENERATOR, PGO_SOURCE_DIR (the repository), and optionally
# RunCMake_C_COMPILER / RunCMake_CXX_COMPILER.
#
# run_cmake(<case>)
#   Configures the area's CMakeLists.txt, which includes <case>.cmake, into
#   <binary>/<case>-build. Expected results come from files beside it:
#   <case>-result.txt (exit code, default 0), <case>-stderr.txt and
#   <case>-stdout.txt (regular expressions; stderr defaults to ^$, so a stray
#   warning fails) and <case>-check.cmake (sets RunCMake_TEST_FAILED).
# run_cmake_command(<name> <command>...)
#   Runs a command in RunCMake_TEST_BINARY_DIR with the same checks for
#   <name>-*.txt.
# Knobs, as in CMake: RunCMake_TEST_OPTIONS, RunCMake_TEST_BINARY_DIR,
# RunCMake_TEST_SOURCE_DIR, RunCMake_TEST_NO_CLEAN, RunCMake_TEST_OUTPUT_MERGE,
# RunCMake_TEST_GENERATOR, RunCMake_TEST_ENV (list of NAME=VALUE),
# RunCMake_TEST_C_COMPILER, RunCMake_TEST_CXX_COMPILER.

set(RunCMake_PASSED 0)
set(RunCMake_FAILED 0)
set(RunCMake_FAILED_NAMES "")
if(NOT RunCMake_GENERATOR)
  set(RunCMake_GENERATOR Ninja)
endif()
if(NOT RunCMake_C_COMPILER)
  set(RunCMake_C_COMPILER clang-14)
endif()
if(NOT RunCMake_CXX_COMPILER)
  set(RunCMake_CXX_COMPILER clang++-14)
endif()

# Compare one run against the expectation files of <name>.
function(_run_cmake_check name rc out err)
  set(expect_dir "${RunCMake_SOURCE_DIR}")
  set(expect_result 0)
  if(EXISTS "${expect_dir}/${name}-result.txt")
    file(READ "${expect_dir}/${name}-result.txt" expect_result)
    string(STRIP "${expect_result}" expect_result)
  endif()
  set(failed "")
  if(NOT "${rc}" MATCHES "^${expect_result}$")
    string(APPEND failed "Result is [${rc}], not [${expect_result}].\n")
  endif()
  foreach(stream IN ITEMS stdout stderr)
    set(expect "")
    if(EXISTS "${expect_dir}/${name}-${stream}.txt")
      file(READ "${expect_dir}/${name}-${stream}.txt" expect)
      string(REGEX REPLACE "\n+$" "" expect "${expect}")
    elseif(stream STREQUAL "stderr")
      set(expect "^$")
    endif()
    if(stream STREQUAL "stdout")
      set(actual "${out}")
    else()
      set(actual "${err}")
    endif()
    string(REGEX REPLACE "\n+$" "" actual "${actual}")
    if(NOT expect STREQUAL "" AND NOT actual MATCHES "${expect}")
      string(APPEND failed "${stream} does not match:\n  expected: ${expect}\n  actual:\n${actual}\n")
    endif()
  endforeach()
  set(RunCMake_TEST_STDOUT "${out}")
  set(RunCMake_TEST_STDERR "${err}")
  if(NOT failed AND EXISTS "${expect_dir}/${name}-check.cmake")
    set(RunCMake_TEST_FAILED "")
    include("${expect_dir}/${name}-check.cmake")
    if(RunCMake_TEST_FAILED)
      string(APPEND failed "${RunCMake_TEST_FAILED}\n")
    endif()
  endif()
  if(failed)
    message("${name} - FAILED:\n${failed}")
    math(EXPR n "${RunCMake_FAILED} + 1")
    set(RunCMake_FAILED ${n} PARENT_SCOPE)
    set(RunCMake_FAILED_NAMES "${RunCMake_FAILED_NAMES};${name}" PARENT_SCOPE)
  else()
    message("${name} - PASSED")
    math(EXPR n "${RunCMake_PASSED} + 1")
    set(RunCMake_PASSED ${n} PARENT_SCOPE)
  endif()
endfunction()

# Run a command with RunCMake_TEST_ENV applied.
macro(_run_cmake_execute dir)
  set(_env "")
  if(RunCMake_TEST_ENV)
    set(_env "${CMAKE_COMMAND}" -E env ${RunCMake_TEST_ENV})
  endif()
  if(RunCMake_TEST_OUTPUT_MERGE)
    execute_process(COMMAND ${_env} ${ARGN} WORKING_DIRECTORY "${dir}"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    set(_err "")
  else()
    execute_process(COMMAND ${_env} ${ARGN} WORKING_DIRECTORY "${dir}"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  endif()
endmacro()

function(run_cmake case)
  set(RunCMake_TEST "${case}")
  if(NOT RunCMake_TEST_BINARY_DIR)
    set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/${case}-build")
  endif()
  if(NOT RunCMake_TEST_SOURCE_DIR)
    set(RunCMake_TEST_SOURCE_DIR "${RunCMake_SOURCE_DIR}")
  endif()
  if(NOT RunCMake_TEST_GENERATOR)
    set(RunCMake_TEST_GENERATOR "${RunCMake_GENERATOR}")
  endif()
  foreach(lang IN ITEMS C CXX)
    if(NOT RunCMake_TEST_${lang}_COMPILER)
      set(RunCMake_TEST_${lang}_COMPILER "${RunCMake_${lang}_COMPILER}")
    endif()
  endforeach()
  if(NOT RunCMake_TEST_NO_CLEAN)
    file(REMOVE_RECURSE "${RunCMake_TEST_BINARY_DIR}")
  endif()
  file(MAKE_DIRECTORY "${RunCMake_TEST_BINARY_DIR}")
  _run_cmake_execute("${RunCMake_TEST_BINARY_DIR}"
    "${CMAKE_COMMAND}" -S "${RunCMake_TEST_SOURCE_DIR}" -B "${RunCMake_TEST_BINARY_DIR}"
    -G "${RunCMake_TEST_GENERATOR}"
    "-DCMAKE_C_COMPILER=${RunCMake_TEST_C_COMPILER}"
    "-DCMAKE_CXX_COMPILER=${RunCMake_TEST_CXX_COMPILER}"
    "-DRunCMake_TEST=${case}"
    "-DPGO_SOURCE_DIR=${PGO_SOURCE_DIR}"
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON --no-warn-unused-cli
    ${RunCMake_TEST_OPTIONS})
  _run_cmake_check("${case}" "${_rc}" "${_out}" "${_err}")
  set(RunCMake_PASSED ${RunCMake_PASSED} PARENT_SCOPE)
  set(RunCMake_FAILED ${RunCMake_FAILED} PARENT_SCOPE)
  set(RunCMake_FAILED_NAMES "${RunCMake_FAILED_NAMES}" PARENT_SCOPE)
endfunction()

function(run_cmake_command name)
  _run_cmake_execute("${RunCMake_TEST_BINARY_DIR}" ${ARGN})
  _run_cmake_check("${name}" "${_rc}" "${_out}" "${_err}")
  set(RunCMake_PASSED ${RunCMake_PASSED} PARENT_SCOPE)
  set(RunCMake_FAILED ${RunCMake_FAILED} PARENT_SCOPE)
  set(RunCMake_FAILED_NAMES "${RunCMake_FAILED_NAMES}" PARENT_SCOPE)
endfunction()

# Shorthand for the build step of a multi-step case.
function(run_cmake_build name)
  run_cmake_command(${name} "${CMAKE_COMMAND}" --build . ${ARGN})
  set(RunCMake_PASSED ${RunCMake_PASSED} PARENT_SCOPE)
  set(RunCMake_FAILED ${RunCMake_FAILED} PARENT_SCOPE)
  set(RunCMake_FAILED_NAMES "${RunCMake_FAILED_NAMES}" PARENT_SCOPE)
endfunction()

# Print the closing line and fail the script when a case failed.
function(run_cmake_summary)
  message("${RunCMake_PASSED} passed, ${RunCMake_FAILED} failed")
  if(RunCMake_FAILED)
    message(FATAL_ERROR "failed cases:${RunCMake_FAILED_NAMES}")
  endif()
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/Checks.cmake")
pgo_require_compiler("${RunCMake_C_COMPILER}")
