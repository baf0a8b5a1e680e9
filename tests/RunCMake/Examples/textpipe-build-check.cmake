# ThinLTO through the static library: the library defines the hot
# Pipeline::push, and the program's main() has it inlined (no call left).
include("${RunCMake_SOURCE_DIR}/textpipe-calls.cmake")
execute_process(COMMAND nm "${RunCMake_TEST_BINARY_DIR}/libtextpipe.a" OUTPUT_VARIABLE lib ERROR_QUIET)
if(NOT lib MATCHES "T _ZN8textpipe8Pipeline4push")
  string(APPEND RunCMake_TEST_FAILED "libtextpipe.a does not define Pipeline::push\n")
endif()
textpipe_push_calls(calls "${RunCMake_TEST_BINARY_DIR}/textpipe")
if(NOT calls STREQUAL "0")
  string(APPEND RunCMake_TEST_FAILED "main() still calls Pipeline::push (${calls}): not inlined across the library boundary\n")
endif()
