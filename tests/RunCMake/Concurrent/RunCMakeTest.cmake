include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# Issue 9.4: two pgo_train (or pgo_update) at once on a fresh tree both
# succeed; deleting build/pgo, or any file in it, never breaks the ordinary
# build; after kill -9 nothing half-written stays behind.
set(src "${RunCMake_BINARY_DIR}/src")
file(REMOVE_RECURSE "${src}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c"
  "${RunCMake_SOURCE_DIR}/../fixtures/lib.c" DESTINATION "${src}")
set(RunCMake_TEST_SOURCE_DIR "${src}")

# Runs the same build twice at once, each with its own log; both must
# succeed.
function(concurrent_builds name)
  set(logs "${RunCMake_TEST_BINARY_DIR}-${name}")
  execute_process(COMMAND sh -c [[
"$1" --build "$2" --target "$3" >"$4.a.log" 2>&1 & a=$!
"$1" --build "$2" --target "$3" >"$4.b.log" 2>&1; b=$?
wait $a; echo "$?;$b"]] sh "${CMAKE_COMMAND}" "${RunCMake_TEST_BINARY_DIR}" ${ARGN} "${logs}"
    OUTPUT_VARIABLE results OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(results STREQUAL "0;0")
    message("${name} - PASSED")
  else()
    file(READ "${logs}.a.log" a)
    file(READ "${logs}.b.log" b)
    message("${name} - FAILED: two builds at once gave [${results}]:\n${a}\n---\n${b}")
    set(RunCMake_FAILED_NAMES "${RunCMake_FAILED_NAMES};${name}" PARENT_SCOPE)
    math(EXPR n "${RunCMake_FAILED} + 1")
    set(RunCMake_FAILED ${n} PARENT_SCOPE)
  endif()
endfunction()

foreach(round RANGE 1 4)
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/fresh-${round}")
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
  run_cmake(Concurrent)
  unset(RunCMake_TEST_OPTIONS)
  concurrent_builds(Concurrent-train-${round} pgo_train)
endforeach()
set(RunCMake_TEST_NO_CLEAN 1)
concurrent_builds(Concurrent-update pgo_update)
run_cmake_build(Concurrent-after-update)

# The ordinary build survives losing build/pgo, and one of its files.
file(GLOB copies "${RunCMake_TEST_BINARY_DIR}/pgo/use/*.profdata")
file(REMOVE ${copies})
file(TOUCH "${src}/lib.c")
run_cmake_build(Concurrent-no-copy)
file(REMOVE_RECURSE "${RunCMake_TEST_BINARY_DIR}/pgo")
file(TOUCH "${src}/lib.c")
run_cmake_build(Concurrent-no-pgo-dir)
run_cmake_build(Concurrent-train-again --target pgo_train)

run_cmake_summary()
