# The profile trained in checkout a applies in full in checkout b.
pgo_count(missing "no profile data available for function" "${RunCMake_TEST_STDOUT}")
if(NOT missing EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "${missing} functions found no profile data:\n${RunCMake_TEST_STDOUT}\n")
endif()
include("${RunCMake_SOURCE_DIR}/portable-count.cmake")
# ... and only thanks to the package's renaming: the checked-in profile
# names static functions relative to the checkout ("./sub/deep.c:dstep",
# "@build/gen.c:gstep"); given to clang as it is, without the checked copy
# that names them for this tree, the static functions find no data.
foreach(case IN ITEMS "sub/deep|dstep" "gen|gstep")
  string(REPLACE "|" ";" case "${case}")
  list(GET case 0 file)
  list(GET case 1 fn)
  pgo_recompile(ctl "${dir}" "/${file}\\.c$" REMOVE "-fprofile-use=[^ ]+"
    ADD "-fprofile-use=${RunCMake_TEST_SOURCE_DIR}/default.profdata")
  pgo_count(missing "no profile data available for function ${fn} " "${ctl_OUTPUT}")
  if(NOT ctl_RC EQUAL 0 OR NOT missing EQUAL 1)
    string(APPEND RunCMake_TEST_FAILED "with the checked-in profile as it is, ${fn} should have no data; got ${ctl_RC}:\n${ctl_OUTPUT}\n")
  endif()
endforeach()
