include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

set(profile "${PGO_SOURCE_DIR}/examples/minimal/default.profdata")

foreach(case IN ITEMS TargetUnknownArg TargetNone TargetInterface TrainingUnknownArg
    TrainingBadName TrainingDuplicate TrainingNoCommand TrainingWeight BenchmarkNotTarget)
  run_cmake(${case})
endforeach()

set(RunCMake_TEST_OPTIONS -DPGO=nope/missing.profdata)
run_cmake(ExplicitMissing)
set(RunCMake_TEST_OPTIONS -DPGO=ON)
run_cmake(PgoOn)
set(RunCMake_TEST_OPTIONS -DPGO=off)
run_cmake(Off)

set(RunCMake_TEST_OPTIONS "-DPGO=${profile}")
run_cmake(Kinds)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Kinds-build")
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Kinds-build)
run_cmake_build(Kinds-instrument --target pgo_instrument)
run_cmake_build(Kinds-train --target pgo_train)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)
unset(RunCMake_TEST_OPTIONS)

foreach(case IN ITEMS NoTrainings NoTargets)
  run_cmake(${case})
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/${case}-build")
  # Ninja prints a failing command's output on stdout, make on stderr.
  set(RunCMake_TEST_OUTPUT_MERGE 1)
  if(case STREQUAL "NoTargets")
    run_cmake_build(${case}-instrument --target pgo_instrument)
  else()
    run_cmake_build(${case}-train --target pgo_train)
  endif()
  unset(RunCMake_TEST_BINARY_DIR)
  unset(RunCMake_TEST_OUTPUT_MERGE)
endforeach()

# A scratch copy holding two default.profdata files.
set(src "${RunCMake_BINARY_DIR}/TargetDir-src")
file(REMOVE_RECURSE "${src}")
file(COPY "${RunCMake_SOURCE_DIR}/" DESTINATION "${src}")
file(COPY_FILE "${profile}" "${src}/default.profdata")
file(COPY_FILE "${profile}" "${src}/sub/default.profdata")
set(RunCMake_TEST_SOURCE_DIR "${src}")
run_cmake(TargetDir)
unset(RunCMake_TEST_SOURCE_DIR)

run_cmake_summary()
