cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 10.4: PGO_TRAIN_KIND=sample trains the ordinary build under
# pgo collect (perf) instead of an instrumented one; pgo_update installs the
# merged sample profile, which the next ordinary build uses.
pgo_require_program(ST_PERF perf HINT "apt-get install linux-perf")
set(src "${RunCMake_BINARY_DIR}/src")
file(REMOVE_RECURSE "${src}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c"
  "${RunCMake_SOURCE_DIR}/../fixtures/lib.c" DESTINATION "${src}")
set(RunCMake_TEST_SOURCE_DIR "${src}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DPGO_TRAIN_KIND=sample)
run_cmake(SampleTrain)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/SampleTrain-build")
run_cmake_build(SampleTrain-train --target pgo_train)
run_cmake_build(SampleTrain-update --target pgo_update)
run_cmake_build(SampleTrain-use)
run_cmake_summary()
