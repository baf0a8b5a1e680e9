pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/main\\.c$" ABSENT "-fprofile" "-mllvm" "-flto")
