include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# Issue 9.3: nothing in a path is ever executed or split. The whole loop
# (configure, build, pgo_train, pgo_update, a build that uses the new
# default.profdata) runs in a project whose source and build directories
# hold each of these characters, and in a checkout reached through a
# symbolic link. Where CMake itself cannot build a plain project (a ';' in
# the build path; a '"' with Unix Makefiles, whose try_compile breaks), the
# package is not asked to. With a '"' CMake's own CTestTestfile.cmake
# draws a syntax warning from ctest, which the training steps show.
set(names space quote dquote subst dollars backtick semicolon utf8 symlink)
set(chars " " "'" "\"" "$(touch INJECTED)" "$$x" "`touch INJECTED`" "\;" "é" "")
set(root "${RunCMake_BINARY_DIR}/w")
file(REMOVE_RECURSE "${root}")
file(MAKE_DIRECTORY "${root}")

foreach(name char IN ZIP_LISTS names chars)
  set(src "${root}/src-${name}-a${char}b")
  set(build "${src}/build-a${char}b")
  file(MAKE_DIRECTORY "${src}")
  file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c"
    "${RunCMake_SOURCE_DIR}/../fixtures/lib.c" DESTINATION "${src}")
  if(name STREQUAL "symlink")
    file(CREATE_LINK "${src}" "${root}/link-to-src" SYMBOLIC)
    set(src "${root}/link-to-src")
    set(build "${src}/build")
  endif()

  # Can CMake build a plain project here at all?
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${src}" -B "${build}-plain" -G "${RunCMake_GENERATOR}"
      "-DCMAKE_C_COMPILER=${RunCMake_C_COMPILER}" -DPATHS_PLAIN=ON
    RESULT_VARIABLE plain_rc OUTPUT_QUIET ERROR_QUIET)
  if(plain_rc EQUAL 0)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}-plain" RESULT_VARIABLE plain_rc OUTPUT_QUIET ERROR_QUIET)
  endif()
  file(REMOVE_RECURSE "${build}-plain")
  if(NOT plain_rc EQUAL 0)
    message("Paths-${name}: CMake cannot build a plain project in ${build}; not asked of the package")
    if(NOT name MATCHES "^(semicolon|dquote)$")
      message(FATAL_ERROR "only ';' and '\"' in the build path are known to stop CMake itself, not ${name}")
    endif()
    continue()
  endif()

  set(RunCMake_TEST_SOURCE_DIR "${src}")
  set(RunCMake_TEST_BINARY_DIR "${build}")
  # -Wno-dev: CMake's own compiler checks warn about a '"' in the path.
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -Wno-dev)
  run_cmake(Paths)
  set(RunCMake_TEST_NO_CLEAN 1)
  unset(RunCMake_TEST_OPTIONS)
  # (Step names carry the case, so that one can expect CMake's own noise.)
  run_cmake_build(Paths-train-${name} --target pgo_train)
  run_cmake_build(Paths-update-${name} --target pgo_update)
  run_cmake_build(Paths-use)
  unset(RunCMake_TEST_NO_CLEAN)
endforeach()

# No command ran a path: nothing was created by the $(...) and `...` names.
file(GLOB_RECURSE injected "${root}/INJECTED" "${root}/*/INJECTED" "${RunCMake_BINARY_DIR}/INJECTED")
foreach(dir IN ITEMS "$ENV{HOME}" "/tmp" "${PGO_SOURCE_DIR}")
  if(EXISTS "${dir}/INJECTED")
    list(APPEND injected "${dir}/INJECTED")
  endif()
endforeach()
if(injected)
  message(FATAL_ERROR "a path was run by a shell; it created ${injected}")
endif()

run_cmake_summary()
