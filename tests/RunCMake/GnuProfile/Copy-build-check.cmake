include("${RunCMake_SOURCE_DIR}/gnu-checks.cmake")
pgo_expect_quiet_build()
# Another checkout: GCC finds the data of every function, static ones too
# (pgo cc names the sources relative to the tree, so their hashes and line
# checksums are those of the trained checkout).
gnu_expect_profiled("/lib\\.c$" "lib_step")
gnu_expect_profiled("/lib\\.c$" "lib_work")
gnu_expect_profiled("/main\\.c$" "main")
if(recompile_output MATCHES "source locations for function [^ ]* have changed")
  string(APPEND RunCMake_TEST_FAILED "GCC saw another path in the other checkout: ${recompile_output}\n")
endif()
# The compile lines run through pgo cc.
file(READ "${dir}/CMakeFiles/rules.ninja" ninja)
if(NOT ninja MATCHES "pgo/bin/pgo cc --tree ")
  string(APPEND RunCMake_TEST_FAILED "the GCC compiles do not run through pgo cc\n")
endif()
