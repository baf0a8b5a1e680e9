include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# A phase tree's first configure starts from the ordinary tree's compiler
# information and configure-check answers instead of finding them again.
run_cmake(Answers)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Answers-build")
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Answers-instrument --target pgo_instrument)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)

run_cmake_summary()
