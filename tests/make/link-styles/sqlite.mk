# SQLite's amalgamation build: one command compiles the sources and links.
CC = @CC@
CFLAGS = -O2

app: main.c stats.c stats.h
	$(CC) $(CFLAGS) -o $@ main.c stats.c -lm

PGO_TRAIN = ./app --input data/typical.txt
include ../../make/pgo.mk
