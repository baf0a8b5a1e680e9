# Each training run has an empty scratch folder of its own, named by
# PGO_TRAINING_DIR and by @PGO_TRAINING_DIR@ in its arguments: two runs of
# a program that locks its data folder pass side by side.
find_package(PGO)
add_executable(scratchdb scratchdb.c)
pgo_target(scratchdb)
foreach(name IN ITEMS one two)
  pgo_add_training(NAME ${name} COMMAND scratchdb "@PGO_TRAINING_DIR@/db" "${CMAKE_BINARY_DIR}/${name}.log")
endforeach()
