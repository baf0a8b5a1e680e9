# A project with configure checks, each of which notes in its tree's
# checks-run.txt that it ran. The phase trees take the ordinary tree's
# answers, so there none runs.
find_package(PGO REQUIRED)
include(CheckIncludeFile)
include(CheckTypeSize)
include(CheckCSourceCompiles)

macro(_noted_check var)
  if(NOT DEFINED ${var})
    file(APPEND "${CMAKE_BINARY_DIR}/checks-run.txt" "${var}\n")
  endif()
endmacro()
_noted_check(HAVE_STDIO_H)
check_include_file(stdio.h HAVE_STDIO_H)
_noted_check(HAVE_PGO_NOT_THERE_H)
check_include_file(pgo_not_there.h HAVE_PGO_NOT_THERE_H)
_noted_check(SIZEOF_LONG)
check_type_size(long SIZEOF_LONG)
_noted_check(HAVE_BUILTIN_EXPECT)
check_c_source_compiles("int main(void) { return __builtin_expect(0, 0); }" HAVE_BUILTIN_EXPECT)

# A cached answer that names the tree stays each tree's own.
if(NOT DEFINED TREE_ANSWER)
  set(TREE_ANSWER "${CMAKE_BINARY_DIR}/generated" CACHE INTERNAL "Have a generated folder")
endif()
file(WRITE "${CMAKE_BINARY_DIR}/tree-answer.txt" "${TREE_ANSWER}")

file(WRITE "${CMAKE_BINARY_DIR}/main.c" "int main(void) { return 0; }\n")
add_executable(app "${CMAKE_BINARY_DIR}/main.c")
pgo_target(app)
pgo_add_training(NAME run COMMAND app)
