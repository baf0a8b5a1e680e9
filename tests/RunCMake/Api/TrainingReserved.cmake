find_package(PGO)
pgo_add_training(NAME merge COMMAND true)
