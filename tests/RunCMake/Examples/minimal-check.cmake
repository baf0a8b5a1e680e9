pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/engine\\.c$" PRESENT "-fprofile-use=" "-flto=thin")
# The checked-in profile is current: the hot function still gets its counts.
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/engine\\.c$" WITH engine_scan)
