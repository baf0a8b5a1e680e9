cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.8: a training run that fails, is killed or is interrupted, and a
# merge that fails, is killed or is interrupted, all leave the previous good
# profile byte-identical, both the trained one and the checked-in one; a
# half-written profile never shows at the checked-in path or at the path
# the ordinary build reads (<build>/pgo/use), not even when configure is
# interrupted while it checks a new profile.
pgo_require_program(INT_CLANG clang-14 HINT "apt-get install clang-14")
pgo_require_program(INT_REAL_PROFDATA llvm-profdata-14 HINT "apt-get install llvm-14")

set(INT_SRC "${RunCMake_BINARY_DIR}/proj")
set(INT_BUILD "${RunCMake_BINARY_DIR}/build")
set(INT_TOOLS "${RunCMake_BINARY_DIR}/tools")
file(REMOVE_RECURSE "${INT_SRC}" "${INT_TOOLS}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/main.c" "${RunCMake_SOURCE_DIR}/../fixtures/lib.c"
  DESTINATION "${INT_SRC}")
file(MAKE_DIRECTORY "${INT_TOOLS}")

# The interrupting helper (see interrupt.c).
execute_process(COMMAND "${INT_CLANG}" -O2 -o "${INT_TOOLS}/interrupt" "${RunCMake_SOURCE_DIR}/interrupt.c"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot build the interrupt helper: ${err}")
endif()
set(INT_INTERRUPT "${INT_TOOLS}/interrupt")
set(INT_MARKER "${INT_TOOLS}/reached")

# llvm-profdata as PGO_LLVM_PROFDATA_EXECUTABLE, with a fault on request:
# the first line of tools/mode names it, for merges into a temporary file
# (.pgo-tmp.*) of pgo_train (in pgo/) or of the profile check (in pgo/use/).
# Each fault
# first writes half a profile where llvm-profdata was told to write.
set(INT_MODE "${INT_TOOLS}/mode")
file(WRITE "${INT_MODE}" "")
set(INT_PROFDATA "${INT_TOOLS}/llvm-profdata")
file(WRITE "${INT_PROFDATA}" "#!/bin/sh
real='${INT_REAL_PROFDATA}'
mode=$(head -n 1 '${INT_MODE}')
out=''
prev=''
for a in \"$@\"; do
  [ \"$prev\" = -o ] && out=$a
  prev=$a
done
if [ \"$1\" = merge ] && [ -n \"$out\" ]; then
  case $mode:$out in
    fail:*/pgo/.pgo-tmp.*)
      printf 'half a profile' >\"$out\"
      echo 'error: simulated failure' >&2
      exit 1 ;;
    kill:*/pgo/.pgo-tmp.*)
      printf 'half a profile' >\"$out\"
      kill -KILL $$ ;;
    hang:*/pgo/.pgo-tmp.* | hang-check:*/pgo/use/.pgo-tmp.*)
      printf 'half a profile' >\"$out\"
      : >'${INT_MARKER}'
      sleep 60
      exit 1 ;;
  esac
fi
exec \"$real\" \"$@\"
")
file(CHMOD "${INT_PROFDATA}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(RunCMake_TEST_SOURCE_DIR "${INT_SRC}")
set(RunCMake_TEST_BINARY_DIR "${INT_BUILD}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DPGO_LLVM_PROFDATA_EXECUTABLE=${INT_PROFDATA}"
  "-DINTERRUPT_MARKER=${INT_MARKER}")
run_cmake(Interrupt)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Interrupt-train --target pgo_train)
run_cmake_build(Interrupt-update --target pgo_update)
run_cmake_build(Interrupt-build)

# What must survive every case below, byte for byte.
set(INT_TRAINED "${INT_BUILD}/pgo/train.profdata")
set(INT_DEFAULT "${INT_SRC}/default.profdata")
pgo_file_hash(INT_TRAINED_HASH "${INT_TRAINED}")
pgo_file_hash(INT_DEFAULT_HASH "${INT_DEFAULT}")
file(GLOB INT_COPIES "${INT_BUILD}/pgo/use/*.profdata")

# Training runs that die.
foreach(how IN ITEMS kill crash)
  run_cmake_command(Interrupt-${how}-configure "${CMAKE_COMMAND}" -DINTERRUPT_TRAINING=${how} .)
  run_cmake_build(Interrupt-${how} --target pgo_train)
endforeach()
# A training run interrupted by Ctrl-C (SIGINT to the build's process group).
run_cmake_command(Interrupt-sigint-configure "${CMAKE_COMMAND}" -DINTERRUPT_TRAINING=hang .)
run_cmake_command(Interrupt-sigint "${INT_INTERRUPT}" "${INT_MARKER}" INT "${CMAKE_COMMAND}" --build . --target pgo_train)
run_cmake_command(Interrupt-merge-configure "${CMAKE_COMMAND}" -DINTERRUPT_TRAINING= .)

# Merges that fail, are killed, are interrupted.
foreach(how IN ITEMS fail kill)
  file(WRITE "${INT_MODE}" "${how}\n")
  run_cmake_build(Interrupt-merge-${how} --target pgo_train)
endforeach()
file(WRITE "${INT_MODE}" "hang\n")
run_cmake_command(Interrupt-merge-sigint "${INT_INTERRUPT}" "${INT_MARKER}" INT "${CMAKE_COMMAND}" --build . --target pgo_train)
file(WRITE "${INT_MODE}" "")

# Configure interrupted while it checks a changed default.profdata.
set(INT_NEW "${RunCMake_BINARY_DIR}/new.profdata")
execute_process(COMMAND "${INT_REAL_PROFDATA}" merge -o "${INT_NEW}" --weighted-input=3,${INT_DEFAULT})
pgo_copy_if_different("${INT_NEW}" "${INT_DEFAULT}")
pgo_file_hash(INT_DEFAULT_HASH "${INT_DEFAULT}")
file(WRITE "${INT_MODE}" "hang-check\n")
run_cmake_command(Interrupt-check-sigint "${INT_INTERRUPT}" "${INT_MARKER}" INT "${CMAKE_COMMAND}" .)
file(WRITE "${INT_MODE}" "")
# The next build checks it properly and uses it.
run_cmake_build(Interrupt-check-after)
# And training works again.
run_cmake_build(Interrupt-recover --target pgo_train)

run_cmake_summary()
