pgo_counted_functions(counted "${RunCMake_TEST_BINARY_DIR}/pgo/train.profdata")
if(NOT counted MATCHES "(^|;)lib_value(;|$)")
  string(APPEND RunCMake_TEST_FAILED "lib_value of the archive has no counts (counted: ${counted})\n")
endif()
