# The installed copy of pgo-tool.sh did the training.
if(NOT EXISTS "${RunCMake_TEST_BINARY_DIR}/pgo/train.profdata")
  string(APPEND RunCMake_TEST_FAILED "no trained profile\n")
endif()
