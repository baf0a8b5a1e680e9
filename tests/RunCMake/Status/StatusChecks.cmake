# Helpers of the Status checks. The pgo_status output is key=value lines
# (both streams: the build tool passes them on as it likes).

set(STATUS_ENGINE "${RunCMake_TEST_BINARY_DIR}/pgo/bin/pgo")
set(STATUS_TEXT "${RunCMake_TEST_STDOUT}\n${RunCMake_TEST_STDERR}")

# <out>: the value of the first <key>= line of the pgo_status output.
function(status_value out key)
  set(value "")
  if(STATUS_TEXT MATCHES "(^|\n)${key}=([^\n]*)")
    set(value "${CMAKE_MATCH_2}")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# The output has the line <line> (exactly).
function(status_expect_line line)
  string(FIND "\n${STATUS_TEXT}\n" "\n${line}\n" at)
  if(at LESS 0)
    string(APPEND RunCMake_TEST_FAILED "pgo_status printed no line '${line}'; it printed:\n${STATUS_TEXT}\n")
    set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
  endif()
endfunction()

# The match is below the previous step's (or, with FIRST, 100.0); it is
# kept for the next step.
function(status_expect_fall)
  cmake_parse_arguments(PARSE_ARGV 0 arg "FIRST" "" "")
  status_value(match match)
  if(NOT match MATCHES "^[0-9]+\\.[0-9]$")
    string(APPEND RunCMake_TEST_FAILED "no match figure in:\n${STATUS_TEXT}\n")
  elseif(arg_FIRST)
    if(NOT match STREQUAL "100.0")
      string(APPEND RunCMake_TEST_FAILED "the match on the code the profile was trained on is ${match}, not 100.0\n")
    endif()
  else()
    file(READ "${STATUS_MATCH}" previous)
    if(NOT match LESS previous)
      string(APPEND RunCMake_TEST_FAILED "the match did not fall: ${match} after ${previous}\n")
    endif()
  endif()
  file(WRITE "${STATUS_MATCH}" "${match}")
  message(STATUS "match: ${match}")
  set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
endfunction()

# <stale>: the stale= lines, without their shares ("changed warm;...").
function(status_stale out)
  string(REGEX MATCHALL "(^|\n)stale=[0-9]+\\.[0-9]% [^\n]*" lines "${STATUS_TEXT}")
  set(result "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^\n?stale=[0-9]+\\.[0-9]% " "" line "${line}")
    list(APPEND result "${line}")
  endforeach()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# pgo info <binary>: its record is that of <profile> (PROFILE is the file
# as the source tree names it).
function(status_expect_record binary profile)
  execute_process(COMMAND "${STATUS_ENGINE}" info "${binary}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  execute_process(COMMAND "${STATUS_ENGINE}" show "${RunCMake_TEST_SOURCE_DIR}/${profile}" OUTPUT_VARIABLE show)
  string(REGEX MATCH "hash=([0-9a-f]+)" _ "${show}")
  set(hash "${CMAKE_MATCH_1}")
  execute_process(COMMAND "${RunCMake_C_COMPILER}" -dumpversion OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(want "binary=${binary}\nprofiles=1\nprofile=${profile}\nhash=${hash}\nkind=ir\ncompiler=clang ${version}\n")
  if(NOT rc EQUAL 0 OR NOT out STREQUAL want OR NOT hash)
    string(APPEND RunCMake_TEST_FAILED "pgo info ${binary} gave ${rc}:\n${out}${err}\nexpected:\n${want}")
    set(RunCMake_TEST_FAILED "${RunCMake_TEST_FAILED}" PARENT_SCOPE)
  endif()
endfunction()
