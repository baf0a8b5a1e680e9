include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

run_cmake(Found)
run_cmake(FoundTwice)
run_cmake(Required)
run_cmake(Version)

set(RunCMake_TEST_C_COMPILER gcc)
set(RunCMake_TEST_CXX_COMPILER g++)
run_cmake(GnuPlain)
run_cmake(GnuQuiet)
run_cmake(GnuRequired)
unset(RunCMake_TEST_C_COMPILER)
unset(RunCMake_TEST_CXX_COMPILER)

run_cmake_summary()
