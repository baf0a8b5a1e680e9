find_package(PGO 99)
message(STATUS "PGO_FOUND=${PGO_FOUND}")
add_executable(app main.c)
pgo_target(app)
