# One status line, no PGO flag on any compile or link line, no checked copy.
pgo_expect_quiet_build()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" ABSENT "-fprofile" "-mllvm" "-Wno-profile" "-flto")
pgo_expect_no_flags_in_build_files("${RunCMake_TEST_BINARY_DIR}" "-fprofile" "-mllvm" "-Wno-profile" "-flto")
if(EXISTS "${RunCMake_TEST_BINARY_DIR}/pgo/use")
  string(APPEND RunCMake_TEST_FAILED "the profile was checked for GCC: pgo/use exists\n")
endif()
