# Each COMMAND argument reaches the training run as it was given, as with
# add_test(): "a;b" stays one argument, "" stays an empty one.
find_package(PGO)
add_executable(argv argv.c)
pgo_target(argv)
pgo_add_training(NAME args COMMAND argv "${CMAKE_BINARY_DIR}/argv.txt" "a;b" "" "c d" "it's" "$(touch INJECTED)" "x\\y")
