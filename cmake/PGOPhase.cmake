# SPDX-License-Identifier: MIT
#
# Script mode (cmake -P) driver behind the pgo_* targets of FindPGO.cmake.
#
#   PGO_ACTION=build    configure and build the phase tree PGO_PHASE_NAME
#                       (instrument, sample, optimize, baseline, or
#                       profile-<label> with the profile PGO_ARM_PROFILE)
#                       under PGO_ROOT
#   PGO_ACTION=train    run the training runs of the instrumented tree (one
#                       at a time, under a lock); with PGO_TRAIN_ALWAYS=OFF
#                       only when the instrumented binaries are newer than
#                       the trained profile
#   PGO_ACTION=compare  run "pgo compare" on the benchmarks of the trees
#                       PGO_COMPARE_TREES (arms PGO_COMPARE_LABELS)
#   PGO_ACTION=check-config  pgo_update in a multi-config tree: name the
#                       configuration, refuse Debug
#   PGO_ACTION=clean    pgo_clean
#   PGO_ACTION=engine   build the engine PGO_ENGINE_PATH with PGO_HOST_CC
#                       unless it is up to date
#   PGO_ACTION=recheck  make a checked profile copy again (PGO_ARGS)

cmake_minimum_required(VERSION 3.21)

function(_pgo_fail text)
  message(FATAL_ERROR " PGO: ${text}")
endfunction()

# A line on stdout (message() writes to stderr in script mode).
function(_pgo_say text)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E echo "PGO: ${text}")
endfunction()

# The phase tree's files are per configuration with multi-config generators.
if(PGO_MULTI_CONFIG)
  set(_pgo_suffix "-${PGO_CONFIG}")
  set(_pgo_config_args -C "${PGO_CONFIG}")
  set(_pgo_build_config --config "${PGO_CONFIG}")
else()
  set(_pgo_suffix "")
  set(_pgo_config_args "")
  set(_pgo_build_config "")
endif()

# Builds run by the outer build must not join its jobserver: a make that
# is not a direct child of make warns and falls back to -j1.
unset(ENV{MAKEFLAGS})
unset(ENV{MFLAGS})
unset(ENV{MAKELEVEL})

# One lock for everything that writes the phase trees or the trained
# profile: two pgo_* builds at once (two terminals, two CI steps, or
# --parallel) take turns. Released when this script exits, however it exits.
function(_pgo_lock)
  file(MAKE_DIRECTORY "${PGO_ROOT}")
  file(LOCK "${PGO_ROOT}/phase.lock" GUARD PROCESS RESULT_VARIABLE locked TIMEOUT 86400)
  if(locked)
    _pgo_fail("cannot lock ${PGO_ROOT}/phase.lock: ${locked}")
  endif()
endfunction()

