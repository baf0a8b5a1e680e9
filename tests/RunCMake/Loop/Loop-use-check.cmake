# The ordinary build picked up the new default.profdata by itself.
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$"
  PRESENT "-fprofile-use=${RunCMake_TEST_BINARY_DIR}/pgo/use/" "-flto=thin" ABSENT "-fprofile-generate")
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/tool\\.c$" ABSENT "-fprofile" "-flto")
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" WITH lib_work lib_step)
