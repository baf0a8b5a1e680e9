# SPDX-License-Identifier: MIT
#
# Registers the GNU Make tests: each tests/make/<case>.sh is one CTest test,
# make.<case>, labelled "make", run as
#     sh <case>.sh <build dir>/make/<case>
# The top-level CMakeLists.txt include()s this file and sets PGO_SOURCE_DIR
# to the repository root, where the scripts take make/, cmake/pgo-tool.sh and
# examples/ from (without it they use the folder two levels above them).
# Run them with:  ctest -L make

set(_pgo_make_cases
    bad_profiles
    gcc
    include_rules
    llvm_versions
    minimal_loop
    outdir_loop
    parallel
    rebuild_on_change
    relocate
    stale_werror
    train_failure
    typical_project
    verbose)

if(PGO_SOURCE_DIR)
  set(_pgo_make_root "${PGO_SOURCE_DIR}")
else()
  get_filename_component(_pgo_make_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

foreach(_pgo_case IN LISTS _pgo_make_cases)
  add_test(NAME make.${_pgo_case}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/${_pgo_case}.sh
                   ${CMAKE_CURRENT_BINARY_DIR}/make/${_pgo_case})
  set_tests_properties(make.${_pgo_case} PROPERTIES
    LABELS make
    TIMEOUT 300
    ENVIRONMENT "PGO_SOURCE_DIR=${_pgo_make_root}")
endforeach()

unset(_pgo_case)
unset(_pgo_make_cases)
unset(_pgo_make_root)
