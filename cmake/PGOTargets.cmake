# SPDX-License-Identifier: MIT
#
# The end-of-configure step of FindPGO.cmake: reports which profile each
# opted-in target uses, then adds the pgo_* targets (in the ordinary tree) or
# the target that builds a phase (in a phase tree).

include_guard(GLOBAL)

function(_pgo_schedule_finalize)
  get_property(scheduled GLOBAL PROPERTY _PGO_FINALIZE_SCHEDULED)
  if(NOT scheduled)
    set_property(GLOBAL PROPERTY _PGO_FINALIZE_SCHEDULED TRUE)
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _pgo_finalize)
  endif()
endfunction()

function(_pgo_finalize)
  if(NOT PGO_LINKER MATCHES "^(auto|lld|default)$")
    message(FATAL_ERROR " PGO: PGO_LINKER=${PGO_LINKER} is not a choice; use auto (the default), lld or default")
  endif()
  if(NOT PGO_TRAIN_SAMPLE_SECONDS MATCHES "^[0-9]+$" OR PGO_TRAIN_SAMPLE_SECONDS GREATER 86400)
    message(FATAL_ERROR " PGO: PGO_TRAIN_SAMPLE_SECONDS=${PGO_TRAIN_SAMPLE_SECONDS} is not a number of seconds; use a whole number from 0 (run each training once) to 86400")
  endif()
  if(NOT PGO_LTO_JOBS MATCHES "^([1-9][0-9]*)?$")
    message(FATAL_ERROR " PGO: PGO_LTO_JOBS=${PGO_LTO_JOBS} is not a number of jobs; use a whole number of 1 or more, or empty for one per logical CPU")
  endif()
  get_property(lto_targets GLOBAL PROPERTY _PGO_LTO_TARGETS)
  list(REMOVE_DUPLICATES lto_targets)
  foreach(target IN LISTS lto_targets)
    _pgo_lto_link_options("${target}")
  endforeach()
  _pgo_status_check_knobs()
  _pgo_report()
  _pgo_status_report()
  _pgo_continuous_note()
  _pgo_gcc_weight_note()
  _pgo_prune_copies()
  _pgo_add_copy_rules()
  if(PGO_PHASE)
    _pgo_add_phase_target()
  else()
    _pgo_add_driver_targets()
  endif()
endfunction()

# One status line per profile in use, one for the plain targets.
function(_pgo_report)
  get_property(supported GLOBAL PROPERTY _PGO_SUPPORTED)
  if(NOT supported)
    return()
  endif()
  get_property(profiles GLOBAL PROPERTY _PGO_PROFILES)
  foreach(profile IN LISTS profiles)
    string(MD5 key "${profile}")
    get_property(users GLOBAL PROPERTY _PGO_USERS_${key})
    get_property(functions GLOBAL PROPERTY _PGO_FUNCTIONS_${key})
    list(JOIN users ", " users)
    message(STATUS "PGO: ${users} use ${profile} (${functions})")
  endforeach()
  get_property(reasons GLOBAL PROPERTY _PGO_PLAIN_REASONS)
  foreach(why IN LISTS reasons)
    string(MD5 key "${why}")
    get_property(plain GLOBAL PROPERTY _PGO_PLAIN_${key})
    list(JOIN plain ", " plain)
    set(hint "")
    if(why MATCHES "^no ")
      set(hint " (to make one: build the targets pgo_train, then pgo_update)")
    endif()
    message(STATUS "PGO: ${plain} built without PGO: ${why}${hint}")
  endforeach()
endfunction()

# GCC's runs all count into the same .gcda files, so a WEIGHT of N runs the
# training N times: one line saying so (it costs training time).
function(_pgo_gcc_weight_note)
  get_property(family GLOBAL PROPERTY _PGO_FAMILY)
  get_property(supported GLOBAL PROPERTY _PGO_SUPPORTED)
  get_property(trainings GLOBAL PROPERTY _PGO_TRAININGS)
  if(NOT supported OR NOT family STREQUAL "gcc" OR PGO_PHASE)
    return()
  endif()
  set(weighted "")
  foreach(training IN LISTS trainings)
    if(NOT training MATCHES "=1$")
      string(REGEX REPLACE "=" " " training "${training}")
      list(APPEND weighted "${training}")
    endif()
  endforeach()
  if(weighted)
    list(JOIN weighted ", " weighted)
    message(STATUS "PGO: GCC adds every training run into one profile, so a training run of WEIGHT N runs N times: ${weighted}")
  endif()
