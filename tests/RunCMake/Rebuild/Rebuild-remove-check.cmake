pgo_expect_compiled(app/main.c app/lib.c CONFIGURED)
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/proj/main\\.c$" ABSENT "-fprofile" "-mllvm")
