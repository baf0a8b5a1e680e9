pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/handlers\\.c$" PRESENT "-fprofile-use=" "-flto=thin")
# The checked-in profile is current: the hot handlers get their counts.
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/handlers\\.c$" WITH handle_hash handle_sum)
