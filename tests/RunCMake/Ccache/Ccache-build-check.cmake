# The first build: four objects (app's two, tool's, the profile's record),
# all new to the cache.
cc_stats()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "-fprofile-use=")
if(NOT CC_cache_miss EQUAL 4 OR NOT CC_hits EQUAL 0 OR NOT CC_unsupported_compiler_option EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "expected 4 misses and no hit: ${_cc_stats}\n")
endif()
