pgo_expect_quiet_build()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" ABSENT "-fprofile" "-Wno-coverage")
