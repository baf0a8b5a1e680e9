if(NOT EXISTS "${LOOP_PROFILE}")
  string(APPEND RunCMake_TEST_FAILED "ctest -L pgo-train did not merge ${LOOP_PROFILE}\n")
endif()
