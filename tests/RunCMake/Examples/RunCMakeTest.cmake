include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# The examples as a user builds them: their checked-in default.profdata is
# used by a plain build and still matches their code.
set(RunCMake_TEST_SOURCE_DIR "${PGO_SOURCE_DIR}/examples/minimal")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
run_cmake(minimal)
set(RunCMake_TEST_NO_CLEAN 1)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/minimal-build")
run_cmake_build(minimal-build)
run_cmake_command(minimal-ctest "${CMAKE_CTEST_COMMAND}" --output-on-failure)
unset(RunCMake_TEST_BINARY_DIR)
unset(RunCMake_TEST_NO_CLEAN)

# The service example, served and loaded by its own --self-test driver
# (loopback only, a fixed request count and a time limit).
set(RunCMake_TEST_SOURCE_DIR "${PGO_SOURCE_DIR}/examples/server")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
run_cmake(server)
set(RunCMake_TEST_NO_CLEAN 1)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/server-build")
run_cmake_build(server-build)
run_cmake_command(server-ctest "${CMAKE_CTEST_COMMAND}" --output-on-failure --timeout 60)
unset(RunCMake_TEST_BINARY_DIR)
unset(RunCMake_TEST_NO_CLEAN)

# The README's main command, with fewer rounds.
set(RunCMake_TEST_SOURCE_DIR "${PGO_SOURCE_DIR}/examples/interp")
set(RunCMake_TEST_OPTIONS -DPGO_COMPARE_ROUNDS=3)
run_cmake(interp)
unset(RunCMake_TEST_OPTIONS)
set(RunCMake_TEST_NO_CLEAN 1)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/interp-build")
run_cmake_build(interp-build)
run_cmake_build(interp-compare --target pgo_compare)
run_cmake_command(interp-fail-configure "${CMAKE_COMMAND}" -DPGO_COMPARE_ROUNDS=1 -DPGO_COMPARE_FAIL_ABOVE=0.0001 .)
set(RunCMake_TEST_OUTPUT_MERGE 1)
run_cmake_build(interp-fail --target pgo_compare)
unset(RunCMake_TEST_OUTPUT_MERGE)
unset(RunCMake_TEST_BINARY_DIR)
unset(RunCMake_TEST_NO_CLEAN)

run_cmake_summary()
