# A stand-in emulator: leaves a mark, then runs the program.
marker=$1
shift
: >"$marker"
exec "$@"
