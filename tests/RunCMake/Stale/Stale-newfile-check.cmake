# A file the profile has never seen builds, without data; the rest keeps it.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_flags("${dir}" "/src/extra\\.c$" PRESENT "-fprofile-use=")
pgo_expect_profiled("${dir}" "/src/extra\\.c$" WITHOUT fresh fstep)
pgo_expect_profiled("${dir}" "/src/work\\.c$" WITH hot cold step)
pgo_expect_profiled("${dir}" "/src/keep\\.c$" WITH keep kstep)
