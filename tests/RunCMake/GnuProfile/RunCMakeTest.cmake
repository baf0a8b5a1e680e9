cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 13: GCC 10+ gets the whole loop. find_package(PGO REQUIRED) finds
# it; pgo_update writes one archive file; ordinary builds use it under
# -Werror, quietly, in this checkout and in a copy elsewhere; every stale
# case builds quietly; bad files are one warning and a plain build; a
# changed profile rebuilds exactly the opted-in objects; per-compiler
# profiles in pgo/; clang for C with g++ for C++ is one line and plain.
pgo_require_program(GNU_GCC gcc-12 HINT "apt-get install gcc-12")
pgo_require_program(GNU_GXX g++-12 HINT "apt-get install g++-12")
pgo_require_program(GNU_CLANG clang-14 HINT "apt-get install clang-14")
pgo_require_program(GNU_PROFDATA llvm-profdata-14 HINT "apt-get install llvm-14")

set(GNU_SRC "${RunCMake_BINARY_DIR}/proj")
set(GNU_BUILD "${RunCMake_BINARY_DIR}/build")
file(REMOVE_RECURSE "${GNU_SRC}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/../fixtures/main.c"
  "${RunCMake_SOURCE_DIR}/../fixtures/lib.c" "${RunCMake_SOURCE_DIR}/extra.cpp" DESTINATION "${GNU_SRC}")
set(GNU_ENGINE "${GNU_BUILD}/pgo/bin/pgo")
set(RunCMake_TEST_SOURCE_DIR "${GNU_SRC}")
set(RunCMake_TEST_BINARY_DIR "${GNU_BUILD}")
set(RunCMake_TEST_C_COMPILER "${GNU_GCC}")
set(RunCMake_TEST_CXX_COMPILER "${GNU_GXX}")

# The loop, in a -Werror project that requires PGO.
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_REQUIRED=REQUIRED "-DCMAKE_C_FLAGS=-Wall -Werror")
run_cmake(Loop)
set(RunCMake_TEST_NO_CLEAN 1)
unset(RunCMake_TEST_OPTIONS)
run_cmake_build(Loop-instrument --target pgo_instrument)
run_cmake_build(Loop-update --target pgo_update)
run_cmake_build(Loop-use)
run_cmake_build(Loop-optimize --target pgo_optimize)
set(RunCMake_TEST_ENV PGO_COMPARE_ROUNDS=1)
run_cmake_build(Loop-compare --target pgo_compare)
unset(RunCMake_TEST_ENV)

# Stale sources: each case edits the checkout and builds incrementally.
file(READ "${GNU_SRC}/lib.c" GNU_LIB)
file(READ "${GNU_SRC}/main.c" GNU_MAIN)
function(gnu_stale case lib)
  pgo_write_if_different("${GNU_SRC}/lib.c" "${lib}")
  set(RunCMake_TEST_NO_CLEAN 1)
  run_cmake_build(Stale-${case})
  set(RunCMake_PASSED ${RunCMake_PASSED} PARENT_SCOPE)
  set(RunCMake_FAILED ${RunCMake_FAILED} PARENT_SCOPE)
  set(RunCMake_FAILED_NAMES "${RunCMake_FAILED_NAMES}" PARENT_SCOPE)
endfunction()
gnu_stale(comment "/* a comment line inserted at the top */\n${GNU_LIB}")
string(REPLACE "i % 3 ? acc + i : acc ^ i" "i % 5 ? (i % 7 ? acc + i : acc - 1) : acc ^ i" edited "${GNU_LIB}")
gnu_stale(edit "${edited}")
string(REPLACE "lib_step" "lib_next" renamed "${GNU_LIB}")
gnu_stale(rename "${renamed}")
string(REPLACE "long lib_work(long n)" "long lib_added(long n) { return n > 1 ? n * lib_added(n - 1) : 1; }\n\nlong lib_work(long n)" added "${GNU_LIB}")
gnu_stale(add "${added}")
string(REPLACE "acc = lib_step(i, acc);" "acc += i;" removed "${GNU_LIB}")
string(REGEX REPLACE "__attribute__[^}]*}\n" "" removed "${removed}")
gnu_stale(remove "${removed}")
# A new file: the configure adds it to app.
file(WRITE "${GNU_SRC}/new.c" "long lib_new(long n) { return n ? n - 1 : 0; }\n")
gnu_stale(newfile "${GNU_LIB}")
file(REMOVE "${GNU_SRC}/new.c")
gnu_stale(back "${GNU_LIB}")

# Another program's profile as default.profdata: quiet, and nothing used.
set(other "${RunCMake_BINARY_DIR}/other")
file(REMOVE_RECURSE "${other}")
file(MAKE_DIRECTORY "${other}/obj")
file(WRITE "${other}/other.c" "int other(int x) { return x * 3; }\nint main(void) { return other(1) - 3; }\n")
execute_process(COMMAND "${GNU_GCC}" -O2 -fprofile-generate "-fprofile-dir=${other}/raw" "-fprofile-prefix-path=${other}"
  -c "${other}/other.c" -o obj/other.o WORKING_DIRECTORY "${other}" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${GNU_GCC}" -fprofile-generate obj/other.o -o other WORKING_DIRECTORY "${other}" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${other}/other" COMMAND_ERROR_IS_FATAL ANY)
