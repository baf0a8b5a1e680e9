# hot changed: only hot loses its data.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_profiled("${dir}" "/src/work\\.c$" WITH cold step WITHOUT hot)
pgo_expect_profiled("${dir}" "/src/main\\.c$" WITH main)
pgo_expect_profiled("${dir}" "/src/keep\\.c$" WITH keep kstep)
# The profile is stale for clang: without the package's flag this -Werror
# compile fails.
pgo_recompile(ctl "${dir}" "/src/work\\.c$" REMOVE " -mllvm -no-pgo-warn-mismatch")
if(ctl_RC EQUAL 0 OR NOT ctl_OUTPUT MATCHES "error: [^\n]*work\\.c: function control flow change detected \\(hash mismatch\\) hot ")
  string(APPEND RunCMake_TEST_FAILED "without -no-pgo-warn-mismatch, work.c should fail with a hash mismatch of hot; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
endif()
