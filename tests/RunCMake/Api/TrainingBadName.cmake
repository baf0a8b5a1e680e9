find_package(PGO)
pgo_add_training(NAME a.b COMMAND true)
