# The generated code is the same with and without the flags: the same
# instructions, whatever the static functions are called.
set(dir "${RunCMake_TEST_BINARY_DIR}")
execute_process(COMMAND objdump -d --no-show-raw-insn "${dir}/CMakeFiles/app.dir/lib.c.o" OUTPUT_VARIABLE ready)
execute_process(COMMAND objdump -d --no-show-raw-insn "${dir}/CMakeFiles/other.dir/lib.c.o" OUTPUT_VARIABLE plain)
foreach(v IN ITEMS ready plain)
  string(REGEX REPLACE "<[^>\n]*>" "" ${v} "${${v}}")
  string(REGEX REPLACE "[^\n]*file format[^\n]*" "" ${v} "${${v}}")
endforeach()
if(NOT ready STREQUAL plain OR ready STREQUAL "")
  string(APPEND RunCMake_TEST_FAILED "lib.c compiles to other code when ready to be sampled:\n${ready}\n---\n${plain}\n")
endif()
