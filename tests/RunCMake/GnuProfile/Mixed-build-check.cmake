# Neither compiler gets anything of the package: clang's instrumented
# objects could not be linked by g++, nor its LTO objects.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_flags("${dir}" "/lib\\.c$" PRESENT "clang-14" ABSENT "-fprofile" "-mllvm" "-Wno-profile" "-flto")
pgo_expect_flags("${dir}" "/extra\\.cpp$" ABSENT "-fprofile" "-mllvm" "-Wno-profile" "-flto")
pgo_expect_no_flags_in_build_files("${dir}" "-flto" "-fprofile")
