# The engine built from the package's own sources did the training.
if(NOT EXISTS "${RunCMake_TEST_BINARY_DIR}/pgo/train.profdata")
  string(APPEND RunCMake_TEST_FAILED "no trained profile\n")
endif()
if(NOT EXISTS "${RunCMake_TEST_BINARY_DIR}/pgo/bin/pgo")
  string(APPEND RunCMake_TEST_FAILED "no engine built in pgo/bin/pgo\n")
endif()
