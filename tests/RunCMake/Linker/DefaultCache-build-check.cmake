# PGO_LINKER=default with the cache: GNU ld's plugin fills it too.
include("${RunCMake_SOURCE_DIR}/link-line.cmake")
expect("app link" "${app_link}" "-Wl,--plugin-opt=cache-dir=(\\.\\./)*pgo/lto-cache" TRUE)
if(NOT cache_entries)
  string(APPEND RunCMake_TEST_FAILED "the link left nothing in pgo/lto-cache\n")
endif()
