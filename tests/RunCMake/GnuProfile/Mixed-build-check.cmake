# clang compiles the C files with the profile; GCC gets nothing of it, and
# no one gets -flto.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT "clang-14" "-fprofile-use=" ABSENT "-flto")
pgo_expect_flags("${dir}" "/extra\\.cpp$" ABSENT "-fprofile" "-mllvm" "-Wno-profile" "-flto")
pgo_expect_no_flags_in_build_files("${dir}" "-flto")
pgo_expect_profiled("${dir}" "/lib\\.c$" WITH lib_work lib_step)