endfunction()

# Checked copies that no target uses any more, with their records.
function(_pgo_prune_copies)
  get_property(copies GLOBAL PROPERTY _PGO_COPIES)
  file(GLOB existing "${CMAKE_BINARY_DIR}/pgo/use/*.profdata")
  foreach(file IN LISTS existing)
    if(NOT file IN_LIST copies)
      string(REGEX REPLACE "\\.profdata$" ".copy" record "${file}")
      file(REMOVE "${file}" "${record}")
    endif()
  endforeach()
  # GCC profiles are unpacked into folders <hash>-gcc<major>.
  file(GLOB existing LIST_DIRECTORIES true "${CMAKE_BINARY_DIR}/pgo/use/*-gcc[0-9]*")
  foreach(dir IN LISTS existing)
    if(IS_DIRECTORY "${dir}" AND NOT dir IN_LIST copies)
      file(REMOVE_RECURSE "${dir}")
    endif()
  endforeach()
endfunction()

# The compile lines name the checked copies: a build makes one again when it
# is gone (build/pgo deleted, say), instead of failing.
function(_pgo_add_copy_rules)
  get_property(copies GLOBAL PROPERTY _PGO_COPIES)
  get_property(sources GLOBAL PROPERTY _PGO_COPY_SOURCES)
  if(NOT copies)
    return()
  endif()
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  _pgo_host_c_compiler(cc)
  set(outputs "")
  foreach(copy source IN ZIP_LISTS copies sources)
    if(copy IN_LIST outputs)
      continue()
    endif()
    _pgo_check_args(args "${source}")
    add_custom_command(OUTPUT "${copy}"
      COMMAND "${CMAKE_COMMAND}" -DPGO_ACTION=recheck "-DPGO_ENGINE_PATH=${engine}"
        "-DPGO_HOST_CC=${cc}"
        "-DPGO_EXPECTED=${copy}" "-DPGO_ARGS=${args}" -P "${_PGO_PHASE_SCRIPT}"
      COMMENT "PGO: checking ${source} again"
      VERBATIM)
    list(APPEND outputs "${copy}")
  endforeach()
  add_custom_target(_pgo_profiles DEPENDS ${outputs})
  get_property(targets GLOBAL PROPERTY _PGO_TARGETS)
  foreach(target IN LISTS targets)
    add_dependencies("${target}" _pgo_profiles)
  endforeach()
endfunction()

# In a phase tree: _pgo_phase_targets builds what the phase needs, and files
# tell the driver where the binaries and benchmark commands are.
function(_pgo_add_phase_target)
  _pgo_contain_outputs("${CMAKE_SOURCE_DIR}")
  get_property(targets GLOBAL PROPERTY _PGO_TARGETS)
  get_property(programs GLOBAL PROPERTY _PGO_TRAINING_TARGETS)
  get_property(benchmarks GLOBAL PROPERTY _PGO_BENCHMARKS)
  add_custom_target(_pgo_phase_targets)
  if(targets OR programs)
    add_dependencies(_pgo_phase_targets ${targets} ${programs})
  endif()

  set(outputs "")
  foreach(target IN LISTS targets)
    get_target_property(type "${target}" TYPE)
    if(NOT type STREQUAL "OBJECT_LIBRARY")
      string(APPEND outputs "$<TARGET_FILE:${target}>\n")
    endif()
  endforeach()
  _pgo_config_suffix(suffix)
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/pgo-outputs${suffix}.txt" CONTENT "${outputs}")
  _pgo_write_benchmark_arms("${suffix}")
  _pgo_status_list()

  if(PGO_PHASE MATCHES "^(instrument|sample)$")
    _pgo_add_training_fixture()
  endif()
endfunction()

