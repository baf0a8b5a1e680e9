# SPDX-License-Identifier: MIT
#
# Helpers for <case>-check.cmake scripts. Each reads real build artifacts
# and appends what it finds wrong to RunCMake_TEST_FAILED in the caller.

# Appends ${_msg}: a variable, since macro arguments would be re-parsed.
macro(_pgo_check_fail)
  string(APPEND RunCMake_TEST_FAILED "${_msg}\n")
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endmacro()

# The compile command of the first source whose path matches <regex>, and
# the directory it runs in.
function(pgo_compile_command out dir regex)
  set(${out} "" PARENT_SCOPE)
  if(NOT EXISTS "${dir}/compile_commands.json")
    return()
  endif()
  file(READ "${dir}/compile_commands.json" json)
  string(JSON n LENGTH "${json}")
  if(n EQUAL 0)
    return()
  endif()
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON file GET "${json}" ${i} file)
    if(file MATCHES "${regex}")
      string(JSON command GET "${json}" ${i} command)
      string(JSON directory GET "${json}" ${i} directory)
      set(${out} "${command}" PARENT_SCOPE)
      set(${out}_DIR "${directory}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# pgo_expect_flags(<build-dir> <source-regex> [PRESENT <regex>...] [ABSENT <regex>...])
function(pgo_expect_flags dir source)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "PRESENT;ABSENT")
  pgo_compile_command(command "${dir}" "${source}")
  if(NOT command)
    set(_msg "no compile command for ${source} in ${dir}/compile_commands.json")
    _pgo_check_fail()
    return()
  endif()
  foreach(flag IN LISTS arg_PRESENT)
    if(NOT command MATCHES "${flag}")
      set(_msg "${source}: expected ${flag} in: ${command}")
    _pgo_check_fail()
    endif()
  endforeach()
  foreach(flag IN LISTS arg_ABSENT)
    if(command MATCHES "${flag}")
      set(_msg "${source}: unexpected ${flag} in: ${command}")
    _pgo_check_fail()
    endif()
  endforeach()
endfunction()

# The llvm-profdata of the clang under test (clang-N: llvm-profdata-N).
macro(pgo_test_profdata)
  if(NOT PGO_TEST_LLVM_PROFDATA)
    set(_pgo_names llvm-profdata-14 llvm-profdata)
    if(RunCMake_C_COMPILER MATCHES "clang-([0-9]+)$")
      set(_pgo_names llvm-profdata-${CMAKE_MATCH_1})
    endif()
    find_program(PGO_TEST_LLVM_PROFDATA NAMES ${_pgo_names})
    unset(_pgo_names)
  endif()
endmacro()

# Names of the functions with non-zero counts in an indexed profile.
function(pgo_counted_functions out profile)
  pgo_test_profdata()
  execute_process(COMMAND "${PGO_TEST_LLVM_PROFDATA}" show --all-functions --counts "${profile}"
    OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_VARIABLE err)
  set(names "")
  if(rc EQUAL 0)
    # LLVM 18 and later name static functions "<file>;<name>": keep the
    # list intact by spelling them "<file>:<name>", as older LLVMs do.
    string(REPLACE ";" ":" text "${text}")
    string(REGEX MATCHALL "\n  [^ \n][^\n]*:\n[^\n]*\n[^\n]*\n[^\n]*Block counts: \\[[^]]*\\]" entries "${text}")
    foreach(entry IN LISTS entries)
      string(REGEX MATCH "^\n  ([^\n]*):" _ "${entry}")
      set(name "${CMAKE_MATCH_1}")
      if(entry MATCHES "Block counts: \\[[^]]*[1-9]")
        list(APPEND names "${name}")
      endif()
    endforeach()
  endif()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# The textual IR that the recorded compile command of <source> produces:
