# SPDX-License-Identifier: MIT
#
# More helpers for the RunCMakeTest.cmake scripts and <case>-check.cmake
# scripts of the areas that test profiles themselves (Stale, Portable,
# BadProfiles, Toolchains, Rebuild, Interrupt, Ccache, GnuProfile).
# Include it after RunCMake.cmake.

# pgo_make_profile(<out.profdata> COMPILER <clang> PROFDATA <llvm-profdata>
#                  SOURCES <file>... [ARGS <arg>...] [FLAGS <flag>...] [FRONTEND]
#                  [RAW <out.profraw>])
# Builds the sources instrumented, runs the program once with ARGS and
# merges what it wrote into <out.profdata>: IR PGO (-fprofile-generate), or
# front-end PGO (-fprofile-instr-generate) with FRONTEND. RAW also keeps the
# raw profile the run wrote.
function(pgo_make_profile out)
  cmake_parse_arguments(PARSE_ARGV 1 arg "FRONTEND" "COMPILER;PROFDATA;RAW" "SOURCES;ARGS;FLAGS")
  get_filename_component(name "${out}" NAME_WE)
  get_filename_component(outdir "${out}" DIRECTORY)
  set(work "${outdir}/${name}.work")
  file(REMOVE_RECURSE "${work}")
  file(MAKE_DIRECTORY "${work}")
  if(arg_FRONTEND)
    set(generate -fprofile-instr-generate)
  else()
    set(generate "-fprofile-generate=${work}")
  endif()
  execute_process(COMMAND "${arg_COMPILER}" -O2 ${arg_FLAGS} ${generate} ${arg_SOURCES} -o "${work}/prog"
    RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pgo_make_profile: ${arg_COMPILER} failed:\n${log}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "LLVM_PROFILE_FILE=${work}/run-%p.profraw" "${work}/prog" ${arg_ARGS}
    WORKING_DIRECTORY "${work}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE log)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pgo_make_profile: the instrumented program failed (${rc}):\n${log}")
  endif()
  file(GLOB raws "${work}/*.profraw")
  if(arg_RAW)
    list(GET raws 0 raw)
    file(REMOVE "${arg_RAW}")
    file(COPY_FILE "${raw}" "${arg_RAW}")
  endif()
  execute_process(COMMAND "${arg_PROFDATA}" merge -o "${out}" ${raws}
    RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${out}")
    message(FATAL_ERROR "pgo_make_profile: ${arg_PROFDATA} merge failed:\n${log}")
  endif()
  file(REMOVE_RECURSE "${work}")
endfunction()

# pgo_recompile(<prefix> <build-dir> <source-regex> [REMOVE <regex>...] [ADD <flag>...])
# Runs the recorded compile command of <source> again, with the flags that
# match a REMOVE regex taken out and the ADD flags put in, into a scratch
# object. Sets <prefix>_RC, <prefix>_OUTPUT (stdout and stderr) and
# <prefix>_COMMAND. This is how a check shows that the package's flag is
# what makes a case pass: without it the same compile fails or warns.
function(pgo_recompile prefix dir source)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "" "REMOVE;ADD")
  pgo_compile_command(command "${dir}" "${source}")
  set(${prefix}_RC "no compile command for ${source}" PARENT_SCOPE)
  set(${prefix}_OUTPUT "" PARENT_SCOPE)
  if(NOT command)
    return()
  endif()
  foreach(flag IN LISTS arg_REMOVE)
    string(REGEX REPLACE "${flag}" "" command "${command}")
  endforeach()
  list(JOIN arg_ADD " " add)
  string(REGEX REPLACE " -o [^ ]+ " " ${add} -o '${dir}/pgo-recompile.o' " command "${command}")
  execute_process(COMMAND sh -c "${command}" WORKING_DIRECTORY "${command_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
  set(${prefix}_RC "${rc}" PARENT_SCOPE)
  set(${prefix}_OUTPUT "${output}" PARENT_SCOPE)
  set(${prefix}_COMMAND "${command}" PARENT_SCOPE)
endfunction()

# pgo_count(<out> <regex> <text>): how often <regex> matches in <text>.
function(pgo_count out regex text)
  string(REGEX MATCHALL "${regex}" hits "${text}")
  list(LENGTH hits n)
  set(${out} ${n} PARENT_SCOPE)
endfunction()

# In a check: the build printed no compiler diagnostic at all.
macro(pgo_expect_quiet_build)
  foreach(_stream IN ITEMS STDOUT STDERR)
    if(RunCMake_TEST_${_stream} MATCHES "[^\n]*(warning:|error:|CMake Warning|CMake Error|hash mismatch|[Ss]egmentation|PLEASE submit)[^\n]*")
      string(APPEND RunCMake_TEST_FAILED "the build printed a diagnostic: ${CMAKE_MATCH_0}\n")
    endif()
  endforeach()
endmacro()

# pgo_compiled_objects(<out> <text>): the object files that a build log
# says it compiled ("Building C object <obj>", Ninja and Makefiles alike),
# sorted.
function(pgo_compiled_objects out text)
  string(REGEX MATCHALL "Building C(XX)? object [^\n]+" lines "${text}")
  set(objects "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^Building C(XX)? object " "" object "${line}")
    string(STRIP "${object}" object)
    list(APPEND objects "${object}")
  endforeach()
  list(SORT objects)
  list(REMOVE_DUPLICATES objects)
  set(${out} "${objects}" PARENT_SCOPE)
endfunction()

# pgo_write_if_different(<file> <content>): like a checkout, a file gets a
# new time stamp only when its content changes.
function(pgo_write_if_different file content)
  if(EXISTS "${file}")
    file(READ "${file}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${file}" "${content}")
endfunction()

# pgo_copy_if_different(<src> <dest>): a binary-safe copy with a fresh time
# stamp (file(COPY) would keep the old one, which build tools ignore).
function(pgo_copy_if_different src dest)
  if(EXISTS "${dest}")
    file(SHA256 "${src}" a)
    file(SHA256 "${dest}" b)
    if(a STREQUAL b)
      return()
    endif()
  endif()
  file(REMOVE "${dest}")
  file(COPY_FILE "${src}" "${dest}")
  file(TOUCH "${dest}")
endfunction()

# pgo_profiled_functions(<out> <build-dir> <source-regex>): the functions
# that the recorded compile of <source> gives profile data (a !prof entry
# count on their definition), from the emitted IR.
function(pgo_profiled_functions out dir source)
  pgo_emit_ir(ir "${dir}" "${source}")
  string(REGEX MATCHALL "\ndefine [^\n]*@[A-Za-z0-9_.]+\\([^\n]*!prof" defines "${ir}")
  set(names "")
  foreach(define IN LISTS defines)
    string(REGEX MATCH "@([A-Za-z0-9_.]+)\\(" _ "${define}")
    list(APPEND names "${CMAKE_MATCH_1}")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# pgo_profile_names(<out> <profile> [<llvm-profdata>]): the names of all
# functions in an indexed profile, as llvm-profdata shows them.
function(pgo_profile_names out profile)
  set(tool "${ARGN}")
  if(NOT tool)
    pgo_test_profdata()
    set(tool "${PGO_TEST_LLVM_PROFDATA}")
  endif()
  execute_process(COMMAND "${tool}" show --all-functions "${profile}"
    OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_QUIET)
  string(REGEX MATCHALL "\n  [^ \n][^\n]*:\n    Hash:" entries "${text}")
  set(names "")
  foreach(entry IN LISTS entries)
    string(REGEX REPLACE "^\n  (.*):\n    Hash:$" "\\1" name "${entry}")
    list(APPEND names "${name}")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# In a check: the build compiled exactly the objects given as
# <target>/<source> (e.g. app/main.c), whatever the generator, and ran
# configure again only with CONFIGURED.
macro(pgo_expect_compiled)
  cmake_parse_arguments(_pec "CONFIGURED" "" "" ${ARGN})
  pgo_compiled_objects(_pec_objects "${RunCMake_TEST_STDOUT}")
  set(_pec_got "")
  foreach(_pec_object IN LISTS _pec_objects)
    # The object that records a profile (one per profile in use) is
    # "pgo-note".
    if(_pec_object MATCHES "_pgo_note_[0-9a-f]+\\.dir/")
      list(APPEND _pec_got "pgo-note")
    elseif(_pec_object MATCHES "([A-Za-z0-9_]+)\\.dir/(Release/|RelWithDebInfo/|Debug/)?(.+)\\.o$")
      list(APPEND _pec_got "${CMAKE_MATCH_1}/${CMAKE_MATCH_3}")
    else()
      list(APPEND _pec_got "${_pec_object}")
    endif()
  endforeach()
  set(_pec_want ${_pec_UNPARSED_ARGUMENTS})
  list(SORT _pec_got)
  list(SORT _pec_want)
  if(NOT "${_pec_got}" STREQUAL "${_pec_want}")
    string(APPEND RunCMake_TEST_FAILED "compiled [${_pec_got}], expected [${_pec_want}]\n")
  endif()
  if(RunCMake_TEST_STDOUT MATCHES "-- Configuring done")
    if(NOT _pec_CONFIGURED)
      string(APPEND RunCMake_TEST_FAILED "the build ran configure again\n")
    endif()
  elseif(_pec_CONFIGURED)
    string(APPEND RunCMake_TEST_FAILED "the build did not run configure again\n")
  endif()
endmacro()

# pgo_expect_no_flags_in_build_files(<build-dir> <regex>...): no compile or
# link rule that the generator wrote (build.ninja, or the Makefile
# generator's flags.make and link.txt files) holds a match of <regex>.
function(pgo_expect_no_flags_in_build_files dir)
  file(GLOB_RECURSE files "${dir}/build.ninja" "${dir}/CMakeFiles/*/flags.make" "${dir}/CMakeFiles/*/link.txt")
  list(FILTER files EXCLUDE REGEX "/pgo/")
  if(NOT files)
    set(_msg "no build files in ${dir}")
    _pgo_check_fail()
  endif()
  foreach(file IN LISTS files)
    file(READ "${file}" text)
    foreach(regex IN LISTS ARGN)
      if(text MATCHES "[^\n]*${regex}[^\n]*")
        set(_msg "${file}: unexpected ${regex} in: ${CMAKE_MATCH_0}")
        _pgo_check_fail()
      endif()
    endforeach()
  endforeach()
endfunction()
