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
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DPGO_TRAIN_KIND=sample -DPGO_TRAIN_SAMPLE_SECONDS=ten)
run_cmake(SampleSecondsBad)
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DPGO_TRAIN_KIND=sample -DPGO_TRAIN_SAMPLE_SECONDS=1)
run_cmake(SampleTrain)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/SampleTrain-build")
run_cmake_build(SampleTrain-train --target pgo_train)
run_cmake_build(SampleTrain-update --target pgo_update)
run_cmake_build(SampleTrain-use)

# A sampled indirect call is promoted: the use build matches the profile's
# lines (no discriminators of its own) and ThinLTO's link gets the profile.
# The fixture links with lld, which prints the promotion remark.
pgo_require_program(ST_LLD ld.lld-14 HINT "apt-get install lld-14")
set(src "${RunCMake_BINARY_DIR}/icp-src")
file(REMOVE_RECURSE "${src}")
file(COPY "${RunCMake_SOURCE_DIR}/icp/" DESTINATION "${src}")
set(RunCMake_TEST_SOURCE_DIR "${src}")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/SampleIcp-build")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DPGO_TRAIN_KIND=sample -DPGO_TRAIN_SAMPLE_SECONDS=0
  "-DICP_LLD=${ST_LLD}")
unset(RunCMake_TEST_NO_CLEAN)
run_cmake(SampleIcp)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(SampleIcp-train --target pgo_train)
run_cmake_build(SampleIcp-update --target pgo_update)
set(RunCMake_TEST_OUTPUT_MERGE 1)
run_cmake_build(SampleIcp-use)
unset(RunCMake_TEST_OUTPUT_MERGE)
run_cmake_summary()
