cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.2: a profile trained in one checkout applies fully in a copy of
# the project at another path and depth, static functions included, and
# the profile trained in the instrumented tree (inside the build directory)
# applies fully in the ordinary tree. clang reports every function it finds
# no data for (-pgo-warn-missing-function, see Portable.cmake); the checks
# count those warnings and the functions that got data.
set(PORTABLE_A "${RunCMake_BINARY_DIR}/a/src")
set(PORTABLE_B "${RunCMake_BINARY_DIR}/b/one/two/checkout")
file(REMOVE_RECURSE "${RunCMake_BINARY_DIR}/a" "${RunCMake_BINARY_DIR}/b")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/Portable.cmake"
  "${RunCMake_SOURCE_DIR}/main.c" "${RunCMake_SOURCE_DIR}/gen.c.in" "${RunCMake_SOURCE_DIR}/made.c.in"
  "${RunCMake_SOURCE_DIR}/sub"
  DESTINATION "${PORTABLE_A}")

# Checkout a: train, install the profile, build the ordinary tree with it.
set(RunCMake_TEST_SOURCE_DIR "${PORTABLE_A}")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/a/build")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
run_cmake(Portable)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Portable-train --target pgo_train)
run_cmake_build(Portable-update --target pgo_update)
set(PORTABLE_PROFILE "${PORTABLE_A}/default.profdata")
run_cmake_build(Portable-same)

# Checkout b: a copy at another path and depth, profile included, built in
# a build directory inside it.
file(COPY "${PORTABLE_A}/" DESTINATION "${PORTABLE_B}")
set(RunCMake_TEST_SOURCE_DIR "${PORTABLE_B}")
set(RunCMake_TEST_BINARY_DIR "${PORTABLE_B}/build")
set(RunCMake_TEST_NO_CLEAN 0)
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
run_cmake(Portable-moved)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Portable-moved-build)

# Sample profiles name static functions by their unique-linkage suffix,
# which hashes the source path: ordinary builds of two checkouts at other
# paths (build folders inside and outside them, generated sources
# included) give every static function the same name.
foreach(checkout IN ITEMS "sa/src" "sb/one/two/checkout")
  set(copy "${RunCMake_BINARY_DIR}/${checkout}")
  file(REMOVE_RECURSE "${copy}")
  file(COPY "${PORTABLE_A}/" DESTINATION "${copy}" PATTERN "build" EXCLUDE PATTERN "default.profdata" EXCLUDE)
endforeach()
set(RunCMake_TEST_NO_CLEAN 0)
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DPGO=off)
set(RunCMake_TEST_SOURCE_DIR "${RunCMake_BINARY_DIR}/sa/src")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/sa/build")
run_cmake(SampleNames)
set(RunCMake_TEST_NO_CLEAN 1)
set(SAMPLE_NAMES_FILE "${RunCMake_BINARY_DIR}/sa/names.txt")
run_cmake_build(SampleNames-first)
set(RunCMake_TEST_NO_CLEAN 0)
set(RunCMake_TEST_SOURCE_DIR "${RunCMake_BINARY_DIR}/sb/one/two/checkout")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/sb/one/two/checkout/build")
run_cmake(SampleNames)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(SampleNames-second)
unset(RunCMake_TEST_OPTIONS)

run_cmake_summary()
