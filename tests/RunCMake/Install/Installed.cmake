find_package(PGO 0.1 CONFIG REQUIRED)
add_executable(app main.c)
pgo_target(app)
pgo_add_training(NAME run COMMAND app)
