# A new default.profdata is noticed by itself.
pgo_expect_compiled(app/main.c app/lib.c CONFIGURED)
pgo_expect_profiled("${RunCMake_TEST_BINARY_DIR}" "/proj/lib\\.c$" WITH lib_work lib_step)
