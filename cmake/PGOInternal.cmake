# SPDX-License-Identifier: MIT
#
# Internals of FindPGO.cmake: toolchain detection, profile checks and the
# per-target flags. State lives in global properties, which last for one
# configure run, so the module can be found from several directories.

include_guard(GLOBAL)

set(_PGO_TOOL "${CMAKE_CURRENT_LIST_DIR}/pgo-tool.sh")
set(_PGO_PHASE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/PGOPhase.cmake")
set(_PGO_COMPARE_SOURCE "${CMAKE_CURRENT_LIST_DIR}/pgo-compare.c")

include("${CMAKE_CURRENT_LIST_DIR}/PGOTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGOCommands.cmake")

# Run pgo-tool.sh; sets <prefix>_rc, <prefix>_out and <prefix>_err.
function(_pgo_tool prefix)
  find_program(PGO_SH_EXECUTABLE sh)
  mark_as_advanced(PGO_SH_EXECUTABLE)
  execute_process(COMMAND "${PGO_SH_EXECUTABLE}" "${_PGO_TOOL}" ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_STRIP_TRAILING_WHITESPACE)
  set(${prefix}_rc "${rc}" PARENT_SCOPE)
  set(${prefix}_out "${out}" PARENT_SCOPE)
  set(${prefix}_err "${err}" PARENT_SCOPE)
endfunction()

# Decide whether PGO is possible here: a clang C or C++ compiler and the
# llvm-profdata of its major version. Sets PGO_FOUND in the caller and the
# global properties _PGO_SUPPORTED, _PGO_REASON and _PGO_LANGUAGES.
macro(_pgo_detect)
  _pgo_detect_impl()
  get_property(PGO_FOUND GLOBAL PROPERTY _PGO_SUPPORTED)
endmacro()

function(_pgo_detect_impl)
  get_property(done GLOBAL PROPERTY _PGO_SUPPORTED SET)
  if(done)
    return()
  endif()
  get_property(enabled GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(clang_langs "")
  set(others "")
  foreach(lang IN ITEMS C CXX)
    if(NOT lang IN_LIST enabled)
      continue()
    endif()
    if(CMAKE_${lang}_COMPILER_ID STREQUAL "Clang")
      list(APPEND clang_langs ${lang})
    else()
      string(REPLACE "CXX" "C++" name "${lang}")
      list(APPEND others "the ${name} compiler is ${CMAKE_${lang}_COMPILER_ID} ${CMAKE_${lang}_COMPILER_VERSION}")
    endif()
  endforeach()

  set(reason "")
  if(clang_langs AND others)
    # A GCC link of clang-instrumented objects lacks the profile runtime, and
    # GCC's LTO plugin cannot read clang's bitcode: no half measures.
    list(JOIN others " and " others)
    set(reason "PGO needs clang for both C and C++, but ${others}")
  elseif(NOT clang_langs)
    if(others)
      list(JOIN others " and " others)
      set(reason "PGO needs clang, but ${others}")
    else()
      set(reason "PGO needs the C or C++ language enabled: call find_package(PGO) after project()")
    endif()
  else()
    list(GET clang_langs 0 lang)
    # Our own earlier discovery is redone each time (the compiler may have
    # changed); a value the user set is only checked.
    set(override "")
    if(PGO_LLVM_PROFDATA_EXECUTABLE AND NOT PGO_LLVM_PROFDATA_EXECUTABLE STREQUAL _PGO_LLVM_PROFDATA_DISCOVERED)
      set(override "${PGO_LLVM_PROFDATA_EXECUTABLE}")
    endif()
    _pgo_tool(find find-profdata "${CMAKE_${lang}_COMPILER}" ${override})
    if(find_rc EQUAL 0)
      if(NOT override)
        set(PGO_LLVM_PROFDATA_EXECUTABLE "${find_out}" CACHE FILEPATH "llvm-profdata matching the compiler" FORCE)
        set(_PGO_LLVM_PROFDATA_DISCOVERED "${find_out}" CACHE INTERNAL "")
      endif()
    else()
      string(REGEX REPLACE "^pgo: " "" reason "${find_err}")
      if(override)
        set(reason "PGO_LLVM_PROFDATA_EXECUTABLE=${reason}")
      endif()
    endif()
  endif()
  mark_as_advanced(PGO_LLVM_PROFDATA_EXECUTABLE)

  if(reason)
    set_property(GLOBAL PROPERTY _PGO_SUPPORTED FALSE)
  else()
    set_property(GLOBAL PROPERTY _PGO_SUPPORTED TRUE)
    string(REGEX MATCH "^[0-9]+" major "${CMAKE_${lang}_COMPILER_VERSION}")
    set_property(GLOBAL PROPERTY _PGO_COMPILER_MAJOR "${major}")
  endif()
  set_property(GLOBAL PROPERTY _PGO_REASON "${reason}")
  set_property(GLOBAL PROPERTY _PGO_LANGUAGES "${clang_langs}")
endfunction()

# Errors and warnings start with a space: CMake re-wraps any other text,
# and a message should stay one line that a test or a grep can match.

# One line when PGO is not available (fatal with REQUIRED).
macro(_pgo_not_found)
  get_property(_pgo_reason GLOBAL PROPERTY _PGO_REASON)
  if(PGO_FIND_REQUIRED)
    message(FATAL_ERROR " PGO: ${_pgo_reason}")
  endif()
  get_property(_pgo_said GLOBAL PROPERTY _PGO_NOT_FOUND_SAID)
  if(NOT PGO_FIND_QUIETLY AND NOT _pgo_said)
    message(STATUS "PGO: ${_pgo_reason}; building without PGO")
    set_property(GLOBAL PROPERTY _PGO_NOT_FOUND_SAID TRUE)
  endif()
  set(PGO_FOUND FALSE)
  unset(_pgo_reason)
  unset(_pgo_said)
endmacro()

# Give an opted-in target the flags of this tree's phase.
function(_pgo_apply target)
  get_property(supported GLOBAL PROPERTY _PGO_SUPPORTED)
  if(NOT supported)
    return()
  endif()
  set(clang "$<OR:$<COMPILE_LANG_AND_ID:C,Clang>,$<COMPILE_LANG_AND_ID:CXX,Clang>>")
  set(clang_link "$<OR:$<LINK_LANG_AND_ID:C,Clang>,$<LINK_LANG_AND_ID:CXX,Clang>>")
  if(PGO_PHASE STREQUAL "instrument")
    set(generate "-fprofile-generate=${_PGO_RAW_DIR}")
    target_compile_options("${target}" PRIVATE "$<${clang}:${generate}>")
    # The runtime that writes the profile is linked only when the flag is on
    # the link line; a static library passes it on to whatever links it.
    get_target_property(type "${target}" TYPE)
    if(type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
      target_link_options("${target}" INTERFACE "$<${clang_link}:${generate}>")
    else()
      target_link_options("${target}" PRIVATE "$<${clang_link}:${generate}>")
    endif()
    _pgo_enable_lto("${target}")
    return()
  endif()

  _pgo_profile_for("${target}" profile)
  if(NOT profile)
    return()
  endif()
  # Stale profiles are normal: silence the hash-mismatch warnings of IR PGO
  # (narrower than -Wno-backend-plugin) and those of front-end profiles.
  target_compile_options("${target}" PRIVATE
    "$<${clang}:-fprofile-use=${profile}>"
    "$<${clang}:SHELL:-mllvm -no-pgo-warn-mismatch>"
    "$<${clang}:-Wno-profile-instr-out-of-date>"
    "$<${clang}:-Wno-profile-instr-unprofiled>")
  _pgo_enable_lto("${target}")
endfunction()

# Remember why a target builds plain, for the one status line per reason.
function(_pgo_note_plain target why)
  get_property(reasons GLOBAL PROPERTY _PGO_PLAIN_REASONS)
  if(NOT why IN_LIST reasons)
    set_property(GLOBAL APPEND PROPERTY _PGO_PLAIN_REASONS "${why}")
  endif()
  string(MD5 key "${why}")
  set_property(GLOBAL APPEND PROPERTY _PGO_PLAIN_${key} "${target}")
endfunction()

# The checked copy of the profile a target uses in this tree, or "".
function(_pgo_profile_for target out)
  set(${out} "" PARENT_SCOPE)
  _pgo_mode(mode)
  if(mode STREQUAL "off")
    _pgo_note_plain("${target}" "PGO=${PGO}")
    return()
  elseif(mode STREQUAL "auto")
    set(explicit FALSE)
    _pgo_auto_profile("${target}" file)
    if(NOT file)
      # Re-configure when a default.profdata appears (pgo_update, git pull).
      get_target_property(dir "${target}" SOURCE_DIR)
      set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dir}" "${CMAKE_SOURCE_DIR}")
      _pgo_note_plain("${target}" "no default.profdata")
      return()
    endif()
  else()
    set(explicit TRUE)
    _pgo_explicit_profile(file)
  endif()

  _pgo_check_profile("${file}" ${explicit} profile)
  if(profile)
    string(MD5 key "${file}")
    set_property(GLOBAL APPEND PROPERTY _PGO_USERS_${key} "${target}")
  else()
    _pgo_note_plain("${target}" "an unusable profile")
  endif()
  set(${out} "${profile}" PARENT_SCOPE)
endfunction()

# What PGO asks for: off, auto or explicit (a file).
function(_pgo_mode out)
  string(TOLOWER "${PGO}" mode)
  if(mode MATCHES "^(off|no|false|0|)$")
    set(${out} off PARENT_SCOPE)
  elseif(mode MATCHES "^(on|yes|true|1)$")
    message(FATAL_ERROR " PGO: PGO=${PGO} is not a setting; use PGO=auto, PGO=off, or the path of a .profdata file")
  elseif(mode STREQUAL "auto")
    set(${out} auto PARENT_SCOPE)
  else()
    set(${out} explicit PARENT_SCOPE)
  endif()
endfunction()

# The file PGO=<file> names, relative to the top-level source directory.
function(_pgo_explicit_profile out)
  get_filename_component(file "${PGO}" ABSOLUTE BASE_DIR "${CMAKE_SOURCE_DIR}")
  set(${out} "${file}" PARENT_SCOPE)
endfunction()

# The default.profdata PGO=auto picks for a target: beside it, else at the
# top; "" when there is none.
function(_pgo_auto_profile target out)
  get_target_property(dir "${target}" SOURCE_DIR)
  foreach(candidate IN ITEMS "${dir}/default.profdata" "${CMAKE_SOURCE_DIR}/default.profdata")
    if(EXISTS "${candidate}")
      set(${out} "${candidate}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

# Check a profile once per configure run; out is the checked copy or "".
function(_pgo_check_profile file explicit out)
  string(MD5 key "${file}")
  get_property(known GLOBAL PROPERTY _PGO_CHECKED_${key} SET)
  if(known)
    get_property(copy GLOBAL PROPERTY _PGO_CHECKED_${key})
    set(${out} "${copy}" PARENT_SCOPE)
    return()
  endif()
  if(EXISTS "${file}" AND NOT IS_DIRECTORY "${file}")
    # A changed profile re-runs the check; the copy is named after its
    # contents, so only a real change reaches the compile lines.
    set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  endif()
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  # The roots give static functions this tree's paths (see pgo-tool.sh).
  _pgo_tool(check check --source-root "${CMAKE_SOURCE_DIR}" --build-root "${CMAKE_BINARY_DIR}"
    "${PGO_LLVM_PROFDATA_EXECUTABLE}" "${file}" "${CMAKE_BINARY_DIR}/pgo/use")
  set(copy "")
  if(NOT check_rc EQUAL 0)
    string(REGEX REPLACE "^pgo: " "" reason "${check_out}${check_err}")
    if(explicit)
      set(named "PGO=${PGO}")
      if(NOT file STREQUAL PGO)
        string(APPEND named " (${file})")
      endif()
      message(FATAL_ERROR " PGO: ${named} ${reason}. Fix: point PGO at a .profdata file written by llvm-profdata ${major}, or set PGO=auto or PGO=off")
    endif()
    message(WARNING " PGO: ignoring ${file}, which ${reason}. Building without PGO; fix: re-train (--target pgo_train, then pgo_update) or delete the file")
  else()
    string(REGEX MATCH "path=([^\n]*)" _ "${check_out}")
    set(copy "${CMAKE_MATCH_1}")
    string(REGEX MATCH "functions=([0-9]+)" _ "${check_out}")
    set_property(GLOBAL PROPERTY _PGO_FUNCTIONS_${key} "${CMAKE_MATCH_1}")
    set_property(GLOBAL APPEND PROPERTY _PGO_PROFILES "${file}")
    string(REGEX MATCH "version=([0-9]+)\ntool_version=([0-9]+)" _ "${check_out}")
    if(CMAKE_MATCH_1 LESS CMAKE_MATCH_2)
      message(WARNING " PGO: ${file} was written by an older LLVM (profile format ${CMAKE_MATCH_1}; llvm-profdata ${major} writes ${CMAKE_MATCH_2}), so many functions will not match. Fix: re-train with this compiler (--target pgo_train, then pgo_update)")
    endif()
    set_property(GLOBAL APPEND PROPERTY _PGO_COPIES "${copy}")
  endif()
  set_property(GLOBAL PROPERTY _PGO_CHECKED_${key} "${copy}")
  set(${out} "${copy}" PARENT_SCOPE)
endfunction()

# ThinLTO through CMake's IPO support, checked once per compiler. Only for
# what is linked: a static or object library of bitcode would break every
# consumer that does not link with LTO itself.
function(_pgo_enable_lto target)
  get_target_property(type "${target}" TYPE)
  if(NOT PGO_LTO OR type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
    return()
  endif()
  get_property(languages GLOBAL PROPERTY _PGO_LANGUAGES)
  set(key "${languages}")
  foreach(lang IN LISTS languages)
    string(APPEND key ";${CMAKE_${lang}_COMPILER};${CMAKE_${lang}_COMPILER_VERSION}")
  endforeach()
  string(APPEND key ";${CMAKE_LINKER};${CMAKE_EXE_LINKER_FLAGS}")
  if(NOT _PGO_LTO_KEY STREQUAL key)
    # Like check_ipo_supported(), but linking with the project's own flags
    # (CMAKE_EXE_LINKER_FLAGS may choose the linker), which that check ignores.
    list(GET languages 0 lang)
    set(ext c)
    if(lang STREQUAL "CXX")
      set(ext cpp)
    endif()
    set(dir "${CMAKE_BINARY_DIR}/CMakeFiles/pgo-lto-check")
    file(WRITE "${dir}/main.${ext}" "int callee(int);\nint main(void) { return callee(0); }\n")
    file(WRITE "${dir}/callee.${ext}" "int callee(int x) { return x; }\n")
    try_compile(ok "${dir}/build" SOURCES "${dir}/main.${ext}" "${dir}/callee.${ext}"
      COMPILE_DEFINITIONS ${CMAKE_${lang}_COMPILE_OPTIONS_IPO}
      LINK_OPTIONS ${CMAKE_${lang}_COMPILE_OPTIONS_IPO} ${CMAKE_${lang}_LINK_OPTIONS_IPO}
      OUTPUT_VARIABLE output)
    if(ok AND NOT CMAKE_${lang}_COMPILE_OPTIONS_IPO)
      set(ok FALSE)
      set(output "CMake knows no LTO flags for this compiler: unsupported")
    endif()
    set(why "")
    if(NOT ok)
      string(REGEX MATCH "[^\n]*(error|cannot|not found|not recognized|unsupported)[^\n]*" why "${output}")
      string(REGEX REPLACE "^[^ ]*: " "" why "${why}")
      string(STRIP "${why}" why)
      if(NOT why)
        set(why "see CMakeFiles/CMakeError.log")
      endif()
      set(why "a ThinLTO test link failed: ${why}")
    endif()
    set(_PGO_LTO_OK "${ok}" CACHE INTERNAL "")
    set(_PGO_LTO_WHY "${why}" CACHE INTERNAL "")
    set(_PGO_LTO_KEY "${key}" CACHE INTERNAL "")
  endif()
  if(_PGO_LTO_OK)
    set_property(TARGET "${target}" PROPERTY INTERPROCEDURAL_OPTIMIZATION TRUE)
    return()
  endif()
  get_property(said GLOBAL PROPERTY _PGO_LTO_SAID)
  if(NOT said)
    message(STATUS "PGO: ThinLTO is not available (${_PGO_LTO_WHY}); building without LTO, so PGO cannot inline across files (set PGO_LTO=OFF to skip this check)")
    set_property(GLOBAL PROPERTY _PGO_LTO_SAID TRUE)
  endif()
endfunction()

# dir, or dir/<config> with a multi-config generator.
function(_pgo_config_dir out dir)
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(dir "${dir}/$<CONFIG>")
  endif()
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()
