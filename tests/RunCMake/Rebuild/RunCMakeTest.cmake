cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.5: a profile whose contents change recompiles exactly the objects
# of the targets that use it, and the next build does nothing. Touching the
# profile without changing it re-runs configure (the profile is one of its
# inputs) but compiles nothing: the flags name the checked copy of the
# profile, <build>/pgo/use/<cksum>-<size>.profdata, and that name only
# changes with the contents.
pgo_require_program(REBUILD_CLANG clang-14 HINT "apt-get install clang-14")
pgo_require_program(REBUILD_PROFDATA llvm-profdata-14 HINT "apt-get install llvm-14")

set(REBUILD_SRC "${RunCMake_BINARY_DIR}/proj")
set(REBUILD_PROFILES "${RunCMake_BINARY_DIR}/profiles")
file(REMOVE_RECURSE "${REBUILD_SRC}" "${REBUILD_PROFILES}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c" "${RunCMake_SOURCE_DIR}/../fixtures/lib.c"
  "${RunCMake_SOURCE_DIR}/plain.c" "${RunCMake_SOURCE_DIR}/tool.c" "${RunCMake_SOURCE_DIR}/sub"
  DESTINATION "${REBUILD_SRC}")

# Two profiles of each program, trained on different inputs.
foreach(n IN ITEMS 100 1000)
  pgo_make_profile("${REBUILD_PROFILES}/app-${n}.profdata" COMPILER "${REBUILD_CLANG}" PROFDATA "${REBUILD_PROFDATA}"
    SOURCES "${REBUILD_SRC}/main.c" "${REBUILD_SRC}/lib.c" "${REBUILD_SRC}/plain.c" ARGS ${n})
  pgo_make_profile("${REBUILD_PROFILES}/sub-${n}.profdata" COMPILER "${REBUILD_CLANG}" PROFDATA "${REBUILD_PROFDATA}"
    SOURCES "${REBUILD_SRC}/sub/sub.c" ARGS ${n})
endforeach()
set(REBUILD_APP_PROFILE "${REBUILD_SRC}/default.profdata")
set(REBUILD_SUB_PROFILE "${REBUILD_SRC}/sub/default.profdata")
pgo_copy_if_different("${REBUILD_PROFILES}/app-100.profdata" "${REBUILD_APP_PROFILE}")
pgo_copy_if_different("${REBUILD_PROFILES}/sub-100.profdata" "${REBUILD_SUB_PROFILE}")

set(RunCMake_TEST_SOURCE_DIR "${REBUILD_SRC}")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/build")
set(build_config "")
if(RunCMake_GENERATOR MATCHES "Multi-Config")
  set(RunCMake_TEST_OPTIONS -DCMAKE_CONFIGURATION_TYPES=Release)
  set(build_config --config Release)
else()
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
endif()
run_cmake(Rebuild)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Rebuild-build ${build_config})
run_cmake_build(Rebuild-noop ${build_config})

# New contents: app's objects, and only those, are compiled again.
pgo_copy_if_different("${REBUILD_PROFILES}/app-1000.profdata" "${REBUILD_APP_PROFILE}")
run_cmake_build(Rebuild-change ${build_config})
run_cmake_build(Rebuild-change-noop ${build_config})

# The same contents with a new time stamp: configure runs, nothing compiles.
file(TOUCH "${REBUILD_APP_PROFILE}")
run_cmake_build(Rebuild-touch ${build_config})
run_cmake_build(Rebuild-touch-noop ${build_config})

# sub/default.profdata belongs to subapp alone.
pgo_copy_if_different("${REBUILD_PROFILES}/sub-1000.profdata" "${REBUILD_SUB_PROFILE}")
run_cmake_build(Rebuild-sub ${build_config})

# The profile goes away (app builds plain), then comes back.
file(REMOVE "${REBUILD_APP_PROFILE}")
run_cmake_build(Rebuild-remove ${build_config})
run_cmake_build(Rebuild-remove-noop ${build_config})
pgo_copy_if_different("${REBUILD_PROFILES}/app-100.profdata" "${REBUILD_APP_PROFILE}")
run_cmake_build(Rebuild-restore ${build_config})
run_cmake_build(Rebuild-restore-noop ${build_config})

run_cmake_summary()
