# lld of clang's own version, jobs, and a cache that the link filled.
include("${RunCMake_SOURCE_DIR}/link-line.cmake")
expect("app link" "${app_link}" "--ld-path=[^ ]*ld\\.lld" TRUE)
expect("app link" "${app_link}" "-Wl,--thinlto-jobs=[1-9]" TRUE)
expect("app link" "${app_link}" "-Wl,--thinlto-cache-dir=(\\.\\./)*pgo/lto-cache" TRUE)
expect("app linker" "${app_linker}" "LLD ${CLANG_MAJOR}$" TRUE)
if(NOT cache_entries)
  string(APPEND RunCMake_TEST_FAILED "the link left nothing in pgo/lto-cache\n")
endif()
