cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.9: with CMAKE_C_COMPILER_LAUNCHER=ccache, a second identical
# build hits the cache, and a changed profile misses (for the objects of
# the targets that use it; the others are not even compiled again). The
# cache is private to the test: CCACHE_DIR, and CCACHE_CONFIGPATH so that
# no user or system setting counts.
pgo_require_program(CC_CCACHE ccache HINT "apt-get install ccache" OPTIONAL)
pgo_require_program(CC_CLANG clang-14 HINT "apt-get install clang-14")
pgo_require_program(CC_PROFDATA llvm-profdata-14 HINT "apt-get install llvm-14")

set(CC_SRC "${RunCMake_BINARY_DIR}/proj")
set(CC_BUILD "${RunCMake_BINARY_DIR}/build")
set(CC_DIR "${RunCMake_BINARY_DIR}/ccache")
file(REMOVE_RECURSE "${CC_SRC}" "${CC_DIR}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c" "${RunCMake_SOURCE_DIR}/../fixtures/lib.c"
  "${RunCMake_SOURCE_DIR}/tool.c" DESTINATION "${CC_SRC}")
file(MAKE_DIRECTORY "${CC_DIR}")
file(WRITE "${CC_DIR}/ccache.conf" "")
set(RunCMake_TEST_ENV "CCACHE_DIR=${CC_DIR}" "CCACHE_CONFIGPATH=${CC_DIR}/ccache.conf")

# ccache's counters since the last zeroing, as CC_<name> in the caller,
# then zeroed again.
macro(cc_stats)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${RunCMake_TEST_ENV} "${CC_CCACHE}" --print-stats
    OUTPUT_VARIABLE _cc_stats)
  foreach(_cc_name IN ITEMS direct_cache_hit preprocessed_cache_hit cache_miss unsupported_compiler_option)
    string(REGEX MATCH "(^|\n)${_cc_name}\t([0-9]+)" _ "${_cc_stats}")
    set(CC_${_cc_name} "${CMAKE_MATCH_2}")
  endforeach()
  math(EXPR CC_hits "${CC_direct_cache_hit} + ${CC_preprocessed_cache_hit}")
endmacro()
macro(cc_zero)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${RunCMake_TEST_ENV} "${CC_CCACHE}" --zero-stats OUTPUT_QUIET)
endmacro()

foreach(n IN ITEMS 100 1000)
  pgo_make_profile("${RunCMake_BINARY_DIR}/app-${n}.profdata" COMPILER "${CC_CLANG}" PROFDATA "${CC_PROFDATA}"
    SOURCES "${CC_SRC}/main.c" "${CC_SRC}/lib.c" ARGS ${n})
endforeach()
pgo_copy_if_different("${RunCMake_BINARY_DIR}/app-100.profdata" "${CC_SRC}/default.profdata")

set(RunCMake_TEST_SOURCE_DIR "${CC_SRC}")
set(RunCMake_TEST_BINARY_DIR "${CC_BUILD}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER_LAUNCHER=${CC_CCACHE}")
run_cmake(Ccache)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)

cc_zero()
run_cmake_build(Ccache-build)
cc_zero()
run_cmake_build(Ccache-clean --target clean)
run_cmake_build(Ccache-again)
cc_zero()
pgo_copy_if_different("${RunCMake_BINARY_DIR}/app-1000.profdata" "${CC_SRC}/default.profdata")
run_cmake_build(Ccache-change)
cc_zero()
run_cmake_build(Ccache-clean2 --target clean)
run_cmake_build(Ccache-change-again)
# The instrumented tree compiles through ccache too, without falling back.
cc_zero()
run_cmake_build(Ccache-instrument --target pgo_instrument)

run_cmake_summary()
