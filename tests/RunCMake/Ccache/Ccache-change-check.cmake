# A new profile: app's two objects and the new profile's record miss;
# tool's is not compiled at all.
cc_stats()
pgo_expect_compiled(app/main.c app/lib.c pgo-note CONFIGURED)
if(NOT CC_cache_miss EQUAL 3 OR NOT CC_hits EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "expected 3 misses and no hit: ${_cc_stats}\n")
endif()
