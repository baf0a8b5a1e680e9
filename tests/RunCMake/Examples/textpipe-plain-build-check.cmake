# The control: built plain (PGO=off, no LTO), main() calls Pipeline::push.
include("${RunCMake_SOURCE_DIR}/textpipe-calls.cmake")
textpipe_push_calls(calls "${RunCMake_TEST_BINARY_DIR}/textpipe")
if(NOT calls MATCHES "^[1-9]")
  string(APPEND RunCMake_TEST_FAILED "plain main() should call Pipeline::push, found: ${calls}\n")
endif()
