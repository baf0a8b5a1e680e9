# The link of the opted-in executable is a ThinLTO link.
execute_process(COMMAND "${CMAKE_COMMAND}" --build . -- -t commands app WORKING_DIRECTORY "${RunCMake_TEST_BINARY_DIR}"
  OUTPUT_VARIABLE commands)
string(REGEX MATCH "[^\n]* -o app [^\n]*" link "${commands}")
if(NOT link MATCHES "-flto=thin")
  string(APPEND RunCMake_TEST_FAILED "app is not linked with -flto=thin: ${link}\n")
endif()
