include("${RunCMake_SOURCE_DIR}/gnu-checks.cmake")
pgo_expect_quiet_build()
# Another checkout: GCC finds the data of every global function (its line
# checksum differs, the counts apply), not that of static ones.
gnu_expect_profiled("/lib\\.c$" "lib_work")
gnu_expect_profiled("/main\\.c$" "main")
if(NOT recompile_output MATCHES "source locations for function [^ ]*main[^ ]* have changed")
  string(APPEND RunCMake_TEST_FAILED "expected GCC to see the other checkout's path: ${recompile_output}\n")
endif()