# For pgo_compare: each benchmark as an arm of the spec of "pgo compare"
# (cmd_compare.c), in pgo-compare<suffix>/<name>.arm: "cwd <dir>", a
# "size <file>" line per binary it loads and an "arg <arg>" line per
# argument; its metric lines in pgo-compare/<name>.metrics; the names in
# pgo-benchmarks<suffix>.txt. The driver (PGOPhase.cmake) joins the arms of
# the phase trees into the spec without list operations, so that any text
# but a newline survives.
function(_pgo_write_benchmark_arms suffix)
  get_property(benchmarks GLOBAL PROPERTY _PGO_BENCHMARKS)
  set(names "")
  foreach(name IN LISTS benchmarks)
    get_property(target GLOBAL PROPERTY _PGO_BENCHMARK_${name}_TARGET)
    get_property(command GLOBAL PROPERTY _PGO_BENCHMARK_${name}_COMMAND)
    get_property(cwd GLOBAL PROPERTY _PGO_BENCHMARK_${name}_CWD)
    get_property(metrics GLOBAL PROPERTY _PGO_BENCHMARK_${name}_METRICS)
    _pgo_loaded_binaries(files "${target}")
    set(arm "cwd ${cwd}\n")
    foreach(file IN LISTS files)
      string(APPEND arm "size ${file}\n")
    endforeach()
    foreach(arg IN LISTS command)
      string(APPEND arm "arg ${arg}\n")
    endforeach()
    file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/pgo-compare${suffix}/${name}.arm" CONTENT "${arm}")
    # Plain text (file(GENERATE) would read "$<" in a regular expression).
    _pgo_write_if_changed("${CMAKE_BINARY_DIR}/pgo-compare/${name}.metrics" "${metrics}")
    string(APPEND names "${name}\n")
  endforeach()
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/pgo-benchmarks${suffix}.txt" CONTENT "${names}")
endfunction()

# The binaries a run of the executable <target> loads that this package
# builds with a profile: its file, and every opted-in shared library in its
# link closure (LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES, through
# $<LINK_ONLY:...>; other generator expressions cannot be resolved here and
# are skipped) plus the opted-in modules it depends on (add_dependencies),
# as $<TARGET_FILE:...> expressions.
function(_pgo_loaded_binaries out target)
  set(files "$<TARGET_FILE:${target}>")
  set(queue "${target}")
  set(seen "${target}")
  while(queue)
    list(POP_FRONT queue current)
    set(items "")
    foreach(property IN ITEMS LINK_LIBRARIES INTERFACE_LINK_LIBRARIES MANUALLY_ADDED_DEPENDENCIES)
      get_target_property(value "${current}" ${property})
      if(value)
        list(APPEND items ${value})
      endif()
    endforeach()
    foreach(item IN LISTS items)
      if(item MATCHES "^\\$<LINK_ONLY:([^$<>]+)>$")
        set(item "${CMAKE_MATCH_1}")
      elseif(item MATCHES "\\$<")
        continue()
      endif()
      if(NOT TARGET "${item}")
        continue()
      endif()
      get_target_property(aliased "${item}" ALIASED_TARGET)
      if(aliased)
        set(item "${aliased}")
      endif()
      get_target_property(imported "${item}" IMPORTED)
      if(item IN_LIST seen OR imported)
        continue()
      endif()
      list(APPEND seen "${item}")
      list(APPEND queue "${item}")
      get_target_property(type "${item}" TYPE)
      get_target_property(enabled "${item}" PGO_ENABLED)
      if(enabled AND type MATCHES "^(SHARED|MODULE)_LIBRARY$")
        list(APPEND files "$<TARGET_FILE:${item}>")
      endif()
    endforeach()
  endwhile()
  set(${out} "${files}" PARENT_SCOPE)
endfunction()

# Writes <file> only when its content changes (its time stamp stays).
function(_pgo_write_if_changed file content)
  set(old "")
  if(EXISTS "${file}")
    file(READ "${file}" old)
  endif()
  if(NOT EXISTS "${file}" OR NOT old STREQUAL content)
    file(WRITE "${file}" "${content}")
  endif()
endfunction()

