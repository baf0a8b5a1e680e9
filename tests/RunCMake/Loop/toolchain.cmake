# A toolchain file: the phase trees must load it too.
set(LOOP_FROM_TOOLCHAIN ON)
