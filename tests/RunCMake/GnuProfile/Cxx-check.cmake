pgo_count(n "PGO:" "${RunCMake_TEST_STDOUT}${RunCMake_TEST_STDERR}")
if(NOT n EQUAL 1)
  string(APPEND RunCMake_TEST_FAILED "expected one PGO: line, got ${n}\n")
endif()
