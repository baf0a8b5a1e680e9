find_package(PGO)
pgo_add_training(NAME run COMMAND true WEIGHT)
