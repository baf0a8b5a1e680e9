# clang-14 never sees the file it cannot read (it would fail).
pgo_expect_quiet_build()
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "clang-14" ABSENT "-fprofile" "-mllvm" "-flto")
