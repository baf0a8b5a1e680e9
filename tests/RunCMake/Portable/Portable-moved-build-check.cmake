# The profile trained in checkout a applies in full in checkout b.
pgo_count(missing "no profile data available for function" "${RunCMake_TEST_STDOUT}")
if(NOT missing EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "${missing} functions found no profile data:\n${RunCMake_TEST_STDOUT}\n")
endif()
include("${RunCMake_SOURCE_DIR}/portable-count.cmake")
# ... and only thanks to the package's naming flags: without them clang
# finds no data for the static functions of the moved checkout.
pgo_recompile(ctl "${dir}" "/sub/deep\\.c$" REMOVE " -mllvm -static-func-strip-dirname-prefix=[0-9]+")
pgo_count(missing "no profile data available for function dstep " "${ctl_OUTPUT}")
if(NOT ctl_RC EQUAL 0 OR NOT missing EQUAL 1)
  string(APPEND RunCMake_TEST_FAILED "without -static-func-strip-dirname-prefix, dstep should have no data; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
endif()
pgo_recompile(ctl "${dir}" "/gen\\.c$" REMOVE " -mllvm -static-func-full-module-prefix=false")
pgo_count(missing "no profile data available for function gstep " "${ctl_OUTPUT}")
if(NOT ctl_RC EQUAL 0 OR NOT missing EQUAL 1)
  string(APPEND RunCMake_TEST_FAILED "without -static-func-full-module-prefix=false, gstep should have no data; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
endif()
