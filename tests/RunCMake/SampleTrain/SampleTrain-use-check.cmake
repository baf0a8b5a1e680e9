pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "-fprofile-sample-use=" ABSENT "-fprofile-use=")
