# One message, and no PGO flag anywhere.
pgo_count(n "llvm-profdata 19" "${RunCMake_TEST_STDOUT}${RunCMake_TEST_STDERR}")
if(NOT n EQUAL 1)
  string(APPEND RunCMake_TEST_FAILED "the mismatch was reported ${n} times, expected once\n")
endif()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" ABSENT "-fprofile" "-mllvm" "-flto")
