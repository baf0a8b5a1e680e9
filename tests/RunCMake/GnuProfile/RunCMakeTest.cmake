cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.7: GCC with a checked-in LLVM profile builds plain, with one
# status line, and GCC never gets a flag of this package (clang-only
# warnings, -mllvm, -fprofile-*, -flto) on a compile or a link line. Also
# clang for C next to GCC for C++: one status line and a plain build, since
# g++ can link neither clang's instrumented nor its LTO objects.
pgo_require_program(GNU_GCC gcc HINT "apt-get install gcc" OPTIONAL)
pgo_require_program(GNU_GXX g++ HINT "apt-get install g++" OPTIONAL)
pgo_require_program(GNU_CLANG clang-14 HINT "apt-get install clang-14")
pgo_require_program(GNU_PROFDATA llvm-profdata-14 HINT "apt-get install llvm-14")

set(GNU_SRC "${RunCMake_BINARY_DIR}/proj")
file(REMOVE_RECURSE "${GNU_SRC}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c" "${RunCMake_SOURCE_DIR}/../fixtures/lib.c"
  "${RunCMake_SOURCE_DIR}/extra.cpp" DESTINATION "${GNU_SRC}")
# The checked-in profile, as trained with clang.
pgo_make_profile("${GNU_SRC}/default.profdata" COMPILER "${GNU_CLANG}" PROFDATA "${GNU_PROFDATA}"
  SOURCES "${GNU_SRC}/main.c" "${GNU_SRC}/lib.c" ARGS 100)
set(RunCMake_TEST_SOURCE_DIR "${GNU_SRC}")

set(RunCMake_TEST_C_COMPILER "${GNU_GCC}")
set(RunCMake_TEST_CXX_COMPILER "${GNU_GXX}")
foreach(case IN ITEMS Auto Explicit Cxx)
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_LANGS=C)
  if(case STREQUAL "Explicit")
    list(APPEND RunCMake_TEST_OPTIONS "-DPGO=${GNU_SRC}/default.profdata")
  elseif(case STREQUAL "Cxx")
    set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_LANGS=CXX)
  endif()
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/${case}-build")
  run_cmake(${case})
  set(RunCMake_TEST_NO_CLEAN 1)
  run_cmake_build(${case}-build)
  unset(RunCMake_TEST_NO_CLEAN)
endforeach()
# A PGO=<file> that does not exist is an error with GCC too.
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_LANGS=C -DPGO=missing.profdata)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/ExplicitMissing-build")
run_cmake(ExplicitMissing)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Cxx-build")
# The pgo_* targets explain why they cannot run.
set(RunCMake_TEST_NO_CLEAN 1)
set(RunCMake_TEST_OUTPUT_MERGE 1)
run_cmake_build(Cxx-train --target pgo_train)
unset(RunCMake_TEST_OUTPUT_MERGE)
unset(RunCMake_TEST_NO_CLEAN)

# clang for C, GCC for C++.
set(RunCMake_TEST_C_COMPILER "${GNU_CLANG}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_LANGS=MIXED)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Mixed-build")
run_cmake(Mixed)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Mixed-build)
unset(RunCMake_TEST_NO_CLEAN)

run_cmake_summary()
