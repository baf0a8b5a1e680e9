# Behavioural tests for cmake/pgo-compare.c (the A/B benchmark runner).
#
#   cmake -DPGO_COMPARE_SOURCE=<path/to/pgo-compare.c>
#         -DTEST_BINARY_DIR=<scratch dir> [-DCC=<compiler>] -P RunCompareTest.cmake
#
# Timings are never asserted (machines are noisy); only formats, exit codes,
# messages, reports and the A/B run order are.
cmake_minimum_required(VERSION 3.25)

if(NOT PGO_COMPARE_SOURCE OR NOT TEST_BINARY_DIR)
  message(FATAL_ERROR "usage: cmake -DPGO_COMPARE_SOURCE=<file> -DTEST_BINARY_DIR=<dir> [-DCC=<compiler>] -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
if(NOT CC)
  set(CC cc)
endif()

set(WORK "${TEST_BINARY_DIR}/compare-test")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(exe "${WORK}/pgo-compare")
set(passed 0)

# ---- helpers -----------------------------------------------------------------

function(fail what expected seen)
  message(FATAL_ERROR "compare test FAILED: ${what}\n"
    "  expected: ${expected}\n  seen:     ${seen}\n"
    "--- exit code: ${rc}\n--- stdout:\n${out}\n--- stderr:\n${err}")
endfunction()

macro(pass name)
  math(EXPR passed "${passed} + 1")
  message(STATUS "PASS ${name}")
endmacro()

# Runs pgo-compare with the given arguments; sets rc, out, err.
function(run_compare)
  execute_process(COMMAND "${exe}" ${ARGN}
    WORKING_DIRECTORY "${WORK}" TIMEOUT 300
    RESULT_VARIABLE r OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(rc "${r}" PARENT_SCOPE)
  set(out "${o}" PARENT_SCOPE)
  set(err "${e}" PARENT_SCOPE)
endfunction()

# Writes a spec file; @WORK@ in the text is replaced, nothing else is.
function(write_spec path text)
  string(CONFIGURE "${text}" text @ONLY)
  file(WRITE "${path}" "${text}")
endfunction()

function(expect_rc what expected)
  if(NOT "${rc}" STREQUAL "${expected}")
    fail("${what}: exit code" "${expected}" "${rc}")
  endif()
endfunction()

function(expect_contains what haystack needle)
  string(FIND "${haystack}" "${needle}" pos)
  if(pos EQUAL -1)
    fail("${what}" "text containing '${needle}'" "${haystack}")
  endif()
endfunction()

function(expect_match what text regex)
  if(NOT "${text}" MATCHES "${regex}")
    fail("${what}" "match for regex '${regex}'" "'${text}'")
  endif()
endfunction()

function(expect_eq what expected seen)
  if(NOT "${seen}" STREQUAL "${expected}")
    fail("${what}" "'${expected}'" "'${seen}'")
  endif()
endfunction()

# ---- build the runner, warning-free ------------------------------------------

separate_arguments(cc_cmd UNIX_COMMAND "${CC}")
execute_process(
  COMMAND ${cc_cmd} -std=c11 -Wall -Wextra -pedantic -Werror -O2
          -o "${exe}" "${PGO_COMPARE_SOURCE}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_rc("compiling ${PGO_COMPARE_SOURCE} with ${CC}" 0)
pass("build with ${CC}")

# ---- fixtures ------------------------------------------------------------------

string(REPEAT "x" 1000 small)
string(REPEAT "x" 1100 large)
string(REPEAT "x" 1006 mid)
file(WRITE "${WORK}/base.bin" "${small}")
file(WRITE "${WORK}/opt.bin" "${large}")
file(WRITE "${WORK}/mid.bin" "${mid}")

# Two benchmarks: sizes +10% (1000 -> 1100) and -9% (1100 -> 1006 is -8.55%,
# which must round, not truncate, to -9).
# 'beta' uses relative size paths and a PATH lookup to exercise cwd/execvp.
write_spec("${WORK}/two.spec" [=[
# two small shell-loop benchmarks
benchmark alpha
cwd @WORK@
baseline-size @WORK@/base.bin
optimized-size @WORK@/opt.bin
baseline /bin/sh
baseline -c
baseline i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done
optimized /bin/sh
optimized -c
optimized i=0; while [ $i -lt 1800 ]; do i=$((i+1)); done

benchmark beta
cwd @WORK@
baseline-size opt.bin
optimized-size mid.bin
baseline sh
baseline -c
baseline i=0; while [ $i -lt 1500 ]; do i=$((i+1)); done
optimized sh
optimized -c
optimized i=0; while [ $i -lt 1500 ]; do i=$((i+1)); done
]=])

set(ratio [=[[0-9]+\.[0-9][0-9]]=])

# ---- summary output, CSV and JSON --------------------------------------------

run_compare(--rounds 5 --csv "${WORK}/out.csv" --json "${WORK}/out.json" "${WORK}/two.spec")
expect_rc("two benchmarks" 0)
# The whole of stdout, line by line (lines contain ';', so no CMake lists).
set(detail_re [=[  baseline [0-9]+\.[0-9] ms, optimized [0-9]+\.[0-9] ms \(median wall of 5 A/B rounds after 1 warm-up\); cpu ([0-9]+\.[0-9][0-9]x|n/a)]=])
expect_match("stdout: alpha summary + detail, beta summary + detail" "${out}"
  "^alpha: ${ratio}x time \\(${ratio}-${ratio}\\), \\+10% size\n${detail_re}\nbeta: ${ratio}x time \\(${ratio}-${ratio}\\), -9% size\n${detail_re}\n$")
expect_contains("progress on stderr" "${err}" "pgo-compare: alpha: round 5/5")
expect_contains("warm-up progress on stderr" "${err}" "pgo-compare: beta: warm-up 1/1")
pass("summary lines")

file(STRINGS "${WORK}/out.csv" csv)
list(LENGTH csv n)
expect_eq("CSV line count (header + 2 rows)" 3 "${n}")
list(GET csv 0 header)
expect_eq("CSV header"
  "benchmark,rounds,baseline_wall_ms,optimized_wall_ms,ratio_median,ratio_min,ratio_max,baseline_cpu_ms,optimized_cpu_ms,cpu_ratio_median,baseline_size,optimized_size,size_change_pct"
  "${header}")
foreach(row IN ITEMS 1 2)
  list(GET csv ${row} line)
  string(REPLACE "," ";" cols "${line}")
  list(LENGTH cols ncols)
  expect_eq("CSV row ${row} column count (${line})" 13 "${ncols}")
endforeach()
list(GET csv 1 row1)
expect_match("CSV alpha row" "${row1}" "^alpha,5,.*,1000,1100,10\\.00$")
list(GET csv 2 row2)
expect_match("CSV beta row" "${row2}" "^beta,5,.*,1100,1006,-8\\.55$")
if(EXISTS "${WORK}/out.csv.tmp" OR EXISTS "${WORK}/out.json.tmp")
  fail("temporary report files" "renamed away" "a leftover .tmp file")
endif()
pass("CSV report")

file(READ "${WORK}/out.json" json)
string(JSON jr ERROR_VARIABLE jerr GET "${json}" rounds)
if(jerr)
  fail("JSON parses" "valid JSON" "${jerr}: ${json}")
endif()
expect_eq("JSON rounds" 5 "${jr}")
expect_contains("JSON rounds literal" "${json}" [["rounds":5]])
string(JSON jw GET "${json}" warmup)
expect_eq("JSON warmup" 1 "${jw}")
string(JSON nb LENGTH "${json}" benchmarks)
expect_eq("JSON benchmark count" 2 "${nb}")
string(JSON name0 GET "${json}" benchmarks 0 name)
string(JSON name1 GET "${json}" benchmarks 1 name)
expect_eq("JSON first name" alpha "${name0}")
expect_eq("JSON second name" beta "${name1}")
string(JSON osize GET "${json}" benchmarks 0 optimized_size)
expect_eq("JSON alpha optimized_size" 1100 "${osize}")
string(JSON rmed GET "${json}" benchmarks 1 ratio_median)
expect_match("JSON beta ratio_median" "${rmed}" [=[^[0-9]+\.[0-9]+$]=])
pass("JSON report")

# ---- --fail-above --------------------------------------------------------------

file(REMOVE "${WORK}/fail.csv")
run_compare(--rounds 3 --warmup 0 --quiet --fail-above 0.0001 --csv "${WORK}/fail.csv" "${WORK}/two.spec")
expect_rc("--fail-above 0.0001" 3)
expect_match("--fail-above message for alpha" "${err}"
  "pgo-compare: alpha: optimized build is slower than allowed: ${ratio}x > 0\\.0001x \\(fail-above\\)")
expect_match("--fail-above message for beta" "${err}"
  "pgo-compare: beta: optimized build is slower than allowed: ${ratio}x > 0\\.0001x \\(fail-above\\)")
if(NOT EXISTS "${WORK}/fail.csv")
  fail("--fail-above writes reports first" "fail.csv to exist" "no fail.csv")
endif()
pass("--fail-above exceeded exits 3")

run_compare(--rounds 3 --quiet --fail-above 1000 "${WORK}/two.spec")
expect_rc("--fail-above 1000" 0)
expect_eq("--quiet stderr" "" "${err}")
pass("--fail-above not exceeded exits 0")

# ---- failing commands ------------------------------------------------------------

write_spec("${WORK}/boom.spec" [=[
benchmark boomer
baseline-size @WORK@/base.bin
optimized-size @WORK@/opt.bin
baseline /bin/sh
baseline -c
baseline echo boom >&2; exit 7
optimized /bin/true
]=])
run_compare(--quiet "${WORK}/boom.spec")
expect_rc("failing command" 1)
expect_contains("failure message" "${err}"
  "pgo-compare: boomer: baseline command failed (exit status 7): /bin/sh -c echo boom >&2; exit 7\n")
expect_match("captured stderr shown" "${err}" "\nboom\n")
pass("failing command exits 1 with its stderr")

write_spec("${WORK}/kill.spec" [=[
benchmark victim
baseline-size @WORK@/base.bin
optimized-size @WORK@/opt.bin
baseline /bin/true
optimized /bin/sh
optimized -c
optimized kill -9 $$
]=])
run_compare(--quiet "${WORK}/kill.spec")
expect_rc("killed command" 1)
expect_contains("killed message" "${err}"
  "pgo-compare: victim: optimized command failed (killed by signal 9): /bin/sh -c kill -9 $$")
pass("killed command exits 1")

# ---- spec and option errors ------------------------------------------------------

write_spec("${WORK}/bad.spec" "# comment\nbenchmark x\nxyz something\n")
run_compare("${WORK}/bad.spec")
expect_rc("unknown directive" 2)
expect_eq("unknown directive message"
  "pgo-compare: ${WORK}/bad.spec:3: unknown directive 'xyz'\n" "${err}")
pass("unknown directive exits 2 with SPEC:LINE")

write_spec("${WORK}/noopt.spec" "benchmark lonely\nbaseline-size @WORK@/base.bin\noptimized-size @WORK@/opt.bin\nbaseline /bin/true\n")
run_compare("${WORK}/noopt.spec")
expect_rc("benchmark without optimized command" 2)
expect_contains("missing command names the benchmark" "${err}" "benchmark 'lonely' has no optimized command")
pass("missing command exits 2")

write_spec("${WORK}/nosize.spec" "benchmark sized\nbaseline-size @WORK@/base.bin\noptimized-size @WORK@/missing.bin\nbaseline /bin/true\noptimized /bin/true\n")
run_compare("${WORK}/nosize.spec")
expect_rc("missing size file" 2)
expect_contains("missing size file is named" "${err}" "${WORK}/missing.bin")
pass("missing size file exits 2")

run_compare(--rounds 0 "${WORK}/two.spec")
expect_rc("--rounds 0" 2)
expect_contains("--rounds 0 message" "${err}" "--rounds")
run_compare(--warmup abc "${WORK}/two.spec")
expect_rc("--warmup abc" 2)
expect_contains("--warmup abc message" "${err}" "--warmup")
run_compare(--fail-above fast "${WORK}/two.spec")
expect_rc("--fail-above fast" 2)
expect_contains("--fail-above fast message" "${err}" "--fail-above")
pass("bad option values exit 2")

run_compare()
expect_rc("no SPEC argument" 2)
expect_contains("usage line" "${err}" "usage: pgo-compare")
run_compare(--frobnicate "${WORK}/two.spec")
expect_rc("unknown option" 2)
expect_contains("unknown option usage" "${err}" "usage: pgo-compare")
pass("usage errors exit 2")

# ---- A/B alternation (and cwd, equal sizes) ---------------------------------------

file(MAKE_DIRECTORY "${WORK}/alt")
write_spec("${WORK}/alt.spec" [=[
benchmark alt
cwd @WORK@/alt
baseline-size @WORK@/base.bin
optimized-size @WORK@/base.bin
baseline /bin/sh
baseline -c
baseline printf A >> log
optimized /bin/sh
optimized -c
optimized printf B >> log
]=])
run_compare(--warmup 1 --rounds 3 --quiet "${WORK}/alt.spec")
expect_rc("alternation run" 0)
file(READ "${WORK}/alt/log" log)
expect_eq("run order (1 warm-up + 3 rounds)" ABABABAB "${log}")
expect_match("equal sizes" "${out}" "^alt: ${ratio}x time \\(${ratio}-${ratio}\\), \\+0% size\n")
expect_contains("detail line pluralisation" "${out}" "(median wall of 3 A/B rounds after 1 warm-up)")
pass("A/B alternation")

message("compare tests: ${passed} passed, 0 failed")
