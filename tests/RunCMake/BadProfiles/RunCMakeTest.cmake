cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.3: every profile is checked before a compile uses it. With
# PGO=auto a bad default.profdata gives one warning that names the file and
# the reason, and a plain build that succeeds; an explicit PGO=<file> gives
# a configure error with the file, the reason and the fix. The compiler
# never sees a bad file (clang crashes on some of them).
pgo_require_program(BAD_CLANG14 clang-14 HINT "apt-get install clang-14")
pgo_require_program(BAD_PROFDATA14 llvm-profdata-14 HINT "apt-get install llvm-14")
pgo_require_program(BAD_CLANG19 clang-19 HINT "apt-get install clang-19 libclang-rt-19-dev: a profile in a newer format" OPTIONAL)
pgo_require_program(BAD_PROFDATA19 llvm-profdata-19 HINT "apt-get install llvm-19" OPTIONAL)
pgo_require_program(BAD_GCC gcc HINT "apt-get install gcc: a GCC .gcda file" OPTIONAL)

set(BAD_SRC "${RunCMake_BINARY_DIR}/proj")
set(BAD "${RunCMake_BINARY_DIR}/bad")
file(REMOVE_RECURSE "${BAD_SRC}" "${BAD}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/BadProfiles.cmake"
  "${RunCMake_SOURCE_DIR}/../fixtures/main.c" "${RunCMake_SOURCE_DIR}/../fixtures/lib.c" DESTINATION "${BAD_SRC}")
file(MAKE_DIRECTORY "${BAD}")

# The bad files, made here from good ones (only garbage.profdata is checked
# in: random bytes).
set(sources "${BAD_SRC}/main.c" "${BAD_SRC}/lib.c")
pgo_make_profile("${BAD}/good.profdata" COMPILER "${BAD_CLANG14}" PROFDATA "${BAD_PROFDATA14}"
  SOURCES ${sources} ARGS 100 RAW "${BAD}/raw.profdata")
pgo_make_profile("${BAD}/newer.profdata" COMPILER "${BAD_CLANG19}" PROFDATA "${BAD_PROFDATA19}"
  SOURCES ${sources} ARGS 100)
file(WRITE "${BAD}/empty.profdata" "")
# Cut short: inside the header, and at the end of the function table.
execute_process(COMMAND head -c 40 "${BAD}/good.profdata" OUTPUT_FILE "${BAD}/short.profdata")
file(SIZE "${BAD}/good.profdata" size)
math(EXPR size "${size} - 16")
execute_process(COMMAND head -c ${size} "${BAD}/good.profdata" OUTPUT_FILE "${BAD}/truncated.profdata")
# Junk inside an intact frame: llvm-profdata (and clang) crash on it.
execute_process(COMMAND sh -c "head -c 40 good.profdata; printf AAAAAAAAAAAAAAAAAAAA; tail -c +61 good.profdata"
  WORKING_DIRECTORY "${BAD}" OUTPUT_FILE "${BAD}/corrupt.profdata")
# A well-formed profile without a single function.
file(WRITE "${BAD}/nofunctions.proftext" ":ir\n")
execute_process(COMMAND "${BAD_PROFDATA14}" merge -o "${BAD}/nofunctions.profdata" "${BAD}/nofunctions.proftext")
file(COPY_FILE "${RunCMake_SOURCE_DIR}/garbage.profdata" "${BAD}/garbage.profdata")
file(WRITE "${BAD}/text.profdata" "This is not a profile.\n")
execute_process(COMMAND "${BAD_PROFDATA14}" merge --text -o "${BAD}/proftext.profdata" "${BAD}/good.profdata")
file(MAKE_DIRECTORY "${BAD}/gcc")
execute_process(COMMAND "${BAD_GCC}" -O2 -fprofile-generate ${sources} -o "${BAD}/gcc/prog" WORKING_DIRECTORY "${BAD}/gcc")
execute_process(COMMAND "${BAD}/gcc/prog" 100 WORKING_DIRECTORY "${BAD}/gcc" OUTPUT_QUIET)
file(GLOB gcda "${BAD}/gcc/*.gcda")
list(GET gcda 0 gcda)
file(COPY_FILE "${gcda}" "${BAD}/gcda.profdata")
file(MAKE_DIRECTORY "${BAD}/directory.profdata")
# A symbolic link to nothing (a checkout whose target was not fetched).
file(CREATE_LINK "${BAD}/nothing-here.profdata" "${BAD}/dangling.profdata" SYMBOLIC)

# The fixtures are what they claim to be: the good profile is fine, and
# clang itself fails (or crashes) on a truncated and the corrupt file.
execute_process(COMMAND "${BAD_CLANG14}" -O2 "-fprofile-use=${BAD}/good.profdata" -c "${BAD_SRC}/lib.c" -o "${BAD}/good.o"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clang-14 rejects the good profile: ${err}")
endif()
foreach(kind IN ITEMS short corrupt)
  execute_process(COMMAND "${BAD_CLANG14}" -O2 "-fprofile-use=${BAD}/${kind}.profdata" -c "${BAD_SRC}/lib.c" -o "${BAD}/${kind}.o"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(rc EQUAL 0)
    message(FATAL_ERROR "clang-14 accepts ${BAD}/${kind}.profdata, which this test takes for bad")
  endif()
endforeach()

set(kinds empty short truncated corrupt nofunctions garbage text proftext raw gcda directory newer dangling)
set(RunCMake_TEST_SOURCE_DIR "${BAD_SRC}")
foreach(kind IN LISTS kinds)
  # PGO=auto reads default.profdata beside the project.
  file(REMOVE_RECURSE "${BAD_SRC}/default.profdata")
  if(kind STREQUAL "directory")
    file(MAKE_DIRECTORY "${BAD_SRC}/default.profdata")
  elseif(kind STREQUAL "dangling")
    file(CREATE_LINK "${BAD}/nothing-here.profdata" "${BAD_SRC}/default.profdata" SYMBOLIC)
  else()
    file(COPY_FILE "${BAD}/${kind}.profdata" "${BAD_SRC}/default.profdata")
  endif()
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Auto-${kind}-build")
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
  run_cmake(Auto-${kind})
  set(RunCMake_TEST_NO_CLEAN 1)
  run_cmake_build(Auto-${kind}-build)
  unset(RunCMake_TEST_NO_CLEAN)
  unset(RunCMake_TEST_BINARY_DIR)

endforeach()
file(REMOVE_RECURSE "${BAD_SRC}/default.profdata")

# PGO=<file>: one build tree, configured again for each file (as a user
# would after the error).
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Explicit-build")
file(REMOVE_RECURSE "${RunCMake_TEST_BINARY_DIR}")
set(RunCMake_TEST_NO_CLEAN 1)
foreach(kind IN LISTS kinds ITEMS missing)
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DPGO=${BAD}/${kind}.profdata")
  run_cmake(Explicit-${kind})
endforeach()
# A relative PGO is relative to the top-level source directory.
set(RunCMake_TEST_OPTIONS "-DPGO=profiles/missing.profdata")
run_cmake(Explicit-relative)
unset(RunCMake_TEST_OPTIONS)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)

# The good profile, for contrast: used by both targets, no message.
file(COPY_FILE "${BAD}/good.profdata" "${BAD_SRC}/default.profdata")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
run_cmake(Auto-good)

run_cmake_summary()
