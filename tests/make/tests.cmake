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
    compare
    concurrent
    dry_run
    gcc
    hostile_paths
    include_rules
    linker
    llvm_versions
    lock
    minimal_loop
    outdir_loop
    parallel
    sample_ready
    sample_train
    rebuild_on_change
    relocate
    stale_werror
    status
    train_failure
    typical_project
    window
    verbose)

if(PGO_SOURCE_DIR)
  set(_pgo_make_root "${PGO_SOURCE_DIR}")
else()
  get_filename_component(_pgo_make_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

# pgo_add_make_test(<case> [COMPILER <clang>] [ARG <arg>]): make.<case>,
# or with another compiler than PGO_TEST_C_COMPILER make.<case>-<clang>, or
# with an argument for the script (after SCRATCH) make.<case>-<arg>.
function(pgo_add_make_test case)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "COMPILER;ARG" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "pgo_add_make_test(${case}) got unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  set(name make.${case})
  set(cc "${PGO_TEST_C_COMPILER}")
  if(arg_COMPILER)
    set(name make.${case}-${arg_COMPILER})
    set(cc "${arg_COMPILER}")
  endif()
  if(arg_ARG)
    set(name ${name}-${arg_ARG})
  endif()
  if(NOT cc)
    set(cc clang-14)
  endif()
  add_test(NAME ${name}
           COMMAND sh ${_pgo_make_dir}/${case}.sh ${CMAKE_CURRENT_BINARY_DIR}/make/${name} ${arg_ARG})
  set_tests_properties(${name} PROPERTIES
    LABELS make
    TIMEOUT 300
    ENVIRONMENT "PGO_SOURCE_DIR=${_pgo_make_root};PGO_TEST_CC=${cc}")
endfunction()

set(_pgo_make_dir "${CMAKE_CURRENT_LIST_DIR}")
foreach(_pgo_case IN LISTS _pgo_make_cases)
  pgo_add_make_test(${_pgo_case})
endforeach()

# One case per link rule style (tests/make/link-styles/<style>.mk).
file(GLOB _pgo_styles RELATIVE "${_pgo_make_dir}/link-styles" "${_pgo_make_dir}/link-styles/*.mk")
foreach(_pgo_style IN LISTS _pgo_styles)
  string(REGEX REPLACE "\\.mk$" "" _pgo_style "${_pgo_style}")
  pgo_add_make_test(link_style ARG ${_pgo_style})
endforeach()
unset(_pgo_style)
unset(_pgo_styles)

unset(_pgo_case)
unset(_pgo_make_cases)
