pgo_file_hash(hash "${LOOP_PROFILE}")
if(NOT hash STREQUAL LOOP_PROFILE_HASH)
  string(APPEND RunCMake_TEST_FAILED "a failed training changed ${LOOP_PROFILE}\n")
endif()
