pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/main\\.c$" PRESENT "-DLOOP_VALUE=7" "-DLOOP_TOOLCHAIN" ABSENT "-fprofile" "-mllvm" "-flto")
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/tool\\.c$" ABSENT "-fprofile" "-mllvm" "-flto")
