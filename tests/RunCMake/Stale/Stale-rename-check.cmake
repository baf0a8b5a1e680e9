# cold is now chill: chill has no data, the rest keeps it.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_profiled("${dir}" "/src/work\\.c$" WITH hot step WITHOUT chill)
pgo_expect_profiled("${dir}" "/src/main\\.c$" WITH main)
pgo_expect_profiled("${dir}" "/src/keep\\.c$" WITH keep kstep)
