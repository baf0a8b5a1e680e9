# SPDX-License-Identifier: MIT
#
# Registers the GNU Make tests: each tests/make/<case>.sh is one CTest test,
# make.<case>, labelled "make", run as
#     sh <case>.sh <build dir>/make/<case>
# The top-level CMakeLists.txt include()s this file and sets PGO_SOURCE_DIR
# to the repository root, where the scripts take make/, cmake/engine/ and
# examples/ from (without it they use the folder two levels above them).
# Run them with:  ctest -L make

set(_pgo_make_cases
    bad_profiles
    concurrent
    dry_run
    gcc
    hostile_paths
    include_rules
    llvm_versions
    lock
    minimal_loop
    outdir_loop
    parallel
    rebuild_on_change
    relocate
    stale_werror
    status
    train_failure
    typical_project
    verbose)

if(PGO_SOURCE_DIR)
  set(_pgo_make_root "${PGO_SOURCE_DIR}")
else()
  get_filename_component(_pgo_make_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

# pgo_add_make_test(<case> [COMPILER <clang>]): make.<case>, or with another
# compiler than PGO_TEST_C_COMPILER make.<case>-<clang>.
function(pgo_add_make_test case)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "COMPILER" "")
  set(name make.${case})
  set(cc "${PGO_TEST_C_COMPILER}")
  if(arg_COMPILER)
    set(name make.${case}-${arg_COMPILER})
    set(cc "${arg_COMPILER}")
  endif()
  if(NOT cc)
    set(cc clang-14)
  endif()
  add_test(NAME ${name}
           COMMAND sh ${_pgo_make_dir}/${case}.sh ${CMAKE_CURRENT_BINARY_DIR}/make/${name})
  set_tests_properties(${name} PROPERTIES
    LABELS make
    TIMEOUT 300
    ENVIRONMENT "PGO_SOURCE_DIR=${_pgo_make_root};PGO_TEST_CC=${cc}")
endfunction()

set(_pgo_make_dir "${CMAKE_CURRENT_LIST_DIR}")
foreach(_pgo_case IN LISTS _pgo_make_cases)
  pgo_add_make_test(${_pgo_case})
endforeach()

unset(_pgo_case)
unset(_pgo_make_cases)
