# PGO=auto prefers the default.profdata beside the target.
find_package(PGO)
add_executable(app main.c lib.c)
pgo_target(app)
add_subdirectory(sub)
