# Binaries go to a directory outside the build tree.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${OUT_DIR}")
find_package(PGO)
add_executable(app main.c lib.c)
pgo_target(app)
pgo_add_training(NAME run COMMAND app)
