include("${RunCMake_SOURCE_DIR}/gnu-checks.cmake")
pgo_expect_quiet_build()
set(GNU_CASE add)
include("${RunCMake_SOURCE_DIR}/gnu-stale.cmake")
