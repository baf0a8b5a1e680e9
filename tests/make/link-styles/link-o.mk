# No recipes at all: make's built-in rules compile (COMPILE.c) and link
# (LINK.o, "main: main.o" with the program named after an object).
CC = @CC@
CFLAGS = -O2

main: main.o stats.o

main.o stats.o: stats.h

PGO_TRAIN = ./main --input data/typical.txt
include ../../make/pgo.mk
