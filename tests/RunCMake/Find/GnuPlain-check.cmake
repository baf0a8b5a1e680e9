# Exactly one PGO line, and not one PGO flag reaches GCC.
string(REGEX MATCHALL "-- PGO: " lines "${RunCMake_TEST_STDOUT}")
list(LENGTH lines n)
if(NOT n EQUAL 1)
  string(APPEND RunCMake_TEST_FAILED "expected one 'PGO:' status line, got ${n}\n")
endif()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "main\\.c$" ABSENT "-fprofile" "-mllvm" "-Wno-profile" "-flto")
