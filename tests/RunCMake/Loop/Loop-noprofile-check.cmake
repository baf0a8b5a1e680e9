pgo_file_hash(hash "${LOOP_PROFILE}")
if(NOT hash STREQUAL LOOP_PROFILE_HASH)
  string(APPEND RunCMake_TEST_FAILED "a failed training changed ${LOOP_PROFILE}\n")
endif()
# The failing target says why in one line, without CMake's decoration.
if(RunCMake_TEST_STDERR MATCHES "CMake Error|Call Stack")
  string(APPEND RunCMake_TEST_FAILED "the failing target printed CMake's error header or call stack:\n${RunCMake_TEST_STDERR}\n")
endif()
