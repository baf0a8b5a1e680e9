# Ninja Multi-Config with its default configurations (Debug first): a bare
# --target pgo_update must not put a Debug profile in the source tree.
find_package(PGO)
add_executable(app main.c lib.c)
pgo_target(app)
pgo_add_training(NAME run COMMAND app)
