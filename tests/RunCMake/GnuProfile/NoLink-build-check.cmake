include("${RunCMake_SOURCE_DIR}/gnu-checks.cmake")
pgo_expect_quiet_build()
pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT ${use_flags})
# The file in the way is left alone, and the compiles do not run through
# pgo cc (which would name the sources through the link).
file(READ "${dir}/pgo/source" content)
if(NOT content STREQUAL "not a link\n")
  string(APPEND RunCMake_TEST_FAILED "the file at pgo/source was changed\n")
endif()
file(READ "${dir}/CMakeFiles/rules.ninja" ninja)
if(ninja MATCHES "pgo/bin/pgo cc --tree ")
  string(APPEND RunCMake_TEST_FAILED "the GCC compiles run through pgo cc without the link\n")
endif()
