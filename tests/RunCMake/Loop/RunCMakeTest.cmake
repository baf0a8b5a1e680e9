include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)

# One project goes through the whole loop in one build tree; its sources
# are a scratch copy, since pgo_update writes default.profdata beside them.
set(LOOP_SRC "${RunCMake_BINARY_DIR}/src")
set(LOOP_BUILD "${RunCMake_BINARY_DIR}/build")
file(REMOVE_RECURSE "${LOOP_SRC}")
file(COPY "${RunCMake_SOURCE_DIR}/" DESTINATION "${LOOP_SRC}")
set(RunCMake_TEST_SOURCE_DIR "${LOOP_SRC}")
set(RunCMake_TEST_BINARY_DIR "${LOOP_BUILD}")

set(configs Release)
if(RunCMake_GENERATOR MATCHES "Multi-Config")
  set(LOOP_MULTI TRUE)
  # Both configurations go through the loop in the same tree.
  set(configs Release RelWithDebInfo)
  set(RunCMake_TEST_OPTIONS -DLOOP_CONFIGURATION_TYPES=Release,RelWithDebInfo -DLOOP_VALUE=7)
  list(APPEND RunCMake_TEST_OPTIONS "-DCMAKE_TOOLCHAIN_FILE=${LOOP_SRC}/toolchain.cmake")
else()
  set(LOOP_MULTI FALSE)
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DLOOP_VALUE=7)
  list(APPEND RunCMake_TEST_OPTIONS "-DCMAKE_TOOLCHAIN_FILE=${LOOP_SRC}/toolchain.cmake")
endif()
run_cmake(Loop)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)

foreach(LOOP_CONFIG IN LISTS configs)
  if(LOOP_MULTI)
    set(build_config --config ${LOOP_CONFIG})
    set(test_config -C ${LOOP_CONFIG})
    set(LOOP_PROFILE "${LOOP_BUILD}/pgo/${LOOP_CONFIG}/train.profdata")
    set(LOOP_APP "${LOOP_BUILD}/${LOOP_CONFIG}/app")
    set(LOOP_PHASE_APP "${LOOP_CONFIG}/app")
  else()
    set(build_config "")
    set(test_config "")
    set(LOOP_PROFILE "${LOOP_BUILD}/pgo/train.profdata")
    set(LOOP_APP "${LOOP_BUILD}/app")
    set(LOOP_PHASE_APP "app")
  endif()
  file(REMOVE "${LOOP_SRC}/default.profdata")
  run_cmake_command(Loop-reconfigure "${CMAKE_COMMAND}" .)
  run_cmake_build(Loop-build ${build_config})
  pgo_file_hash(LOOP_APP_HASH "${LOOP_APP}")
  run_cmake_command(Loop-smoke "${CMAKE_CTEST_COMMAND}" ${test_config} -L pgo-train)
  run_cmake_build(Loop-instrument ${build_config} --target pgo_instrument)
  run_cmake_build(Loop-train ${build_config} --target pgo_train)
  run_cmake_build(Loop-optimize ${build_config} --target pgo_optimize)
  run_cmake_build(Loop-update ${build_config} --target pgo_update)
  run_cmake_build(Loop-use ${build_config})
  run_cmake_build(Loop-noop ${build_config})
endforeach()

# Asked for together, in parallel: one training at a time, and the update
# installs what was trained.
run_cmake_build(Loop-train-update ${build_config} --parallel 2 --target pgo_train pgo_update)

# Training run failures never touch the last good profile.
pgo_file_hash(LOOP_PROFILE_HASH "${LOOP_PROFILE}")
run_cmake_command(Loop-fail-configure "${CMAKE_COMMAND}" -DLOOP_FAIL=ON .)
run_cmake_build(Loop-fail ${build_config} --target pgo_train)
run_cmake_command(Loop-noprofile-configure "${CMAKE_COMMAND}" -DLOOP_FAIL=OFF -DLOOP_NOPROFILE=ON .)
run_cmake_build(Loop-noprofile ${build_config} --target pgo_train)
run_cmake_command(Loop-fixed-configure "${CMAKE_COMMAND}" -DLOOP_NOPROFILE=OFF .)

# ctest on its own in the instrumented tree clears, trains and merges.
run_cmake_build(Loop-instrument-again ${build_config} --target pgo_instrument)
file(REMOVE "${LOOP_PROFILE}")
run_cmake_command(Loop-ctest "${CMAKE_CTEST_COMMAND}" --test-dir pgo/instrument ${test_config} -L pgo-train -j2)
# What a kill -9 in the middle of a merge or a check leaves behind.
file(WRITE "${LOOP_BUILD}/pgo/.pgo-tmp.999999.1.profdata" "half")
file(WRITE "${LOOP_BUILD}/pgo/use/.pgo-tmp.999999.2" "half")
run_cmake_build(Loop-clean ${build_config} --target pgo_clean)

run_cmake_summary()