# A phase tree must not write where the ordinary tree writes: output
# directories outside the phase tree (say ${CMAKE_SOURCE_DIR}/bin) move into
# it, under pgo-outputs/.
function(_pgo_contain_outputs dir)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  get_property(configs GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(suffixes "")
  if(configs)
    foreach(config IN LISTS CMAKE_CONFIGURATION_TYPES)
      string(TOUPPER "_${config}" config)
      list(APPEND suffixes "${config}")
    endforeach()
  elseif(CMAKE_BUILD_TYPE)
    string(TOUPPER "_${CMAKE_BUILD_TYPE}" config)
    list(APPEND suffixes "${config}")
  endif()
  foreach(target IN LISTS targets)
    foreach(kind IN ITEMS RUNTIME LIBRARY ARCHIVE PDB COMPILE_PDB)
      foreach(suffix IN ITEMS "" ${suffixes})
        get_target_property(out "${target}" ${kind}_OUTPUT_DIRECTORY${suffix})
        if(NOT out OR out MATCHES "\\$<")
          continue()
        endif()
        get_filename_component(out "${out}" ABSOLUTE BASE_DIR "${CMAKE_BINARY_DIR}")
        file(RELATIVE_PATH rel "${CMAKE_BINARY_DIR}" "${out}")
        if(rel MATCHES "^\\.\\./" OR IS_ABSOLUTE "${rel}")
          string(MD5 hash "${out}")
          string(SUBSTRING "${hash}" 0 8 hash)
          get_filename_component(name "${out}" NAME)
          set_property(TARGET "${target}" PROPERTY ${kind}_OUTPUT_DIRECTORY${suffix} "${CMAKE_BINARY_DIR}/pgo-outputs/${name}-${hash}")
        endif()
      endforeach()
    endforeach()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    _pgo_contain_outputs("${subdir}")
  endforeach()
endfunction()

# ctest -L pgo-train in the instrumented tree: clear, run all, merge.
function(_pgo_add_training_fixture)
  get_property(supported GLOBAL PROPERTY _PGO_SUPPORTED)
  get_property(trainings GLOBAL PROPERTY _PGO_TRAININGS)
  if(NOT supported OR NOT trainings)
    return()
  endif()
  _pgo_config_dir(raw "${_PGO_RAW_DIR}")
  _pgo_config_dir(profile "${_PGO_PROFILE_DIR}")
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  get_property(family GLOBAL PROPERTY _PGO_FAMILY)
  if(family STREQUAL "gcc")
    # libgcov merges every run (and concurrent ones) into the same .gcda
    # files in raw; the merge step packs them into one archive.
    # Weights cannot apply (the ordinary tree's configure says so).
    list(TRANSFORM trainings REPLACE "=.*$" "")
    add_test(NAME pgo-train.clear COMMAND "${engine}" clear "${raw}")
    add_test(NAME pgo-train.merge COMMAND "${engine}" merge --kind gcc -o "${profile}/train.profdata"
      --raw-dir "${raw}" ${trainings})
  elseif(PGO_PHASE STREQUAL "sample")
    # One sample profile per training run, merged with their weights.
    set(inputs "")
    foreach(training IN LISTS trainings)
      string(REGEX MATCH "^([^=]*)=(.*)$" _ "${training}")
      list(APPEND inputs "${CMAKE_MATCH_2}:${raw}/${CMAKE_MATCH_1}.sample.prof")
    endforeach()
    add_test(NAME pgo-train.clear COMMAND "${CMAKE_COMMAND}" -E rm -rf "${raw}")
    add_test(NAME pgo-train.merge COMMAND "${engine}" merge --profdata "${PGO_LLVM_PROFDATA_EXECUTABLE}"
      -o "${profile}/train.profdata" --inputs ${inputs})
  else()
    add_test(NAME pgo-train.clear COMMAND "${engine}" clear "${raw}")
    add_test(NAME pgo-train.merge COMMAND "${engine}" merge --profdata "${PGO_LLVM_PROFDATA_EXECUTABLE}"
      -o "${profile}/train.profdata" --source-root "${CMAKE_SOURCE_DIR}" --build-root "${CMAKE_BINARY_DIR}"
      --raw-dir "${raw}" ${trainings})
  endif()
  set_tests_properties(pgo-train.clear PROPERTIES FIXTURES_SETUP pgo-train LABELS pgo-train)
  set_tests_properties(pgo-train.merge PROPERTIES FIXTURES_CLEANUP pgo-train LABELS pgo-train)
endfunction()

# "" or "-<config>": file(GENERATE) needs one file per configuration.
function(_pgo_config_suffix out)
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(${out} "-$<CONFIG>" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# The outer tree's cache as a -C script, so that the phase trees are
# configured like it: compilers, toolchain file, build type, user options.
function(_pgo_write_phase_cache file)
  get_cmake_property(names CACHE_VARIABLES)
  set(content "# Written by FindPGO.cmake: the cache of ${CMAKE_BINARY_DIR} for its phase trees.\n")
  foreach(name IN LISTS names)
    get_property(type CACHE "${name}" PROPERTY TYPE)
    get_property(value CACHE "${name}" PROPERTY VALUE)
    if(type STREQUAL "INTERNAL")
      # The answers of the project's configure checks (check_include_file,
      # check_symbol_exists, check_c_source_compiles, check_type_size,
      # test_big_endian, check_pie_supported, try_compile, try_run) and
      # the executable format CMake found with the compiler: the same
      # compilers with the same cache give the same answers, and finding
      # them again was most of a phase tree's first configure in a project
      # with many checks. An answer that names this tree is the phase
      # tree's to find.
      get_property(help CACHE "${name}" PROPERTY HELPSTRING)
      string(FIND "${value}" "${CMAKE_BINARY_DIR}" in_tree)
      if(in_tree EQUAL -1 AND (name STREQUAL "CMAKE_EXECUTABLE_FORMAT" OR
          help MATCHES "^(Have |Test |Result of (TRY_COMPILE|try_run\\(\\)|TEST_BIG_ENDIAN)|CHECK_TYPE_SIZE|(NO_)?PIE \\()"))
        _pgo_bracket(value "${value}")
        _pgo_bracket(help "${help}")
        string(APPEND content "set(${name} ${value} CACHE INTERNAL ${help})\n")
      endif()
      continue()
    endif()
    # FETCHCONTENT_BASE_DIR would make the phase trees build dependencies
    # in the outer tree's _deps directory.
    # PGO_COMPARE_*: the phase trees do not compare, and changing how
    # pgo_compare measures should not configure them again.
    if(type STREQUAL "STATIC" OR name MATCHES "^(PGO|PGO_PHASE|_PGO_.*|PGO_COMPARE_.*|FETCHCONTENT_BASE_DIR)$")
      continue()
    endif()
    if(type STREQUAL "UNINITIALIZED")
      set(type STRING)
    endif()
    _pgo_bracket(value "${value}")
    string(APPEND content "set(${name} ${value} CACHE ${type} \"\" FORCE)\n")
  endforeach()
  # The phase trees run this tree's engine and take its ThinLTO check and
  # its llvm-profdata discovery (the same compiler: 0.17 s of a phase
  # tree's first configure).
  if(PGO_LTO)
    _pgo_lto_check()
    _pgo_lto_linker(lld)
  endif()
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  _pgo_bracket(engine "${engine}")
  string(APPEND content "set(_PGO_OUTER_ENGINE ${engine} CACHE INTERNAL \"\")\n")
  get_cmake_property(entries CACHE_VARIABLES)
  list(FILTER entries INCLUDE REGEX "^(_PGO_LTO_TRY_.*|_PGO_LLD|_PGO_LLD_KEY|_PGO_FIND_KEY|_PGO_LLVM_PROFDATA_DISCOVERED)$")
  foreach(name IN LISTS entries)
    _pgo_bracket(value "${${name}}")
    string(APPEND content "set(${name} ${value} CACHE INTERNAL \"\")\n")
  endforeach()
  set(old "")
  if(EXISTS "${file}")
    file(READ "${file}" old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE "${file}" "${content}")
  endif()
endfunction()

# pgo_instrument, pgo_train, pgo_optimize, pgo_update, pgo_compare, pgo_clean.
function(_pgo_add_driver_targets)
  set(names pgo_instrument pgo_train pgo_optimize pgo_update pgo_compare pgo_status pgo_clean)
  foreach(name IN LISTS names)
    if(TARGET ${name})
      message(FATAL_ERROR " PGO: the project already has a target named ${name}; FindPGO.cmake needs that name for its own target")
    endif()
  endforeach()
  get_property(supported GLOBAL PROPERTY _PGO_SUPPORTED)
  get_property(targets GLOBAL PROPERTY _PGO_TARGETS)
  if(NOT supported)
    get_property(reason GLOBAL PROPERTY _PGO_REASON)
    foreach(name IN LISTS names)
      _pgo_failing_target(${name} "${reason}")
    endforeach()
    return()
  endif()
  if(NOT targets)
    foreach(name IN LISTS names)
      _pgo_failing_target(${name} "no target is opted in; call pgo_target(<target>) after defining it")
    endforeach()
    return()
  endif()

  set(root "${CMAKE_BINARY_DIR}/pgo")
  # The manifest of the phase trees lives outside build/pgo, so that
  # deleting build/pgo loses nothing that only a configure can make.
  set(manifest "${CMAKE_BINARY_DIR}/CMakeFiles/pgo-phase-cache.cmake")
  _pgo_write_phase_cache("${manifest}")
  cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  if(multi)
    set(profile "${root}/$<CONFIG>/train.profdata")
  else()
    set(profile "${root}/train.profdata")
  endif()
  # Training runs in the instrumented tree, or with PGO_TRAIN_KIND=sample
  # in a tree built like the ordinary one, sampled by pgo collect.
  set(train_tree instrument)
  get_property(family GLOBAL PROPERTY _PGO_FAMILY)
  if(PGO_TRAIN_KIND STREQUAL "sample" AND family STREQUAL "gcc")
    message(FATAL_ERROR " PGO: PGO_TRAIN_KIND=sample needs clang (llvm-profgen), and this is GCC; use PGO_TRAIN_KIND=instrument")
  elseif(PGO_TRAIN_KIND STREQUAL "sample")
    set(train_tree sample)
  elseif(NOT PGO_TRAIN_KIND STREQUAL "instrument")
    message(FATAL_ERROR " PGO: PGO_TRAIN_KIND=${PGO_TRAIN_KIND} is not a kind; use instrument (the default) or sample")
  endif()
  # Each step runs under "pgo step", which prints a failing step's error as
  # one line, without CMake's call stack.
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  set(driver "${engine}" step -- "${CMAKE_COMMAND}"
    "-DPGO_ROOT=${root}"
    "-DPGO_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
    "-DPGO_GENERATOR=${CMAKE_GENERATOR}"
    "-DPGO_GENERATOR_PLATFORM=${CMAKE_GENERATOR_PLATFORM}"
    "-DPGO_GENERATOR_TOOLSET=${CMAKE_GENERATOR_TOOLSET}"
    "-DPGO_MULTI_CONFIG=${multi}"
    "-DPGO_CONFIG=$<CONFIG>"
    "-DPGO_JOBS=${jobs}"
    "-DPGO_PROFILE=${profile}"
    "-DPGO_MANIFEST=${manifest}"
    "-DPGO_TRAIN_TREE=${train_tree}")
  set(script -P "${_PGO_PHASE_SCRIPT}")

  add_custom_target(pgo_instrument
    COMMAND ${driver} -DPGO_ACTION=build -DPGO_PHASE_NAME=instrument ${script}
    COMMENT "PGO: building instrumented targets in ${root}/instrument"
    USES_TERMINAL VERBATIM)

  # pgo_optimize and pgo_update train first when the instrumented binaries
  # are newer than the trained profile; pgo_train always trains. The
  # training step takes a lock, so that asking for several of them at once
  # never runs two trainings in the same tree.
  get_property(trainings GLOBAL PROPERTY _PGO_TRAININGS)
  if(trainings)
    set(train ${driver} -DPGO_ACTION=train -DPGO_TRAIN_JOBS=${PGO_TRAIN_JOBS})
    if(train_tree STREQUAL "sample")
      set(train COMMAND ${driver} -DPGO_ACTION=build -DPGO_PHASE_NAME=sample ${script} COMMAND ${train})
    else()
      set(train COMMAND ${train})
    endif()
    _pgo_update_destinations(destinations)
    get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
    set(install "")
    foreach(destination IN LISTS destinations)
      list(APPEND install COMMAND "${engine}" install "${profile}" "${destination}")
    endforeach()
    add_custom_target(pgo_train
      ${train} -DPGO_TRAIN_ALWAYS=ON ${script}
      COMMENT "PGO: running the training runs"
      USES_TERMINAL VERBATIM)
    add_custom_target(pgo_optimize
      ${train} -DPGO_TRAIN_ALWAYS=OFF ${script}
      COMMAND ${driver} -DPGO_ACTION=build -DPGO_PHASE_NAME=optimize ${script}
      COMMENT "PGO: building optimized targets in ${root}/optimize"
      USES_TERMINAL VERBATIM)
    # With several configurations, say which one pgo_update trains; never
    # let a bare --target pgo_update put a Debug profile in the source tree.
    set(config_check "")
    if(multi)
      list(JOIN destinations ", " where)
      set(config_check COMMAND ${driver} -DPGO_ACTION=check-config "-DPGO_DESTINATIONS=${where}" ${script})
    endif()
    add_custom_target(pgo_update
      ${config_check}
      ${train} -DPGO_TRAIN_ALWAYS=OFF ${script}
      ${install}
      COMMENT "PGO: updating the checked-in profile"
      USES_TERMINAL VERBATIM)
    if(train_tree STREQUAL "instrument")
      foreach(name IN ITEMS pgo_train pgo_optimize pgo_update)
        add_dependencies(${name} pgo_instrument)
      endforeach()
    endif()
  else()
    set(why "no training runs; add one with pgo_add_training(NAME <name> COMMAND <target> <args>...)")
    foreach(name IN ITEMS pgo_train pgo_optimize pgo_update)
      _pgo_failing_target(${name} "${why}")
    endforeach()
  endif()

  get_property(benchmarks GLOBAL PROPERTY _PGO_BENCHMARKS)
  if(benchmarks)
    _pgo_add_compare_target("${driver}" "${script}")
  else()
    _pgo_failing_target(pgo_compare "no benchmarks; add one with pgo_add_benchmark(NAME <name> COMMAND <target> <args>...)")
  endif()

  # Every pgo_* target needs the engine: made again when it is gone.
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  if(NOT PGO_ENGINE)
    _pgo_host_c_compiler(cc)
    file(GLOB engine_sources "${_PGO_ENGINE_SOURCE_DIR}/*.[ch]")
    add_custom_command(OUTPUT "${engine}"
      COMMAND "${CMAKE_COMMAND}" -DPGO_ACTION=engine "-DPGO_ENGINE_PATH=${engine}" "-DPGO_HOST_CC=${cc}"
        -P "${_PGO_PHASE_SCRIPT}"
      DEPENDS ${engine_sources}
      COMMENT "PGO: building the pgo engine"
      VERBATIM)
    add_custom_target(_pgo_engine DEPENDS "${engine}")
    foreach(name IN ITEMS pgo_instrument pgo_train pgo_optimize pgo_update pgo_compare)
      if(TARGET ${name})
        add_dependencies(${name} _pgo_engine)
      endif()
    endforeach()
  endif()

  _pgo_add_status_target("${driver}" "${script}")

  add_custom_target(pgo_clean
    COMMAND "${CMAKE_COMMAND}" "-DPGO_ROOT=${root}" -DPGO_ACTION=clean -P "${_PGO_PHASE_SCRIPT}"
    COMMENT "PGO: removing raw profiles, phase trees and leftover temporary files"
    VERBATIM)
endfunction()

# Where pgo_update writes: the file PGO names, or the default.profdata that
# PGO=auto picks for each opted-in target.
function(_pgo_update_destinations out)
  _pgo_mode(mode)
  if(mode STREQUAL "explicit")
    _pgo_explicit_profile(file)
    set(${out} "${file}" PARENT_SCOPE)
    return()
  endif()
  get_property(targets GLOBAL PROPERTY _PGO_TARGETS)
  set(files "")
  foreach(target IN LISTS targets)
    _pgo_auto_profile("${target}" file)
    if(NOT file)
      # The top-level one: pgo/<compiler>.profdata or default.profdata.
      _pgo_auto_candidates("${target}" candidates)
      list(GET candidates -1 file)
    endif()
    list(APPEND files "${file}")
  endforeach()
  list(REMOVE_DUPLICATES files)
  set(${out} "${files}" PARENT_SCOPE)
endfunction()

# pgo_compare: the plain tree and a tree per PGO_COMPARE_PROFILES file
# (configured like the optimized one, with that profile), then
# "pgo compare" with the arms baseline (the reference), optimized and one
# per profile.
function(_pgo_add_compare_target driver script)
  _pgo_check_compare_gate()
  set(labels baseline optimized)
  set(trees baseline optimize)
  set(builds COMMAND ${driver} -DPGO_ACTION=build -DPGO_PHASE_NAME=baseline ${script})
  get_property(engine GLOBAL PROPERTY _PGO_ENGINE)
  foreach(file IN LISTS PGO_COMPARE_PROFILES)
    get_filename_component(file "${file}" ABSOLUTE BASE_DIR "${CMAKE_SOURCE_DIR}")
    get_filename_component(label "${file}" NAME_WLE)
    string(REGEX REPLACE "[^A-Za-z0-9_-]" "_" label "${label}")
    if(label STREQUAL "")
      set(label profile)
    endif()
    set(unique "${label}")
    set(n 2)
    while(unique IN_LIST labels)
      set(unique "${label}-${n}")
      math(EXPR n "${n} + 1")
    endwhile()
    list(APPEND labels "${unique}")
    list(APPEND trees "profile-${unique}")
    list(APPEND builds COMMAND ${driver} -DPGO_ACTION=build "-DPGO_PHASE_NAME=profile-${unique}"
      "-DPGO_ARM_PROFILE=${file}" "-DPGO_ENGINE_PATH=${engine}"
      "-DPGO_LLVM_PROFDATA=${PGO_LLVM_PROFDATA_EXECUTABLE}" ${script})
  endforeach()
  # Labels and tree names are letters, digits, '-' and '_': a comma joins
  # them into one argument.
  list(JOIN labels "," labels_arg)
  list(JOIN trees "," trees_arg)
  list(JOIN labels ", " what)
  add_custom_target(pgo_compare
    ${builds}
    COMMAND ${driver} -DPGO_ACTION=compare "-DPGO_ENGINE_PATH=${engine}"
      "-DPGO_COMPARE_LABELS=${labels_arg}" "-DPGO_COMPARE_TREES=${trees_arg}"
      "-DPGO_COMPARE_ROUNDS=${PGO_COMPARE_ROUNDS}" "-DPGO_COMPARE_WARMUP=${PGO_COMPARE_WARMUP}"
      "-DPGO_COMPARE_GATE=${PGO_COMPARE_GATE}" "-DPGO_COMPARE_FAIL_ABOVE=${PGO_COMPARE_FAIL_ABOVE}" ${script}
    COMMENT "PGO: comparing the builds ${what}"
    USES_TERMINAL VERBATIM)
  add_dependencies(pgo_compare pgo_optimize)
endfunction()

# PGO_COMPARE_GATE is cpu, wall, or metric:<name> of some benchmark.
function(_pgo_check_compare_gate)
  if(NOT PGO_COMPARE_GATE MATCHES "^(cpu|wall|metric:([A-Za-z_][A-Za-z0-9_]*))$")
    message(FATAL_ERROR " PGO: PGO_COMPARE_GATE=${PGO_COMPARE_GATE} is not a measure; use cpu (the default), wall, or metric:<name> for a METRIC of pgo_add_benchmark()")
  endif()
  set(metric "${CMAKE_MATCH_2}")
  if(NOT metric)
    return()
  endif()
  get_property(benchmarks GLOBAL PROPERTY _PGO_BENCHMARKS)
  foreach(name IN LISTS benchmarks)
    get_property(lines GLOBAL PROPERTY _PGO_BENCHMARK_${name}_METRICS)
    string(FIND "\n${lines}" "\nmetric ${metric} " at)
    if(at GREATER -1)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR " PGO: PGO_COMPARE_GATE=${PGO_COMPARE_GATE} names no metric of a benchmark; add METRIC ${metric} <regex> to a pgo_add_benchmark() call, or gate on cpu or wall")
endfunction()

# A target that fails with the reason, so that asking for it explains (one
# line; it needs no engine, which may not exist when PGO is unavailable).
function(_pgo_failing_target name reason)
  add_custom_target(${name}
    COMMAND "${CMAKE_COMMAND}" -E echo "PGO: ${name} is not available: ${reason}"
    COMMAND "${CMAKE_COMMAND}" -E false
    VERBATIM)
endfunction()
