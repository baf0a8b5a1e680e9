# A stale front-end profile: the edited hot and the new file have no data,
# keep.c keeps it, and the build is quiet.
pgo_expect_quiet_build()
set(dir "${RunCMake_TEST_BINARY_DIR}")
pgo_expect_profiled("${dir}" "/src/work\\.c$" WITH cold step WITHOUT hot)
pgo_expect_profiled("${dir}" "/src/extra\\.c$" WITHOUT fresh fstep)
pgo_expect_profiled("${dir}" "/src/keep\\.c$" WITH keep kstep)
# Without the package's flags clang warns, which -Werror makes fatal.
# clang 15 to 19 say nothing about an out-of-date front-end profile (the
# function silently loses its data, as checked above).
pgo_recompile(ctl "${dir}" "/src/work\\.c$" REMOVE " -Wno-profile-instr-out-of-date")
if(STALE_MAJOR GREATER_EQUAL 15 AND STALE_MAJOR LESS_EQUAL 19)
  if(NOT ctl_RC EQUAL 0 OR NOT ctl_OUTPUT STREQUAL "")
    string(APPEND RunCMake_TEST_FAILED "clang ${STALE_MAJOR} is silent on an out-of-date front-end profile, but without -Wno-profile-instr-out-of-date work.c gave ${ctl_RC}:\n${ctl_OUTPUT}\n")
  endif()
elseif(ctl_RC EQUAL 0 OR NOT ctl_OUTPUT MATCHES "error: profile data may be out of date: [^\n]*\\[-Werror,-Wprofile-instr-out-of-date\\]")
  string(APPEND RunCMake_TEST_FAILED "without -Wno-profile-instr-out-of-date, work.c should fail; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
endif()
pgo_recompile(ctl "${dir}" "/src/extra\\.c$" REMOVE " -Wno-profile-instr-unprofiled")
if(ctl_RC EQUAL 0 OR NOT ctl_OUTPUT MATCHES "error: no profile data available for file \"[^\"]*extra\\.c\" \\[-Werror,-Wprofile-instr-unprofiled\\]")
  string(APPEND RunCMake_TEST_FAILED "without -Wno-profile-instr-unprofiled, extra.c should fail; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
endif()
