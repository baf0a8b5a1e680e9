# hot_step was inlined across the library boundary: main of app calls it
# no more. The consumer that is not opted in (its own object is not
# bitcode) still calls it, and links the bitcode library too (with
# -flto=thin from the library) and runs.
set(dir "${RunCMake_TEST_BINARY_DIR}")
foreach(exe IN ITEMS app consumer)
  execute_process(COMMAND objdump -d --no-show-raw-insn "${dir}/${exe}" OUTPUT_VARIABLE code RESULT_VARIABLE rc)
  string(REGEX MATCH "<main>:\n([^\n]+\n)+" main_${exe} "${code}")
endforeach()
if(NOT main_app OR main_app MATCHES "call[^\n]*<hot_step>")
  string(APPEND RunCMake_TEST_FAILED "main of app still calls hot_step (not inlined through the static library):\n${main_app}\n")
endif()
if(NOT main_consumer MATCHES "call[^\n]*<hot_step>")
  string(APPEND RunCMake_TEST_FAILED "control: main of consumer (not opted in) should call hot_step:\n${main_consumer}\n")
endif()
foreach(exe IN ITEMS app consumer)
  execute_process(COMMAND "${dir}/${exe}" 100 OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "^-?[0-9]+\n$")
    string(APPEND RunCMake_TEST_FAILED "${exe} does not run: ${rc} ${out}\n")
  endif()
endforeach()
execute_process(COMMAND "${CMAKE_COMMAND}" --build . -- -t commands consumer WORKING_DIRECTORY "${dir}"
  OUTPUT_VARIABLE commands)
string(REGEX MATCH "[^\n]* -o consumer [^\n]*" link "${commands}")
if(NOT link MATCHES "-flto=thin")
  string(APPEND RunCMake_TEST_FAILED "consumer does not link the bitcode library with -flto=thin: ${link}\n")
endif()