# A profile of PGO_COMPARE_PROFILES is checked before its tree is
# configured, as the tree's configure would check it (the same roots and
# cache), so that a bad one is one line naming the knob.
function(_pgo_check_arm_profile dir)
  set(file "${PGO_ARM_PROFILE}")
  set(why "")
  if(NOT EXISTS "${file}")
    set(why "does not exist; fix the path (a relative one is taken from the top-level source directory)")
  else()
    execute_process(COMMAND "${PGO_ENGINE_PATH}" check --profdata "${PGO_LLVM_PROFDATA}" --cache "${dir}/pgo/use"
        --source-root "${PGO_SOURCE_DIR}" --build-root "${dir}" "${file}"
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      set(why "cannot be used")
      if(out MATCHES "(^|\n)reason=([^\n]*)")
        set(why "${CMAKE_MATCH_2}")
      elseif(err MATCHES "^pgo: ([^\n]*)")
        set(why "cannot be checked: ${CMAKE_MATCH_1}")
      endif()
    endif()
  endif()
  if(why)
    _pgo_fail("PGO_COMPARE_PROFILES: ${file} ${why}; fix it, or take it out of PGO_COMPARE_PROFILES")
  endif()
endfunction()

# A new phase tree starts with the ordinary tree's compiler and system
# information (CMakeFiles/<version>/; the manifest has the cache entries
# that come with it), as a re-run of cmake in an existing tree does: the
# same compilers with the same cache, so CMake's compiler identification
# and ABI test links (0.3 s of the 0.4 s a phase tree's first configure
# took on examples/interp) would find the same again. <out_var>: the cache
# argument that makes the configure trust the copied files (none when
# nothing was copied).
function(_pgo_seed_platform dir out_var)
  set(${out_var} "" PARENT_SCOPE)
  get_filename_component(outer "${PGO_MANIFEST}" DIRECTORY)
  set(from "${outer}/${CMAKE_VERSION}")
  set(to "${dir}/CMakeFiles/${CMAKE_VERSION}")
  if(EXISTS "${dir}/CMakeCache.txt" OR EXISTS "${to}" OR NOT EXISTS "${from}/CMakeSystem.cmake")
    return()
  endif()
  file(GLOB files LIST_DIRECTORIES false "${from}/CMake*.cmake" "${from}/CMakeDetermineCompilerABI_*.bin")
  file(COPY ${files} DESTINATION "${to}")
  set(${out_var} -DCMAKE_PLATFORM_INFO_INITIALIZED:INTERNAL=1 PARENT_SCOPE)
endfunction()

function(_pgo_build phase)
  _pgo_lock()
  set(dir "${PGO_ROOT}/${phase}")
  if(phase MATCHES "^(instrument|sample)$")
    set(args -DPGO_PHASE=${phase} -DPGO=off "-D_PGO_RAW_DIR=${PGO_ROOT}/raw" "-D_PGO_PROFILE_DIR=${PGO_ROOT}")
  elseif(phase STREQUAL "optimize")
    if(NOT EXISTS "${PGO_PROFILE}")
      _pgo_fail("no trained profile at ${PGO_PROFILE}; build the target pgo_train first")
    endif()
    set(args -DPGO_PHASE=optimize "-DPGO=${PGO_PROFILE}")
  elseif(phase MATCHES "^profile-")
    # An arm of pgo_compare: built like the optimized tree, with this
    # profile, which its configure checks like any PGO=<file>.
    _pgo_check_arm_profile("${dir}")
    set(args -DPGO_PHASE=optimize "-DPGO=${PGO_ARM_PROFILE}")
  else()
    set(args -DPGO_PHASE=baseline -DPGO=off)
  endif()
  set(generator -G "${PGO_GENERATOR}")
  if(PGO_GENERATOR_PLATFORM)
    list(APPEND generator -A "${PGO_GENERATOR_PLATFORM}")
  endif()
  if(PGO_GENERATOR_TOOLSET)
    list(APPEND generator -T "${PGO_GENERATOR_TOOLSET}")
  endif()
  # Configure only when the outer cache or the phase's settings changed since
  # the last successful configure; the build re-runs it for edited sources.
  file(READ "${PGO_MANIFEST}" cache)
  string(SHA256 stamp "${generator};${args};${cache}")
  set(stamp_file "${dir}/pgo-configured.txt")
  set(old_stamp "")
  if(EXISTS "${stamp_file}" AND EXISTS "${dir}/CMakeCache.txt")
    file(READ "${stamp_file}" old_stamp)
  endif()
  if(NOT stamp STREQUAL old_stamp)
    file(REMOVE "${stamp_file}")
    _pgo_seed_platform("${dir}" seeded)
    # The configure log of a phase tree repeats the ordinary one: show it
    # only when it fails.
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -S "${PGO_SOURCE_DIR}" -B "${dir}" ${generator}
        -C "${PGO_MANIFEST}" ${args} ${seeded}
      RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
    if(NOT rc EQUAL 0)
      message("${log}")
      _pgo_fail("configuring the ${phase} tree ${dir} failed (see above); fix the error, then build the target again")
    endif()
    file(WRITE "${stamp_file}" "${stamp}")
  endif()
  execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${dir}" ${_pgo_build_config} --target _pgo_phase_targets --parallel ${PGO_JOBS}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    _pgo_fail("building the ${phase} tree ${dir} failed (see above)")
  endif()
  if(phase STREQUAL "optimize")
    file(STRINGS "${dir}/pgo-outputs${_pgo_suffix}.txt" outputs)
    foreach(output IN LISTS outputs)
      _pgo_say("optimized ${output}")
    endforeach()
  endif()
endfunction()

function(_pgo_train)
  set(dir "${PGO_ROOT}/${PGO_TRAIN_TREE}")
  _pgo_lock()
  if(NOT PGO_TRAIN_ALWAYS AND EXISTS "${PGO_PROFILE}")
    file(STRINGS "${dir}/pgo-outputs${_pgo_suffix}.txt" inputs)
    list(APPEND inputs "${dir}/CTestTestfile.cmake")
    set(stale "")
    foreach(input IN LISTS inputs)
      if("${input}" IS_NEWER_THAN "${PGO_PROFILE}")
        set(stale "${input}")
        break()
      endif()
    endforeach()
    if(NOT stale)
      _pgo_say("${PGO_PROFILE} is newer than the instrumented binaries; not re-training (build pgo_train to force it)")
      return()
    endif()
  endif()
  execute_process(
    COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${dir}" ${_pgo_config_args} -L "^pgo-train$"
      --output-on-failure --no-tests=error -j ${PGO_TRAIN_JOBS}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    _pgo_fail("training failed (see the failing runs above); the previous profile, if any, is unchanged")
  endif()
  _pgo_say("trained ${PGO_PROFILE}")
endfunction()

# The spec of "pgo compare" (cmd_compare.c): per benchmark its cwd and
# metrics (those of the optimized tree), then an arm per tree, joined from
# the trees' pgo-compare/ files with string operations only.
function(_pgo_write_spec spec labels trees)
  set(names_file "${PGO_ROOT}/optimize/pgo-benchmarks${_pgo_suffix}.txt")
  if(NOT EXISTS "${names_file}")
    _pgo_fail("${names_file} is missing; build the target pgo_compare again")
  endif()
  file(STRINGS "${names_file}" names)
  set(text "")
  foreach(name IN LISTS names)
    string(APPEND text "benchmark ${name}\n")
    set(head "")
    set(arms "")
    foreach(label tree IN ZIP_LISTS labels trees)
      set(file "${PGO_ROOT}/${tree}/pgo-compare${_pgo_suffix}/${name}.arm")
      if(NOT EXISTS "${file}")
        _pgo_fail("${file} is missing; build the target pgo_compare again")
      endif()
      file(READ "${file}" arm)
      string(REGEX MATCH "^cwd [^\n]*\n" cwd "${arm}")
      string(REGEX REPLACE "^cwd [^\n]*\n" "" arm "${arm}")
      if(tree STREQUAL "optimize")
        set(metrics "")
        if(EXISTS "${PGO_ROOT}/optimize/pgo-compare/${name}.metrics")
          file(READ "${PGO_ROOT}/optimize/pgo-compare/${name}.metrics" metrics)
        endif()
        set(head "${cwd}${metrics}")
      endif()
      string(APPEND arms "arm ${label}\n${arm}")
    endforeach()
    string(APPEND text "${head}${arms}")
  endforeach()
  file(WRITE "${spec}" "${text}")
endfunction()

function(_pgo_compare)
  string(REPLACE "," ";" labels "${PGO_COMPARE_LABELS}")
  string(REPLACE "," ";" trees "${PGO_COMPARE_TREES}")
  set(out "${PGO_ROOT}/compare")
  if(PGO_MULTI_CONFIG)
    set(out "${PGO_ROOT}/compare/${PGO_CONFIG}")
  endif()
  set(spec "${out}/compare.spec")
  _pgo_write_spec("${spec}" "${labels}" "${trees}")
  set(options --out "${out}" --rounds "${PGO_COMPARE_ROUNDS}" --warmup "${PGO_COMPARE_WARMUP}"
    --csv "${out}/compare.csv" --json "${out}/compare.json" --gate "${PGO_COMPARE_GATE}"
    # Progress would only show at the end: "pgo step" passes stderr on then.
    --quiet)
  if(NOT PGO_COMPARE_FAIL_ABOVE STREQUAL "")
    list(APPEND options --fail-above "${PGO_COMPARE_FAIL_ABOVE}")
  endif()
  execute_process(COMMAND "${PGO_ENGINE_PATH}" compare ${options} "${spec}" RESULT_VARIABLE rc)
  if(rc EQUAL 0 OR rc EQUAL 3)
    _pgo_say("each run's output is kept in ${out}/<benchmark>/, the figures in ${out}/compare.csv and .json")
  endif()
  if(rc EQUAL 3)
    _pgo_fail("pgo_compare: PGO_COMPARE_FAIL_ABOVE=${PGO_COMPARE_FAIL_ABOVE} was exceeded (PGO_COMPARE_GATE=${PGO_COMPARE_GATE}; see above)")
  elseif(NOT rc EQUAL 0)
    _pgo_fail("pgo_compare failed (see above)")
  endif()
endfunction()

# pgo_update in a multi-config tree: the configuration it trains, and no
# Debug profile (unoptimized code, whose profile matches no release build).
function(_pgo_check_config)
  if(PGO_CONFIG STREQUAL "Debug")
    _pgo_fail("pgo_update would train the Debug configuration and write ${PGO_DESTINATIONS}, but a profile of unoptimized code matches no optimized build; build it with --config Release (or the configuration you ship)")
  endif()
  _pgo_say("pgo_update trains the ${PGO_CONFIG} configuration and writes ${PGO_DESTINATIONS} (another configuration: --config <name>)")
endfunction()

# pgo_clean: what the package made in the build tree (raw and trained
# profiles, checked copies, phase trees) and what an interrupted step left
# (temporary files), never a profile in the source tree. The next build
# makes a checked copy again.
function(_pgo_clean)
  _pgo_lock()
  file(GLOB trained "${PGO_ROOT}/train.profdata" "${PGO_ROOT}/*/train.profdata")
  file(GLOB profile_trees LIST_DIRECTORIES true "${PGO_ROOT}/profile-*")
  file(REMOVE_RECURSE "${PGO_ROOT}/raw" "${PGO_ROOT}/scratch" "${PGO_ROOT}/instrument" "${PGO_ROOT}/sample" "${PGO_ROOT}/optimize" "${PGO_ROOT}/baseline"
    ${profile_trees} "${PGO_ROOT}/use" "${PGO_ROOT}/status" ${trained})
  file(GLOB_RECURSE temps "${PGO_ROOT}/.pgo-tmp.*" "${PGO_ROOT}/*/.pgo-tmp.*" "${PGO_ROOT}/bin/*.tmp-*")
  if(temps)
    file(REMOVE ${temps})
  endif()
endfunction()

# The engine exists and is up to date (build/pgo may have been deleted).
function(_pgo_engine)
  include("${CMAKE_CURRENT_LIST_DIR}/PGOEngine.cmake")
  _pgo_engine_ensure("${PGO_HOST_CC}" "${PGO_ENGINE_PATH}" error)
  if(error)
    _pgo_fail("${error}")
  endif()
endfunction()

# A checked copy that a compile line names is gone: make it again, and the
# engine too if it went with it.
function(_pgo_recheck)
  _pgo_engine()
  execute_process(COMMAND "${PGO_ENGINE_PATH}" ${PGO_ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${PGO_EXPECTED}")
    _pgo_fail("the profile changed since the last configure; run cmake again (or build again: it re-runs it)")
  endif()
endfunction()

if(PGO_ACTION STREQUAL "build")
  _pgo_build("${PGO_PHASE_NAME}")
elseif(PGO_ACTION STREQUAL "train")
  _pgo_train()
elseif(PGO_ACTION STREQUAL "compare")
  _pgo_compare()
elseif(PGO_ACTION STREQUAL "check-config")
  _pgo_check_config()
elseif(PGO_ACTION STREQUAL "clean")
  _pgo_clean()
elseif(PGO_ACTION STREQUAL "engine")
  _pgo_engine()
elseif(PGO_ACTION STREQUAL "recheck")
  _pgo_recheck()
else()
  _pgo_fail("PGOPhase.cmake: unknown PGO_ACTION '${PGO_ACTION}'")
endif()
