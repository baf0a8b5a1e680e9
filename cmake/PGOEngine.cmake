# SPDX-License-Identifier: MIT
#
# The pgo engine (cmake/engine/, the `pgo` program) for FindPGO.cmake: built
# once per build tree with the host C compiler at configure time, rebuilt
# only when its sources change, and run without a shell.

include_guard(GLOBAL)

set(_PGO_ENGINE_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/engine")

# The host C compiler: the project's own C compiler unless it cross-compiles
# (or has no C), else cc, gcc or clang from PATH.
function(_pgo_host_c_compiler out)
  get_property(enabled GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT CMAKE_CROSSCOMPILING AND "C" IN_LIST enabled)
    set(${out} "${CMAKE_C_COMPILER}" PARENT_SCOPE)
    return()
  endif()
  find_program(PGO_HOST_C_COMPILER NAMES cc gcc clang clang-22 clang-19 clang-16 clang-15 clang-14
    DOC "C compiler for the build host, which builds the pgo engine")
  mark_as_advanced(PGO_HOST_C_COMPILER)
  set(${out} "${PGO_HOST_C_COMPILER}" PARENT_SCOPE)
endfunction()

# Make sure the engine exists; sets the global property _PGO_ENGINE to its
# path, or _PGO_ENGINE_ERROR to why there is none. PGO_ENGINE (a cache
# variable) may name an installed pgo instead; phase trees use the one of
# the ordinary tree.
function(_pgo_engine_prepare)
  get_property(done GLOBAL PROPERTY _PGO_ENGINE SET)
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY _PGO_ENGINE "")
  if(PGO_ENGINE)
    if(NOT EXISTS "${PGO_ENGINE}" OR IS_DIRECTORY "${PGO_ENGINE}")
      set_property(GLOBAL PROPERTY _PGO_ENGINE_ERROR "PGO_ENGINE=${PGO_ENGINE} does not exist; point it at an installed pgo, or unset it to build one")
      return()
    endif()
    set_property(GLOBAL PROPERTY _PGO_ENGINE "${PGO_ENGINE}")
    return()
  endif()
  if(_PGO_OUTER_ENGINE AND EXISTS "${_PGO_OUTER_ENGINE}")
    set_property(GLOBAL PROPERTY _PGO_ENGINE "${_PGO_OUTER_ENGINE}")
    return()
  endif()
  _pgo_host_c_compiler(cc)
  set(engine "${CMAKE_BINARY_DIR}/pgo/bin/pgo")
  _pgo_engine_ensure("${cc}" "${engine}" error)
  if(error)
    set_property(GLOBAL PROPERTY _PGO_ENGINE_ERROR "${error}")
    return()
  endif()
  set_property(GLOBAL PROPERTY _PGO_ENGINE "${engine}")
endfunction()

# Build <engine> with <cc> unless it is there and was built from the same
# sources with the same compiler (<engine>.stamp says so). Also run by the
# build (PGOPhase.cmake ACTION=engine) when build/pgo was deleted.
function(_pgo_engine_ensure cc engine error_var)
  set(${error_var} "" PARENT_SCOPE)
  _pgo_engine_stamp(stamp "${cc}")
  set(stamp_file "${engine}.stamp")
  set(old "")
  if(EXISTS "${stamp_file}" AND EXISTS "${engine}")
    file(READ "${stamp_file}" old)
  endif()
  if(old STREQUAL stamp)
    return()
  endif()
  _pgo_engine_build("${cc}" "${engine}" error)
  if(error)
    set(${error_var} "${error}" PARENT_SCOPE)
    return()
  endif()
  string(RANDOM LENGTH 8 tag)
  file(WRITE "${stamp_file}.tmp-${tag}" "${stamp}")
  file(RENAME "${stamp_file}.tmp-${tag}" "${stamp_file}")
endfunction()

