# Links with a compiler named in the recipe instead of $(CC): the flags
# cannot reach this link line.
CC = @CC@
CFLAGS = -O2

app: main.o stats.o
	cc -o $@ $^

main.o stats.o: stats.h

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
