# <out>: TRUE when <file> has the window helper's section.
function(has_window out file)
  execute_process(COMMAND readelf -S "${file}" OUTPUT_VARIABLE sections RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND sections MATCHES " pgo_window ")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()