# the functions that got profile data carry !prof entry counts.
function(pgo_emit_ir out dir source)
  pgo_compile_command(command "${dir}" "${source}")
  set(${out} "" PARENT_SCOPE)
  if(NOT command)
    return()
  endif()
  string(REGEX REPLACE " -o [^ ]+ " " -S -emit-llvm -o '${dir}/pgo-check.ll' " command "${command}")
  # -S replaces -c, which clang 22 reports as unused (an error under -Werror).
  string(REPLACE " -c " " " command "${command}")
  execute_process(COMMAND sh -c "${command}" WORKING_DIRECTORY "${command_DIR}"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message("pgo_emit_ir: ${command} failed: ${err}")
    return()
  endif()
  file(READ "${dir}/pgo-check.ll" ir)
  set(${out} "${ir}" PARENT_SCOPE)
endfunction()

# pgo_expect_profiled(<build-dir> <source-regex> [WITH <fn>...] [WITHOUT <fn>...])
# Functions WITH profile data have an entry count in the emitted IR.
function(pgo_expect_profiled dir source)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "WITH;WITHOUT")
  pgo_emit_ir(ir "${dir}" "${source}")
  if(NOT ir)
    set(_msg "could not emit IR for ${source}")
    _pgo_check_fail()
    return()
  endif()
  foreach(fn IN LISTS arg_WITH)
    if(NOT ir MATCHES "define[^\n]*@${fn}\\([^\n]*!prof")
      set(_msg "${source}: function ${fn} has no profile data (no !prof on its definition)")
    _pgo_check_fail()
    endif()
  endforeach()
  foreach(fn IN LISTS arg_WITHOUT)
    if(ir MATCHES "define[^\n]*@${fn}\\([^\n]*!prof")
      set(_msg "${source}: function ${fn} unexpectedly has profile data")
    _pgo_check_fail()
    endif()
  endforeach()
endfunction()

# SHA-256 of a file, or "missing".
function(pgo_file_hash out file)
  if(EXISTS "${file}")
    file(SHA256 "${file}" hash)
  else()
    set(hash missing)
  endif()
  set(${out} "${hash}" PARENT_SCOPE)
endfunction()

# pgo_require_program(<var> <name>... HINT <text> [OPTIONAL])
# A tool the area cannot do without. A missing one fails the area with the
# hint; with OPTIONAL (a tool a user's machine may well lack: another
# compiler, ccache) the area is reported as skipped instead, except under
# CI=true, where nothing may be skipped.
function(pgo_require_program var)
  cmake_parse_arguments(PARSE_ARGV 1 arg "OPTIONAL" "HINT" "")
  find_program(${var} NAMES ${arg_UNPARSED_ARGUMENTS})
  if(NOT ${var})
    pgo_missing_tool("${arg_UNPARSED_ARGUMENTS}" "${arg_HINT}" ${arg_OPTIONAL})
  endif()
  set(${var} "${${var}}" PARENT_SCOPE)
endfunction()

# pgo_missing_tool(<names> <hint> [<optional>])
# Stops the area because a tool is missing: skipped (the tests' skip
# pattern, "pgo-test: skipped: ") when optional and not under CI=true,
# failed otherwise.
function(pgo_missing_tool names hint)
  list(JOIN names " or " names)
  set(install "install it with: sh tests/install-deps.sh --test (or ${hint})")
  if(ARGV2 AND NOT "$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR " pgo-test: skipped: ${names} is not installed; ${install}")
  elseif(ARGV2)
    message(FATAL_ERROR " ${names} is not installed, and under CI=true no test may be skipped; ${install}")
  endif()
  message(FATAL_ERROR " ${names} is not installed, but this test needs it; ${install}")
endfunction()

# The compiler under test, with its profile runtime (libclang-rt-N-dev is
# only a recommended package, so it is often missing). clang-14 is required;
# other compilers are optional, as pgo_require_program(OPTIONAL) says.
function(pgo_require_compiler compiler)
  set(optional TRUE)
  set(package "${compiler}")
  if(compiler MATCHES "^clang(\\+\\+)?-([0-9]+)$")
    set(major ${CMAKE_MATCH_2})
    set(package "clang-${major} libclang-rt-${major}-dev llvm-${major}")
    if(major EQUAL 15)
      # clang-15's runtime is in libclang-common-15-dev, a dependency.
      set(package "clang-15 llvm-15")
    endif()
    if(major EQUAL 14)
      set(optional FALSE)
    endif()
  endif()
  find_program(found NAMES "${compiler}" NO_CACHE)
  if(NOT found)
    pgo_missing_tool("${compiler}" "apt-get install ${package}" ${optional})
  endif()
  if(compiler MATCHES "clang")
    execute_process(COMMAND "${found}" -print-file-name=libclang_rt.profile-x86_64.a
      OUTPUT_VARIABLE runtime OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT IS_ABSOLUTE "${runtime}" OR NOT EXISTS "${runtime}")
      pgo_missing_tool("the profile runtime of ${compiler} (libclang_rt.profile-x86_64.a)" "apt-get install ${package}" ${optional})
    endif()
  endif()
endfunction()
