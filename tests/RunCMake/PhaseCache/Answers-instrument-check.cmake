set(outer "${RunCMake_TEST_BINARY_DIR}")
set(phase "${outer}/pgo/instrument")

# The ordinary tree ran every check, the phase tree none.
file(STRINGS "${outer}/checks-run.txt" ran)
if(NOT ran STREQUAL "HAVE_STDIO_H;HAVE_PGO_NOT_THERE_H;SIZEOF_LONG;HAVE_BUILTIN_EXPECT")
  string(APPEND RunCMake_TEST_FAILED "the ordinary tree ran the checks [${ran}], expected all four\n")
endif()
if(EXISTS "${phase}/checks-run.txt")
  file(READ "${phase}/checks-run.txt" ran)
  string(APPEND RunCMake_TEST_FAILED "the phase tree ran checks again:\n${ran}")
endif()

# With the same answers, a failed one included (empty).
foreach(tree IN ITEMS outer phase)
  file(STRINGS "${${tree}}/CMakeCache.txt" ${tree}_answers REGEX "^(HAVE_[A-Z_]+|SIZEOF_LONG):INTERNAL=")
endforeach()
if(NOT outer_answers MATCHES "HAVE_PGO_NOT_THERE_H:INTERNAL=;" OR NOT outer_answers MATCHES "HAVE_SIZEOF_LONG:INTERNAL=TRUE")
  string(APPEND RunCMake_TEST_FAILED "unexpected answers in the ordinary tree: ${outer_answers}\n")
endif()
if(NOT phase_answers STREQUAL outer_answers)
  string(APPEND RunCMake_TEST_FAILED "the phase tree's answers [${phase_answers}] are not the ordinary tree's [${outer_answers}]\n")
endif()

# An answer naming the ordinary tree was not passed on.
file(READ "${phase}/tree-answer.txt" answer)
if(NOT answer STREQUAL "${phase}/generated")
  string(APPEND RunCMake_TEST_FAILED "the phase tree's TREE_ANSWER is '${answer}', expected its own folder\n")
endif()

# CMake identified the compiler in the ordinary tree only; the phase tree
# was still configured for instrumentation.
if(NOT IS_DIRECTORY "${outer}/CMakeFiles/${CMAKE_VERSION}/CompilerIdC")
  string(APPEND RunCMake_TEST_FAILED "no compiler identification in the ordinary tree\n")
endif()
if(IS_DIRECTORY "${phase}/CMakeFiles/${CMAKE_VERSION}/CompilerIdC")
  string(APPEND RunCMake_TEST_FAILED "the phase tree identified the compiler again\n")
endif()
# It still has the cache entry that comes with the identification.
file(STRINGS "${phase}/CMakeCache.txt" format REGEX "^CMAKE_EXECUTABLE_FORMAT:INTERNAL=")
if(NOT format STREQUAL "CMAKE_EXECUTABLE_FORMAT:INTERNAL=ELF")
  string(APPEND RunCMake_TEST_FAILED "the phase tree's CMAKE_EXECUTABLE_FORMAT is '${format}', not ELF\n")
endif()
pgo_expect_flags("${phase}" "main\\.c$" PRESENT "-fprofile-generate=")
