if(NOT EXISTS "${RunCMake_TEST_BINARY_DIR}/pgo/optimize/app")
  string(APPEND RunCMake_TEST_FAILED "no pgo/optimize/app\n")
endif()
