pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "-fprofile-sample-use=" " -mllvm -no-discriminators" ABSENT "-fprofile-use=")
