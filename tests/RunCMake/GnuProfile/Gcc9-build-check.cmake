pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_flags("${dir}" "/lib\\.c$" ABSENT "-fprofile" "-flto" "pgo cc")
pgo_expect_no_flags_in_build_files("${dir}" "-flto" "-fprofile-use" "-fprofile-generate")
# The pgo_* targets say why they cannot work.
file(READ "${dir}/build.ninja" ninja)
if(NOT ninja MATCHES "PGO: pgo_instrument is not available: PGO with GCC needs GCC 10 or newer")
  string(APPEND RunCMake_TEST_FAILED "pgo_instrument does not say why it is not available\n")
endif()
