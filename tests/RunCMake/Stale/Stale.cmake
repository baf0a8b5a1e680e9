find_package(PGO REQUIRED)
# As in a real project, added and removed files re-run configure.
file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/src/*.c")
add_executable(app ${sources})
# A project that treats every warning as an error: a stale profile must
# still build.
target_compile_options(app PRIVATE -Wall -Wextra -Werror)
pgo_target(app)
pgo_add_training(NAME run COMMAND app 1000)
