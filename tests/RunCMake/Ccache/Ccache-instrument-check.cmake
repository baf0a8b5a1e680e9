# -fprofile-generate=<dir> and the package's -mllvm flags are cacheable. The
# instrumented tree compiles the two sources and the window helper.
cc_stats()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}/pgo/instrument" "/lib\\.c$" PRESENT "-fprofile-generate=")
if(NOT CC_cache_miss EQUAL 3 OR NOT CC_unsupported_compiler_option EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "expected 3 misses, none unsupported: ${_cc_stats}\n")
endif()