file(WRITE "${other}/raw/run.ok" "")
execute_process(COMMAND "${GNU_ENGINE}" merge --kind gcc -o "${other}/other.profdata" --raw-dir "${other}/raw" run
  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
file(COPY_FILE "${GNU_SRC}/default.profdata" "${RunCMake_BINARY_DIR}/trained.profdata")
file(COPY_FILE "${other}/other.profdata" "${GNU_SRC}/default.profdata")
run_cmake_build(Stale-other)

# A changed profile rebuilds app's objects and nothing else.
file(COPY_FILE "${RunCMake_BINARY_DIR}/trained.profdata" "${GNU_SRC}/default.profdata")
run_cmake_build(Rebuild)
run_cmake_build(Rebuild-noop)

# The same profile in a copy of the checkout, built elsewhere.
set(copy "${RunCMake_BINARY_DIR}/copy/checkout")
file(REMOVE_RECURSE "${RunCMake_BINARY_DIR}/copy")
file(MAKE_DIRECTORY "${copy}")
file(COPY "${GNU_SRC}/" DESTINATION "${copy}")
set(RunCMake_TEST_SOURCE_DIR "${copy}")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/copy/out")
unset(RunCMake_TEST_NO_CLEAN)
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=-Wall -Werror")
run_cmake(Copy)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Copy-build)

# A file where the source link goes: one line, and the profile is used
# (the compiles name absolute paths: statics keep data in this checkout).
set(RunCMake_TEST_SOURCE_DIR "${GNU_SRC}")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/NoLink-build")
file(REMOVE_RECURSE "${RunCMake_TEST_BINARY_DIR}")
file(MAKE_DIRECTORY "${RunCMake_TEST_BINARY_DIR}/pgo")
file(WRITE "${RunCMake_TEST_BINARY_DIR}/pgo/source" "not a link\n")
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake(NoLink)
run_cmake_build(NoLink-build)
unset(RunCMake_TEST_NO_CLEAN)

# Bad files in the checkout: one warning each, a plain build.
set(bad "${RunCMake_BINARY_DIR}/bad")
file(REMOVE_RECURSE "${bad}")
file(MAKE_DIRECTORY "${bad}/dir.profdata" "${bad}/raw11")
file(WRITE "${bad}/empty.profdata" "")
file(WRITE "${bad}/garbage.profdata" "not a profile at all\n")
execute_process(COMMAND head -c 150 "${RunCMake_BINARY_DIR}/trained.profdata"
  OUTPUT_FILE "${bad}/truncated.profdata" COMMAND_ERROR_IS_FATAL ANY)
pgo_make_profile("${bad}/llvm.profdata" COMPILER "${GNU_CLANG}" PROFDATA "${GNU_PROFDATA}"
  SOURCES "${GNU_SRC}/main.c" "${GNU_SRC}/lib.c" ARGS 100)
# What GCC 11 writes: the version word "B11*" ("*11B" on disk).
file(WRITE "${bad}/raw11/main.c.gcda" "adcg*11B-counts-")
file(WRITE "${bad}/raw11/run.ok" "")
execute_process(COMMAND "${GNU_ENGINE}" merge --kind gcc -o "${bad}/gcc11.profdata" --raw-dir "${bad}/raw11" run
  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
set(RunCMake_TEST_SOURCE_DIR "${GNU_SRC}")
foreach(case IN ITEMS empty garbage truncated llvm gcc11 dir)
  set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Bad-${case}-build")
  set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=-Wall -Werror" "-DPGO=${bad}/${case}.profdata")
  unset(RunCMake_TEST_NO_CLEAN)
  set(RunCMake_TEST_OUTPUT_MERGE 1)
  run_cmake(Bad-${case})
  unset(RunCMake_TEST_OUTPUT_MERGE)
endforeach()
# In auto mode a bad default.profdata is one warning and a plain build.
file(COPY_FILE "${bad}/llvm.profdata" "${GNU_SRC}/default.profdata")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Auto-llvm-build")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=-Wall -Werror")
run_cmake(Auto-llvm)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Auto-llvm-build)
unset(RunCMake_TEST_NO_CLEAN)

# One profile per compiler: with a pgo/ folder, GCC reads only
# pgo/gcc-12.profdata (not default.profdata, nor clang's), and pgo_update
# writes it.
file(MAKE_DIRECTORY "${GNU_SRC}/pgo")
file(COPY_FILE "${bad}/llvm.profdata" "${GNU_SRC}/pgo/clang-14.profdata")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/PerCompiler-build")
run_cmake(PerCompiler)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(PerCompiler-update --target pgo_update)
run_cmake_build(PerCompiler-use)
unset(RunCMake_TEST_NO_CLEAN)
file(REMOVE_RECURSE "${GNU_SRC}/pgo")

# clang for C, g++ for C++: one line, and neither gets a flag.
set(RunCMake_TEST_C_COMPILER "${GNU_CLANG}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_LANGS=MIXED)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Mixed-build")
run_cmake(Mixed)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Mixed-build)
unset(RunCMake_TEST_NO_CLEAN)
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release -DGNU_LANGS=MIXED -DGNU_REQUIRED=REQUIRED)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/MixedRequired-build")
run_cmake(MixedRequired)

# GCC older than 10 (a wrapper that says it is 9): one line, a plain build.
set(gcc9 "${RunCMake_BINARY_DIR}/gcc9")
file(WRITE "${gcc9}" "#!/bin/sh\nexec '${GNU_GCC}' -U__GNUC__ -D__GNUC__=9 \"$@\"\n")
file(CHMOD "${gcc9}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(RunCMake_TEST_C_COMPILER "${gcc9}")
unset(RunCMake_TEST_CXX_COMPILER)
file(COPY_FILE "${RunCMake_BINARY_DIR}/trained.profdata" "${GNU_SRC}/default.profdata")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=-Wall -Werror")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Gcc9-build")
run_cmake(Gcc9)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Gcc9-build)
unset(RunCMake_TEST_NO_CLEAN)

run_cmake_summary()
