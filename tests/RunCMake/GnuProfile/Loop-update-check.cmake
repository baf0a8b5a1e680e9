include("${RunCMake_SOURCE_DIR}/gnu-checks.cmake")
# Both runs ran in parallel and merged into one archive of two .gcda files.
if(NOT RunCMake_TEST_STDOUT MATCHES "pgo: updated [^\n]*/proj/default\\.profdata")
  string(APPEND RunCMake_TEST_FAILED "pgo_update did not say it updated default.profdata\n")
endif()
execute_process(COMMAND "${dir}/pgo/bin/pgo" show "${RunCMake_TEST_SOURCE_DIR}/default.profdata" OUTPUT_VARIABLE show RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT show MATCHES "kind=gcc\ngcc=12\nfiles=2\nhash=[0-9a-f]+\nfile=CMakeFiles#app\\.dir#lib\\.c\\.gcda\nfile=CMakeFiles#app\\.dir#main\\.c\\.gcda\n")
  string(APPEND RunCMake_TEST_FAILED "pgo show of default.profdata: rc=${rc}: ${show}\n")
endif()
