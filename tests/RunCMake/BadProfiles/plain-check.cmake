# The build after a rejected profile is plain: no PGO flag at all, and the
# compiler never read the bad file.
pgo_expect_quiet_build()
foreach(source IN ITEMS "/main\\.c$" "/lib\\.c$")
  pgo_expect_flags("${RunCMake_TEST_BINARY_DIR}" "${source}" ABSENT "-fprofile" "-mllvm" "-flto")
endforeach()
