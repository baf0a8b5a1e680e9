# A benchmark that loads two opted-in shared libraries (one through the
# other), a plain shared library and an opted-in static one: the size
# change counts the executable and the two opted-in shared libraries.
find_package(PGO)
add_library(deep SHARED deep.c)
add_library(work SHARED work.c)
target_link_libraries(work PRIVATE deep)
add_library(other SHARED other.c)
add_library(helper STATIC other.c)
target_link_libraries(helper PUBLIC other)
add_executable(bench bench.c)
target_link_libraries(bench PRIVATE work helper)
pgo_target(deep work helper bench)
pgo_add_training(NAME t COMMAND bench 200000)
# An unbalanced "[" and a ";" in the regular expressions reach the spec.
pgo_add_benchmark(NAME loop COMMAND bench 300000
  METRIC ops "^ops=([0-9]+)$" METRIC lat "\\[lat ([0-9]+) us" items "items;([0-9]+)"
  WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
