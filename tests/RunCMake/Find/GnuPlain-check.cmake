# GCC 10+ finds PGO (issue 13); without a profile, one PGO line and no
# profile flag on the ordinary build's compile line.
string(REGEX MATCHALL "-- PGO: " lines "${RunCMake_TEST_STDOUT}")
list(LENGTH lines n)
if(NOT n EQUAL 1)
  string(APPEND RunCMake_TEST_FAILED "expected one 'PGO:' status line, got ${n}\n")
endif()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "main\\.c$" ABSENT "-fprofile" "-mllvm" "-Wno-profile")
