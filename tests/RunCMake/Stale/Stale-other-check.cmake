# The profile of another program: its main and hot do not match app's, but
# the keep.c they share does.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_profiled("${dir}" "/src/main\\.c$" WITHOUT main)
pgo_expect_profiled("${dir}" "/src/work\\.c$" WITHOUT hot cold step)
pgo_expect_profiled("${dir}" "/src/keep\\.c$" WITH keep kstep)
pgo_recompile(ctl "${dir}" "/src/main\\.c$" REMOVE " -mllvm -no-pgo-warn-mismatch")
if(ctl_RC EQUAL 0 OR NOT ctl_OUTPUT MATCHES "hash mismatch\\) main ")
  string(APPEND RunCMake_TEST_FAILED "without -no-pgo-warn-mismatch, main.c should fail with a hash mismatch of main; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
endif()
