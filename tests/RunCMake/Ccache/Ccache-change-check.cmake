# A new profile: app's two objects miss; tool's is not compiled at all.
cc_stats()
pgo_expect_compiled(app/main.c app/lib.c CONFIGURED)
if(NOT CC_cache_miss EQUAL 2 OR NOT CC_hits EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "expected 2 misses and no hit: ${_cc_stats}\n")
endif()
