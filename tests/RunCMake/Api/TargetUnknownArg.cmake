find_package(PGO)
add_executable(app main.c lib.c)
pgo_target(app NOPE)
