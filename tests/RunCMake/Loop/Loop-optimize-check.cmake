set(tree "${RunCMake_TEST_BINARY_DIR}/pgo/optimize")
pgo_expect_flags("${tree}" "/lib\\.c$"
  PRESENT "-DLOOP_VALUE=7" "-flto=thin" "-fprofile-use=${tree}/pgo/use/[0-9a-f]+-[0-9a-f]+\\.profdata" "-mllvm -no-pgo-warn-mismatch"
  ABSENT "-fprofile-generate")
pgo_expect_profiled("${tree}" "/lib\\.c$" WITH lib_work lib_step)
# Training is not repeated when the instrumented binaries did not change.
if(NOT RunCMake_TEST_STDOUT MATCHES "not re-training")
  string(APPEND RunCMake_TEST_FAILED "pgo_optimize re-trained although the profile was up to date\n")
endif()
