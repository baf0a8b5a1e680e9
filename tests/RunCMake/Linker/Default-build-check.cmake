# PGO_LINKER=default PGO_LTO_JOBS=3 PGO_LTO_CACHE=OFF: GNU ld with the
# plugin, three jobs, no cache.
include("${RunCMake_SOURCE_DIR}/link-line.cmake")
expect("app link" "${app_link}" "ld-path" FALSE)
expect("app link" "${app_link}" "-Wl,--plugin-opt=jobs=3" TRUE)
expect("app link" "${app_link}" "cache-dir" FALSE)
expect("app linker" "${app_linker}" "LLD" FALSE)
if(cache_entries)
  string(APPEND RunCMake_TEST_FAILED "PGO_LTO_CACHE=OFF, but pgo/lto-cache was filled\n")
endif()
