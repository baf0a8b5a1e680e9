# Training runs go through the target's CROSSCOMPILING_EMULATOR.
set(CMAKE_CROSSCOMPILING_EMULATOR sh "${CMAKE_CURRENT_SOURCE_DIR}/emulator.sh" "${CMAKE_BINARY_DIR}/emulated")
find_package(PGO)
add_executable(app main.c lib.c)
pgo_target(app)
pgo_add_training(NAME run COMMAND app)
