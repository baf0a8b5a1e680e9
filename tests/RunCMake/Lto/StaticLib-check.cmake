# The library is compiled to bitcode like the executable.
pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "/hot\\.c$" PRESENT "-flto=thin" "-fprofile-use=")
