find_package(PGO)
add_library(iface INTERFACE)
pgo_target(iface)
