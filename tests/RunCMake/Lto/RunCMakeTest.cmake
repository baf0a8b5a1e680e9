include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# Issue 5.2: ThinLTO comes with the profile (PGO_LTO=ON), PGO_LTO=OFF turns
# it off, and a linker that cannot link LLVM bitcode is reported in one
# line while the build goes on without LTO.
set(profile "-DPGO=${PGO_SOURCE_DIR}/examples/minimal/default.profdata")
foreach(case IN ITEMS Default Off NoLtoLinker StaticLib)
  set(RunCMake_TEST_OPTIONS "${profile}")
  if(case STREQUAL "Off")
    list(APPEND RunCMake_TEST_OPTIONS -DPGO_LTO=OFF)
  elseif(case STREQUAL "NoLtoLinker")
    set(ld "${RunCMake_BINARY_DIR}/ld-noplugin")
    file(COPY_FILE "${RunCMake_SOURCE_DIR}/ld-noplugin.sh" "${ld}")
    file(CHMOD "${ld}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
    list(APPEND RunCMake_TEST_OPTIONS "-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=${ld}")
  elseif(case STREQUAL "StaticLib")
    list(APPEND RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
  endif()
  run_cmake(${case})
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/${case}-build")
  set(RunCMake_TEST_NO_CLEAN 1)
  run_cmake_build(${case}-build)
  unset(RunCMake_TEST_NO_CLEAN)
  unset(RunCMake_TEST_BINARY_DIR)
endforeach()

run_cmake_summary()
