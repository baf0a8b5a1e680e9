include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# Mistakes in pgo_add_benchmark() and the compare knobs: configure errors.
foreach(case IN ITEMS MetricOdd MetricEmpty MetricBadName MetricReserved MetricTwice)
  run_cmake(${case})
endforeach()
set(RunCMake_TEST_OPTIONS -DPGO_COMPARE_GATE=speed)
run_cmake(GateBad)
set(RunCMake_TEST_OPTIONS -DPGO_COMPARE_GATE=metric:nope)
run_cmake(GateUnknownMetric)
unset(RunCMake_TEST_OPTIONS)

# The whole loop: metrics, sizes of the shared libraries a benchmark
# loads, a profile of PGO_COMPARE_PROFILES as a third arm, a bad one, and
# a gate on a metric.
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DPGO_COMPARE_ROUNDS=2)
run_cmake(Shared)
unset(RunCMake_TEST_OPTIONS)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Shared-build")
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Shared-compare --target pgo_compare)
file(COPY_FILE "${RunCMake_TEST_BINARY_DIR}/pgo/train.profdata" "${RunCMake_TEST_BINARY_DIR}/trained.v1.profdata")
# The same file twice: two arms, the second label made unique. (A list
# does not survive a command line here: a -C script sets it.)
set(profile "${RunCMake_TEST_BINARY_DIR}/trained.v1.profdata")
file(WRITE "${RunCMake_TEST_BINARY_DIR}/profiles.cmake" "set(PGO_COMPARE_PROFILES [[${profile};${profile}]] CACHE STRING \"\" FORCE)\n")
run_cmake_command(Shared-profiles-configure "${CMAKE_COMMAND}" -C profiles.cmake .)
run_cmake_build(Shared-profiles --target pgo_compare)
set(RunCMake_TEST_OUTPUT_MERGE 1)
run_cmake_command(Shared-bad-configure "${CMAKE_COMMAND}" "-DPGO_COMPARE_PROFILES=${RunCMake_SOURCE_DIR}/bench.c" .)
run_cmake_build(Shared-bad --target pgo_compare)
run_cmake_command(Shared-gate-configure "${CMAKE_COMMAND}" -DPGO_COMPARE_PROFILES= -DPGO_COMPARE_GATE=metric:lat
  -DPGO_COMPARE_FAIL_ABOVE=0.5 .)
run_cmake_build(Shared-gate --target pgo_compare)
unset(RunCMake_TEST_OUTPUT_MERGE)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)

run_cmake_summary()