# What the engine binary depends on: the compiler and every source.
function(_pgo_engine_stamp out cc)
  file(GLOB sources "${_PGO_ENGINE_SOURCE_DIR}/*.[ch]")
  list(SORT sources)
  set(text "${cc}\n")
  foreach(source IN LISTS sources)
    file(SHA256 "${source}" hash)
    string(APPEND text "${source} ${hash}\n")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Compile the engine into <engine> atomically; <error_var> is "" or why not.
function(_pgo_engine_build cc engine error_var)
  set(${error_var} "" PARENT_SCOPE)
  if(NOT cc)
    set(${error_var} "no C compiler for the build host to build the pgo engine; set PGO_HOST_C_COMPILER" PARENT_SCOPE)
    return()
  endif()
  file(GLOB sources "${_PGO_ENGINE_SOURCE_DIR}/*.c")
  if(NOT sources)
    set(${error_var} "the pgo engine's sources are missing from ${_PGO_ENGINE_SOURCE_DIR}; reinstall the package" PARENT_SCOPE)
    return()
  endif()
  list(SORT sources)
  get_filename_component(dir "${engine}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  # Two builds may do this at once: each compiles into files of its own.
  string(RANDOM LENGTH 8 tag)
  set(tmp "${engine}.tmp-${tag}")
  set(objects "${engine}.objects-${tag}")
  file(MAKE_DIRECTORY "${objects}")
  # One compiler per core, at once (execute_process runs its COMMANDs
  # side by side): a fresh configure waits for this.
  cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  if(NOT jobs GREATER 0)
    set(jobs 1)
  elseif(jobs GREATER 8)
    set(jobs 8)
  endif()
  set(commands "")
  foreach(group RANGE 1 ${jobs})
    set(part "")
    set(i 0)
    foreach(source IN LISTS sources)
      math(EXPR slot "${i} % ${jobs} + 1")
      if(slot EQUAL group)
        list(APPEND part "${source}")
      endif()
      math(EXPR i "${i} + 1")
    endforeach()
    if(part)
      list(APPEND commands COMMAND "${cc}" -std=c11 -O2 -c ${part})
    endif()
  endforeach()
  execute_process(${commands} WORKING_DIRECTORY "${objects}"
    RESULTS_VARIABLE rcs OUTPUT_VARIABLE log ERROR_VARIABLE log)
  set(rc 0)
  foreach(one IN LISTS rcs)
    if(NOT one EQUAL 0)
      set(rc "${one}")
    endif()
  endforeach()
  if(rc EQUAL 0)
    file(GLOB built "${objects}/*.o")
    execute_process(COMMAND "${cc}" -o "${tmp}" ${built}
      RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  endif()
  file(REMOVE_RECURSE "${objects}")
  if(NOT rc EQUAL 0)
    file(REMOVE "${tmp}")
    string(REGEX MATCH "[^\n]*error[^\n]*" why "${log}")
    if(NOT why)
      set(why "exit status ${rc}")
    endif()
    set(${error_var} "cannot build the pgo engine with ${cc}: ${why}" PARENT_SCOPE)
    return()
  endif()
  file(RENAME "${tmp}" "${engine}")
endfunction()

# Run the engine; sets <prefix>_rc, <prefix>_out (stdout) and <prefix>_err
# (stderr without its "pgo: " prefix).
function(_pgo_engine_run prefix)
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  execute_process(COMMAND "${engine}" ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_STRIP_TRAILING_WHITESPACE)
  string(REGEX REPLACE "^pgo: " "" err "${err}")
  set(${prefix}_rc "${rc}" PARENT_SCOPE)
  set(${prefix}_out "${out}" PARENT_SCOPE)
  set(${prefix}_err "${err}" PARENT_SCOPE)
endfunction()

# The value of <key> in the engine's key=value output <text>.
function(_pgo_engine_value out text key)
  set(value "")
  if(text MATCHES "(^|\n)${key}=([^\n]*)")
    set(value "${CMAKE_MATCH_2}")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()
