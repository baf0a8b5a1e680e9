cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../RunCMake.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../ProfileChecks.cmake)

# Issue 3.4: llvm-profdata discovery takes the one of the compiler's major
# version (beside the compiler's resolved path, then llvm-profdata-<major>,
# then llvm-profdata), checks its version, and PGO_LLVM_PROFDATA_EXECUTABLE
# overrides it; a mismatch gives one message. clang-14 and clang-19 are
# installed side by side, and each gets a profile of the other.
pgo_require_program(TC_CLANG14 clang-14 HINT "apt-get install clang-14")
pgo_require_program(TC_PROFDATA14 llvm-profdata-14 HINT "apt-get install llvm-14")
pgo_require_program(TC_CLANG19 clang-19 HINT "apt-get install clang-19 libclang-rt-19-dev" OPTIONAL)
pgo_require_program(TC_PROFDATA19 llvm-profdata-19 HINT "apt-get install llvm-19" OPTIONAL)

set(TC "${RunCMake_BINARY_DIR}/tc")
set(TC_SRC "${RunCMake_BINARY_DIR}/proj")
file(REMOVE_RECURSE "${TC}" "${TC_SRC}")
file(MAKE_DIRECTORY "${TC}")
file(COPY "${RunCMake_SOURCE_DIR}/CMakeLists.txt" "${RunCMake_SOURCE_DIR}/Toolchains.cmake"
  "${RunCMake_SOURCE_DIR}/../fixtures/main.c" "${RunCMake_SOURCE_DIR}/../fixtures/lib.c" DESTINATION "${TC_SRC}")
set(RunCMake_TEST_SOURCE_DIR "${TC_SRC}")

# Profiles of the project, one per compiler.
foreach(major IN ITEMS 14 19)
  pgo_make_profile("${TC}/clang${major}.profdata" COMPILER "${TC_CLANG${major}}" PROFDATA "${TC_PROFDATA${major}}"
    SOURCES "${TC_SRC}/main.c" "${TC_SRC}/lib.c" ARGS 100)
endforeach()

# An executable shell script; its own path is its resolved path.
function(tc_script path body)
  get_filename_component(dir "${path}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${path}" "#!/bin/sh\n${body}\n")
  file(CHMOD "${path}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endfunction()

# clang-19 finds llvm-19's llvm-profdata and builds with a clang-19 profile.
set(RunCMake_TEST_C_COMPILER "${TC_CLANG19}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DPGO=${TC}/clang19.profdata")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Clang19-build")
run_cmake(Clang19)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Clang19-build)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)

# A clang-14 profile given to clang-19: readable, but of an older format.
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DPGO=${TC}/clang14.profdata")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Clang19-older-build")
run_cmake(Clang19-older)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Clang19-older-build)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)

# A clang-19 profile given to clang-14, explicitly and as default.profdata.
set(RunCMake_TEST_C_COMPILER "${TC_CLANG14}")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release "-DPGO=${TC}/clang19.profdata")
run_cmake(Clang14-newer)
file(COPY_FILE "${TC}/clang19.profdata" "${TC_SRC}/default.profdata")
set(RunCMake_TEST_OPTIONS -DCMAKE_BUILD_TYPE=Release)
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/Clang14-newer-auto-build")
run_cmake(Clang14-newer-auto)
set(RunCMake_TEST_NO_CLEAN 1)
run_cmake_build(Clang14-newer-auto-build)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)
file(REMOVE "${TC_SRC}/default.profdata")
unset(RunCMake_TEST_OPTIONS)

# The sibling of the compiler comes first...
tc_script("${TC}/sibling/clang" "exec '${TC_CLANG14}' \"$@\"")
tc_script("${TC}/sibling/llvm-profdata" "exec /usr/lib/llvm-14/bin/llvm-profdata \"$@\"")
set(RunCMake_TEST_C_COMPILER "${TC}/sibling/clang")
run_cmake(Sibling)
# ... but only when its version matches: then llvm-profdata-<major>.
tc_script("${TC}/wrong/clang" "exec '${TC_CLANG14}' \"$@\"")
tc_script("${TC}/wrong/llvm-profdata" "exec /usr/lib/llvm-19/bin/llvm-profdata \"$@\"")
set(RunCMake_TEST_C_COMPILER "${TC}/wrong/clang")
run_cmake(WrongSibling)
# The sibling of the resolved path: not of a symlink to the compiler.
file(MAKE_DIRECTORY "${TC}/link")
file(CREATE_LINK "${TC_CLANG19}" "${TC}/link/cc" SYMBOLIC)
tc_script("${TC}/link/llvm-profdata" "exec /usr/lib/llvm-19/bin/llvm-profdata \"$@\"")
set(RunCMake_TEST_C_COMPILER "${TC}/link/cc")
run_cmake(Symlink)
# No llvm-profdata of the compiler's version at all (this clang claims 99).
tc_script("${TC}/future/clang" "for a in \"$@\"; do [ \"$a\" = -dumpversion ] && { echo 99.0.0; exit 0; }; done\nexec '${TC_CLANG14}' \"$@\"")
set(RunCMake_TEST_C_COMPILER "${TC}/future/clang")
run_cmake(NoMatch)

# PGO_LLVM_PROFDATA_EXECUTABLE overrides the search, and is checked.
set(RunCMake_TEST_C_COMPILER "${TC_CLANG14}")
set(RunCMake_TEST_OPTIONS "-DPGO_LLVM_PROFDATA_EXECUTABLE=${TC_PROFDATA14}")
run_cmake(Override)
set(RunCMake_TEST_OPTIONS "-DPGO_LLVM_PROFDATA_EXECUTABLE=${TC_PROFDATA19}")
set(RunCMake_TEST_BINARY_DIR "${RunCMake_BINARY_DIR}/OverrideMismatch-build")
run_cmake(OverrideMismatch)
set(RunCMake_TEST_NO_CLEAN 1)
# Ninja shows a failing command's stderr on its stdout, Make does not.
set(RunCMake_TEST_OUTPUT_MERGE 1)
run_cmake_build(OverrideMismatch-train --target pgo_train)
unset(RunCMake_TEST_OUTPUT_MERGE)
# Clearing the override brings back the search.
run_cmake_command(OverrideCleared "${CMAKE_COMMAND}" -UPGO_LLVM_PROFDATA_EXECUTABLE .)
unset(RunCMake_TEST_NO_CLEAN)
unset(RunCMake_TEST_BINARY_DIR)
set(RunCMake_TEST_OPTIONS "-DPGO_LLVM_PROFDATA_EXECUTABLE=${TC_PROFDATA19}" -DTOOLCHAINS_REQUIRED=ON)
run_cmake(OverrideMismatchRequired)
set(RunCMake_TEST_OPTIONS "-DPGO_LLVM_PROFDATA_EXECUTABLE=/bin/true")
run_cmake(OverrideBroken)
unset(RunCMake_TEST_OPTIONS)

run_cmake_summary()
