pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_flags("${dir}" "/lib\\.c$" ABSENT "-fprofile" "-flto" "pgo cc")
pgo_expect_no_flags_in_build_files("${dir}" "-flto" "-fprofile")
