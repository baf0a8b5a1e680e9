# A new function has no data; the old ones keep theirs.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_profiled("${dir}" "/src/work\\.c$" WITH hot cold step WITHOUT added)
pgo_expect_profiled("${dir}" "/src/keep\\.c$" WITH keep kstep)
