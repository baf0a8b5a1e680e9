find_package(PGO REQUIRED)
# clang names every function of the profile that it cannot find: the test
# counts these warnings.
add_compile_options("SHELL:-mllvm -pgo-warn-missing-function")
# Sources generated in the build tree: their paths differ between the
# ordinary tree and the instrumented one (<build>/pgo/instrument).
configure_file(gen.c.in gen.c COPYONLY)
add_custom_command(OUTPUT made.c
  COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_CURRENT_SOURCE_DIR}/made.c.in" made.c
  DEPENDS made.c.in)
add_executable(app main.c sub/deep.c "${CMAKE_CURRENT_BINARY_DIR}/gen.c" made.c)
pgo_target(app)
pgo_add_training(NAME run COMMAND app 1000)
