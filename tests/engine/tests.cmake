# SPDX-License-Identifier: MIT
#
# Registers the tests of the C engine (cmake/engine/, the `pgo` program),
# labelled "engine":
#   engine.<unit>   a C test program built from tests/engine/test_<unit>.c
#                   and the engine's sources except main.c (RunEngineTest.cmake)
#   engine.build    builds pgo warning-free (the fixture of the tests below)
#   engine.<case>   tests/engine/cli.sh <case>: pgo run on real clang-14
#                   profiles (needs clang-14 and llvm-profdata-14; the
#                   sample_* cases also llvm-profdata-22)
#   engine.compare_<case>  tests/engine/compare.sh <case>: pgo compare
# The compiler is PGO_TEST_C_COMPILER (default clang-14). Run them with
#   ctest -L engine
# tests/CMakeLists.txt include()s this file.

if(PGO_SOURCE_DIR)
  set(_pgo_engine_root "${PGO_SOURCE_DIR}")
else()
  get_filename_component(_pgo_engine_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()
set(_pgo_engine_cc "${PGO_TEST_C_COMPILER}")
if(NOT _pgo_engine_cc)
  set(_pgo_engine_cc clang-14)
endif()
set(_pgo_engine_dir "${_pgo_engine_root}/cmake/engine")
set(_pgo_engine_bin "${CMAKE_CURRENT_BINARY_DIR}/engine")

foreach(_pgo_unit IN ITEMS hash header portable_names kv parse fsutil spawn cmake_errors sample cc_paths
                           perf_script unsymbolized elf_info scratch window stats compare_spec
                           gcda_archive status)
  add_test(NAME engine.${_pgo_unit} COMMAND "${CMAKE_COMMAND}"
    -DMODE=unit
    "-DENGINE_DIR=${_pgo_engine_dir}"
    "-DTEST_SOURCE=${CMAKE_CURRENT_LIST_DIR}/test_${_pgo_unit}.c"
    "-DTEST_BINARY_DIR=${_pgo_engine_bin}/unit-${_pgo_unit}"
    "-DCC=${_pgo_engine_cc}"
    -P "${CMAKE_CURRENT_LIST_DIR}/RunEngineTest.cmake")
  set_tests_properties(engine.${_pgo_unit} PROPERTIES LABELS engine TIMEOUT 300)
endforeach()

add_test(NAME engine.build COMMAND "${CMAKE_COMMAND}"
  -DMODE=build
  "-DENGINE_DIR=${_pgo_engine_dir}"
  "-DTEST_BINARY_DIR=${_pgo_engine_bin}"
  "-DCC=${_pgo_engine_cc}"
  "-DOTHER_COMPILERS=gcc;clang-14"
  -P "${CMAKE_CURRENT_LIST_DIR}/RunEngineTest.cmake")
set_tests_properties(engine.build PROPERTIES LABELS engine TIMEOUT 300 FIXTURES_SETUP engine.pgo)

foreach(_pgo_case IN ITEMS check_matrix check_newer check_cache check_speed portable merge run install
                           clear show quoting find_profdata signals nospace
                           sample_check sample_merge sample_show sample_uniq)
  add_test(NAME engine.${_pgo_case}
    COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/cli.sh" ${_pgo_case}
            "${_pgo_engine_bin}/${_pgo_case}" "${_pgo_engine_bin}/pgo")
  set_tests_properties(engine.${_pgo_case} PROPERTIES
    LABELS engine
    TIMEOUT 600
    FIXTURES_REQUIRED engine.pgo)
endforeach()

# engine.collect_<case>: tests/engine/collect.sh <case>, pgo collect with
# real perf sampling (needs perf, clang-14 and llvm-14; collect_clang19 also
# clang-19 and llvm-19). They fail, never skip, when one is missing.
foreach(_pgo_case IN ITEMS command pid library errors changed signals clang19 repeat)
  add_test(NAME engine.collect_${_pgo_case}
    COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/collect.sh" ${_pgo_case}
            "${_pgo_engine_bin}/collect_${_pgo_case}" "${_pgo_engine_bin}/pgo")
  set_tests_properties(engine.collect_${_pgo_case} PROPERTIES
    LABELS engine
    TIMEOUT 600
    FIXTURES_REQUIRED engine.pgo)
endforeach()

# engine.window_<case>: tests/engine/window.sh <case>, window profiles from
# instrumented processes with the runtime helper (needs clang-14, llvm-14,
# clang-15, llvm-15,
# clang-22 and llvm-22; they fail, never skip, when one is missing).
foreach(_pgo_case IN ITEMS window14 window22 exit shared sigterm sigkill15 sigkill22 errors)
  add_test(NAME engine.window_${_pgo_case}
    COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/window.sh" ${_pgo_case}
            "${_pgo_engine_bin}/window_${_pgo_case}" "${_pgo_engine_bin}/pgo" "${_pgo_engine_root}")
  set_tests_properties(engine.window_${_pgo_case} PROPERTIES
    LABELS engine
    TIMEOUT 300
    FIXTURES_REQUIRED engine.pgo)
endforeach()

# engine.compare_<case>: tests/engine/compare.sh <case>, pgo compare with
# small shell programs as the arms (no compiler needed).
foreach(_pgo_case IN ITEMS order metrics gate failure sizes reports errors)
  add_test(NAME engine.compare_${_pgo_case}
    COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/compare.sh" ${_pgo_case}
            "${_pgo_engine_bin}/compare_${_pgo_case}" "${_pgo_engine_bin}/pgo")
  set_tests_properties(engine.compare_${_pgo_case} PROPERTIES
    LABELS engine
    TIMEOUT 300
    FIXTURES_REQUIRED engine.pgo)
endforeach()

# engine.status_<case>: tests/engine/status.sh <case>, pgo status, info and
# provenance on real clang-14 and clang-22 builds (needs clang-14, llvm-14,
# lld-14, clang-22, llvm-22, gcc, binutils and git; they fail, never skip,
# when one is missing).
foreach(_pgo_case IN ITEMS clang14 clang22 cache thinlto sample git errors info)
  add_test(NAME engine.status_${_pgo_case}
    COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/status.sh" ${_pgo_case}
            "${_pgo_engine_bin}/status_${_pgo_case}" "${_pgo_engine_bin}/pgo")
  set_tests_properties(engine.status_${_pgo_case} PROPERTIES
    LABELS engine
    TIMEOUT 300
    FIXTURES_REQUIRED engine.pgo)
endforeach()

unset(_pgo_unit)
unset(_pgo_case)
unset(_pgo_engine_bin)
unset(_pgo_engine_dir)
unset(_pgo_engine_root)
unset(_pgo_engine_cc)
