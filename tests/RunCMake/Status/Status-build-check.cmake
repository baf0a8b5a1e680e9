include("${CMAKE_CURRENT_LIST_DIR}/StatusChecks.cmake")
# The program, and the tool that only links the opted-in library; also
# stripped.
foreach(binary IN ITEMS app tool)
  set(file "${STATUS_BINARY_DIR}/${binary}")
  status_expect_record("${file}" default.profdata)
  execute_process(COMMAND "${STATUS_STRIP}" -o "${file}.stripped" "${file}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(APPEND RunCMake_TEST_FAILED "strip ${file} failed\n")
  endif()
  status_expect_record("${file}.stripped" default.profdata)
endforeach()
