pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "-fprofile-use=${RunCMake_TEST_BINARY_DIR}/pgo/use/[0-9a-f]+-[0-9a-f]+\\.profdata")
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" WITH lib_work lib_step)
