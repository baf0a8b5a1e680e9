# The ordinary build uses the profile pgo_update just wrote.
if(NOT EXISTS "${RunCMake_TEST_SOURCE_DIR}/default.profdata")
  string(APPEND RunCMake_TEST_FAILED "pgo_update wrote no default.profdata in ${RunCMake_TEST_SOURCE_DIR}\n")
endif()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "-fprofile-use=")
pgo_counted_functions(counted "${RunCMake_TEST_SOURCE_DIR}/default.profdata")
if(NOT counted MATCHES "(^|;)lib_work(;|$)")
  string(APPEND RunCMake_TEST_FAILED "lib_work has no counts in the trained profile (counted: ${counted})\n")
endif()
