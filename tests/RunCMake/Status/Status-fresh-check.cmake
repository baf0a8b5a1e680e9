include("${CMAKE_CURRENT_LIST_DIR}/StatusChecks.cmake")
status_expect_fall(FIRST)
pgo_counted_functions(names "${RunCMake_TEST_SOURCE_DIR}/default.profdata")
list(LENGTH names total)
foreach(line IN ITEMS "functions=${total}" "matching=${total}" "target.app.match=100.0" "target.work.match=100.0"
    "matched_by=name and hash" "stale_count=0" "min_match=30" "gate=passed" "kind=ir" "targets=app work")
  status_expect_line("${line}")
endforeach()
# The hash is the profile's, as its record in the binaries says.
execute_process(COMMAND "${STATUS_ENGINE}" show "${RunCMake_TEST_SOURCE_DIR}/default.profdata" OUTPUT_VARIABLE show)
string(REGEX MATCH "hash=[0-9a-f]+" hash "${show}")
status_expect_line("${hash}")
