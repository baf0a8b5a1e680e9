foreach(file IN ITEMS share/pgo/cmake/PGOConfig.cmake share/pgo/cmake/PGOConfigVersion.cmake
    share/pgo/cmake/FindPGO.cmake share/pgo/cmake/pgo-tool.sh share/pgo/cmake/pgo-compare.c share/pgo/make/pgo.mk)
  if(NOT EXISTS "${prefix}/${file}")
    string(APPEND RunCMake_TEST_FAILED "${file} was not installed\n")
  endif()
endforeach()
