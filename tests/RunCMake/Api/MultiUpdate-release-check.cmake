if(NOT EXISTS "${RunCMake_TEST_SOURCE_DIR}/default.profdata")
  string(APPEND RunCMake_TEST_FAILED "pgo_update --config Release wrote no default.profdata\n")
endif()
