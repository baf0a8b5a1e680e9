pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/vm\\.c$" PRESENT "-fprofile-use=" "-flto=thin")
# The checked-in profile is current: the interpreter loop gets its counts.
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/vm\\.c$" WITH vm_run)
