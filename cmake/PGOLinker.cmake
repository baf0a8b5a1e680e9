# SPDX-License-Identifier: MIT
#
# The link of ThinLTO targets for FindPGO.cmake: lld of the compiler's LLVM
# version when it is there and the project chose no linker (PGO_LINKER),
# backend jobs (PGO_LTO_JOBS) and a ThinLTO cache in the build tree
# (PGO_LTO_CACHE).

include_guard(GLOBAL)

# The ld.lld of LLVM <major>: beside the compiler (Debian's
# /usr/lib/llvm-N/bin), ld.lld-N, then ld.lld, each only if its --version
# says LLD <major>. Cached per compiler; "" when there is none.
function(_pgo_find_lld out)
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  get_property(languages GLOBAL PROPERTY _PGO_LANGUAGES)
  list(GET languages 0 lang)
  set(key "${CMAKE_${lang}_COMPILER};${major}")
  if(DEFINED _PGO_LLD_KEY AND _PGO_LLD_KEY STREQUAL key)
    set(${out} "${_PGO_LLD}" PARENT_SCOPE)
    return()
  endif()
  get_filename_component(real "${CMAKE_${lang}_COMPILER}" REALPATH)
  get_filename_component(dir "${real}" DIRECTORY)
  set(candidates "${dir}/ld.lld")
  foreach(name IN ITEMS "ld.lld-${major}" ld.lld)
    find_program(_pgo_lld_candidate NAMES "${name}" NO_CACHE)
    if(_pgo_lld_candidate)
      list(APPEND candidates "${_pgo_lld_candidate}")
    endif()
    unset(_pgo_lld_candidate)
  endforeach()
  set(found "")
  foreach(candidate IN LISTS candidates)
    if(NOT EXISTS "${candidate}")
      continue()
    endif()
    execute_process(COMMAND "${candidate}" --version OUTPUT_VARIABLE version RESULT_VARIABLE rc ERROR_QUIET)
    if(rc EQUAL 0 AND version MATCHES "LLD ${major}\\.")
      set(found "${candidate}")
      break()
    endif()
  endforeach()
  set(_PGO_LLD "${found}" CACHE INTERNAL "")
  set(_PGO_LLD_KEY "${key}" CACHE INTERNAL "")
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Whether the project chose a linker for <target>: CMAKE_LINKER_TYPE or
# LINKER_TYPE (CMake 3.29+), -fuse-ld or --ld-path in the linker flags or
# the target's link options.
function(_pgo_project_linker target out)
  get_target_property(type "${target}" TYPE)
  set(kind EXE)
  if(type STREQUAL "SHARED_LIBRARY")
    set(kind SHARED)
  elseif(type STREQUAL "MODULE_LIBRARY")
    set(kind MODULE)
  endif()
  get_target_property(options "${target}" LINK_OPTIONS)
  get_target_property(linker_type "${target}" LINKER_TYPE)
  set(text " ${CMAKE_${kind}_LINKER_FLAGS} ${options} ")
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(configs ${CMAKE_CONFIGURATION_TYPES})
  else()
    set(configs "${CMAKE_BUILD_TYPE}")
  endif()
  foreach(config IN LISTS configs)
    string(TOUPPER "${config}" upper)
    string(APPEND text " ${CMAKE_${kind}_LINKER_FLAGS_${upper}} ")
  endforeach()
  if(CMAKE_LINKER_TYPE OR linker_type OR text MATCHES "(-fuse-ld|--ld-path)")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# The linker ThinLTO links use ("" for the compiler's default), after one
# test link with it (_pgo_lto_check). Says once why lld is not used when it
# was asked for.
function(_pgo_lto_linker out)
  set(${out} "" PARENT_SCOPE)
  get_property(family GLOBAL PROPERTY _PGO_FAMILY)
  if(PGO_LINKER STREQUAL "default" OR family STREQUAL "gcc")
    return()
  endif()
  _pgo_find_lld(lld)
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  set(why "")
  if(NOT lld)
    set(why "no ld.lld of LLVM ${major} is installed (Debian: lld-${major})")
  elseif(major LESS 12)
    set(why "clang ${major} has no --ld-path (clang 12 and later)")
  elseif(NOT lld MATCHES "^[A-Za-z0-9_./+-]+$")
    set(why "its path ${lld} has characters a link line cannot hold")
  else()
    _pgo_lto_check("--ld-path=${lld}")
    if(_PGO_LTO_OK_WITH)
      set(${out} "${lld}" PARENT_SCOPE)
      return()
    endif()
    set(why "${_PGO_LTO_WHY_WITH}")
  endif()
  get_property(said GLOBAL PROPERTY _PGO_LLD_SAID)
  if(PGO_LINKER STREQUAL "lld" AND NOT said)
    message(STATUS "PGO: PGO_LINKER=lld, but ThinLTO links keep the default linker: ${why}")
    set_property(GLOBAL PROPERTY _PGO_LLD_SAID TRUE)
  endif()
endfunction()

# The ThinLTO link options of an opted-in executable or shared library:
# lld, jobs and cache, in the spelling of the linker that runs. Nothing
# when the project chose its linker.
function(_pgo_lto_link_options target)
  get_target_property(type "${target}" TYPE)
  if(NOT type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
    return()
  endif()
  _pgo_project_linker("${target}" chosen)
  if(chosen)
    return()
  endif()
  _pgo_lto_linker(lld)
  set(jobs "${PGO_LTO_JOBS}")
  if(NOT jobs)
    cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  endif()
  # Relative to where the link runs, so that no path of the build tree is
  # on the link line (CMake 3.25 escapes a '$' there twice for Ninja).
  set(cache "pgo/lto-cache")
  if(CMAKE_GENERATOR MATCHES "Makefiles")
    get_target_property(dir "${target}" BINARY_DIR)
    file(RELATIVE_PATH cache "${dir}" "${CMAKE_BINARY_DIR}/pgo/lto-cache")
  endif()
  set(options "")
  if(lld)
    # keep-text-section-prefix: the functions the profile calls hot (or
    # cold) go together, so that the speed does not hang on the order of
    # the objects on the link line (examples/interp: 1.00-1.09x of the best
    # order without it, 1.00-1.03x with it; GNU ld's default script does
    # this already).
    list(APPEND options "--ld-path=${lld}" "-Wl,--thinlto-jobs=${jobs}" "-Wl,-z,keep-text-section-prefix")
    if(PGO_LTO_CACHE)
      list(APPEND options "-Wl,--thinlto-cache-dir=${cache}")
    endif()
  else()
    # GNU ld and gold with LLVMgold.so.
    list(APPEND options "-Wl,--plugin-opt=jobs=${jobs}")
    if(PGO_LTO_CACHE)
      list(APPEND options "-Wl,--plugin-opt=cache-dir=${cache}")
    endif()
  endif()
  set(clang_link "$<OR:$<LINK_LANG_AND_ID:C,Clang>,$<LINK_LANG_AND_ID:CXX,Clang>>")
  foreach(option IN LISTS options)
    target_link_options("${target}" PRIVATE "$<${clang_link}:${option}>")
  endforeach()
endfunction()
