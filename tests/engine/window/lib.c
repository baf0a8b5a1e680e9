/* An instrumented shared library for tests/engine/window.sh. */
__attribute__((noinline)) int lib_during(int x) { return x * 7 + 3; }
