foreach(file IN ITEMS share/pgo/cmake/PGOConfig.cmake share/pgo/cmake/PGOConfigVersion.cmake
    share/pgo/cmake/FindPGO.cmake share/pgo/cmake/PGOCommands.cmake share/pgo/cmake/PGOEngine.cmake
    share/pgo/cmake/PGOLinker.cmake share/pgo/cmake/runtime/pgo_window.c
    share/pgo/cmake/engine/main.c share/pgo/cmake/engine/util.h share/pgo/cmake/engine/cmd_compare.c share/pgo/make/pgo.mk bin/pgo)
  if(NOT EXISTS "${prefix}/${file}")
    string(APPEND RunCMake_TEST_FAILED "${file} was not installed\n")
  endif()
endforeach()
execute_process(COMMAND "${prefix}/bin/pgo" --version OUTPUT_VARIABLE version RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT version MATCHES "^pgo [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  string(APPEND RunCMake_TEST_FAILED "the installed bin/pgo --version gave ${rc}: ${version}\n")
endif()
