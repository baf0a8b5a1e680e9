pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/lib\\.c$" PRESENT "-fprofile-use=" ABSENT "-flto")
if(RunCMake_TEST_STDOUT MATCHES "ThinLTO")
  string(APPEND RunCMake_TEST_FAILED "PGO_LTO=OFF still checked for ThinLTO\n")
endif()
