# The same build again, from a clean tree: every object comes from the cache.
cc_stats()
if(NOT CC_hits EQUAL 4 OR NOT CC_cache_miss EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "expected 4 hits and no miss: ${_cc_stats}\n")
endif()
