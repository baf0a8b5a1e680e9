find_package(PGO REQUIRED)
# A program and the library that holds its hot helper, both opted in, and a
# tool that is not opted in but links the library.
add_library(work STATIC src/lib.c)
add_executable(app src/main.c)
target_link_libraries(app PRIVATE work)
add_executable(tool src/tool.c)
target_link_libraries(tool PRIVATE work)
target_compile_options(app PRIVATE -Wall -Wextra -Werror)
pgo_target(app work)
pgo_add_training(NAME run COMMAND app 300000)
