# SPDX-License-Identifier: MIT
#
# Builds and runs one test of the C engine (cmake/engine/*.c, the `pgo`
# program). Two modes:
#
#   cmake -DMODE=unit -DENGINE_DIR=<cmake/engine> -DTEST_SOURCE=<test_x.c>
#         -DTEST_BINARY_DIR=<scratch dir> [-DCC=<compiler>] -P RunEngineTest.cmake
#       Compiles TEST_SOURCE with every engine source except main.c and runs
#       it in TEST_BINARY_DIR.
#   cmake -DMODE=build -DENGINE_DIR=<cmake/engine> -DTEST_BINARY_DIR=<dir>
#         [-DCC=<compiler>] [-DOTHER_COMPILERS=gcc;clang-14] -P RunEngineTest.cmake
#       Builds TEST_BINARY_DIR/pgo with the one documented command plus
#       -Wall -Wextra -Wpedantic -Werror, and checks that the other
#       compilers (those installed) build it without a warning too.
cmake_minimum_required(VERSION 3.21)

if(NOT MODE OR NOT ENGINE_DIR OR NOT TEST_BINARY_DIR)
  message(FATAL_ERROR "usage: cmake -DMODE=unit|build -DENGINE_DIR=<dir> -DTEST_BINARY_DIR=<dir> [-DTEST_SOURCE=<file>] [-DCC=<compiler>] -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
if(NOT CC)
  set(CC cc)
endif()
separate_arguments(cc_cmd UNIX_COMMAND "${CC}")
set(warnings -Wall -Wextra -Wpedantic -Werror)

file(GLOB engine_sources "${ENGINE_DIR}/*.c")
list(SORT engine_sources)
file(MAKE_DIRECTORY "${TEST_BINARY_DIR}")

function(compile what out)
  execute_process(COMMAND ${ARGN} -o "${out}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out_text ERROR_VARIABLE err_text)
  if(NOT rc EQUAL 0 OR NOT "${out_text}${err_text}" STREQUAL "")
    message(FATAL_ERROR "engine test FAILED: ${what} (exit ${rc}); it must build without a warning:\n${out_text}${err_text}")
  endif()
endfunction()

if(MODE STREQUAL "build")
  compile("cc -std=c11 -O2 -o pgo cmake/engine/*.c with ${CC}" "${TEST_BINARY_DIR}/pgo"
    ${cc_cmd} -std=c11 -O2 ${warnings} ${engine_sources})
  message(STATUS "PASS built ${TEST_BINARY_DIR}/pgo with ${CC}")
  foreach(other IN LISTS OTHER_COMPILERS)
    find_program(other_path NAMES "${other}" NO_CACHE)
    if(NOT other_path)
      message(STATUS "note: ${other} is not installed; not built with it")
      continue()
    endif()
    string(MAKE_C_IDENTIFIER "${other}" tag)
    compile("building pgo with ${other}" "${TEST_BINARY_DIR}/pgo-${tag}"
      "${other_path}" -std=c11 -O2 ${warnings} ${engine_sources})
    file(REMOVE "${TEST_BINARY_DIR}/pgo-${tag}")
    message(STATUS "PASS warning-free with ${other}")
    unset(other_path)
  endforeach()
  execute_process(COMMAND "${TEST_BINARY_DIR}/pgo" --version
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "pgo 0.2.0\n" OR NOT err STREQUAL "")
    message(FATAL_ERROR "engine test FAILED: pgo --version gave exit ${rc}, stdout '${out}', stderr '${err}'; expected 'pgo 0.2.0'")
  endif()
  message(STATUS "PASS pgo --version")
elseif(MODE STREQUAL "unit")
  if(NOT TEST_SOURCE)
    message(FATAL_ERROR "MODE=unit needs -DTEST_SOURCE=<test_x.c>")
  endif()
  list(FILTER engine_sources EXCLUDE REGEX "/main\\.c$")
  get_filename_component(name "${TEST_SOURCE}" NAME_WE)
  set(exe "${TEST_BINARY_DIR}/${name}")
  compile("compiling ${TEST_SOURCE} with ${CC}" "${exe}"
    ${cc_cmd} -std=c11 -O2 -g ${warnings} "-I${ENGINE_DIR}" "${TEST_SOURCE}" ${engine_sources})
  execute_process(COMMAND "${exe}" WORKING_DIRECTORY "${TEST_BINARY_DIR}" TIMEOUT 240
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "engine test FAILED: ${name} exited with ${rc}")
  endif()
else()
  message(FATAL_ERROR "unknown MODE '${MODE}': use unit or build")
endif()
