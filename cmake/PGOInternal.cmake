# SPDX-License-Identifier: MIT
#
# Internals of FindPGO.cmake: toolchain detection, profile checks and the
# per-target flags. State lives in global properties, which last for one
# configure run, so the module can be found from several directories.

include_guard(GLOBAL)

set(_PGO_PHASE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/PGOPhase.cmake")

set_property(GLOBAL PROPERTY _PGO_WINDOW_SOURCE "${CMAKE_CURRENT_LIST_DIR}/runtime/pgo_window.c")

include("${CMAKE_CURRENT_LIST_DIR}/PGOEngine.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGOLinker.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGOTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGOCommands.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGOStatus.cmake")

# Decide whether PGO is possible here: a clang C or C++ compiler and the
# llvm-profdata of its major version, or GCC 10 or newer. Sets PGO_FOUND
# and PGO_COMPILER (clang-<major>, gcc-<major>) in the caller and the global
# properties _PGO_SUPPORTED, _PGO_REASON, _PGO_LANGUAGES, _PGO_FAMILY
# (clang, gcc) and _PGO_COMPILER_MAJOR.
macro(_pgo_detect)
  _pgo_detect_impl()
  get_property(PGO_FOUND GLOBAL PROPERTY _PGO_SUPPORTED)
  get_property(PGO_COMPILER GLOBAL PROPERTY _PGO_COMPILER)
endmacro()

function(_pgo_detect_impl)
  get_property(done GLOBAL PROPERTY _PGO_SUPPORTED SET)
  if(done)
    return()
  endif()
  get_property(enabled GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(clang_langs "")
  set(gnu_langs "")
  set(gnu_majors "")
  set(others "")
  set(all "")
  foreach(lang IN ITEMS C CXX)
    if(NOT lang IN_LIST enabled)
      continue()
    endif()
    string(REPLACE "CXX" "C++" name "${lang}")
    set(what "the ${name} compiler is ${CMAKE_${lang}_COMPILER_ID} ${CMAKE_${lang}_COMPILER_VERSION}")
    list(APPEND all "${what}")
    if(CMAKE_${lang}_COMPILER_ID STREQUAL "Clang")
      list(APPEND clang_langs ${lang})
    elseif(CMAKE_${lang}_COMPILER_ID STREQUAL "GNU")
      list(APPEND gnu_langs ${lang})
      string(REGEX MATCH "^[0-9]+" major "${CMAKE_${lang}_COMPILER_VERSION}")
      list(APPEND gnu_majors "${major}")
    else()
      list(APPEND others "${what}")
    endif()
  endforeach()
  list(JOIN all " and " all)
  list(REMOVE_DUPLICATES gnu_majors)
  list(LENGTH gnu_majors gnu_major_count)

  set(reason "")
  set(family clang)
  if(others OR (clang_langs AND gnu_langs))
    # One family for C and C++: a GCC link of clang-instrumented objects
    # lacks the profile runtime, GCC's LTO plugin cannot read clang's
    # bitcode, and one profile cannot serve two compilers. No half measures.
    set(reason "PGO needs clang or GCC, one of them for both C and C++, but ${all}")
  elseif(NOT clang_langs AND NOT gnu_langs)
    set(reason "PGO needs the C or C++ language enabled: call find_package(PGO) after project()")
  elseif(gnu_langs)
    set(family gcc)
    set(lang ${gnu_langs})
    list(GET lang 0 lang)
    if(gnu_major_count GREATER 1)
      set(reason "PGO needs one GCC version for C and C++ (their .gcda files must match), but ${all}")
    elseif(gnu_majors LESS 10)
      # -fprofile-prefix-path, which makes the .gcda names independent of
      # the build folder, came with GCC 10.
      set(reason "PGO with GCC needs GCC 10 or newer (-fprofile-prefix-path), but ${all}")
    else()
      _pgo_engine_prepare()
      get_property(engine_error GLOBAL PROPERTY _PGO_ENGINE_ERROR)
      if(engine_error)
        set(reason "${engine_error}")
      endif()
    endif()
  else()
    list(GET clang_langs 0 lang)
    # Our own earlier discovery is redone when the compiler changes; a
    # value the user set is only checked (once per value and compiler).
    set(override "")
    if(PGO_LLVM_PROFDATA_EXECUTABLE AND NOT PGO_LLVM_PROFDATA_EXECUTABLE STREQUAL _PGO_LLVM_PROFDATA_DISCOVERED)
      set(override "${PGO_LLVM_PROFDATA_EXECUTABLE}")
    endif()
    set(key "${CMAKE_${lang}_COMPILER};${CMAKE_${lang}_COMPILER_VERSION};${override};${PGO_LLVM_PROFDATA_EXECUTABLE}")
    _pgo_engine_prepare()
    get_property(engine_error GLOBAL PROPERTY _PGO_ENGINE_ERROR)
    if(engine_error)
      set(reason "${engine_error}")
    elseif(NOT key STREQUAL _PGO_FIND_KEY OR NOT EXISTS "${PGO_LLVM_PROFDATA_EXECUTABLE}")
      unset(_PGO_FIND_KEY CACHE)
      set(args --compiler "${CMAKE_${lang}_COMPILER}")
      if(override)
        list(APPEND args --profdata "${override}")
      endif()
      _pgo_engine_run(find find-profdata ${args})
      if(find_rc EQUAL 0)
        _pgo_engine_value(found "${find_out}" profdata)
        if(NOT override)
          set(PGO_LLVM_PROFDATA_EXECUTABLE "${found}" CACHE FILEPATH "llvm-profdata matching the compiler" FORCE)
          set(_PGO_LLVM_PROFDATA_DISCOVERED "${found}" CACHE INTERNAL "")
        endif()
        set(_PGO_FIND_KEY "${CMAKE_${lang}_COMPILER};${CMAKE_${lang}_COMPILER_VERSION};${override};${PGO_LLVM_PROFDATA_EXECUTABLE}" CACHE INTERNAL "")
      else()
        set(reason "${find_err}")
        if(override)
          set(reason "PGO_LLVM_PROFDATA_EXECUTABLE=${reason}")
        endif()
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
    set_property(GLOBAL PROPERTY _PGO_COMPILER "${family}-${major}")
  endif()
  set_property(GLOBAL PROPERTY _PGO_FAMILY "${family}")
  set_property(GLOBAL PROPERTY _PGO_REASON "${reason}")
  if(family STREQUAL "gcc")
    set_property(GLOBAL PROPERTY _PGO_LANGUAGES "${gnu_langs}")
  else()
    set_property(GLOBAL PROPERTY _PGO_LANGUAGES "${clang_langs}")
  endif()
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
  get_property(family GLOBAL PROPERTY _PGO_FAMILY)
  if(family STREQUAL "gcc")
    _pgo_apply_gcc("${target}")
    return()
  endif()
  set(clang "$<OR:$<COMPILE_LANG_AND_ID:C,Clang>,$<COMPILE_LANG_AND_ID:CXX,Clang>>")
  set(clang_link "$<OR:$<LINK_LANG_AND_ID:C,Clang>,$<LINK_LANG_AND_ID:CXX,Clang>>")
  if(PGO_PHASE STREQUAL "instrument")
    set(generate "-fprofile-generate=${_PGO_RAW_DIR}")
    target_compile_options("${target}" PRIVATE "$<${clang}:${generate}>")
    # The runtime that writes the profile is linked only when the flag is on
    # the link line; a static library passes it on to whatever links it.
    # The link line needs no folder (the objects hold it, and training runs
    # set LLVM_PROFILE_FILE); CMake 3.25 escapes a '$' in a link option
    # twice for Ninja, so a path there could run a shell command.
    _pgo_link_option("${target}" "$<${clang_link}:-fprofile-generate>")
    get_target_property(type "${target}" TYPE)
    if(NOT type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
      _pgo_link_window_helper("${target}" "${type}")
    endif()
    _pgo_continuous("${target}")
    _pgo_enable_lto("${target}")
    return()
  endif()

  # Ordinary (and baseline and optimized) builds are ready to be sampled in
  # production.
  _pgo_profile_for("${target}" profile)
  set(kind "")
  if(profile)
    string(MD5 key "${profile}")
    get_property(kind GLOBAL PROPERTY _PGO_COPY_KIND_${key})
  endif()
  _pgo_sample_ready("${target}" "${kind}")
  if(NOT profile)
    return()
  endif()
  if(kind STREQUAL "sample")
    # A sample profile of an ordinary binary, which has no discriminators
    # (-fdebug-info-for-profiling would change its code): without
    # -no-discriminators the sample loader adds its own and then finds no
    # samples on lines with several blocks, which on examples/interp left
    # 18 of its 19 indirect call sites unannotated. profi (which infers
    # counts the samples missed) exists from clang 15 on.
    target_compile_options("${target}" PRIVATE
      "$<${clang}:-fprofile-sample-use=${profile}>"
      "$<${clang}:SHELL:-mllvm -no-discriminators>")
    get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
    if(major GREATER_EQUAL 15)
      target_compile_options("${target}" PRIVATE "$<${clang}:-fsample-profile-use-profi>")
    endif()
  else()
    # Stale profiles are normal: silence the hash-mismatch warnings of IR PGO
    # (narrower than -Wno-backend-plugin) and those of front-end profiles.
    target_compile_options("${target}" PRIVATE
      "$<${clang}:-fprofile-use=${profile}>"
      "$<${clang}:SHELL:-mllvm -no-pgo-warn-mismatch>"
      "$<${clang}:-Wno-profile-instr-out-of-date>"
      "$<${clang}:-Wno-profile-instr-unprofiled>")
  endif()
  _pgo_provenance("${target}" "${profile}")
  _pgo_enable_lto("${target}")
  if(kind STREQUAL "sample")
    _pgo_sample_link("${target}" "${profile}")
  endif()
endfunction()

# With ThinLTO the sample profile goes on the link line too: the backends
# promote and inline the hot indirect calls (examples/interp, clang 14:
# 0.89x CPU time with it, 0.98x without). A '$' in the path is left out,
# as CMake 3.25 escapes it twice in Ninja's link options.
function(_pgo_sample_link target profile)
  get_target_property(lto "${target}" INTERPROCEDURAL_OPTIMIZATION)
  if(NOT lto)
    return()
  endif()
  if(profile MATCHES "[$]")
    message(STATUS "PGO: ${target}'s ThinLTO link goes without the sample profile: its path has a '$', which CMake cannot pass to a link safely")
    return()
  endif()
  set(clang_link "$<OR:$<LINK_LANG_AND_ID:C,Clang>,$<LINK_LANG_AND_ID:CXX,Clang>>")
  _pgo_link_option("${target}" "$<${clang_link}:-fprofile-sample-use=${profile}>")
endfunction()

# A link option of <target>'s own link; a static or object library has
# none, so it goes to the links of its consumers in this build (an
# installed copy has no build tree to name).
function(_pgo_link_option target option)
  get_target_property(type "${target}" TYPE)
  if(type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
    target_link_options("${target}" INTERFACE "$<BUILD_INTERFACE:${option}>")
  else()
    target_link_options("${target}" PRIVATE "${option}")
  endif()
endfunction()

# The same with GCC. The .gcda names are the objects' paths relative to
# the tree's binary folder (-fprofile-prefix-path), so that the instrumented
# tree's profile fits every tree of any checkout. GCC's per-function line
# checksum hashes the source path as CMake passes it (absolute), so in
# another checkout every function "mismatches" yet its counts apply; static
# functions are found by an id that hashes the path too, so there they
# have no profile (-fprofile-prefix-map and -ffile-prefix-map change
# neither, GCC 12). -Wno-coverage-mismatch keeps edited functions from
# failing the build (a mismatch is an error by default);
# -Wno-missing-profile covers new files and functions; -fprofile-correction
# turns "Missing counts for called function", a warning no -Wno- silences,
# into a note in the dump file (and evens out counters of threaded runs).
function(_pgo_apply_gcc target)
  set(gnu "$<OR:$<COMPILE_LANG_AND_ID:C,GNU>,$<COMPILE_LANG_AND_ID:CXX,GNU>>")
  set(gnu_link "$<OR:$<LINK_LANG_AND_ID:C,GNU>,$<LINK_LANG_AND_ID:CXX,GNU>>")
  if(PGO_PHASE STREQUAL "instrument")
    _pgo_config_dir(raw "${_PGO_RAW_DIR}")
    # prefer-atomic: training runs may be threaded; libgcov merges
    # concurrent processes into the same files.
    target_compile_options("${target}" PRIVATE
      "$<${gnu}:-fprofile-generate>"
      "$<${gnu}:-fprofile-update=prefer-atomic>"
      "$<${gnu}:-fprofile-dir=${raw}>"
      "$<${gnu}:-fprofile-prefix-path=${CMAKE_BINARY_DIR}>")
    # -fprofile-generate on the link line links libgcov.
    _pgo_link_option("${target}" "$<${gnu_link}:-fprofile-generate>")
    _pgo_enable_lto("${target}")
    _pgo_gcc_relative_sources("${target}")
    return()
  endif()
  _pgo_profile_for("${target}" profile)
  if(NOT profile)
    return()
  endif()
  target_compile_options("${target}" PRIVATE
    "$<${gnu}:-fprofile-use>"
    "$<${gnu}:-fprofile-correction>"
    "$<${gnu}:-fprofile-dir=${profile}>"
    "$<${gnu}:-fprofile-prefix-path=${CMAKE_BINARY_DIR}>"
    "$<${gnu}:-Wno-coverage-mismatch>"
    "$<${gnu}:-Wno-error=coverage-mismatch>"
    "$<${gnu}:-Wno-missing-profile>"
    "$<${gnu}:-Wno-error=missing-profile>")
  _pgo_enable_lto("${target}")
  _pgo_gcc_relative_sources("${target}")
endfunction()

# GCC finds a static function's profile by a hash of its source path as the
# compile line writes it, and CMake writes absolute paths: in another
# checkout static functions had no profile. Every tree gets a link
# <tree>/pgo/source to the source folder, and the target's GCC compiles run
# through "pgo cc", which names the project's sources through it, relative
# to the compile's folder (the same in every tree and checkout; __FILE__
# and the debug info's file names are then relative too). A launcher the
# target already has (ccache) runs after it.
function(_pgo_gcc_relative_sources target)
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  if(NOT engine)
    return()
  endif()
  get_property(tried GLOBAL PROPERTY _PGO_SOURCE_LINK SET)
  get_property(linked GLOBAL PROPERTY _PGO_SOURCE_LINK)
  if(NOT tried)
    set(link "${CMAKE_BINARY_DIR}/pgo/source")
    file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/pgo")
    if(IS_SYMLINK "${link}")
      file(REMOVE "${link}")
    endif()
    if(NOT EXISTS "${link}")
      file(CREATE_LINK "${CMAKE_SOURCE_DIR}" "${link}" RESULT made SYMBOLIC)
    endif()
    if(IS_SYMLINK "${link}")
      set(linked ON)
    else()
      set(linked OFF)
      message(STATUS "PGO: cannot make the link ${link} to the source folder; with GCC, static functions then keep their profile in this checkout only")
    endif()
    set_property(GLOBAL PROPERTY _PGO_SOURCE_LINK "${linked}")
  endif()
  if(NOT linked)
    return()
  endif()
  foreach(lang IN ITEMS C CXX)
    get_target_property(launcher "${target}" ${lang}_COMPILER_LAUNCHER)
    if(NOT launcher)
      set(launcher "")
    endif()
    if(NOT launcher MATCHES "(^|;)cc;--tree;")
      set_property(TARGET "${target}" PROPERTY ${lang}_COMPILER_LAUNCHER
        "${engine}" cc --tree "${CMAKE_BINARY_DIR}" --source-root "${CMAKE_SOURCE_DIR}" -- ${launcher})
    endif()
  endforeach()
endfunction()

# Instrumented executables and shared libraries get the window helper
# (cmake/runtime/pgo_window.c), so that pgo collect --pid can pull window
# profiles from them and SIGTERM does not lose their profile. It is built
# once per tree, without instrumentation, as C (or as C++ in a project
# without C).
function(_pgo_link_window_helper target type)
  if(NOT PGO_WINDOW)
    return()
  endif()
  if(NOT TARGET _pgo_window)
    get_property(source GLOBAL PROPERTY _PGO_WINDOW_SOURCE)
    get_property(languages GLOBAL PROPERTY _PGO_LANGUAGES)
    add_library(_pgo_window OBJECT "${source}")
    if(NOT "C" IN_LIST languages)
      set_source_files_properties("${source}" TARGET_DIRECTORY _pgo_window PROPERTIES LANGUAGE CXX)
    endif()
    set_target_properties(_pgo_window PROPERTIES POSITION_INDEPENDENT_CODE ON
      C_STANDARD 11 C_EXTENSIONS ON INTERPROCEDURAL_OPTIMIZATION OFF)
  endif()
  target_sources("${target}" PRIVATE "$<TARGET_OBJECTS:_pgo_window>")
  target_link_options("${target}" PRIVATE -pthread)
  if(type STREQUAL "EXECUTABLE")
    # Shared libraries' helpers register with the executable's.
    target_link_options("${target}" PRIVATE "-Wl,--export-dynamic-symbol=__pgo_window_register")
  endif()
endfunction()

# PGO_CONTINUOUS: counters mapped to the profile file, so that they survive
# SIGKILL. clang 21 has -fprofile-continuous; 15 to 20 need counter
# relocation; clang 14's relocation crashes its optimizer (LICM).
function(_pgo_continuous target)
  if(NOT PGO_CONTINUOUS)
    return()
  endif()
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  set(clang "$<OR:$<COMPILE_LANG_AND_ID:C,Clang>,$<COMPILE_LANG_AND_ID:CXX,Clang>>")
  if(major GREATER_EQUAL 21)
    target_compile_options("${target}" PRIVATE "$<${clang}:-fprofile-continuous>")
  elseif(major GREATER_EQUAL 15)
    target_compile_options("${target}" PRIVATE "$<${clang}:SHELL:-mllvm -runtime-counter-relocation>")
  endif()
endfunction()

# Said by the ordinary tree's configure, which the user sees (the phase
# trees' logs are shown only when they fail).
function(_pgo_continuous_note)
  get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
  get_property(supported GLOBAL PROPERTY _PGO_SUPPORTED)
  if(PGO_CONTINUOUS AND supported AND major LESS 15 AND NOT PGO_PHASE)
    message(STATUS "PGO: PGO_CONTINUOUS=ON needs clang 15 or newer (clang ${major}'s counter relocation crashes its optimizer); instrumenting without continuous mode")
  endif()
endfunction()

# What a sample profile needs to match a binary later: debug info and
# unique names for static functions. Neither changes the generated code
# (examples/interp, clang 14: identical instructions in all 8 objects, which
# grow about 3 times). Line tables alone (-gline-tables-only) are not
# enough: llvm-profgen 14 and 19 then put every sample of lib.c's functions
# on main. -fdebug-info-for-profiling would do with line tables, but it
# changes the code (parser.c: 3.4 times the .text). Configurations whose
# flags already ask for -g keep theirs.
# <kind> is that of the profile the target uses: with an instrumentation
# profile the static functions keep their names, which the profile (trained
# without unique names) refers to.
function(_pgo_sample_ready target kind)
  if(NOT PGO_SAMPLE_READY)
    return()
  endif()
  set(clang "$<OR:$<COMPILE_LANG_AND_ID:C,Clang>,$<COMPILE_LANG_AND_ID:CXX,Clang>>")
  if(NOT kind MATCHES "^(ir|fe)$")
    # The unique suffix hashes the source path after the macro prefix map:
    # paths relative to the source and build folders keep a sample profile's
    # static functions matching in a checkout or build folder elsewhere (and
    # in the phase trees). __FILE__ reads relative to them too.
    target_compile_options("${target}" PRIVATE
      "$<${clang}:-funique-internal-linkage-names>"
      "$<${clang}:-fmacro-prefix-map=${CMAKE_SOURCE_DIR}/=>"
      "$<${clang}:-fmacro-prefix-map=${CMAKE_BINARY_DIR}/=>")
  endif()
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(configs ${CMAKE_CONFIGURATION_TYPES})
  else()
    set(configs "${CMAKE_BUILD_TYPE}")
  endif()
  get_property(languages GLOBAL PROPERTY _PGO_LANGUAGES)
  set(without_g "")
  foreach(config IN LISTS configs)
    string(TOUPPER "${config}" upper)
    set(has_g FALSE)
    foreach(lang IN LISTS languages)
      if(" ${CMAKE_${lang}_FLAGS} ${CMAKE_${lang}_FLAGS_${upper}} " MATCHES " -g")
        set(has_g TRUE)
      endif()
    endforeach()
    if(NOT has_g)
      list(APPEND without_g "${config}")
    endif()
  endforeach()
  if(without_g)
    list(JOIN without_g "," without_g)
    target_compile_options("${target}" PRIVATE "$<$<AND:${clang},$<CONFIG:${without_g}>>:-g>")
  endif()
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
      # Re-configure when a profile appears (pgo_update, git pull).
      get_target_property(dir "${target}" SOURCE_DIR)
      set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dir}" "${CMAKE_SOURCE_DIR}")
      _pgo_auto_candidates("${target}" candidates)
      set(own "")
      foreach(candidate IN LISTS candidates)
        if(candidate MATCHES "/pgo/[^/]*$")
          get_filename_component(folder "${candidate}" DIRECTORY)
          set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${folder}")
          file(RELATIVE_PATH candidate "${CMAKE_SOURCE_DIR}" "${candidate}")
          list(APPEND own "${candidate}")
        endif()
      endforeach()
      if(own)
        list(JOIN own " or " own)
        _pgo_note_plain("${target}" "no ${own}, the profile of this compiler")
      else()
        _pgo_note_plain("${target}" "no default.profdata")
      endif()
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
# PGO=<file> names a file that must exist, whatever the compiler: a typo
# never turns into a silent plain build.
function(_pgo_explicit_must_exist)
  _pgo_mode(mode)
  if(NOT mode STREQUAL "explicit")
    return()
  endif()
  _pgo_explicit_profile(file)
  if(NOT EXISTS "${file}" AND NOT IS_SYMLINK "${file}")
    set(named "PGO=${PGO}")
    if(NOT file STREQUAL PGO)
      string(APPEND named " (${file})")
    endif()
    message(FATAL_ERROR " PGO: ${named} does not exist. Fix: point PGO at an existing profile, or set PGO=auto or PGO=off")
  endif()
endfunction()

function(_pgo_mode out)
  string(TOLOWER "${PGO}" mode)
  string(STRIP "${mode}" mode)
  if(mode MATCHES "^(off|no|false|0)$")
    set(${out} off PARENT_SCOPE)
  elseif(mode MATCHES "^(on|yes|true|1)$")
    message(FATAL_ERROR " PGO: PGO=${PGO} is not a setting; use PGO=auto, PGO=off, or the path of a .profdata file")
  elseif(mode MATCHES "^(auto|)$")
    # Empty is the default, as when PGO is not set at all.
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

# The profile PGO=auto picks for a target: beside it, else at the top; ""
# when there is none. In a folder with a pgo/ subfolder each compiler has
# a profile of its own, pgo/<compiler>.profdata (PGO_COMPILER: clang-14,
# gcc-12), and default.profdata there is not read; elsewhere it is
# default.profdata.
function(_pgo_auto_profile target out)
  _pgo_auto_candidates("${target}" candidates)
  foreach(candidate IN LISTS candidates)
    # A dangling symlink is found too, so that it gets its warning.
    if(EXISTS "${candidate}" OR IS_SYMLINK "${candidate}")
      set(${out} "${candidate}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

# The files PGO=auto looks for, in order.
function(_pgo_auto_candidates target out)
  get_target_property(dir "${target}" SOURCE_DIR)
  get_property(compiler GLOBAL PROPERTY _PGO_COMPILER)
  set(candidates "")
  foreach(folder IN ITEMS "${dir}" "${CMAKE_SOURCE_DIR}")
    if(IS_DIRECTORY "${folder}/pgo")
      list(APPEND candidates "${folder}/pgo/${compiler}.profdata")
    else()
      list(APPEND candidates "${folder}/default.profdata")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES candidates)
  set(${out} "${candidates}" PARENT_SCOPE)
endfunction()

# The arguments of "pgo check" for <file> in this tree.
function(_pgo_check_args out file)
  get_property(family GLOBAL PROPERTY _PGO_FAMILY)
  if(family STREQUAL "gcc")
    get_property(major GLOBAL PROPERTY _PGO_COMPILER_MAJOR)
    set(${out} check --kind gcc --gcc-major "${major}" --cache "${CMAKE_BINARY_DIR}/pgo/use" "${file}" PARENT_SCOPE)
    return()
  endif()
  set(${out} check --profdata "${PGO_LLVM_PROFDATA_EXECUTABLE}" --cache "${CMAKE_BINARY_DIR}/pgo/use"
    --source-root "${CMAKE_SOURCE_DIR}" --build-root "${CMAKE_BINARY_DIR}" "${file}" PARENT_SCOPE)
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
  # The roots give static functions this tree's paths (see cmake/engine).
  _pgo_check_args(args "${file}")
  _pgo_engine_run(check ${args})
  set(copy "")
  if(check_rc EQUAL 1)
    _pgo_engine_value(reason "${check_out}" reason)
    if(explicit)
      set(named "PGO=${PGO}")
      if(NOT file STREQUAL PGO)
        string(APPEND named " (${file})")
      endif()
      get_property(family GLOBAL PROPERTY _PGO_FAMILY)
      set(written_by "a .profdata file written by llvm-profdata ${major}")
      if(family STREQUAL "gcc")
        set(written_by "a GCC ${major} profile (written by pgo_train and pgo_update with GCC ${major})")
      endif()
      message(FATAL_ERROR " PGO: ${named} ${reason}. Fix: point PGO at ${written_by}, or set PGO=auto or PGO=off")
    endif()
    message(WARNING " PGO: ignoring ${file}, which ${reason}. Building without PGO; fix: re-train (--target pgo_train, then pgo_update) or delete the file")
  elseif(NOT check_rc EQUAL 0)
    # Not the profile's fault: a full disk, an unwritable build tree.
    message(FATAL_ERROR " PGO: cannot check ${file}: ${check_err}")
  else()
    _pgo_engine_value(copy "${check_out}" path)
    _pgo_engine_value(functions "${check_out}" functions)
    _pgo_engine_value(version "${check_out}" version)
    _pgo_engine_value(tool_version "${check_out}" tool_version)
    _pgo_engine_value(kind "${check_out}" kind)
    if(kind STREQUAL "gcc")
      set(functions "${functions} object files")
    else()
      set(functions "${functions} functions")
    endif()
    set_property(GLOBAL PROPERTY _PGO_FUNCTIONS_${key} "${functions}")
    set_property(GLOBAL APPEND PROPERTY _PGO_PROFILES "${file}")
    if(version LESS tool_version)
      message(WARNING " PGO: ${file} was written by an older LLVM (profile format ${version}; llvm-profdata ${major} writes ${tool_version}), so many functions will not match. Fix: re-train with this compiler (--target pgo_train, then pgo_update)")
    endif()
    set_property(GLOBAL APPEND PROPERTY _PGO_COPIES "${copy}")
    set_property(GLOBAL APPEND PROPERTY _PGO_COPY_SOURCES "${file}")
    _pgo_engine_value(kind "${check_out}" kind)
    _pgo_engine_value(hash "${check_out}" hash)
    string(MD5 copy_key "${copy}")
    set_property(GLOBAL PROPERTY _PGO_COPY_KIND_${copy_key} "${kind}")
    set_property(GLOBAL PROPERTY _PGO_COPY_HASH_${copy_key} "${hash}")
  endif()
  set_property(GLOBAL PROPERTY _PGO_CHECKED_${key} "${copy}")
  set(${out} "${copy}" PARENT_SCOPE)
endfunction()

# ThinLTO through CMake's IPO support, checked once per compiler. A static
# or object library is compiled to bitcode too (most projects keep their hot
# code there, and the profile can only inline and devirtualize across files
# in bitcode); every target that links it then links with -flto=thin, a
# usage requirement, so that consumers that are not opted in, or belong to
# another project, link it correctly.
function(_pgo_enable_lto target)
  get_target_property(type "${target}" TYPE)
  if(NOT PGO_LTO)
    return()
  endif()
  _pgo_lto_check()
  if(_PGO_LTO_OK)
    set_property(TARGET "${target}" PROPERTY INTERPROCEDURAL_OPTIMIZATION TRUE)
    get_property(family GLOBAL PROPERTY _PGO_FAMILY)
    if(family STREQUAL "gcc")
      # GCC's LTO (-flto=auto: as many jobs as the make jobserver or the
      # CPUs allow); a static library's users link its LTO objects.
      if(type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
        set(gnu_link "$<OR:$<LINK_LANG_AND_ID:C,GNU>,$<LINK_LANG_AND_ID:CXX,GNU>>")
        target_link_options("${target}" INTERFACE "$<${gnu_link}:-flto=auto>")
      endif()
      return()
    endif()
    # Linker, jobs and cache at the end of the configure step, when the
    # target's own link options are known.
    set_property(GLOBAL APPEND PROPERTY _PGO_LTO_TARGETS "${target}")
    if(type MATCHES "^(STATIC|OBJECT)_LIBRARY$")
      set(clang_link "$<OR:$<LINK_LANG_AND_ID:C,Clang>,$<LINK_LANG_AND_ID:CXX,Clang>>")
      target_link_options("${target}" INTERFACE "$<${clang_link}:-flto=thin>")
    endif()
    return()
  endif()
  get_property(said GLOBAL PROPERTY _PGO_LTO_SAID)
  if(NOT said)
    get_property(family GLOBAL PROPERTY _PGO_FAMILY)
    set(lto ThinLTO)
    if(family STREQUAL "gcc")
      set(lto LTO)
    endif()
    message(STATUS "PGO: ${lto} is not available (${_PGO_LTO_WHY}); building without LTO, so PGO cannot inline across files (set PGO_LTO=OFF to skip this check)")
    set_property(GLOBAL PROPERTY _PGO_LTO_SAID TRUE)
  endif()
endfunction()

# Can this toolchain link with ThinLTO? Sets _PGO_LTO_OK and _PGO_LTO_WHY
# (the reason when it cannot). With an argument, the same for a link with
# those extra options: _PGO_LTO_OK_WITH and _PGO_LTO_WHY_WITH.
macro(_pgo_lto_check)
  get_property(_pgo_languages GLOBAL PROPERTY _PGO_LANGUAGES)
  if(_pgo_languages)
    if("${ARGN}" STREQUAL "")
      _pgo_lto_try("" _PGO_LTO_OK _PGO_LTO_WHY)
    else()
      _pgo_lto_try("${ARGN}" _PGO_LTO_OK_WITH _PGO_LTO_WHY_WITH)
    endif()
  endif()
  unset(_pgo_languages)
endmacro()

# One test link of two files with ThinLTO and <extra> link options, cached
# by toolchain and options (_PGO_LTO_TRY_<hash>: ok;why). Like
# check_ipo_supported(), but linking with the project's own flags
# (CMAKE_EXE_LINKER_FLAGS may choose the linker), which that check ignores;
# a project of its own, with relative source names, so that any build path
# works (try_compile(SOURCES) breaks on a '"' in it).
function(_pgo_lto_try extra ok_var why_var)
  get_property(languages GLOBAL PROPERTY _PGO_LANGUAGES)
  set(key "${languages}")
  foreach(lang IN LISTS languages)
    string(APPEND key ";${CMAKE_${lang}_COMPILER};${CMAKE_${lang}_COMPILER_VERSION}")
  endforeach()
  string(APPEND key ";${CMAKE_LINKER};${CMAKE_EXE_LINKER_FLAGS};${extra}")
  string(MD5 id "${key}")
  if(DEFINED _PGO_LTO_TRY_${id})
    list(GET _PGO_LTO_TRY_${id} 0 ok)
    list(SUBLIST _PGO_LTO_TRY_${id} 1 -1 why)
    set(${ok_var} "${ok}" PARENT_SCOPE)
    set(${why_var} "${why}" PARENT_SCOPE)
    return()
  endif()
  list(GET languages 0 lang)
  set(ext c)
  if(lang STREQUAL "CXX")
    set(ext cpp)
  endif()
  set(dir "${CMAKE_BINARY_DIR}/CMakeFiles/pgo-lto-check")
  file(REMOVE_RECURSE "${dir}/build")
  _pgo_bracket_args(compile_options CMAKE_${lang}_COMPILE_OPTIONS_IPO)
  set(link_list ${CMAKE_${lang}_COMPILE_OPTIONS_IPO} ${CMAKE_${lang}_LINK_OPTIONS_IPO} ${extra})
  _pgo_bracket_args(link_options link_list)
  file(WRITE "${dir}/src/main.${ext}" "int callee(int);\nint main(void) { return callee(0); }\n")
  file(WRITE "${dir}/src/callee.${ext}" "int callee(int x) { return x; }\n")
  file(WRITE "${dir}/src/CMakeLists.txt" "cmake_minimum_required(VERSION 3.21)
project(pgo_lto_check ${lang})
add_executable(pgo_lto_check main.${ext} callee.${ext})
target_compile_options(pgo_lto_check PRIVATE${compile_options})
target_link_options(pgo_lto_check PRIVATE${link_options})
")
  set(flags "")
  foreach(name IN ITEMS CMAKE_${lang}_COMPILER CMAKE_TOOLCHAIN_FILE CMAKE_LINKER CMAKE_EXE_LINKER_FLAGS
      CMAKE_${lang}_FLAGS CMAKE_SYSROOT)
    if(DEFINED ${name})
      list(APPEND flags "-D${name}=${${name}}")
    endif()
  endforeach()
  try_compile(ok "${dir}/build" "${dir}/src" pgo_lto_check CMAKE_FLAGS ${flags} OUTPUT_VARIABLE output)
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
  if(ok)
    set(ok TRUE)
  else()
    set(ok FALSE)
  endif()
  string(REPLACE ";" "," why "${why}")
  set(_PGO_LTO_TRY_${id} "${ok};${why}" CACHE INTERNAL "")
  set(${ok_var} "${ok}" PARENT_SCOPE)
  set(${why_var} "${why}" PARENT_SCOPE)
endfunction()

# dir, or dir/<config> with a multi-config generator.
function(_pgo_config_dir out dir)
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(dir "${dir}/$<CONFIG>")
  endif()
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()
