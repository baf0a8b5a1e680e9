# The older profile is used, and whatever no longer matches stays quiet.
pgo_expect_quiet_build()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "clang-19" "-fprofile-use=")
