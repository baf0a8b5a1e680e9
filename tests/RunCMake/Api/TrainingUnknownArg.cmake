find_package(PGO)
add_executable(app main.c lib.c)
pgo_add_training(NAME run BOGUS 1 COMMAND app)
