pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/pipeline\\.cpp$" PRESENT "-fprofile-use=" "-flto=thin")
# The checked-in profile is current: the hot library functions get counts.
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/pipeline\\.cpp$"
  WITH _ZN8textpipe8Pipeline4feedESt17basic_string_viewIcSt11char_traitsIcEE)
